// The profile stage's input: an export file (a CSV, or one sheet of a workbook) as rows of text cells, each with the
// line (CSV) or row (sheet) it came from, written to a UTF-8 CSV `linje,c1,…,cN` that DuckDB reads with its own reader.
// Title rows, totals and blank lines are all kept here; what is data is decided in SQL (stage.ts).
import { csvFormatRows } from "d3-dsv";
import ExcelJS from "exceljs";
import { readFileSync, writeFileSync } from "node:fs";
import { detectEncoding, toUtf8, unsupportedEncoding } from "../detect.ts";

export interface SourceRows {
  /** 1-based line (CSV) or sheet row, and the row's cells as text. */
  rows: { line: number; cells: string[] }[];
  width: number;
  format: "csv" | "xlsx";
  encoding: string | null;
  delimiter: string | null;
  sheet?: string;
}

/** `;`, `,` or tab: the one most lines of the head agree on (title rows have none, so the header line alone is no guide). */
function detectDelimiter(text: string): string {
  const lines = text.slice(0, 1 << 16).split(/\r?\n/).slice(0, 30);
  let best = ";";
  let bestScore = -1;
  for (const d of [";", ",", "\t"]) {
    const counts = lines.map((l) => l.split(d).length - 1).filter((n) => n > 0);
    // Lines with the delimiter, weighted by how often its most common count occurs (a table's rows agree).
    const freq = new Map<number, number>();
    for (const n of counts) freq.set(n, (freq.get(n) ?? 0) + 1);
    const score = Math.max(0, ...freq.values()) * 100 + counts.length;
    if (score > bestScore) (best = d), (bestScore = score);
  }
  return best;
}

/** RFC 4180 rows with the line each starts on (a quoted cell may span lines). */
function parseCsv(text: string, delimiter: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let line = 1;
  let start = 1;
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let atStart = true;
  const endRow = () => {
    cells.push(cell);
    rows.push({ line: start, cells });
    cells = [];
    cell = "";
    atStart = true;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line++;
        cell += ch;
      }
      continue;
    }
    if (atStart) (start = line), (atStart = false);
    if (ch === '"' && cell === "") quoted = true;
    else if (ch === delimiter) cells.push(cell), (cell = "");
    else if (ch === "\r" && text[i + 1] === "\n") continue;
    else if (ch === "\n" || ch === "\r") {
      endRow();
      line++;
    } else cell += ch;
  }
  if (!atStart || cell !== "" || cells.length) endRow();
  return rows;
}

/** A CSV export's rows; a problem (text) when its bytes are not a supported CSV file. */
export function csvSource(path: string): SourceRows | string {
  const buf = readFileSync(path);
  if (buf.length === 0) return "filen er tom";
  const bad = unsupportedEncoding(buf);
  if (bad) return bad;
  const encoding = detectEncoding(buf);
  const text = toUtf8(buf, encoding).toString("utf8");
  const delimiter = detectDelimiter(text);
  const rows = parseCsv(text, delimiter);
  return { rows, width: Math.max(0, ...rows.map((r) => r.cells.length)), format: "csv", encoding, delimiter };
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * A cell as the export shows it: dates as ISO text (a time of day alone as HH:MM), numbers with a decimal comma
 * (as Danish Excel displays them, so the load does not read a decimal point as a thousands separator).
 */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    // Excel keeps a time as a fraction of a day: 14:05 may come back as 14:04:59.999.
    value = new Date(Math.round(value.getTime() / 1000) * 1000);
    const time = `${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}${value.getUTCSeconds() ? `:${pad(value.getUTCSeconds())}` : ""}`;
    // Excel stores a time of day alone as a date on 30 December 1899.
    if (value.getUTCFullYear() === 1899) return time;
    const date = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    return value.getUTCHours() || value.getUTCMinutes() || value.getUTCSeconds() ? `${date} ${time}` : date;
  }
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(value).replace(".", ",");
  if (typeof value === "boolean") return value ? "ja" : "nej";
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("text" in value) return String(value.text);
    return "";
  }
  return String(value);
}

const workbooks = new Map<string, Promise<ExcelJS.Workbook>>();

/** A workbook, read once per load however many tables it holds (forget() when the load ends). */
export function workbook(path: string): Promise<ExcelJS.Workbook> {
  let w = workbooks.get(path);
  if (!w) {
    const wb = new ExcelJS.Workbook();
    w = wb.xlsx.readFile(path).then(() => wb);
    workbooks.set(path, w);
  }
  return w;
}

export function forgetWorkbooks(): void {
  workbooks.clear();
}

/** One sheet's rows (empty rows left out: they are no data, and each kept row keeps its sheet row number). */
export function sheetSource(sheet: ExcelJS.Worksheet): SourceRows {
  const rows: { line: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, r) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      cells[c - 1] = cellText(cell.value);
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= "";
    rows.push({ line: r, cells });
  });
  return { rows, width: Math.max(0, ...rows.map((r) => r.cells.length)), format: "xlsx", encoding: null, delimiter: null, sheet: sheet.name };
}

/** Writes the rows as `linje,c1,…,cN` (every row padded to the same width), for DuckDB's reader. */
export function writeCells(src: SourceRows, path: string, fromLine: number): number {
  const out: string[] = [];
  for (const r of src.rows) {
    if (r.line < fromLine) continue;
    const cells = Array.from({ length: src.width }, (_, i) => r.cells[i] ?? "");
    if (cells.every((c) => c.trim() === "")) continue;
    out.push(csvFormatRows([[String(r.line), ...cells]]));
  }
  writeFileSync(path, out.length ? out.join("\n") + "\n" : "");
  return out.length;
}
