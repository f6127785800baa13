// The file's own record count (lines.ts), independent of DuckDB's reader, and the per-row encoding (encoding.ts).
import { describe, expect, it } from "vitest";
import { decodeMixed } from "../../pipelines/load/encoding.ts";
import { MAX_FIELD_LINES, scanLines } from "../../pipelines/load/lines.ts";

const b = (s: string) => Buffer.from(s, "utf8");

describe("scanLines", () => {
  it("counts records, blank lines and quoted line breaks", () => {
    expect(scanLines(b("a;b\n1;2\n3;4\n"), ";")).toEqual({ records: 2, blankLines: [], continuationLines: [] });
    expect(scanLines(b("a;b\r\n1;2\r\n\r\n3;4"), ";")).toEqual({ records: 2, blankLines: [3], continuationLines: [] });
    expect(scanLines(b('a;b\n1;"x\ny";z\n3;4\n'), ";")).toEqual({ records: 2, blankLines: [], continuationLines: [3] });
    expect(scanLines(b('a;b\n1;"x "" y";z\n"3";"4"\n'), ";")).toEqual({ records: 2, blankLines: [], continuationLines: [] });
    // A quote inside an unquoted field is text, as for the reader.
    expect(scanLines(b('a;b\n1;5" skærm\n3;4\n'), ";")).toEqual({ records: 2, blankLines: [], continuationLines: [] });
    expect(scanLines(b("a,b\n1,2\n"), ",").records).toBe(1);
  });

  it("finds an unclosed quote: never closed, or closed too many lines later", () => {
    const rows = Array.from({ length: 40 }, (_, i) => `U${i};Team ${i}`);
    const near = [...rows];
    near[36] = 'U36;"Team 36';
    const never = scanLines(b(["id;enhed", ...near].join("\n") + "\n"), ";");
    expect(never.unclosedQuote).toMatchObject({ line: 38, toLine: null });
    rows[29] = 'U29;"Team 29';
    const late = scanLines(b(["id;enhed", ...rows].join("\n") + "\n"), ";");
    expect(late.unclosedQuote).toMatchObject({ line: 31, toLine: 31 + MAX_FIELD_LINES + 1 });
  });
});

describe("decodeMixed", () => {
  it("in a large file finds the one valid UTF-8 character among thousands of Windows-1252 bytes, and finds none when there is none", () => {
    // Over 4 KB the check is V8's regular expression over the bytes read as Latin-1, not the byte loop.
    const cp = Buffer.from("a;b\n" + "Team Østerå § 52 – “x”;Ærø\n".repeat(500), "latin1");
    expect(cp.length).toBeGreaterThan(8192);
    expect(decodeMixed(cp)).toBeUndefined();
    const withOne = Buffer.concat([cp, Buffer.from("Team Øst;x\n", "utf8")]);
    const d = decodeMixed(withOne);
    expect(d && "recoded" in d && d.recoded.length).toBe(500);
    // Byte patterns of UTF-8 that are not characters (an overlong form, a surrogate) are not taken for one.
    expect(decodeMixed(Buffer.concat([cp, Buffer.from([0xe0, 0x80, 0x80, 0x0a, 0xed, 0xa0, 0x80, 0x0a])]))).toBeUndefined();
  });

  const cp = (s: string) => Buffer.from(s, "latin1");
  it("keeps UTF-8 rows and decodes a Windows-1252 row, reporting its line", () => {
    const buf = Buffer.concat([b("enhed;x\nØster;1\n"), cp("Søndre;2\n"), b("Vest å;3\n")]);
    const d = decodeMixed(buf);
    expect(d && "utf8" in d && d.utf8.toString("utf8")).toBe("enhed;x\nØster;1\nSøndre;2\nVest å;3\n");
    expect(d && "recoded" in d && d.recoded).toEqual([3]);
  });
  it("a BOM in front of a Windows-1252 file: every line decoded as Windows-1252, none as mojibake", () => {
    const d = decodeMixed(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), cp("enhed;x\nSøndre;1\n")]));
    expect(d && "utf8" in d && d.utf8.toString("utf8")).toBe("enhed;x\nSøndre;1\n");
  });
  it("refuses a line that mixes both, and a file cut inside a character, with line and byte", () => {
    const mixed = decodeMixed(Buffer.concat([b("enhed\nØster "), cp("Søndre\n")]));
    expect(mixed).toEqual({ problem: expect.stringMatching(/^linje 2, byte 15: linjen blander UTF-8/) });
    const cut = decodeMixed(b("enhed\nØster\nSø").subarray(0, -1));
    expect(cut).toEqual({ problem: expect.stringMatching(/^linje 3, byte 15: filen slutter midt i et UTF-8-tegn/) });
  });
  it("leaves a file with no UTF-8 in it to be read as Windows-1252 whole", () => {
    expect(decodeMixed(cp("enhed\nSøndre\n"))).toBeUndefined();
  });
});

