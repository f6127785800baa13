// The demo municipality's rows written as three real case-system shapes, for the example profiles in data/profiles/:
// a DUBU-like BI workbook, a per-unit Windows-1252 CSV set, and a Statistikbanken FOLK1A download. Generated in the
// tests from the demo generator's rows (no big files in the repository); each must load to the canonical demo's KPIs.
import ExcelJS from "exceljs";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { csvParse } from "d3-dsv";
import { readFileSync } from "node:fs";
import { type Table, tableByName, tables } from "../../pipelines/contract.ts";
import { parts } from "../../pipelines/demo/dates.ts";
import type { Row, TableRows, Value } from "../../pipelines/demo/rows.ts";
import { encodeWindows1252 } from "../../pipelines/demo/write.ts";
import { normaliseName } from "../../pipelines/load/header.ts";

const seedNames = (seed: string) =>
  new Map(csvParse(readFileSync(new URL(`../../models/seeds/${seed}.csv`, import.meta.url), "utf8")).map((r) => [r.kode!, r.navn!]));

const pad = (n: number) => String(n).padStart(2, "0");
const dayDate = (d: number) => new Date(d * 86_400_000);
const minuteDate = (m: number) => new Date(m * 60_000);
const months = ["jan.", "feb.", "marts", "apr.", "maj", "juni", "juli", "aug.", "sept.", "okt.", "nov.", "dec."];
const monthsLong = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"];

/** A stable small number from an id, to vary display values without a random generator. */
const pick = (id: Value, n: number) => [...String(id)].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % n;

/** DUBU-like display names of the measure types: several per code, so a profile needs patterns and prefixes. */
const measureNames: Record<string, string[]> = {
  praktisk_paedagogisk_stoette: ["Praktisk pædagogisk støtte i hjemmet", "Praktisk støtte – hjemmehjælp"],
  familiebehandling: ["Familiebehandling", "Familiebehandling – intensiv", "Familiebehandling, gruppeforløb"],
  dagbehandling: ["Dagbehandling", "Dagbehandlingstilbud"],
  aflastning: ["Aflastning i plejefamilie", "Aflastning på institution"],
  kontaktperson: ["Fast kontaktperson", "Fast kontaktperson for hele familien"],
  doegnophold_familie: ["Døgnophold for hele familien"],
  anden_forebyggende: ["Anden forebyggende indsats", "Forebyggende indsats efter § 11"],
  netvaerksplejefamilie: ["Netværksplejefamilie", "Netværksanbringelse"],
  plejefamilie: ["Plejefamilie", "Plejefamilie (almindelig)"],
  kommunal_plejefamilie: ["Kommunal plejefamilie"],
  eget_vaerelse: ["Eget værelse", "Kollegium"],
  kost_efterskole: ["Kostskole", "Efterskole"],
  opholdssted: ["Socialpædagogisk opholdssted", "Opholdssted"],
  doegninstitution: ["Døgninstitution", "Døgninstitution, delvist lukket afdeling"],
  sikret_institution: ["Sikret døgninstitution"],
};

interface SheetSpec {
  sheet: string;
  title: string;
  /** Display header → the cell of a row. */
  columns: [string, (r: Row) => ExcelJS.CellValue][];
  /** Rows the export adds and the profile must leave out (annulled registrations). */
  annulled?: boolean;
}

const date = (v: Value): ExcelJS.CellValue => (typeof v === "number" ? dayDate(v) : v === null ? null : String(v));
const stamp = (v: Value): ExcelJS.CellValue => (typeof v === "number" ? minuteDate(v) : v === null ? null : String(v));
const bool = (v: Value): ExcelJS.CellValue => (v === true ? "Ja" : v === false ? "Nej" : v === null ? null : String(v));
const num = (v: Value): ExcelJS.CellValue => (v === null ? null : typeof v === "number" ? v : String(v));
const text = (v: Value): ExcelJS.CellValue => (v === null ? null : String(v));
const cprNumber = (v: Value): ExcelJS.CellValue => (typeof v === "string" && /^\d{10}$/.test(v) ? Number(v) : text(v));
const display = (names: Map<string, string>) => (v: Value): ExcelJS.CellValue => (v === null ? null : (names.get(String(v)) ?? String(v)));
/** "1. okt. 2022" or "1. oktober 2022", as a BI report prints a date. */
const danishDate = (v: Value, id: Value): ExcelJS.CellValue => {
  if (typeof v !== "number") return v === null ? null : String(v);
  const p = parts(v);
  return `${p.d}. ${(pick(id, 2) ? months : monthsLong)[p.m - 1]} ${p.y}`;
};

function dubuSheets(): Record<string, SheetSpec> {
  const kilder = seedNames("kilder");
  const udfald = seedNames("udfald");
  const hp = seedNames("handleplantyper");
  return {
    underretninger: {
      sheet: "Underretninger",
      title: "Underretninger",
      annulled: true,
      columns: [
        ["Underretnings-ID", (r) => text(r.underretning_id)],
        ["CPR-nr.", (r) => cprNumber(r.cpr)],
        ["Modtaget dato", (r) => (typeof r.modtaget === "number" ? dayDate(Math.floor(r.modtaget / 1440)) : text(r.modtaget))],
        ["Modtaget kl.", (r) => (typeof r.modtaget === "number" ? `${pad(Math.floor((r.modtaget % 1440) / 60))}:${pad(r.modtaget % 60)}` : null)],
        ["Kilde", (r) => display(kilder)(r.kilde)],
        ["Fagperson", (r) => bool(r.fagperson)],
        ["Vurderet", (r) => stamp(r.vurderet)],
        ["Kvitteret", (r) => date(r.kvitteret)],
        ["Udfald", (r) => display(udfald)(r.udfald)],
        ["Udfald dato", (r) => date(r.udfald_dato)],
        ["Alvorlig (vold/overgreb)", (r) => bool(r.alvorlig)],
        ["Afdeling", (r) => text(r.enhed)],
        ["Skoledistrikt", (r) => text(r.distrikt)],
      ],
    },
    undersoegelser: {
      sheet: "Børnefaglige undersøgelser",
      title: "Børnefaglige undersøgelser (§ 50 / BL § 20)",
      columns: [
        ["BFU-ID", (r) => text(r.undersoegelse_id)],
        ["CPR-nr.", (r) => cprNumber(r.cpr)],
        ["Startet", (r) => date(r.startet)],
        ["Afsluttet", (r) => date(r.afsluttet)],
        ["Begrundelse for fristoverskridelse", (r) => text(r.frist_begrundelse)],
        ["Type", (r) => (r.type === "ny" ? "Ny" : r.type === "supplerende" ? "Supplerende" : text(r.type))],
        ["Afdeling", (r) => text(r.enhed)],
        ["Sagsbehandler-ID", (r) => text(r.sagsbehandler_id)],
      ],
    },
    foranstaltninger: {
      sheet: "Foranstaltninger",
      title: "Foranstaltninger og anbringelser",
      annulled: true,
      columns: [
        ["Foranstaltnings-ID", (r) => text(r.foranstaltning_id)],
        ["CPR-nr.", (r) => cprNumber(r.cpr)],
        [
          "Foranstaltning",
          (r) => {
            const names = measureNames[String(r.type)];
            const name = names ? names[pick(r.foranstaltning_id, names.length)] : String(r.type);
            return r.paragraf ? `${name} (${r.paragraf})` : name;
          },
        ],
        ["Startdato", (r) => date(r.startet)],
        ["Slutdato", (r) => date(r.ophoert)],
        ["Samtykke", (r) => bool(r.samtykke)],
        ["Årlig udgift (kr.)", (r) => num(r.aarlig_udgift)],
        ["Afdeling", (r) => text(r.enhed)],
        ["Sagsbehandler-ID", (r) => text(r.sagsbehandler_id)],
      ],
    },
    handleplaner: {
      sheet: "Handleplaner",
      title: "Handleplaner / barnets plan",
      columns: [
        ["Handleplan-ID", (r) => text(r.handleplan_id)],
        ["CPR-nr.", (r) => cprNumber(r.cpr)],
        ["Dato", (r) => date(r.dato)],
        ["Type", (r) => display(hp)(r.type)],
        ["Afdeling", (r) => text(r.enhed)],
      ],
    },
    opfoelgninger: {
      sheet: "Opfølgninger",
      title: "Opfølgninger",
      columns: [
        ["Opfølgnings-ID", (r) => text(r.opfoelgning_id)],
        ["CPR-nr.", (r) => cprNumber(r.cpr)],
        ["Dato", (r) => date(r.dato)],
        ["Afdeling", (r) => text(r.enhed)],
      ],
    },
    boernesamtaler: {
      sheet: "Børnesamtaler",
      title: "Børnesamtaler",
      columns: [
        ["Samtale-ID", (r) => text(r.samtale_id)],
        ["CPR-nr.", (r) => cprNumber(r.cpr)],
        ["Dato", (r) => date(r.dato)],
        ["Undladt", (r) => bool(r.undladt)],
        ["Afdeling", (r) => text(r.enhed)],
      ],
    },
    tilsynsbesoeg: {
      sheet: "Tilsynsbesøg",
      title: "Personrettet tilsyn",
      columns: [
        ["Besøgs-ID", (r) => text(r.besoeg_id)],
        ["CPR-nr.", (r) => cprNumber(r.cpr)],
        ["Dato", (r) => date(r.dato)],
        ["Samtale alene", (r) => bool(r.samtale_alene)],
        ["Afdeling", (r) => text(r.enhed)],
      ],
    },
    sager: {
      sheet: "Sager",
      title: "Sager",
      columns: [
        ["Sags-ID", (r) => text(r.sag_id)],
        ["CPR-nr.", (r) => cprNumber(r.cpr)],
        ["Oprettet", (r) => danishDate(r.oprettet, r.sag_id)],
        ["Lukket", (r) => danishDate(r.lukket, r.sag_id)],
        ["Afdeling", (r) => text(r.enhed)],
        ["Sagsbehandler-ID", (r) => text(r.sagsbehandler_id)],
      ],
    },
    sagsbehandlere: {
      sheet: "Sagsbehandlere",
      title: "Sagsbehandlere og normering",
      columns: [
        ["Sagsbehandler-ID", (r) => text(r.sagsbehandler_id)],
        ["Afdeling", (r) => text(r.enhed)],
        ["Normering", (r) => num(r.normering)],
        ["Ansat fra", (r) => date(r.fra_dato)],
        ["Ansat til", (r) => date(r.til_dato)],
      ],
    },
  };
}

/**
 * A DUBU-like BI workbook `DUBU_LIS_<date>.xlsx`: a cover sheet, then a sheet per table with two title rows, display
 * headers and values, CPR numbers as numbers, a status column with annulled registrations, and an "I alt" row.
 * `befolkning` comes as its own canonical CSV.
 */
export async function writeDubuExport(rows: TableRows, dir: string, asOf: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const wb = new ExcelJS.Workbook();
  wb.created = wb.modified = new Date(Date.UTC(2026, 0, 1));
  const cover = wb.addWorksheet("Forside");
  cover.addRow(["DUBU ledelsesinformation — udtræk til libu"]);
  cover.addRow([`Udtrukket ${asOf}`]);
  const sheets = dubuSheets();
  for (const [table, spec] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(spec.sheet);
    ws.addRow([`Demo Kommune — ${spec.title}`]);
    ws.addRow([`Udtræk pr. ${asOf} (DUBU LIS)`]);
    const header = spec.columns.map(([h]) => h);
    ws.addRow(spec.annulled ? [...header, "Status"] : header);
    let n = 0;
    for (const r of rowsOf(rows, table)) {
      const cells = spec.columns.map(([, f]) => f(r));
      ws.addRow(spec.annulled ? [...cells, "Aktiv"] : cells);
      n++;
      // Every 97th registration also appears annulled, under an id of its own.
      if (spec.annulled && n % 97 === 0) ws.addRow([`${cells[0]}-ANN`, ...cells.slice(1), "Annulleret"]);
    }
    ws.addRow(["I alt", n]);
  }
  await wb.xlsx.writeFile(join(dir, `DUBU_LIS_${asOf}.xlsx`));
  writeCanonicalCsv(rows, "befolkning", join(dir, "befolkning.csv"));
}

/** One table's rows by its name (TableRows is typed per contract table). */
const rowsOf = (rows: TableRows, table: string) => (rows as unknown as Record<string, Row[]>)[table];

/** A plain `;` UTF-8 CSV of a table with the contract's headers (values as the contract writes them). */
function writeCanonicalCsv(rows: TableRows, table: string, path: string) {
  const t = tableByName(table)!;
  const lines = [t.columns.map((c) => c.name).join(";"), ...rowsOf(rows, table).map((r) => t.columns.map((c) => (r[c.name] === null ? "" : String(r[c.name]))).join(";"))];
  writeFileSync(path, lines.join("\n") + "\n");
}

/** The unit's code as a case system's file names carry it: FAMILIEENHEDEN-AALYKKE. */
export const unitCode = (unit: string) => normaliseName(unit).toUpperCase().replace(/[^A-Z0-9]+/g, "-");

const fileTitles: Record<string, string> = {
  underretninger: "Underretninger",
  undersoegelser: "Undersoegelser",
  foranstaltninger: "Foranstaltninger",
  handleplaner: "Handleplaner",
  opfoelgninger: "Opfoelgninger",
  boernesamtaler: "Boernesamtaler",
  tilsynsbesoeg: "Tilsynsbesoeg",
  sager: "Sager",
  sagsbehandlere: "Sagsbehandlere",
};

/** DD.MM.YY and DD.MM.YY HH:MM, CPR numbers as plain numbers (a lost leading zero), decimal comma, J/N. */
function perUnitCell(t: Table, col: string, v: Value): string {
  const c = t.columns.find((x) => x.name === col)!;
  if (v === null) return "";
  if (c.type === "date" && typeof v === "number") {
    const p = parts(v);
    return `${pad(p.d)}.${pad(p.m)}.${pad(p.y % 100)}`;
  }
  if (c.type === "timestamp" && typeof v === "number") {
    const p = parts(Math.floor(v / 1440));
    return `${pad(p.d)}.${pad(p.m)}.${pad(p.y % 100)} ${pad(Math.floor((v % 1440) / 60))}:${pad(v % 60)}`;
  }
  if (c.type === "cpr" && typeof v === "string" && /^\d{10}$/.test(v)) return String(Number(v));
  if (c.type === "bool" && typeof v === "boolean") return v ? "J" : "N";
  if (c.type === "decimal" && typeof v === "number") return v.toFixed(2).replace(".", ",");
  const s = String(v);
  return /[;"\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * One Windows-1252 `;` CSV per unit and table (`Underretninger_TEAM-OEST.csv`), no unit column, CPR numbers without
 * their leading zero and two-digit years. `befolkning` comes as the demo's own workbook.
 */
export function writePerUnitExport(rows: TableRows, dir: string, canonicalDir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const units = new Set<string>();
  for (const t of tables) {
    if (!fileTitles[t.name]) continue;
    const cols = t.columns.filter((c) => c.name !== "enhed");
    const header = cols.map((c) => (c.name === "cpr" ? "CPR nummer" : c.name.toUpperCase())).join(";");
    const byUnit = new Map<string, string[]>();
    for (const r of rowsOf(rows, t.name)) {
      const unit = String(r.enhed);
      units.add(unit);
      byUnit.set(unit, [...(byUnit.get(unit) ?? []), cols.map((c) => perUnitCell(t, c.name, r[c.name])).join(";")]);
    }
    for (const [unit, lines] of byUnit)
      writeFileSync(join(dir, `${fileTitles[t.name]}_${unitCode(unit)}.csv`), encodeWindows1252([header, ...lines].join("\r\n") + "\r\n"));
  }
  copyFileSync(join(canonicalDir, "befolkning.xlsx"), join(dir, "befolkning.xlsx"));
  return [...units].sort();
}

/**
 * Statistikbanken's FOLK1A as downloaded (matrix, `;`, Windows-1252): a title, a header whose first cells are empty,
 * one row per age with a column per quarter, and a source line. The demo's children aged 0–17 on 1 January are the
 * K1 columns' ages 0–17; the other quarters and ages differ, so picking them would show.
 */
export function writeFolk1aExport(rows: TableRows, dir: string, canonicalDir: string): void {
  mkdirSync(dir, { recursive: true });
  const pop = rows.befolkning.map((r) => ({ aar: Number(r.aar), antal: Number(r.antal_0_17) }));
  const quarters = pop.flatMap((p) => [1, 2, 3, 4].map((q) => ({ ...p, q })));
  const ages = Array.from({ length: 20 }, (_, a) => a);
  const value = (antal: number, q: number, a: number) => {
    const base = Math.floor(antal / 18);
    const exact = a < 18 ? base + (a < antal - base * 18 ? 1 : 0) : base - 3 * a;
    return q === 1 ? exact : exact + q * 2 + (a % 3);
  };
  const lines = [
    "Befolkningen den 1. i kvartalet efter område, alder og tid",
    "",
    [";", ...quarters.map((x) => `${x.aar}K${x.q}`)].join(";"),
    ...ages.map((a) => ["Demo Kommune", `${a} år`, ...quarters.map((x) => String(value(x.antal, x.q, a)))].join(";")),
    "",
    "Kilde: Danmarks Statistik, www.statistikbanken.dk/FOLK1A",
  ];
  writeFileSync(join(dir, "FOLK1A_2026101512345.csv"), encodeWindows1252(lines.join("\r\n") + "\r\n"));
  for (const t of tables) if (t.name !== "befolkning") copyAny(canonicalDir, dir, t.name);
}

function copyAny(from: string, to: string, table: string) {
  for (const ext of ["csv", "xlsx"])
    try {
      copyFileSync(join(from, `${table}.${ext}`), join(to, `${table}.${ext}`));
      return;
    } catch {
      /* the other extension */
    }
  throw new Error(`no ${table} in ${from}`);
}
