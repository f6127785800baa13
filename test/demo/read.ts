// Reads a demo export back the way the contract describes files (independently of the generator's writer):
// CSV with `;` or `,`, UTF-8 (BOM or not) or Windows-1252, or XLSX (first sheet, header in row 1).
import ExcelJS from "exceljs";
import { dsvFormat } from "d3-dsv";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { day } from "../../pipelines/demo/dates.ts";

export interface ReadFile {
  file: string;
  kind: "csv" | "xlsx";
  delimiter?: string;
  encoding?: "utf-8" | "utf-8-bom" | "windows-1252";
  header: string[];
  /** Cells as text (XLSX dates as ISO text, numbers as text). */
  rows: string[][];
}

export function isUtf8(buf: Buffer): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(buf);
    return true;
  } catch {
    return false;
  }
}

export async function readExport(dir: string, table: string): Promise<ReadFile> {
  const csv = join(dir, `${table}.csv`);
  if (existsSync(csv)) {
    const buf = readFileSync(csv);
    const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
    const encoding = bom ? "utf-8-bom" : isUtf8(buf) ? "utf-8" : "windows-1252";
    const text = encoding === "windows-1252" ? new TextDecoder("windows-1252").decode(buf) : buf.toString("utf8").replace(/^\ufeff/, "");
    const firstLine = text.slice(0, text.indexOf("\n"));
    const delimiter = firstLine.split(";").length > firstLine.split(",").length ? ";" : ",";
    const all = dsvFormat(delimiter).parseRows(text.replace(/\r\n/g, "\n").replace(/\n$/, ""));
    return { file: csv, kind: "csv", delimiter, encoding, header: all[0], rows: all.slice(1) };
  }
  const xlsx = join(dir, `${table}.xlsx`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsx);
  const ws = wb.worksheets[0];
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let i = 1; i <= ws.columnCount; i++) {
      const v = row.getCell(i).value;
      cells.push(v === null || v === undefined ? "" : v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
    }
    rows.push(cells);
  });
  return { file: xlsx, kind: "xlsx", header: rows[0], rows: rows.slice(1) };
}

/** A date or timestamp cell in any of the contract's forms → day number (time of day dropped), or null. */
export function parseDay(text: string): number | null {
  const t = text.trim();
  if (t === "") return null;
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$/.exec(t);
  if (m) return day(`${m[1]}-${m[2]}-${m[3]}`);
  m = /^(\d{2})[-./](\d{2})[-./](\d{4})(?: \d{2}:\d{2}(?::\d{2})?)?$/.exec(t);
  if (m) return day(`${m[3]}-${m[2]}-${m[1]}`);
  throw new Error(`not a contract date: "${text}"`);
}

/** Minutes since 1970 for a timestamp cell (for the `vurderet ≥ modtaget` order). */
export function parseMinute(text: string): number | null {
  const d = parseDay(text);
  if (d === null) return null;
  const m = /(\d{2}):(\d{2})(?::\d{2})?$/.exec(text.trim());
  return d * 1440 + (m ? +m[1] * 60 + +m[2] : 0);
}

export function seedCodes(seed: string): Set<string> {
  const text = readFileSync(new URL(`../../models/seeds/${seed}.csv`, import.meta.url), "utf8");
  return new Set(
    text
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(",")[0]),
  );
}
