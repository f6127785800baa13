// Source profiles v2 (data/profiles/README.md), feature by feature on small hand-made exports: validation with the
// nearest valid name, header rows, footers and filters, several files per table with their own lines, derived
// columns, value maps, date formats, CPR normalisation, sheets and wide tables.
import ExcelJS from "exceljs";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Warehouse } from "../../pipelines/db.ts";
import { encodeWindows1252 } from "../../pipelines/demo/write.ts";
import { checkProfile } from "../../pipelines/load/profile/check.ts";
import { freshWarehouse, load, rows, tempDir } from "../load/helpers.ts";

let wh: Warehouse;
beforeEach(async () => {
  wh = await freshWarehouse();
});
afterEach(() => wh.close());

/** A folder with `files` (name → text, or bytes) and the profile `p.json`. */
function folder(files: Record<string, string | Buffer>, profile: object): { dir: string; profile: string } {
  const dir = tempDir();
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  writeFileSync(join(dir, "..", `${dir.split("/").pop()}.json`), JSON.stringify(profile));
  return { dir, profile: join(dir, "..", `${dir.split("/").pop()}.json`) };
}

describe("validation: every key, with the nearest valid name", () => {
  it("names an unknown key, table, column, code and date format", () => {
    const problems = checkProfile({
      kolonnner: {},
      tabeller: {
        underretning: {},
        underretninger: {
          kolonner: { Kilde: "kilden" },
          vaerdier: { kilde: { Skole: "skolen", eksakt: {} } },
          datoformat: "DD.MM.YYY",
          afledte: [{ kolonne: "enhed", konstant: "Team Nord", ekstra: 1 }],
        },
        foranstaltninger: { vaerdier: { type: { praefiks: { Pleje: "plejefamilien" }, ellers: "andet" } } },
      },
    });
    expect(problems).toEqual([
      expect.stringMatching(/^kolonnner: ukendt nøgle — mente du "kolonner"\?/),
      expect.stringMatching(/^tabeller\.underretning: "underretning" er ikke en tabel i kontrakten — mente du "underretninger"\?/),
      expect.stringMatching(/^tabeller\.underretninger\.kolonner\."Kilde": "kilden" er ikke en kolonne i underretninger — mente du "kilde"\?/),
      expect.stringMatching(/^tabeller\.underretninger\.vaerdier\.kilde\.Skole: ukendt nøgle — mente du/),
      expect.stringMatching(/^tabeller\.underretninger\.datoformat: "DD\.MM\.YYY" er ikke et datoformat — mente du "DD\.MM\.YYYY"\?/),
      expect.stringMatching(/^tabeller\.underretninger\.afledte\[0\]\.ekstra: ukendt nøgle — mente du/),
      expect.stringMatching(/^tabeller\.foranstaltninger\.vaerdier\.type\.praefiks\."Pleje": "plejefamilien" er ikke en kode i kodelisten — mente du "plejefamilie"\?/),
      expect.stringMatching(/^tabeller\.foranstaltninger\.vaerdier\.type\.ellers: "andet" er ikke en kode i kodelisten — mente du/),
    ]);
  });
  it("a plain value map's targets are checked against the code list", () => {
    expect(checkProfile({ tabeller: { underretninger: { vaerdier: { kilde: { Skole: "skolen" } } } } })).toEqual([
      expect.stringMatching(/vaerdier\.kilde\."Skole": "skolen" er ikke en kode i kodelisten — mente du "skole"\?/),
    ]);
  });
  it("a pattern that cannot be used, and a split whose groups do not match its columns", () => {
    const problems = checkProfile({
      tabeller: { foranstaltninger: { udelad: [{ kolonne: "x", moenster: "(" }], afledte: [{ kolonner: ["type", "paragraf"], fra: "F", moenster: "^(.*)$" }] } },
    });
    expect(problems).toEqual([expect.stringMatching(/udelad\[0\]\.moenster: ugyldigt mønster "\("/), expect.stringMatching(/afledte\[0\]\.moenster: har 1 gruppe\(r\) .* kolonner nævner 2/)]);
  });
  it("a missing profile lists the available ones", async () => {
    const { error } = await load(wh, { folder: tempDir(), profile: "dubu" });
    expect(error!.message).toMatch(/--profile dubu: ingen profil .* — mente du "dubu-bi"\?.*Tilgængelige profiler: dubu-bi, enhedsfiler, statistikbanken-folk1a, visningsnavne/);
  });
  it("every example profile in data/profiles is valid", () => {
    for (const name of ["dubu-bi", "enhedsfiler", "statistikbanken-folk1a", "visningsnavne"]) {
      const p = JSON.parse(readFileSync(new URL(`../../data/profiles/${name}.json`, import.meta.url), "utf8"));
      expect(checkProfile(p), name).toEqual([]);
    }
  });
});

const header = "Underretnings-ID;CPR-nr.;Modtaget dato;Kl.;Kilde;Afdeling";

describe("rows: header below title rows, footer, filters, several files", () => {
  const profile = {
    filer: { "Underretninger_*": "underretninger" },
    kolonner: { "Underretnings-ID": "underretning_id", "CPR-nr.": "cpr", Afdeling: "enhed" },
    datoformat: "YYYYMMDD",
    normaliserCpr: true,
    tabeller: {
      underretninger: {
        afledte: [{ kolonne: "modtaget", saml: ["Modtaget dato", "Kl."] }],
        udelad: [{ kolonne: "Afdeling", starterMed: "Test" }],
        slutVed: { kolonne: "Underretnings-ID", er: "I alt" },
        vaerdier: { kilde: { eksakt: { Skole: "skole" }, moenster: { "^Syge": "sundhed" }, praefiks: { Politi: "politi" }, ellers: "andet" } },
      },
    },
  };
  const a = ["Udtræk af underretninger", "Dannet 01.02.2025", header, "U1;010115 1234;20250105;10:15;Skole;Team Nord", "U2;101151234;20250106;09:00;Sygehus Syd;Team Nord", "U3;240318-5678;20250107;08:00;Politikreds X;Testenhed", "I alt;3;;;;", "Udskrevet af DUBU"];
  const b = [header, "U4;240318-5678;20250107;08:00;Nabo;Team Syd", "U1;240318-5678;2025-01-07;08:00;Skole;Team Syd", "U5;240318-5678;2025/01/19;08:00;Skole;Team Syd"];

  it("loads both files as one table, each row with its own file and line", async () => {
    const f = folder({ "Underretninger_2025-01.csv": a.join("\r\n"), "Underretninger_2025-02.csv": encodeWindows1252(b.join("\n")) }, profile);
    const { report, error } = await load(wh, { folder: f.dir, profile: f.profile, acceptRejects: true });
    expect(error).toBeUndefined();
    const t = report!.tables[0];
    expect(t).toMatchObject({ table: "underretninger", file: "Underretninger_2025-01.csv, Underretninger_2025-02.csv", rowsRead: 5, rowsLoaded: 3 });
    expect(t.udeladt).toEqual([
      { regel: "slutVed", kolonne: "Underretnings-ID", antal: 2, eksempler: expect.arrayContaining(["I alt"]) },
      { regel: "udelad[0]", kolonne: "Afdeling", antal: 1, eksempler: ["Testenhed"] },
    ]);
    expect(await rows(wh, `select underretning_id, kilde, modtaget::varchar m, enhed, foedselsdato::varchar f, _linje from src_underretninger order by underretning_id`)).toEqual([
      { underretning_id: "U1", kilde: "skole", m: "2025-01-05 10:15:00", enhed: "Team Nord", f: "1915-01-01", _linje: 4 },
      { underretning_id: "U2", kilde: "sundhed", m: "2025-01-06 09:00:00", enhed: "Team Nord", f: "1915-01-01", _linje: 5 },
      { underretning_id: "U4", kilde: "andet", m: "2025-01-07 08:00:00", enhed: "Team Syd", f: "2018-03-24", _linje: 2 },
    ]);
    // The second file's U1 repeats the first file's; U5's date is not YYYYMMDD (nor any contract format): quarantined where they are.
    expect(await rows(wh, `select fil, linje, kolonne, aarsag from quarantine order by fil, linje`)).toEqual([
      { fil: "Underretninger_2025-02.csv", linje: 3, kolonne: "underretning_id", aarsag: "dublet" },
      { fil: "Underretninger_2025-02.csv", linje: 4, kolonne: "modtaget", aarsag: "ugyldig_vaerdi" },
    ]);
  });
  it("a missing required column: one line per file with all of them and the header as read", async () => {
    const f = folder({ "Underretninger_1.csv": a.join("\n") }, { ...profile, kolonner: { "CPR-nr.": "cpr" } });
    const { error } = await load(wh, { folder: f.dir, profile: f.profile });
    expect(error!.message.split("\n")).toEqual([
      'Underretninger_1.csv, linje 3: mangler de påkrævede kolonner underretning_id, enhed (underretninger); overskriften læst: "Underretnings-ID;CPR-nr.;Modtaget dato;Kl.;Kilde;Afdeling" — føj dem til "kolonner" eller "afledte" under tabeller.underretninger i profilen',
    ]);
  });
  it("a filter naming a column the export does not have", async () => {
    const p = structuredClone(profile);
    p.tabeller.underretninger.udelad = [{ kolonne: "Afdelingen", starterMed: "Test" }];
    const f = folder({ "Underretninger_1.csv": a.join("\n") }, p);
    const { error } = await load(wh, { folder: f.dir, profile: f.profile });
    expect(error!.message).toMatch(/^Underretninger_1\.csv, linje 3: udelad\[0\]\.kolonne: "Afdelingen" findes ikke i overskriften — mente du "Afdeling"\?/);
  });
});

describe("derived columns and dates", () => {
  it("splits one column into two, adds a constant, reads DD.MM.YY and Danish month names", async () => {
    const csv = [
      "ID;CPR;Foranstaltning;Start",
      "F1;0101151234;Familiebehandling (BL § 32, stk. 1, nr. 3);01.10.22",
      "F2;0101151234;Plejefamilie;15.01.24",
      "F3;0101151234;Døgninstitution (SEL § 52, stk. 3, nr. 7);02.02.23",
    ].join("\n");
    const f = folder(
      { "foranstaltninger.csv": csv },
      {
        tabeller: {
          foranstaltninger: {
            kolonner: { ID: "foranstaltning_id", CPR: "cpr", Start: "startet" },
            datoformat: "DD.MM.YY",
            afledte: [
              { kolonner: ["type", "paragraf"], fra: "Foranstaltning", moenster: "^(.*) \\((.*)\\)$" },
              { kolonne: "enhed", konstant: "Team Nord" },
            ],
            vaerdier: { type: { praefiks: { Familiebehandling: "familiebehandling", Plejefamilie: "plejefamilie", Døgninstitution: "doegninstitution" } } },
          },
        },
      },
    );
    const { error: e1 } = await load(wh, { folder: f.dir, profile: f.profile });
    expect(e1).toBeUndefined();
    expect(await rows(wh, `select foranstaltning_id, type, paragraf, startet::varchar s, enhed from src_foranstaltninger order by 1`)).toEqual([
      { foranstaltning_id: "F1", type: "familiebehandling", paragraf: "BL § 32, stk. 1, nr. 3", s: "2022-10-01", enhed: "Team Nord" },
      { foranstaltning_id: "F2", type: "plejefamilie", paragraf: null, s: "2024-01-15", enhed: "Team Nord" },
      { foranstaltning_id: "F3", type: "doegninstitution", paragraf: "SEL § 52, stk. 3, nr. 7", s: "2023-02-02", enhed: "Team Nord" },
    ]);
  });
  it("D. MMM YYYY: abbreviations and full names", async () => {
    const csv = ["sag_id;cpr;oprettet;lukket;enhed", "S1;0101151234;1. okt. 2022;3. februar 2024;Team Nord", "S2;0101151234;24. dec 2023;;Team Nord", "S3;0101151234;31. juni 2023;;Team Nord"].join("\n");
    const f = folder({ "sager.csv": csv }, { datoformat: "D. MMM YYYY" });
    const { report } = await load(wh, { folder: f.dir, profile: f.profile, acceptRejects: true });
    expect(await rows(wh, `select sag_id, oprettet::varchar o, lukket::varchar l from src_sager order by 1`)).toEqual([
      { sag_id: "S1", o: "2022-10-01", l: "2024-02-03" },
      { sag_id: "S2", o: "2023-12-24", l: null },
    ]);
    // 31 June is no date: quarantined with the export's own text.
    expect(report!.tables[0].byReason).toEqual([{ regel: 1, aarsag: "ugyldig_vaerdi", antal: 1 }]);
    expect(await rows(wh, `select raa_tekst from quarantine`)).toEqual([{ raa_tekst: expect.stringContaining("31. juni 2023") }]);
  });
});

describe("workbooks and wide tables", () => {
  async function workbook(dir: string, sheets: Record<string, (string | number | Date | null)[][]>) {
    const wb = new ExcelJS.Workbook();
    for (const [name, data] of Object.entries(sheets)) {
      const ws = wb.addWorksheet(name);
      for (const r of data) ws.addRow(r);
    }
    await wb.xlsx.writeFile(join(dir, "udtraek.xlsx"));
  }
  it("never a silent first sheet: an ambiguous workbook lists its sheets", async () => {
    const f = folder({}, { filer: { udtraek: "opfoelgninger" } });
    await workbook(f.dir, { Forside: [["x"]], Data: [["opfoelgning_id", "cpr", "dato", "enhed"]] });
    const { error } = await load(wh, { folder: f.dir, profile: f.profile });
    expect(error!.message).toBe('udtraek.xlsx: arbejdsbogen har 2 ark ("Forside", "Data") — angiv hvilket der er opfoelgninger med "ark" under tabeller.opfoelgninger i profilen');
  });
  it("sheets by name or pattern; a CPR number stored as a number gets its zero back", async () => {
    const f = folder({}, { filer: { udtraek: ["opfoelgninger", "boernesamtaler"] }, tabeller: { opfoelgninger: { ark: "Opf*" }, boernesamtaler: { ark: "Samtaler" } } });
    await workbook(f.dir, {
      Opfølgninger: [["Titel"], ["opfoelgning_id", "cpr", "dato", "enhed"], ["O1", 101151234, new Date(Date.UTC(2025, 0, 10)), "Team Nord"]],
      Samtaler: [["samtale_id", "cpr", "dato", "enhed"], ["B1", "0101151234", "10-01-2025", "Team Nord"]],
    });
    const { report, error } = await load(wh, { folder: f.dir, profile: f.profile });
    expect(error).toBeUndefined();
    expect(report!.tables.map((t) => [t.table, t.file, t.rowsLoaded])).toEqual([
      ["opfoelgninger", "udtraek.xlsx [Opfølgninger]", 1],
      ["boernesamtaler", "udtraek.xlsx [Samtaler]", 1],
    ]);
    expect(await rows(wh, `select dato::varchar d, foedselsdato::varchar f, _linje from src_opfoelgninger`)).toEqual([{ d: "2025-01-10", f: "1915-01-01", _linje: 3 }]);
  });
  it("wide to long, summed: a column per year becomes a row per year", async () => {
    const csv = ["Folketal 1. januar", ";;2023;2024", "Kommune;0 år;100;101", "Kommune;17 år;50;51", "Kommune;18 år;7;7", "Kommune;I alt;157;159"].join("\n");
    const f = folder(
      { "FOLK.csv": csv },
      {
        filer: { FOLK: "befolkning" },
        tabeller: { befolkning: { behold: [{ kolonne: "#2", moenster: "^([0-9]|1[0-7]) år$" }], bred: { kolonner: "^([0-9]{4})$", noegle: "aar", vaerdi: "antal_0_17", summer: true } } },
      },
    );
    const { report, error } = await load(wh, { folder: f.dir, profile: f.profile });
    expect(error).toBeUndefined();
    expect(report!.tables[0].udeladt).toEqual([{ regel: "behold[0]", kolonne: "#2", antal: 2, eksempler: expect.arrayContaining(["18 år", "I alt"]) }]);
    expect(await rows(wh, `select aar, antal_0_17, _linje from src_befolkning order by aar`)).toEqual([
      { aar: 2023, antal_0_17: 150, _linje: 3 },
      { aar: 2024, antal_0_17: 152, _linje: 3 },
    ]);
  });
});
