// The filled review workbooks into the normal load (issue 13, deliverable 4). `libu load` finds the folder's
// `sagsgennemgang_*.xlsx`, and this turns their wide rows (a case, a column per question) into one long CSV of the
// contract table sagsgennemgange, which the load then reads, checks and quarantines like any export. A mapping file
// (read by DuckDB, not row by row) sends each quarantined line back to its workbook, row and column.
import { csvFormatRows } from "d3-dsv";
import ExcelJS from "exceljs";
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { maskCpr } from "../cpr.ts";
import { lit, type Warehouse } from "../db.ts";
import { ANSWERS, FIXED_AFTER, FIXED_BEFORE, NOT_APPLICABLE, REVIEW_SHEET, isReviewWorkbook } from "./workbook-layout.ts";

export const REVIEWS_FILE = "sagsgennemgang_arbejdsark.csv";

export interface ReviewsCsv {
  path: string;
  mapping: string;
  workbooks: string[];
}

function text(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
    if ("result" in v) return text(v.result as ExcelJS.CellValue);
    if ("text" in v) return String(v.text);
    return "";
  }
  return String(v).trim();
}

/** A date cell: a date, or a number Excel shows as one (its serial day since 1899-12-30), or the text typed. */
function dateText(v: ExcelJS.CellValue): string {
  if (typeof v === "number" && Number.isInteger(v) && v > 0 && v < 2958466) return new Date(Date.UTC(1899, 11, 30) + v * 86_400_000).toISOString().slice(0, 10);
  return text(v);
}

/** The review workbooks of `folder` as one long CSV in `tmp`, or undefined when there are none. */
export async function reviewWorkbooksToCsv(folder: string, tmp: string, problems: string[]): Promise<ReviewsCsv | undefined> {
  const workbooks = readdirSync(folder).filter(isReviewWorkbook).sort();
  if (!workbooks.length) return undefined;
  const out: string[][] = [["periode", "sag_id", "spoergsmaal_id", "svar", "gennemgaaet_af", "dato", "kommentar"]];
  const map: string[][] = [["linje", "fil", "raekke", "k_sag_id", "k_spoergsmaal_id", "k_dato", "k_gennemgaaet_af"]];
  const header = (key: string) => [...FIXED_BEFORE, ...FIXED_AFTER].find((c) => c.key === key)!.header;
  for (const file of workbooks) {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.readFile(join(folder, file));
    } catch (e) {
      problems.push(`${file}: kan ikke læses som Excel-projektmappe (${maskCpr((e as Error).message.split("\n")[0])})`);
      continue;
    }
    const ws = wb.getWorksheet(REVIEW_SHEET);
    if (!ws) {
      problems.push(`${file}: arket "${REVIEW_SHEET}" mangler — brug arbejdsarket fra \`libu tilsyn arbejdsark\``);
      continue;
    }
    // The header row: the first row whose first cell is the case id's header.
    let headerRow = 0;
    for (let r = 1; r <= Math.min(ws.rowCount, 20) && !headerRow; r++) if (text(ws.getCell(r, 1).value) === header("periode")) headerRow = r;
    const cols = new Map<string, number>();
    if (headerRow) ws.getRow(headerRow).eachCell((cell, c) => cols.set(text(cell.value), c));
    const missing = [...FIXED_BEFORE, ...FIXED_AFTER].map((c) => c.header).filter((h) => !cols.has(h));
    if (!headerRow || missing.length) {
      problems.push(`${file}, arket ${REVIEW_SHEET}: kolonnen/kolonnerne ${missing.join(", ") || header("periode")} mangler — overskrifterne må ikke ændres`);
      continue;
    }
    const fixed = new Set<string>([...FIXED_BEFORE, ...FIXED_AFTER].map((c) => c.header));
    const questions = [...cols].filter(([h]) => h && !fixed.has(h));
    const letter = (c: number) => ws.getColumn(c).letter;
    const at = (r: number, h: string) => ws.getCell(r, cols.get(h)!);
    for (let r = headerRow + 1; r <= ws.rowCount; r++) {
      const sag = text(at(r, header("sag_id")).value);
      if (!sag) continue;
      let kommentar = text(at(r, header("kommentar")).value);
      for (const [q, c] of questions) {
        const raw = text(ws.getCell(r, c).value);
        if (!raw || raw === NOT_APPLICABLE) continue;
        const svar = ANSWERS[raw.toLowerCase()] ?? raw;
        out.push([text(at(r, header("periode")).value), sag, q, svar, text(at(r, header("gennemgaaet_af")).value), dateText(at(r, header("dato")).value), kommentar]);
        kommentar = ""; // the case's comment once, on its first answer
        map.push([
          String(out.length),
          file,
          String(r),
          `${letter(cols.get(header("sag_id"))!)} (${header("sag_id")})`,
          `${letter(c)} (${q})`,
          `${letter(cols.get(header("dato"))!)} (${header("dato")})`,
          `${letter(cols.get(header("gennemgaaet_af"))!)} (${header("gennemgaaet_af")})`,
        ]);
      }
    }
  }
  const path = join(tmp, REVIEWS_FILE);
  const mapping = join(tmp, "sagsgennemgang_placering.csv");
  writeFileSync(path, csvFormatRows(out) + "\n");
  writeFileSync(mapping, csvFormatRows(map) + "\n");
  return { path, mapping, workbooks };
}

/** Points the load's quarantined review lines at their workbook, row and column instead of the long CSV. */
export async function remapReviewQuarantine(wh: Warehouse, quarantine: string, reviews: ReviewsCsv): Promise<void> {
  await wh.run(`update ${quarantine} as q set fil = m.fil, linje = m.raekke,
      kolonne = case q.kolonne when 'svar' then m.k_spoergsmaal_id when 'spoergsmaal_id' then m.k_spoergsmaal_id
        when 'dato' then m.k_dato when 'gennemgaaet_af' then m.k_gennemgaaet_af when 'sag_id' then m.k_sag_id
        when 'periode' then m.k_sag_id else q.kolonne end
    from read_csv(${lit(reviews.mapping)}, header = true, all_varchar = true) as m
    where q.tabel = 'sagsgennemgange' and q.fil = ${lit(REVIEWS_FILE)} and q.linje = cast(m.linje as integer)`);
}
