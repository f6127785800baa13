// The cases of issue 11 as fixtures, each written here byte by byte (so the bytes are plain to read) and each able to
// fail on the load before the fix: an unclosed quote, a quote that closes rows later, a Windows-1252 line in a UTF-8
// file, a file cut inside a character, dot decimals in a `,` file, CPR numbers in every spelling wherever text is
// kept, extra columns, mixed keys, and the files and folders that used to give unclear messages.
import ExcelJS from "exceljs";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CPR_STANDALONE } from "../../pipelines/cpr.ts";
import type { Warehouse } from "../../pipelines/db.ts";
import { loadFolder } from "../../pipelines/load/load-folder.ts";
import { formatReport } from "../../pipelines/load/report.ts";
import { createLogger } from "../../pipelines/log.ts";
import { MAX_CELL_LENGTH } from "../../pipelines/contract.ts";
import { fixture, freshWarehouse, load, repoRoot, rows, tempDir } from "./helpers.ts";
import { allText } from "./scan.ts";

let wh: Warehouse;
beforeEach(async () => (wh = await freshWarehouse()));
afterEach(() => wh.close());

/** Every spelling of a CPR number the issue names: none, `-`, space, `.`, `/`, en dash, ` - `. */
export const SPELLINGS = ["0101151234", "010115-1234", "010115 1234", "010115.1234", "010115/1234", "010115\u20131234", "010115 - 1234"];

const HEADER = "underretning_id;cpr;modtaget;kilde;enhed;distrikt";
const row = (i: number, enhed = "Team Østerå", distrikt = "Ærø") => `U${i};010115-1234;05-01-2025 10:00;skole;${enhed};${distrikt}`;

/** A folder holding `files` (name → text, written as UTF-8, or bytes). */
function folderWith(files: Record<string, string | Buffer>, name = "eksport"): string {
  const dir = join(tempDir(), name);
  mkdirSync(dir);
  for (const [f, content] of Object.entries(files)) writeFileSync(join(dir, f), content);
  return dir;
}
const notifications = (n: number, edit: (i: number) => string = (i) => row(i)) =>
  [HEADER, ...Array.from({ length: n }, (_, k) => edit(k + 1))].join("\n") + "\n";
const cp1252 = (s: string) => Buffer.from(s, "latin1"); // æ ø å Æ Ø Å are the same bytes in Latin-1 and Windows-1252

async function baseline(): Promise<unknown[]> {
  expect((await load(wh, { folder: fixture("basis") })).error).toBeUndefined();
  return rows(wh, "select * from src_underretninger order by _linje");
}
const unchanged = async (before: unknown[]) => {
  expect(await rows(wh, "select * from src_underretninger order by _linje")).toEqual(before);
  expect(await rows(wh, "select count(*)::integer n from load_log")).toEqual([{ n: 1 }]);
};

describe("every row accounted for against the file itself", () => {
  it("an unclosed quote in row 30 of 2,818 fails the file with its line, and the snapshot stays (it read as 30 rows)", async () => {
    const before = await baseline();
    const dir = folderWith({ "underretninger.csv": notifications(2818, (i) => row(i, i === 30 ? '"Team Nord' : "Team Østerå")) });
    const { error } = await load(wh, { folder: dir });
    expect(error?.exitCode).toBe(3);
    // The scanner gives up after MAX_FIELD_LINES lines: no field of the contract runs that far.
    expect(error!.problems).toEqual([
      `underretninger.csv: linje 31: et anførselstegn (") åbner et felt, der ikke er lukket 11 linjer senere (linje 42), så rækkerne efter ville blive slugt af feltet — ret anførselstegnet i linjen (eller fjern det), eller eksportér filen igen`,
    ]);
    await unchanged(before);
  });

  it("a quote closed 17 rows later fails the file too (it became one 1,683-character enhed, CPR numbers included)", async () => {
    const before = await baseline();
    const text = notifications(2818, (i) => row(i, i === 30 ? '"Team Nord' : i === 47 ? 'Team Syd"' : "Team Østerå"));
    const { error } = await load(wh, { folder: folderWith({ "underretninger.csv": text }) });
    expect(error!.problems).toEqual([expect.stringMatching(/^underretninger\.csv: linje 31: .* ikke er lukket 11 linjer senere \(linje 42\)/)]);
    expect(error!.message).not.toMatch(CPR_STANDALONE);
    await unchanged(before);
  });

  it("a merged field longer than any sane value is a quarantined row, its swallowed CPR numbers masked", async () => {
    const long = "x".repeat(600);
    const text = notifications(2818, (i) => row(i, i === 30 ? '"Team Nord' : i === 32 ? 'Team Syd"' : "Team Østerå", i === 31 || i === 32 ? long : "Ærø"));
    const { report, error } = await load(wh, { folder: folderWith({ "underretninger.csv": text }) });
    expect(error).toBeUndefined();
    // 2,818 lines, of which rows 30–32 are one record: 2,816 records, every one loaded or quarantined.
    expect(report!.tables[0]).toMatchObject({ rowsRead: 2816, rowsLoaded: 2815, rowsQuarantined: 1 });
    const [{ longest }] = await rows<{ longest: number }>(wh, "select max(length(enhed))::integer longest from src_underretninger");
    expect(longest).toBeLessThanOrEqual(MAX_CELL_LENGTH);
    const q = await rows<{ linje: number; regel: number; raa_tekst: string }>(wh, "select linje, regel, raa_tekst from quarantine");
    expect(q).toMatchObject([{ linje: 31, regel: 1 }]);
    expect(q[0].raa_tekst).toContain("010115-****");
    expect(q[0].raa_tekst).not.toMatch(CPR_STANDALONE);
  });
});

describe("encoding per row", () => {
  it("one Windows-1252 line in a UTF-8 file: the other lines keep their æ ø å, the line is decoded and reported", async () => {
    const utf8 = Buffer.from(notifications(100).split("\n").slice(0, 50).join("\n") + "\n");
    const rest = notifications(100).split("\n").slice(51).join("\n");
    const file = Buffer.concat([utf8, cp1252(row(50) + "\n"), Buffer.from(rest)]);
    const { report, error } = await load(wh, { folder: folderWith({ "underretninger.csv": file }) });
    expect(error).toBeUndefined();
    expect(await rows(wh, "select distinct enhed, distrikt from src_underretninger")).toEqual([{ enhed: "Team Østerå", distrikt: "Ærø" }]);
    expect(report!.tables[0].encoding).toBe("utf-8 (1 linjer windows-1252)");
    expect(formatReport(report!)).toMatch(/1 linje var ikke UTF-8 og er læst som Windows-1252 \(linje 51\)/);
  });

  it("a file cut inside a UTF-8 character is refused with line and byte", async () => {
    const whole = Buffer.from(notifications(3) + "U4;010115-1234;05-01-2025 10:00;skole;Team Ø");
    const cut = whole.subarray(0, whole.length - 1); // the second byte of Ø is gone
    const { error } = await load(wh, { folder: folderWith({ "underretninger.csv": cut }) });
    expect(error!.problems).toEqual([`underretninger.csv, linje 5, byte ${cut.length}: filen slutter midt i et UTF-8-tegn — den er nok afkortet; eksportér den igen`]);
  });

  it("a BOM in front of a Windows-1252 file: read as Windows-1252, and said so", async () => {
    const file = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), cp1252(notifications(3))]);
    const { report, error } = await load(wh, { folder: folderWith({ "underretninger.csv": file }) });
    expect(error).toBeUndefined();
    expect(await rows(wh, "select distinct enhed from src_underretninger")).toEqual([{ enhed: "Team Østerå" }]);
    expect(report!.tables[0].encoding).toBe("utf-8 (3 linjer windows-1252)");
  });
});

describe("numbers by the file's convention", () => {
  it("dot decimals in a `,` file: 0.800 FTE is 0,8 and 1.000 is 1 (they were 800 and 1000); 250000.00 kr. is 250.000", async () => {
    const dir = folderWith({
      "sagsbehandlere.csv": "sagsbehandler_id,enhed,normering,fra_dato,til_dato\nSB1,Team Nord,0.800,2020-01-01,\nSB2,Team Syd,1.000,2020-01-01,\nSB3,Team Syd,0.5,2020-01-01,\n",
      "foranstaltninger.csv":
        "foranstaltning_id,cpr,type,startet,aarlig_udgift,enhed\nF1,010115-1234,aflastning,2024-12-15,250000.00,Team Nord\nF2,010115-1234,aflastning,2024-12-15,12500.50,Team Nord\n",
    });
    const { error } = await load(wh, { folder: dir });
    expect(error).toBeUndefined();
    expect(await rows(wh, "select sagsbehandler_id, normering from src_sagsbehandlere order by 1")).toEqual([
      { sagsbehandler_id: "SB1", normering: 0.8 },
      { sagsbehandler_id: "SB2", normering: 1 },
      { sagsbehandler_id: "SB3", normering: 0.5 },
    ]);
    expect(await rows(wh, "select aarlig_udgift from src_foranstaltninger order by 1")).toEqual([{ aarlig_udgift: 12500.5 }, { aarlig_udgift: 250000 }]);
  });

  it("a column with both conventions quarantines the value that could be either, and reads the others", async () => {
    const dir = folderWith({
      "sagsbehandlere.csv": "sagsbehandler_id;enhed;normering;fra_dato;til_dato\nSB1;Team;0.800;2020-01-01;\nSB2;Team;1,5;2020-01-01;\nSB3;Team;1.000;2020-01-01;\n",
    });
    const { report, error } = await load(wh, { folder: dir, acceptRejects: true });
    expect(error).toBeUndefined();
    expect(await rows(wh, "select sagsbehandler_id, normering from src_sagsbehandlere order by 1")).toEqual([
      { sagsbehandler_id: "SB1", normering: 0.8 },
      { sagsbehandler_id: "SB2", normering: 1.5 },
    ]);
    expect(await rows(wh, "select linje, kolonne, regel from quarantine")).toEqual([{ linje: 4, kolonne: "normering", regel: 1 }]);
    expect(report!.tables[0].notes.join("\n")).toMatch(/normering: begge skrivemåder/);
  });
});

describe("CPR numbers never in clear, in any spelling", () => {
  it("in free-text and id columns, the quarantine, the folder's name, load_log, the report and the log", async () => {
    const lines = SPELLINGS.flatMap((s, i) => [
      // loads: the number in the id, a free-text column and the unit
      `U-${s};010115-1234;05-01-2025 10:00;skole;Team ${s};distrikt ${s}`,
      // quarantined (unknown kilde): the number in the raw text
      `Q${i};010115-1234;05-01-2025 10:00;nabo ${s};Team ${s};${s}`,
    ]);
    const dir = folderWith(
      {
        "underretninger.csv": [HEADER, ...lines].join("\n") + "\n",
        "undersoegelser.csv": ["undersoegelse_id;cpr;startet;frist_begrundelse;enhed;sagsbehandler_id", ...SPELLINGS.map((s, i) => `B${i};010115-1234;2025-01-06;barnet ${s} flyttede;Team;SB ${s}`)].join("\n") + "\n",
        "foranstaltninger.csv": ["foranstaltning_id;cpr;type;paragraf;startet;enhed", ...SPELLINGS.map((s, i) => `F${i};010115-1234;aflastning;BL § 32 (${s});2024-12-15;Team`)].join("\n") + "\n",
      },
      `eksport ${SPELLINGS[2]}`,
    );
    const { report, error, log } = await load(wh, { folder: dir, acceptRejects: true });
    expect(error).toBeUndefined();
    expect(report!.tables[0]).toMatchObject({ rowsLoaded: SPELLINGS.length, rowsQuarantined: SPELLINGS.length });
    const text = await allText(wh);
    expect(text.filter((t) => CPR_STANDALONE.test(t))).toEqual([]);
    // Masked, not dropped: every spelling became DDMMYY-****.
    expect(await rows(wh, "select distinct enhed from src_underretninger")).toEqual([{ enhed: "Team 010115-****" }]);
    expect(await rows(wh, "select mappe from load_log")).toEqual([{ mappe: expect.stringMatching(/eksport 010115-\*\*\*\*$/) }]);
    expect((await rows<{ raa_tekst: string }>(wh, "select raa_tekst from quarantine")).every((q) => q.raa_tekst.includes("010115-****"))).toBe(true);
    const printed = formatReport(report!);
    expect(printed).toMatch(/fra .*eksport 010115-\*\*\*\*/);
    expect(printed).not.toMatch(CPR_STANDALONE);
    expect(log).not.toMatch(CPR_STANDALONE);
    expect(printed).toMatch(/CPR/);
  });

  it("in the message of a file-level failure", async () => {
    const dir = folderWith({ "underretninger.csv": notifications(40, (i) => row(i, i === 5 ? `"Team ${SPELLINGS[3]}` : `Team ${SPELLINGS[i % 7]}`)) }, `x ${SPELLINGS[5]}`);
    const { error, log } = await load(wh, { folder: dir });
    expect(error).toBeDefined();
    expect(error!.message + log).not.toMatch(CPR_STANDALONE);
  });
});

describe("only the contract's columns are kept", () => {
  it("a child's name and address in extra columns reach no table, not even with a quarantined row", async () => {
    const h = `${HEADER};navn;adresse`;
    const text = [h, `${row(1)};Peter Hansen;Hovedgaden 1, 8000 Aarhus`, `U2;010115-1234;05-01-2025 10:00;nabo;Team;Vest;Peter Hansen;Hovedgaden 1, 8000 Aarhus`, `U3;010115-1234;dårlig dato;skole;Team;Vest;Peter Hansen;Hovedgaden 1`].join("\n") + "\n";
    const { report, error } = await load(wh, { folder: folderWith({ "underretninger.csv": text }), acceptRejects: true });
    expect(error).toBeUndefined();
    expect(report!.tables[0]).toMatchObject({ rowsLoaded: 1, rowsQuarantined: 2, extraColumns: ["navn", "adresse"] });
    const text2 = await allText(wh);
    expect(text2.filter((t) => /Peter|Hansen|Hovedgaden|Aarhus/.test(t))).toEqual([]);
    expect(await rows(wh, "select ekstra_kolonner from load_files")).toEqual([{ ekstra_kolonner: "navn, adresse" }]);
    expect(formatReport(report!)).toMatch(/ekstra kolonner \(ignoreret\): navn, adresse/);
    expect(formatReport(report!)).not.toMatch(/Peter|Hovedgaden/);
  });
});

describe("one key per warehouse", () => {
  const loadWith = (key: string, folder: string, rekey = false) =>
    loadFolder(wh, { folder, asOf: "2025-02-01", rekey }, { log: createLogger({ write: () => {} }), pseudonym: { key, demo: false }, cwd: repoRoot });

  it("a reload of one table with another key is refused before anything is read, and nothing changes", async () => {
    await loadWith("nøgle A", fixture("basis"));
    const before = await rows(wh, "select * from src_underretninger order by _linje");
    const err = await loadWith("nøgle B", fixture("basis2")).catch((e) => e);
    expect(err.exitCode).toBe(5);
    expect(err.message).toMatch(/lageret er bygget med en anden pseudonymiseringsnøgle \(fingeraftryk [0-9a-f]{8}…, denne nøgle [0-9a-f]{8}…\); intet er indlæst — .*libu rekey <mappe>/);
    expect(err.message).not.toMatch(/nøgle [AB]\b/);
    expect(await rows(wh, "select * from src_underretninger order by _linje")).toEqual(before);
    expect(await rows(wh, "select count(*)::integer n from load_log")).toEqual([{ n: 1 }]);
  });

  it("rekey with every loaded table changes the key; with a table missing it is refused", async () => {
    await loadWith("nøgle A", fixture("basis"));
    const err = await loadWith("nøgle B", fixture("basis2"), true).catch((e) => e);
    expect(err.exitCode).toBe(5);
    expect(err.message).toMatch(/^libu rekey: src_\w+(, src_\w+)* har rækker, men mappen har ingen fil/);
    await loadWith("nøgle B", fixture("basis"), true);
    const children = await rows<{ n: number }>(wh, "select count(distinct barn_id)::integer n from (select barn_id from src_underretninger union all select barn_id from src_foranstaltninger)");
    expect(children).toEqual([{ n: 3 }]); // one pseudonym per child across tables, under the new key
    await loadWith("nøgle B", fixture("basis2"));
    expect((await loadWith("nøgle A", fixture("basis2")).catch((e) => e)).exitCode).toBe(5);
  });
});

describe("files and folders that gave unclear messages", () => {
  const problemOf = async (files: Record<string, string | Buffer>) => (await load(wh, { folder: folderWith(files) })).error?.problems;

  it("a CSV named .xlsx", async () => {
    expect(await problemOf({ "underretninger.xlsx": notifications(2) })).toEqual([
      "underretninger.xlsx: filen er ikke en Excel-projektmappe, men ser ud til at være tekst (CSV) — giv den endelsen .csv",
    ]);
  });

  it("an old .xls named .xlsx", async () => {
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    expect(await problemOf({ "underretninger.xlsx": xls })).toEqual([
      "underretninger.xlsx: filen er en gammel Excel-fil (.xls) med endelsen .xlsx — åbn den i Excel og gem den som .xlsx (Excel-projektmappe) eller som CSV",
    ]);
  });

  it("a workbook whose first sheet is empty names the sheet and the sheets that hold something", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Forside");
    const data = wb.addWorksheet("Underretninger");
    for (const line of notifications(2).trim().split("\n")) data.addRow(line.split(";"));
    const dir = folderWith({});
    await wb.xlsx.writeFile(join(dir, "underretninger.xlsx"));
    const { error } = await load(wh, { folder: dir });
    expect(error!.problems).toEqual([
      "underretninger.xlsx: det første ark («Forside») er tomt, og libu læser det første ark — flyt dataene til det første ark, eller slet det tomme ark (arbejdsbogen har også: «Underretninger»)",
    ]);
  });

  it("a tab-delimited file (it said 'missing required column' for columns that are there)", async () => {
    expect(await problemOf({ "underretninger.csv": notifications(2).replaceAll(";", "\t") })).toEqual([
      "underretninger.csv, linje 1: kolonnerne er adskilt af tabulatortegn — libu læser ; eller , som skilletegn; gem filen som CSV med semikolon (;)",
    ]);
  });

  it("a file where a folder is expected", async () => {
    const dir = folderWith({ "underretninger.csv": notifications(2) });
    const { error } = await load(wh, { folder: join(dir, "underretninger.csv") });
    expect(error!.problems).toEqual([`${join(dir, "underretninger.csv")}: er en fil, ikke en mappe — giv mappen med eksportfilerne (fx ${dir})`]);
  });
});
