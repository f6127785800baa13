// loadFolder on small hand-written fixtures (test/fixtures/load): formats, quarantine rules, file-level
// problems, the 5 % guard, snapshots, idempotency and that no CPR number reaches the warehouse.
import ExcelJS from "exceljs";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { allTables, type Reason, reasons, tables } from "../../pipelines/contract.ts";
import type { Warehouse } from "../../pipelines/db.ts";
import { formatReport } from "../../pipelines/load/report.ts";
import { CPR_PATTERN, fixture, freshWarehouse, load, rows, tempDir } from "./helpers.ts";
import { allText } from "./scan.ts";


let wh: Warehouse;
beforeEach(async () => (wh = await freshWarehouse()));
afterEach(() => wh.close());

describe("a clean folder of every dialect", () => {
  it("loads every row typed, with the CPR number replaced", async () => {
    const { report, error } = await load(wh, { folder: fixture("basis") });
    expect(error).toBeUndefined();
    expect(report!.tables.map((t) => [t.table, t.rowsRead, t.rowsLoaded, t.rowsQuarantined])).toEqual([
      ["underretninger", 3, 3, 0],
      ["undersoegelser", 2, 2, 0],
      ["foranstaltninger", 3, 3, 0],
      ["handleplaner", 2, 2, 0],
      ["sagsbehandlere", 2, 2, 0],
      ["befolkning", 2, 2, 0],
    ]);
    const u = await rows(wh, `select underretning_id, foedselsdato::varchar d, koen, modtaget::varchar m, kilde, fagperson, vurderet::varchar v, kvitteret::varchar k, alvorlig, enhed, distrikt, _linje, typeof(barn_id) t from src_underretninger order by _linje`);
    expect(u[0]).toMatchObject({ underretning_id: "U1", d: "1915-01-01", koen: "pige", m: "2025-01-05 10:15:00", kilde: "skole", fagperson: true, v: "2025-01-05 12:00:00", k: "2025-01-06", alvorlig: false, _linje: 2, t: "UUID" });
    expect(u[1]).toMatchObject({ underretning_id: "U2", d: "2012-06-15", koen: "dreng", kilde: "politi", fagperson: null, alvorlig: true, distrikt: null });
    expect(u[2]).toMatchObject({ d: "2018-03-24", koen: "pige", distrikt: "Øst" });
    const f = await rows(wh, `select foranstaltning_id, startet::varchar s, ophoert::varchar o, samtykke, aarlig_udgift, paragraf from src_foranstaltninger order by 1`);
    expect(f).toEqual([
      { foranstaltning_id: "F1", s: "2025-02-01", o: null, samtykke: null, aarlig_udgift: 250000, paragraf: "BL § 32" },
      { foranstaltning_id: "F2", s: "2024-12-15", o: "2025-01-31", samtykke: true, aarlig_udgift: 12500.5, paragraf: "BL § 32" },
      { foranstaltning_id: "F3", s: "2024-12-15", o: null, samtykke: false, aarlig_udgift: 1234.5, paragraf: null },
    ]);
    expect(await rows(wh, `select normering, fra_dato::varchar f, til_dato::varchar t from src_sagsbehandlere order by 1 desc`)).toEqual([
      { normering: 1, f: "2020-01-01", t: null },
      { normering: 0.8, f: "2021-06-01", t: "2025-01-31" },
    ]);
    expect(await rows(wh, `select aar, antal_0_17 from src_befolkning order by 1`)).toEqual([
      { aar: 2024, antal_0_17: 12345 },
      { aar: 2025, antal_0_17: 12400 },
    ]);
    expect(await rows(wh, `select type from src_handleplaner order by 1`)).toEqual([{ type: "ny" }, { type: "revision" }]);
    expect(await rows(wh, `select frist_begrundelse from src_undersoegelser where undersoegelse_id = 'B2'`)).toEqual([
      { frist_begrundelse: "Afventer udtalelse, PPR" },
    ]);
    // The same child has the same pseudonym in every table.
    const ids = await rows(wh, `select count(distinct barn_id)::integer n from (select barn_id from src_underretninger union all select barn_id from src_foranstaltninger union all select barn_id from src_handleplaner)`);
    expect(ids).toEqual([{ n: 3 }]);
  });

  it("records formats, extra columns, checksums and the log", async () => {
    const { report } = await load(wh, { folder: fixture("basis") });
    const files = await rows(wh, `select tabel, format, tegnsaet, skilletegn, raekker_laest, raekker_indlaest, raekker_karantaene, ekstra_kolonner, length(sha256)::integer n from load_files order by tabel`);
    expect(files.find((f) => f.tabel === "underretninger")).toMatchObject({ tegnsaet: "utf-8", skilletegn: ";", ekstra_kolonner: "Bemærkning", n: 64 });
    expect(files.find((f) => f.tabel === "undersoegelser")).toMatchObject({ skilletegn: "," });
    expect(files.find((f) => f.tabel === "foranstaltninger")).toMatchObject({ tegnsaet: "windows-1252" });
    expect(files.find((f) => f.tabel === "handleplaner")).toMatchObject({ tegnsaet: "utf-8-bom" });
    const log = await rows(wh, `select load_id, as_of::varchar a, accept_rejects, demo_noegle, profil from load_log`);
    expect(log).toEqual([{ load_id: 1, a: "2025-02-01", accept_rejects: false, demo_noegle: false, profil: null }]);
    expect(report!.tables[0].extraColumns).toEqual(["Bemærkning"]);
    expect(formatReport(report!)).toMatch(/underretninger\s+underretninger\.csv\s+3\s+3\s+0/);
    expect(formatReport(report!)).toMatch(/ekstra kolonner \(ignoreret\): Bemærkning/);
    // Every src_ table exists once anything is loaded.
    const existing = await rows<{ n: string }>(wh, `select table_name n from information_schema.tables where table_name like 'src_%'`);
    expect(existing.map((t) => t.n).sort()).toEqual(allTables.map((t) => `src_${t.name}`).sort());
  });
});

describe("encodings", () => {
  it("reads a Windows-1252 file with æ ø å right", async () => {
    const { report } = await load(wh, { folder: fixture("cp1252") });
    expect(report!.tables[0].encoding).toBe("windows-1252");
    expect(await rows(wh, `select enhed, distrikt from src_underretninger order by _linje`)).toEqual([
      { enhed: "Børnefamilieenheden Østerå", distrikt: "Ærø" },
      { enhed: "Familieenheden Sønderå", distrikt: "Åbyhøj" },
    ]);
  });
});

describe("XLSX", () => {
  it("reads the first sheet: Excel date cells and text dates, line numbers of the sheet", async () => {
    const dir = tempDir();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Underretninger");
    wb.addWorksheet("Andet ark").addRow(["ignored"]);
    ws.addRow(["underretning_id", "CPR", "modtaget", "kilde", "enhed", "kvitteret", "alvorlig"]);
    ws.addRow(["U1", "010115-1234", new Date(Date.UTC(2025, 0, 5, 10, 15)), "skole", "Team Ø", new Date(Date.UTC(2025, 0, 6)), true]);
    ws.addRow(["U2", "1506124321", "06.01.2025 09:00", "politi", "Team Å", "07-01-2025", "nej"]);
    ws.addRow([]);
    ws.addRow(["U3", "240318-5678", new Date(Date.UTC(2025, 0, 7)), "skole", "Team Å", null, null]);
    ws.addRow(["U4", 240318_5678, "7/1/2025 8:00", "skole", "Team Å", null, null]);
    ws.addRow(["U5", 10115_1234, "2025-01-07 08:00", "skole", "Team Å", null, null]); // Excel dropped the leading 0
    await wb.xlsx.writeFile(join(dir, "underretninger.xlsx"));
    const { report, error } = await load(wh, { folder: dir, acceptRejects: true });
    expect(error).toBeUndefined();
    expect(report!.tables[0]).toMatchObject({ format: "xlsx", rowsRead: 5, rowsLoaded: 5 });
    expect(await rows(wh, `select foedselsdato::varchar d from src_underretninger where underretning_id = 'U5'`)).toEqual([{ d: "1915-01-01" }]);
    expect(await rows(wh, `select underretning_id, modtaget::varchar m, kvitteret::varchar k, alvorlig, enhed, _linje from src_underretninger where underretning_id < 'U5' order by _linje`)).toEqual([
      { underretning_id: "U1", m: "2025-01-05 10:15:00", k: "2025-01-06", alvorlig: true, enhed: "Team Ø", _linje: 2 },
      { underretning_id: "U2", m: "2025-01-06 09:00:00", k: "2025-01-07", alvorlig: false, enhed: "Team Å", _linje: 3 },
      { underretning_id: "U3", m: "2025-01-07 00:00:00", k: null, alvorlig: null, enhed: "Team Å", _linje: 5 },
      { underretning_id: "U4", m: "2025-01-07 08:00:00", k: null, alvorlig: null, enhed: "Team Å", _linje: 6 },
    ]);
  });
});

describe("source profiles", () => {
  it("maps display headers and values with data/profiles/visningsnavne.json", async () => {
    const { report, error } = await load(wh, { folder: fixture("profil"), profile: "visningsnavne" });
    expect(error).toBeUndefined();
    expect(report!.tables[0]).toMatchObject({ table: "underretninger", rowsLoaded: 3, extraColumns: ["Sagsbehandler"] });
    expect(await rows(wh, `select underretning_id, kilde, fagperson, modtaget::varchar m, vurderet::varchar v, enhed from src_underretninger order by _linje`)).toEqual([
      { underretning_id: "U1", kilde: "skole", fagperson: true, m: "2025-01-05 10:15:00", v: "2025-01-05 12:00:00", enhed: "Team Nord" },
      { underretning_id: "U2", kilde: "sundhed", fagperson: null, m: "2025-01-06 09:00:00", v: null, enhed: "Team Syd" },
      { underretning_id: "U3", kilde: "anonym", fagperson: null, m: "2025-01-07 08:00:00", v: null, enhed: "Team Syd" },
    ]);
    expect(await rows(wh, `select profil from load_log`)).toEqual([{ profil: "visningsnavne" }]);
  });
  it("fails without the profile, naming the missing column", async () => {
    const { error } = await load(wh, { folder: fixture("profil") });
    expect(error!.message).toMatch(/^Underretninger\.csv, linje 1: mangler de påkrævede kolonner underretning_id, .*\(underretninger\); overskriften læst: ".*--profile/);
    expect(error!.message.split("\n")).toHaveLength(1);
  });
  it("refuses a profile that names columns the contract does not have", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "p.json"), JSON.stringify({ tabeller: { underretninger: { kolonner: { A: "ukendt" } } } }));
    const { error } = await load(wh, { folder: fixture("basis"), profile: join(dir, "p.json") });
    expect(error!.message).toMatch(/kolonner\."A": "ukendt" er ikke en kolonne i underretninger/);
  });
});

describe("quarantine: one fixture per rule", () => {
  const expected: [string, number, string, string][] = [
    ["regel-0", 0, "distrikt", "ulaeselig_linje"],
    ["regel-1", 1, "modtaget", "ugyldig_vaerdi"],
    ["regel-1-mangler", 1, "enhed", "mangler"],
    ["regel-2", 2, "kilde", "ukendt_kode"],
    ["regel-3", 3, "cpr", "ugyldigt_cpr"],
    ["regel-4", 4, "underretning_id", "dublet"],
    ["regel-5", 5, "vurderet", "datoraekkefoelge"],
    ["regel-6", 6, "modtaget", "efter_as_of"],
  ];
  for (const [name, regel, kolonne, aarsag] of expected) {
    it(`${name}: line 5 is quarantined (${aarsag}), the rest loaded`, async () => {
      const { report, error } = await load(wh, { folder: fixture(name), acceptRejects: true });
      expect(error).toBeUndefined();
      const q = await rows(wh, `select fil, linje, kolonne, regel, aarsag, besked, raa_tekst from quarantine`);
      expect(q).toHaveLength(1);
      expect(q[0]).toMatchObject({ fil: "underretninger.csv", linje: 5, kolonne, regel, aarsag });
      expect(q[0].besked).toContain(reasons[aarsag as Reason].tekst); // the contract's Danish text, one home
      expect(q[0].raa_tekst).toMatch(/^U[29];[0-9]{6}-\*\*\*\*;/);
      const t = report!.tables[0];
      expect([t.rowsRead, t.rowsLoaded, t.rowsQuarantined]).toEqual([4, 3, 1]);
      expect(t.byReason).toEqual([{ regel, aarsag, antal: 1 }]);
      const [{ n }] = await rows<{ n: number }>(wh, `select count(*)::integer n from src_underretninger`);
      expect(n).toBe(t.rowsLoaded);
      expect(await rows(wh, `select raekker_laest, raekker_indlaest, raekker_karantaene from load_files`)).toEqual([
        { raekker_laest: 4, raekker_indlaest: 3, raekker_karantaene: 1 },
      ]);
      // The message names the offending code; the text is the line as written, CPR masked.
      if (regel === 2) expect(q[0]).toMatchObject({ besked: "kilde: koden findes ikke i kodelisten: nabo", raa_tekst: "U9;010115-****;08-01-2025 10:00;nabo;;;;;;;Team Nord;" });
      // Rule 4 keeps the first of the two rows.
      if (regel === 4) expect(await rows(wh, `select _linje from src_underretninger where underretning_id = 'U2'`)).toEqual([{ _linje: 3 }]);
    });
  }

  it("line numbers stay right around blank and unreadable lines", async () => {
    const dir = tempDir();
    const h = "underretning_id;cpr;modtaget;kilde;enhed\n";
    writeFileSync(join(dir, "underretninger.csv"), h + "A;010115-1234;05-01-2025 10:00;skole;T\n\nB;010115-1234;05-01-2025 10:00\nC;010115-1234;05-01-2025 10:00;skole;T\r\n\r\nD;010115-1234;05-01-2025 10:00;nabo;T\nE;010115-1234;05-01-2025 10:00;skole;T\n");
    const { report } = await load(wh, { folder: dir, acceptRejects: true });
    expect(await rows(wh, `select underretning_id, _linje from src_underretninger order by _linje`)).toEqual([
      { underretning_id: "A", _linje: 2 },
      { underretning_id: "C", _linje: 5 },
      { underretning_id: "E", _linje: 8 },
    ]);
    expect(await rows(wh, `select linje, regel from quarantine order by linje`)).toEqual([
      { linje: 4, regel: 0 },
      { linje: 7, regel: 2 },
    ]);
    expect(report!.tables[0]).toMatchObject({ rowsRead: 5, rowsLoaded: 3, rowsQuarantined: 2 });
  });
});

describe("typed reading", () => {
  it("rows the reader cannot type take the text path: other contract formats load, bad dates and repeated ids are quarantined", async () => {
    const dir = tempDir();
    const lines = [
      "underretning_id;cpr;modtaget;kilde;enhed;kvitteret",
      "A;010115-1234;05-01-2025 10:00;skole;T;06-01-2025",
      "B;010115-1234;2025-01-05 11:00;skole;T;2025-01-06", // another contract format: read as text, loaded
      "C;010115-1234;05-01-2025 12:00;skole;T;31-02-2025", // no such date
      "A;010115-1234;05.01.2025 13:00;skole;T;", // read as text, repeats A
      "D;010115-1234;05-01-2025 14:00;skole;T;",
      "D;010115-1234;05-01-2025 15:00;skole;T;",
      "D;010115-1234;05-01-2025 16:00;skole;T;",
    ];
    writeFileSync(join(dir, "underretninger.csv"), lines.join("\n") + "\n");
    const { report, error } = await load(wh, { folder: dir, acceptRejects: true });
    expect(error).toBeUndefined();
    expect(report!.tables[0]).toMatchObject({ rowsRead: 7, rowsLoaded: 3, rowsQuarantined: 4 });
    expect(await rows(wh, `select underretning_id, modtaget::varchar m, kvitteret::varchar k, _linje from src_underretninger order by _linje`)).toEqual([
      { underretning_id: "A", m: "2025-01-05 10:00:00", k: "2025-01-06", _linje: 2 },
      { underretning_id: "B", m: "2025-01-05 11:00:00", k: "2025-01-06", _linje: 3 },
      { underretning_id: "D", m: "2025-01-05 14:00:00", k: null, _linje: 6 },
    ]);
    expect(await rows(wh, `select linje, kolonne, regel, aarsag, raa_tekst from quarantine order by linje`)).toEqual([
      { linje: 4, kolonne: "kvitteret", regel: 1, aarsag: "ugyldig_vaerdi", raa_tekst: "C;010115-****;05-01-2025 12:00;skole;T;31-02-2025" },
      { linje: 5, kolonne: "underretning_id", regel: 4, aarsag: "dublet", raa_tekst: "A;010115-****;05.01.2025 13:00;skole;T;" },
      { linje: 7, kolonne: "underretning_id", regel: 4, aarsag: "dublet", raa_tekst: "D;010115-****;05-01-2025 15:00;skole;T;" },
      { linje: 8, kolonne: "underretning_id", regel: 4, aarsag: "dublet", raa_tekst: "D;010115-****;05-01-2025 16:00;skole;T;" },
    ]);
    // No staging or temporary table is left behind.
    expect(await rows(wh, `select table_name from information_schema.tables where table_name like '\\_libu%' escape '\\'`)).toEqual([]);
  });

  it("a Windows-1252 file with € (where it differs from the Latin-1 DuckDB reads) is transcoded first", async () => {
    const dir = tempDir();
    const text = "underretning_id;cpr;modtaget;kilde;enhed;distrikt\r\nU1;010115-1234;05-01-2025 10:00;skole;Team € Øst;Ærø\r\n";
    writeFileSync(join(dir, "underretninger.csv"), Buffer.from(text.replace("€", "\x80"), "latin1"));
    const { report } = await load(wh, { folder: dir });
    expect(report!.tables[0].encoding).toBe("windows-1252");
    expect(await rows(wh, `select enhed, distrikt from src_underretninger`)).toEqual([{ enhed: "Team € Øst", distrikt: "Ærø" }]);
  });
});

describe("file-level problems fail the whole load and change nothing", () => {
  const cases: [string, RegExp][] = [
    ["fejl-mangler-kolonne", /^underretninger\.csv, linje 1: mangler den påkrævede kolonne kilde \(underretninger\)/m],
    ["fejl-ukendt-tabel", /^boerneplaner\.csv: "boerneplaner" er ikke en tabel i eksportkontrakten/m],
    ["fejl-tom", /^underretninger\.csv: filen er tom/m],
    ["fejl-ingen-raekker", /^underretninger\.csv: ingen rækker med data/m],
    ["fejl-utf16", /^underretninger\.csv: ukendt tegnsæt \(UTF-16\)/m],
  ];
  for (const [name, message] of cases) {
    it(name, async () => {
      await load(wh, { folder: fixture("basis") });
      const before = await rows(wh, `select * from src_underretninger order by _linje`);
      const { error } = await load(wh, { folder: fixture(name) });
      expect(error?.name).toBe("InputError");
      expect(error!.exitCode).toBe(3);
      expect(error!.message).toMatch(message);
      expect(error!.problems).toHaveLength(1);
      expect(await rows(wh, `select * from src_underretninger order by _linje`)).toEqual(before);
      expect(await rows(wh, `select count(*)::integer n from load_log`)).toEqual([{ n: 1 }]);
    });
  }

  it("lists every problem, one line each", async () => {
    const dir = tempDir();
    copyFileSync(fixture("fejl-mangler-kolonne/underretninger.csv"), join(dir, "underretninger.csv"));
    writeFileSync(join(dir, "sager.csv"), "");
    writeFileSync(join(dir, "noget.csv"), "a;b\n1;2\n");
    const { error } = await load(wh, { folder: dir });
    expect(error!.message.split("\n")).toHaveLength(3);
  });

  it("a missing folder and a bad --as-of", async () => {
    expect((await load(wh, { folder: "/nonexistent/libu" })).error!.message).toMatch(/mappen findes ikke/);
    expect((await load(wh, { folder: fixture("basis"), asOf: "31-01-2025" })).error!.message).toMatch(/--as-of skal være en dato ÅÅÅÅ-MM-DD, ikke "31-01-2025"/);
  });
});

describe("the 5 % guard", () => {
  function folderWith(good: number, bad: number): string {
    const dir = tempDir();
    const lines = ["underretning_id;cpr;modtaget;kilde;enhed"];
    for (let i = 0; i < good; i++) lines.push(`G${i};010115-1234;05-01-2025 10:00;skole;Team`);
    for (let i = 0; i < bad; i++) lines.push(`B${i};010115-1234;05-01-2025 10:00;nabo;Team`);
    writeFileSync(join(dir, "underretninger.csv"), lines.join("\n") + "\n");
    return dir;
  }
  it("passes at 5 % quarantined", async () => {
    const { report, error } = await load(wh, { folder: folderWith(19, 1) });
    expect(error).toBeUndefined();
    expect(report!.tables[0].rowsQuarantined).toBe(1);
  });
  it("fails above 5 %, naming the file and the reasons, and changes nothing", async () => {
    const { error } = await load(wh, { folder: folderWith(19, 2) });
    expect(error!.message).toMatch(
      /^underretninger\.csv: 2 af 21 rækker \(9,5 %\) ville komme i karantæne, mere end 5 % \(regel 2 \(koden findes ikke i kodelisten\) i kilde: 2 \(fx "nabo"\)\).*--proev.*--accept-rejects/,
    );
    const t = await rows(wh, `select count(*)::integer n from information_schema.tables where table_name = 'load_log'`);
    expect(t).toEqual([{ n: 0 }]);
  });
  it("loads with --accept-rejects, and says so in the log", async () => {
    const { report } = await load(wh, { folder: folderWith(19, 2), acceptRejects: true });
    expect(report!.tables[0]).toMatchObject({ rowsRead: 21, rowsLoaded: 19, rowsQuarantined: 2 });
    expect(await rows(wh, `select accept_rejects from load_log`)).toEqual([{ accept_rejects: true }]);
  });
});

describe("snapshots", () => {
  it("a table in the folder replaces its snapshot; tables not in it keep theirs", async () => {
    await load(wh, { folder: fixture("basis") });
    const sager = await rows(wh, `select * from src_foranstaltninger order by _linje`);
    const { report } = await load(wh, { folder: fixture("basis2") });
    expect(report!.loadId).toBe(2);
    expect(await rows(wh, `select underretning_id, _load_id from src_underretninger order by _linje`)).toEqual([
      { underretning_id: "V1", _load_id: 2 },
      { underretning_id: "V2", _load_id: 2 },
    ]);
    expect(await rows(wh, `select * from src_foranstaltninger order by _linje`)).toEqual(sager);
  });

  it("refuses to keep a table whose pseudonyms an older libu wrote as text, and changes nothing", async () => {
    await load(wh, { folder: fixture("basis") });
    // As libu before the UUID pseudonym left it: barn_id as 64 hex characters.
    await wh.run(`alter table src_foranstaltninger alter barn_id type varchar using sha256(barn_id::varchar)`);
    const before = await rows(wh, `select underretning_id from src_underretninger order by _linje`);
    const { error } = await load(wh, { folder: fixture("basis2") });
    expect(error?.problems).toEqual([
      "foranstaltninger: skrevet af en ældre libu (barn_id som tekst), så dens børn passer ikke med denne indlæsnings — læg tabellens eksportfil i samme mappe som denne indlæsning, og indlæs igen",
    ]);
    expect(await rows(wh, `select underretning_id from src_underretninger order by _linje`)).toEqual(before);
    // With its export in the folder the table is replaced, and the load goes through.
    expect((await load(wh, { folder: fixture("basis") })).error).toBeUndefined();
    expect(await rows(wh, `select typeof(barn_id) t from src_foranstaltninger limit 1`)).toEqual([{ t: "UUID" }]);
  });

  it("loading the same files again gives the same tables", async () => {
    const snapshot = async () => {
      const out: Record<string, unknown[]> = {};
      for (const t of tables) out[t.name] = await rows(wh, `select * exclude (_load_id) from src_${t.name} order by _linje`);
      out.quarantine = await rows(wh, `select * exclude (load_id) from quarantine where load_id = (select max(load_id) from quarantine) order by linje`);
      out.files = await rows(wh, `select * exclude (load_id) from load_files where load_id = (select max(load_id) from load_files) order by tabel`);
      return out;
    };
    await load(wh, { folder: fixture("basis") });
    await load(wh, { folder: fixture("regel-4"), acceptRejects: true });
    const first = await snapshot();
    await load(wh, { folder: fixture("basis") });
    await load(wh, { folder: fixture("regel-4"), acceptRejects: true });
    expect(await snapshot()).toEqual(first);
  });
});

describe("children's data", () => {
  it("no CPR number in any warehouse table, the quarantine, the log or the report", async () => {
    const dir = tempDir();
    for (const f of ["basis", "regel-0", "regel-3"]) {
      const sub = join(dir, f);
      mkdirSync(sub);
    }
    const results = [
      await load(wh, { folder: fixture("basis") }, true),
      await load(wh, { folder: fixture("regel-0"), acceptRejects: true }),
      await load(wh, { folder: fixture("regel-3"), acceptRejects: true }),
      await load(wh, { folder: fixture("regel-2"), acceptRejects: true }),
      await load(wh, { folder: fixture("fejl-mangler-kolonne") }),
    ];
    const text = await allText(wh);
    expect(text.length).toBeGreaterThan(50);
    expect(text.filter((t) => CPR_PATTERN.test(t))).toEqual([]);
    for (const r of results) {
      expect(r.log).not.toMatch(CPR_PATTERN);
      if (r.report) expect(formatReport(r.report)).not.toMatch(CPR_PATTERN);
      if (r.error) expect(r.error.message).not.toMatch(CPR_PATTERN);
    }
    expect(results[0].log).toMatch(/demo-nøglen/);
    // The CPR column itself is nowhere.
    const cprCols = await rows(wh, `select table_name from information_schema.columns where column_name = 'cpr'`);
    expect(cprCols).toEqual([]);
  });

  it("a conversion error that echoes a value is masked", async () => {
    const { cleanError } = await import("../../pipelines/load/query.ts");
    expect(cleanError(new Error("Conversion Error: could not convert '010115-1234' to DATE\nmore"), "x.csv").message).toBe(
      "x.csv: Conversion Error: could not convert '010115-****' to DATE",
    );
  });
});
