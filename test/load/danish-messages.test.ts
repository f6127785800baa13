// Issue 9 deliverable 7: what the load says to its user is Danish and names no internal table or reason code.
// Drives the loader's error paths in process and scans each message (and the load report) for common English
// words and internal names.
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { reasons } from "../../pipelines/contract.ts";
import type { Warehouse } from "../../pipelines/db.ts";
import { formatReport } from "../../pipelines/load/report.ts";
import { fixture, freshWarehouse, load, tempDir } from "./helpers.ts";

const ENGLISH = [" the ", " must ", " no such ", " missing ", " not a ", "required", "expected", "invalid", " cannot ", " file is ", " unknown ", " should "];
/** The load's temp tables, the layers' tables, and the reason codes with an underscore (`ukendt_kode`, …). */
const INTERNAL = [/_libu_/, /\bstg_/, /\bsrc_/, /\bint_/, /\bmart_/, ...Object.keys(reasons).filter((r) => r.includes("_")).map((r) => new RegExp(`\\b${r}\\b`))];

function expectDanish(text: string, label: string): void {
  const padded = ` ${text.toLowerCase()} `;
  for (const w of ENGLISH) expect(padded.includes(w), `${label}: English "${w.trim()}" in: ${text}`).toBe(false);
  for (const re of INTERNAL) expect(re.test(text), `${label}: internal name ${re} in: ${text}`).toBe(false);
}

let wh: Warehouse;
beforeEach(async () => {
  wh = await freshWarehouse();
});
afterEach(() => wh.close());

/** A folder holding the given files (name → content). */
function folder(files: Record<string, string | Buffer>): string {
  const dir = tempDir();
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  return dir;
}

const header = "underretning_id;cpr;modtaget;kilde;enhed";

describe("the loader's error messages are Danish, one line each, without internal names", () => {
  const cases: [string, () => Parameters<typeof load>[1], RegExp][] = [
    ["a missing folder", () => ({ folder: "/nonexistent/libu" }), /^\/nonexistent\/libu: mappen findes ikke/],
    ["an empty folder", () => ({ folder: tempDir() }), /: ingen eksportfiler — forventede <tabel>\.csv/],
    ["a file that is no table", () => ({ folder: folder({ "boerneplaner.csv": "a;b\n1;2\n" }) }), /^boerneplaner\.csv: "boerneplaner" er ikke en tabel/],
    ["an empty file", () => ({ folder: fixture("fejl-tom") }), /^underretninger\.csv: filen er tom/],
    ["a header without rows", () => ({ folder: fixture("fejl-ingen-raekker") }), /^underretninger\.csv: ingen rækker med data/],
    ["a missing column", () => ({ folder: fixture("fejl-mangler-kolonne") }), /^underretninger\.csv, linje 1: mangler den påkrævede kolonne kilde/],
    ["UTF-16", () => ({ folder: fixture("fejl-utf16") }), /^underretninger\.csv: ukendt tegnsæt \(UTF-16\)/],
    ["no header row", () => ({ folder: folder({ "underretninger.csv": "\nU1;010115-1234;05-01-2025 10:00;skole;Team\n" }) }), /^underretninger\.csv, linje 1: /],
    [
      "a table given twice",
      () => {
        const dir = folder({ "underretninger.csv": `${header}\nU1;010115-1234;05-01-2025 10:00;skole;Team\n` });
        copyFileSync(join(dir, "underretninger.csv"), join(dir, "underretninger.xlsx"));
        return { folder: dir };
      },
      /tabellen underretninger er givet to gange/,
    ],
    ["a bad --as-of", () => ({ folder: fixture("basis"), asOf: "31-01-2025" }), /^--as-of skal være en dato ÅÅÅÅ-MM-DD/],
    ["an unknown profile", () => ({ folder: fixture("basis"), profile: "findes-ikke" }), /^--profile findes-ikke: ingen profil i /],
    [
      "a profile that is not JSON",
      () => {
        const dir = tempDir();
        writeFileSync(join(dir, "p.json"), '{\n  "navn": "x",\n  "tabeller": {,}\n}\n');
        return { folder: fixture("basis"), profile: join(dir, "p.json") };
      },
      /p\.json, linje 3, kolonne \d+: ikke gyldig JSON — ret profilen/,
    ],
    [
      "a profile with an unknown key",
      () => {
        const dir = tempDir();
        writeFileSync(join(dir, "p.json"), JSON.stringify({ tabeller: { underretninger: { kolonner: { "CPR-nr.": "cpr" } } }, ukendt: 1 }));
        return { folder: fixture("basis"), profile: join(dir, "p.json") };
      },
      /p\.json: /,
    ],
  ];
  for (const [label, opts, expected] of cases) {
    it(label, async () => {
      const { error, report } = await load(wh, opts());
      expect(report, label).toBeUndefined();
      expect(error!.message).toMatch(expected);
      for (const line of error!.message.split("\n")) expectDanish(line, label);
    });
  }

  it("the 5 % guard names the rule by its Danish text", async () => {
    const lines = [header, ...Array.from({ length: 5 }, (_, i) => `G${i};010115-1234;05-01-2025 10:00;skole;Team`), "B1;010115-1234;05-01-2025 10:00;nabo;Team"];
    const { error } = await load(wh, { folder: folder({ "underretninger.csv": lines.join("\n") + "\n" }) });
    expect(error!.message).toContain(`regel 2 (${reasons.ukendt_kode.tekst}) i kilde`);
    expectDanish(error!.message, "5 % guard");
  });
});

describe("the load report", () => {
  it("prints each quarantine rule with the contract's Danish text, never its internal code", async () => {
    const lines = [
      header,
      ...Array.from({ length: 40 }, (_, i) => `G${i};010115-1234;05-01-2025 10:00;skole;Team`),
      "B1;010115-1234;05-01-2025 10:00;nabo;Team",
      "B2;310299-1234;05-01-2025 10:00;skole;Team",
    ];
    const { report, error, log } = await load(wh, { folder: folder({ "underretninger.csv": lines.join("\n") + "\n" }) });
    expect(error).toBeUndefined();
    const text = formatReport(report!);
    expect(text).toMatch(/^indlæsning 1: 1 tabel fra /);
    expect(text).toContain(`regel 2 (${reasons.ukendt_kode.tekst}): 1`);
    expect(text).toContain(`regel 3 (${reasons.ugyldigt_cpr.tekst}): 1`);
    for (const line of [...text.split("\n"), ...log.split("\n")]) expectDanish(line, "report");
  });

  it("the dry run's examples too", async () => {
    const dir = folder({ "underretninger.csv": `${header}\nG1;010115-1234;05-01-2025 10:00;skole;Team\nB1;010115-1234;05-01-2025 10:00;nabo;Team\n` });
    const { report } = await load(wh, { folder: dir, proev: true });
    const text = formatReport(report!);
    expect(text).toContain(`regel 2 (${reasons.ukendt_kode.tekst}) i kilde: 1 (fx "nabo")`);
    for (const line of text.split("\n")) expectDanish(line, "proev");
  });
});

describe("the scan can fail", () => {
  it("finds English words and internal names", () => {
    expect(() => expectDanish("x.csv: no such folder", "t")).toThrow();
    expect(() => expectDanish("regel 2 ukendt_kode: 1", "t")).toThrow();
    expect(() => expectDanish("_libu_ny_underretninger: læst", "t")).toThrow();
    expect(() => expectDanish("x.csv: mappen findes ikke", "t")).not.toThrow();
  });
  it("reasons are Danish only", () => {
    for (const [code, r] of Object.entries(reasons)) expect(r.tekst, code).not.toMatch(/ \/ /);
  });
});

