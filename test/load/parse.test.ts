// Every value format of the contract, through the SQL the loader uses (parse-sql.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Column } from "../../pipelines/contract.ts";
import { lit, openMemory, type Warehouse } from "../../pipelines/db.ts";
import { parseExpr, patterns, sniffPattern } from "../../pipelines/load/parse-sql.ts";
import {
  blankLines,
  detectDelimiter,
  detectEncoding,
  hasC1Bytes,
  mixedLineEnds,
  sampleRows,
  splitCsvLine,
  unsupportedEncoding,
} from "../../pipelines/load/detect.ts";
import { normaliseName } from "../../pipelines/load/header.ts";

let wh: Warehouse;
beforeAll(async () => (wh = await openMemory()));
afterAll(() => wh.close());

const col = (type: Column["type"]): Column => ({ name: "x", type, required: false, description: "" });

/** Parses each value with the column type's SQL expression; results as text (NULL → null). */
async function parse(type: Column["type"], values: (string | null)[], first?: string): Promise<(string | null)[]> {
  const vals = values.map((v, i) => `(${i}, ${v === null ? "null" : lit(v)})`).join(", ");
  const out = await wh.all<{ y: string | null }>(
    `select cast(${parseExpr(col(type), "x", { first })} as varchar) as y from (values ${vals}) t(i, x) order by i`,
  );
  return out.map((r) => r.y);
}

describe("dates", () => {
  it("reads the four contract formats", async () => {
    expect(await parse("date", ["2025-01-31", "31-01-2025", "31.01.2025", "31/01/2025", " 31.01.2025 "])).toEqual(Array(5).fill("2025-01-31"));
  });
  it("reads the other formats when the sniffed one misses", async () => {
    expect(await parse("date", ["2025-01-31", "31.01.2025"], "%d-%m-%Y")).toEqual(["2025-01-31", "2025-01-31"]);
  });
  it("gives NULL for impossible or foreign dates and empty cells", async () => {
    expect(await parse("date", ["2025-02-30", "31-13-2025", "01/31/2025", "2025.01.31", "i går", "", null])).toEqual(Array(7).fill(null));
  });
});

describe("timestamps", () => {
  it("reads the dates followed by HH:MM or HH:MM:SS, and ISO T", async () => {
    expect(
      await parse("timestamp", ["2025-01-31 08:05", "31-01-2025 08:05:00", "31.01.2025 08:05", "31/01/2025 08:05:00", "2025-01-31T08:05", "2025-01-31T08:05:00"]),
    ).toEqual(Array(6).fill("2025-01-31 08:05:00"));
  });
  it("refuses a date without time and a time out of range", async () => {
    expect(await parse("timestamp", ["2025-01-31", "31-01-2025 25:00", "31-01-2025 8"])).toEqual([null, null, null]);
  });
});

describe("booleans", () => {
  it("reads ja/nej, j/n, true/false, 1/0, x in any case; empty is NULL", async () => {
    expect(await parse("bool", ["ja", "NEJ", "J", "n", "True", "FALSE", "1", "0", "x", "X", "", null, " ja "])).toEqual([
      "true", "false", "true", "false", "true", "false", "true", "false", "true", "true", null, null, "true",
    ]);
  });
  it("gives NULL for anything else", async () => {
    expect(await parse("bool", ["yes", "2", "jaa", "-"])).toEqual([null, null, null, null]);
  });
});

describe("decimals and integers", () => {
  it("reads 12,5 and 12.5 and Danish thousands separators", async () => {
    expect(await parse("decimal", ["12,5", "12.5", "1.234,5", "1.234.567,25", "-0,8", "1,0", "250.000,00", "42"])).toEqual([
      "12.5", "12.5", "1234.5", "1234567.25", "-0.8", "1.0", "250000.0", "42.0",
    ]);
  });
  it("gives NULL for text, two decimal commas and exponent notation", async () => {
    expect(await parse("decimal", ["tolv", "1,2,3", "1e5", "", "nan"])).toEqual([null, null, null, null, null]);
  });
  it("reads integers, with Danish thousands separators", async () => {
    expect(await parse("integer", ["2025", "12.345", "-3", "1,5", "x", "12.34"])).toEqual(["2025", "12345", "-3", null, null, null]);
  });
});

describe("text and codes", () => {
  it("trims text; blank is NULL", async () => {
    expect(await parse("text", [" Team Nord ", "Team Nord", "   ", null])).toEqual(["Team Nord", "Team Nord", null, null]);
  });
  it("lower-cases and trims codes, with or without the code list's fast path", async () => {
    const codes = ["skole"];
    const vals = ["skole", " Skole", "NABO", "  "];
    const out = await wh.all<{ a: string | null; b: string | null }>(
      `select ${parseExpr({ ...col("code") }, "x", { codes })} as a, ${parseExpr(col("code"), "x")} as b from (values ${vals.map((v, i) => `(${i}, ${lit(v)})`).join(", ")}) t(i, x) order by i`,
    );
    expect(out.map((r) => r.a)).toEqual(["skole", "skole", "nabo", null]);
    expect(out.map((r) => r.b)).toEqual(["skole", "skole", "nabo", null]);
  });
});

describe("sniffing the date format", () => {
  it("picks the pattern most sample values have", () => {
    expect(sniffPattern(["31.01.2025", "01.02.2025", "2025-01-03"], patterns("date"))).toBe("%d.%m.%Y");
    expect(sniffPattern(["31-01-2025 10:00", "01-02-2025 11:00:05"], patterns("timestamp"))).toBe("%d-%m-%Y %H:%M");
    expect(sniffPattern([], patterns("date"))).toBeUndefined();
  });
  it("puts the profile's hint first", () => {
    expect(patterns("date", "DD/MM/YYYY")[0]).toBe("%d/%m/%Y");
  });
});

describe("detecting the file format", () => {
  it("tells UTF-8, UTF-8 with BOM and Windows-1252 apart", () => {
    expect(detectEncoding(Buffer.from("enhed\nØster", "utf8"))).toBe("utf-8");
    expect(detectEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("a;b")]))).toBe("utf-8-bom");
    expect(detectEncoding(Buffer.from([0x4f, 0x73, 0x74, 0xe6, 0xf8, 0xe5]))).toBe("windows-1252");
  });
  it("refuses UTF-16 and binary data", () => {
    expect(unsupportedEncoding(Buffer.from("\ufeffa;b", "utf16le"))).toMatch(/UTF-16/);
    expect(unsupportedEncoding(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toMatch(/ukendt tegnsæt/);
  });
  it("detects ; or , from the header, outside quotes", () => {
    expect(detectDelimiter("a;b;c")).toBe(";");
    expect(detectDelimiter("a,b,c")).toBe(",");
    expect(detectDelimiter('"a,1";"b,2";c')).toBe(";");
  });
  it("splits a quoted header line", () => {
    expect(splitCsvLine('a;"b;c";"d ""e"""', ";")).toEqual(["a", "b;c", 'd "e"']);
  });
  it("finds blank lines by their number", () => {
    expect(blankLines(Buffer.from("h\n1\n\n2\r\n\r\n3\n"))).toEqual([3, 5]);
    expect(blankLines(Buffer.from("h\n1\n2\n"))).toEqual([]);
  });
  it("finds the bytes where Windows-1252 differs from Latin-1 (€ “ –), at any offset", () => {
    const text = Buffer.from([0x4f, 0x73, 0x74, 0xe6, 0xf8, 0xe5, 0x3b, 0x41, 0x42, 0x43, 0x44, 0x45]);
    expect(hasC1Bytes(text)).toBe(false);
    for (let at = 0; at < text.length; at++) {
      const b = Buffer.from(text);
      b[at] = 0x80; // €
      for (let off = 0; off < 4; off++) expect(hasC1Bytes(b.subarray(off)), `€ at ${at}, offset ${off}`).toBe(at >= off);
    }
    expect(hasC1Bytes(Buffer.from([0x96]))).toBe(true);
    expect(hasC1Bytes(Buffer.from([0xa0, 0x7f, 0xff]))).toBe(false);
  });
  it("tells mixed line ends from \\r\\n with line breaks inside quoted cells", () => {
    expect(mixedLineEnds(Buffer.from("a\r\nb\r\n"))).toBe(false);
    expect(mixedLineEnds(Buffer.from("a\nb\n"))).toBe(false);
    expect(mixedLineEnds(Buffer.from("a\r\nb\nc\r\n"))).toBe(true);
    expect(mixedLineEnds(Buffer.from('a\r\n"x\ny"\r\n'))).toBe(false);
    expect(mixedLineEnds(Buffer.from('a\r\n"x\ny"\n'))).toBe(true);
  });
  it("samples the first data rows, split into cells, without a cut-off last line", () => {
    expect(sampleRows("h1;h2\r\n1;2\r\n\r\n3;4\r\n5;", false, ";")).toEqual([["1", "2"], ["3", "4"]]);
    expect(sampleRows("h1;h2\n1;2\n5;6", true, ";")).toEqual([["1", "2"], ["5", "6"]]);
  });
  it("normalises header names: trimmed, lower case, æøå as ae oe aa", () => {
    expect(normaliseName("  Undersøgelse_ID ")).toBe("undersoegelse_id");
    expect(normaliseName("BØRNESAMTALE_Å_Æ")).toBe("boernesamtale_aa_ae");
  });
});
