// The one XLSX writer: a workbook described as data (sheets, columns, rows) and written with exceljs. It lives
// under dashboards/ so that the site's pages can import it too (Framework serves only files inside its root);
// pipelines/xlsx/ re-exports it and adds the file writing. It serves
// the worklists (libu arbejdslister), the releases' appendix and the site's table downloads (libu udgiv) and
// the review workbooks (libu tilsyn). What each needs is a property of a sheet or a column, not a second writer:
//   - a table sheet: Danish headers, real Excel dates, Danish number formats, numbers as numbers and anything
//     else in a number column (`<5`, `–`) as right-aligned text, a frozen header row, an autofilter, sorting;
//   - drop-downs (`choices`) and protection: a protected sheet locks the headers and every column not marked
//     `editable`, while filtering and sorting keep working;
//   - an info sheet: a title and label/value lines (a worklist's front sheet, a release's note sheet).
import ExcelJS from "exceljs";
import { BOOLEAN_TEXT, type CellKind, numberFormat } from "./xlsx-formats.js";

export type { CellKind } from "./xlsx-formats.js";

export interface XlsxColumn {
  /** The field of a row object this column shows. */
  key: string;
  /** The header text (Danish). */
  header: string;
  /**
   * Default `text`: ids and codes stay text even when they look like numbers. A function gives each row's kind
   * (a column of KPI values holds shares, counts and ratios, each with its own format).
   */
  kind?: CellKind | ((row: Record<string, unknown>) => CellKind);
  /** Decimals of a `decimal` (default 1) or `percent` (default 1) column. */
  decimals?: number;
  /** Width in characters; default: fitted to the header and the values (8–60). */
  width?: number;
  /** A drop-down on every data row (and the sheet's `inputRows`): only these values are accepted. */
  choices?: readonly string[];
  /** Left unlocked on a protected sheet (default: true for a column with `choices`). */
  editable?: boolean;
  /** A note on the header cell explaining the column. */
  note?: string;
}

export interface SortKey {
  key: string;
  descending?: boolean;
}

export interface XlsxTableSheet {
  kind: "table";
  /** The tab's name: at most 31 characters, none of : \ / ? * [ ] (see `safeSheetName`). */
  name: string;
  /** Lines above the table (a title, the date); the header row follows after one empty row. */
  title?: string[];
  columns: XlsxColumn[];
  rows: readonly Record<string, unknown>[];
  /** Rows are written in this order (stable; empty values last, whatever the direction). */
  sort?: SortKey[];
  /** Shown in the first column when there are no rows. */
  emptyText?: string;
  /** Default true. */
  freezeHeader?: boolean;
  /** Default true. */
  autoFilter?: boolean;
  /** Empty rows below the data that still get the drop-downs and stay editable (a form to fill in). */
  inputRows?: number;
  /** Protect the sheet: headers and non-editable columns locked; filter, sort and column widths still allowed. */
  protect?: boolean | { password: string };
}

export type XlsxInfoLine = string | { label: string; value: unknown; kind?: CellKind; decimals?: number };

export interface XlsxInfoSheet {
  kind: "info";
  name: string;
  /** The first line, in bold. */
  title?: string;
  /** A string is a line of text (an empty string an empty line); a label/value pair is two cells. */
  lines: XlsxInfoLine[];
}

export type XlsxSheet = XlsxTableSheet | XlsxInfoSheet;

export interface XlsxWorkbook {
  sheets: XlsxSheet[];
  /** The document's title and subject (File → Info in Excel). */
  title?: string;
  subject?: string;
  /** The document's creation time (default: now); fix it for identical files from identical input. */
  created?: Date;
}

const INVALID_SHEET_CHARS = /[:\\/?*[\]]/;

/** A valid, unique sheet name from any text: forbidden characters become `-`, cut to 31 characters. */
export function safeSheetName(name: string, taken: Iterable<string> = []): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  const base = name.replace(new RegExp(INVALID_SHEET_CHARS, "g"), "-").replace(/^'+|'+$/g, "").trim().slice(0, 31) || "Ark";
  let candidate = base;
  for (let i = 2; used.has(candidate.toLowerCase()); i++) candidate = `${base.slice(0, 31 - String(i).length - 1)} ${i}`;
  return candidate;
}

function checkSheetName(name: string, seen: Set<string>): void {
  if (!name || name.length > 31 || INVALID_SHEET_CHARS.test(name) || /^'|'$/.test(name)) {
    throw new Error(`xlsx: invalid sheet name "${name}" (1–31 characters, none of : \\ / ? * [ ]) — use safeSheetName`);
  }
  if (seen.has(name.toLowerCase())) throw new Error(`xlsx: two sheets named "${name}"`);
  seen.add(name.toLowerCase());
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$/;

/** A date as Excel wants it: the wall-clock time as if it were UTC (exceljs writes the UTC serial). */
function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return value;
  if (typeof value === "string" && ISO_DATE.test(value)) return new Date(`${value}T00:00:00Z`);
  if (typeof value === "string" && ISO_DATETIME.test(value)) return new Date(`${value.replace(" ", "T")}Z`);
  return undefined;
}

function isoText(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 16).replace("T", " ");
}

/** The cell value of `value` in a column of `kind`: numbers as numbers, dates as dates, anything else as text. */
export function cellValue(value: unknown, kind: CellKind = "text"): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") value = Number(value);
  switch (kind) {
    case "integer":
    case "decimal":
    case "percent":
      if (typeof value === "number") return Number.isFinite(value) ? value : null;
      return String(value);
    case "date":
    case "datetime":
      return toDate(value) ?? String(value);
    case "boolean":
      return typeof value === "boolean" ? BOOLEAN_TEXT[String(value) as "true" | "false"] : String(value);
    default:
      if (value instanceof Date) return isoText(value);
      return String(value);
  }
}

function compare(a: unknown, b: unknown): number {
  const av = a instanceof Date ? a.getTime() : typeof a === "bigint" ? Number(a) : a;
  const bv = b instanceof Date ? b.getTime() : typeof b === "bigint" ? Number(b) : b;
  if (typeof av === "number" && typeof bv === "number") return av - bv;
  return String(av).localeCompare(String(bv), "da");
}

export function sortRows<T extends Record<string, unknown>>(rows: readonly T[], keys: SortKey[]): T[] {
  const empty = (v: unknown) => v === null || v === undefined || v === "";
  return rows
    .map((row, i) => ({ row, i }))
    .sort((x, y) => {
      for (const k of keys) {
        const a = x.row[k.key];
        const b = y.row[k.key];
        if (empty(a) || empty(b)) {
          if (empty(a) !== empty(b)) return empty(a) ? 1 : -1;
          continue;
        }
        const c = compare(a, b);
        if (c !== 0) return k.descending ? -c : c;
      }
      return x.i - y.i;
    })
    .map((x) => x.row);
}

function displayLength(value: ExcelJS.CellValue, kind: CellKind): number {
  if (value === null || value === undefined) return 0;
  if (value instanceof Date) return kind === "datetime" ? 16 : 10;
  if (typeof value === "number") return value.toLocaleString("da-DK").length + (kind === "percent" ? 4 : 0);
  return String(value).length;
}

/** exceljs keeps range validations in `dataValidations` but its typings only know the per-cell property. */
type WithValidations = { dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void } };

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE7E6E6" } };
const CHOICE_ERROR = { errorTitle: "Ugyldig værdi", error: "Vælg en værdi fra listen." };
const CHOICES_SHEET = "_valg";

interface ChoiceLists {
  /** The formula of a list, writing long lists onto a hidden sheet. */
  formula(choices: readonly string[]): string;
}

function choiceLists(workbook: ExcelJS.Workbook): ChoiceLists {
  let sheet: ExcelJS.Worksheet | undefined;
  let nextColumn = 1;
  return {
    formula(choices) {
      const inline = `"${choices.join(",")}"`;
      // Excel's limit for an inline list is 255 characters, and a comma would split a value.
      if (inline.length <= 257 && !choices.some((c) => c.includes(",") || c.includes('"'))) return inline;
      sheet ??= workbook.addWorksheet(CHOICES_SHEET, { state: "veryHidden" });
      const col = sheet.getColumn(nextColumn++);
      choices.forEach((c, i) => (sheet!.getCell(i + 1, col.number).value = c));
      return `'${CHOICES_SHEET}'!$${col.letter}$1:$${col.letter}$${choices.length}`;
    },
  };
}

async function addTableSheet(workbook: ExcelJS.Workbook, spec: XlsxTableSheet, lists: ChoiceLists): Promise<void> {
  const ws = workbook.addWorksheet(spec.name);
  const titleRows = spec.title?.length ? spec.title.length + 1 : 0;
  spec.title?.forEach((line, i) => {
    const cell = ws.getCell(i + 1, 1);
    cell.value = line;
    if (i === 0) cell.font = { bold: true, size: 13 };
  });
  const headerRow = titleRows + 1;
  const kindOf = (c: XlsxColumn, row: Record<string, unknown>): CellKind => (typeof c.kind === "function" ? c.kind(row) : (c.kind ?? "text"));
  const widths = spec.columns.map((c) => c.header.length);

  const header = ws.getRow(headerRow);
  spec.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = { bottom: { style: "thin" } };
    cell.alignment = { vertical: "top", wrapText: true };
    if (c.note) cell.note = c.note;
  });

  const rows = spec.sort?.length ? sortRows(spec.rows, spec.sort) : spec.rows;
  rows.forEach((row, r) => {
    const excelRow = ws.getRow(headerRow + 1 + r);
    spec.columns.forEach((c, i) => {
      const kind = kindOf(c, row as Record<string, unknown>);
      const format = numberFormat(kind, c.decimals);
      const value = cellValue(row[c.key], kind);
      if (value === null) return;
      const cell = excelRow.getCell(i + 1);
      cell.value = value;
      if (format && (typeof value === "number" || value instanceof Date)) cell.numFmt = format;
      else if (format && kind !== "boolean") cell.alignment = { horizontal: "right" }; // `<5`, `–` beside numbers
      widths[i] = Math.max(widths[i], displayLength(value, kind));
    });
  });
  if (!rows.length && spec.emptyText) {
    const cell = ws.getCell(headerRow + 1, 1);
    cell.value = spec.emptyText;
    cell.font = { italic: true };
  }

  spec.columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.width ?? Math.min(60, Math.max(8, widths[i] + 2))));
  const lastRow = headerRow + Math.max(rows.length + (spec.inputRows ?? 0), 1);
  const protect = spec.protect;
  spec.columns.forEach((c, i) => {
    const letter = ws.getColumn(i + 1).letter;
    if (c.choices?.length) {
      (ws as unknown as WithValidations).dataValidations.add(`${letter}${headerRow + 1}:${letter}${lastRow}`, {
        type: "list",
        allowBlank: true,
        formulae: [lists.formula(c.choices)],
        showErrorMessage: true,
        ...CHOICE_ERROR,
      });
    }
    if (protect && (c.editable ?? Boolean(c.choices?.length))) {
      for (let r = headerRow + 1; r <= lastRow; r++) ws.getCell(r, i + 1).protection = { locked: false };
    }
  });

  if (spec.freezeHeader ?? true) ws.views = [{ state: "frozen", xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}` }];
  if ((spec.autoFilter ?? true) && spec.columns.length) {
    ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow + Math.max(rows.length, 1), column: spec.columns.length } };
  }
  if (protect) {
    const password = typeof protect === "object" ? protect.password : "";
    await ws.protect(password, {
      selectLockedCells: true,
      selectUnlockedCells: true,
      formatColumns: true,
      formatRows: true,
      autoFilter: true,
      sort: true,
      insertRows: false,
      deleteRows: false,
      insertColumns: false,
      deleteColumns: false,
    });
  }
}

function addInfoSheet(workbook: ExcelJS.Workbook, spec: XlsxInfoSheet): void {
  const ws = workbook.addWorksheet(spec.name);
  let r = 1;
  if (spec.title) {
    const cell = ws.getCell(r, 1);
    cell.value = spec.title;
    cell.font = { bold: true, size: 14 };
    r += 2;
  }
  let labelWidth = 10;
  for (const line of spec.lines) {
    if (typeof line === "string") {
      if (line) ws.getCell(r, 1).value = line;
    } else {
      const label = ws.getCell(r, 1);
      label.value = line.label;
      label.font = { bold: true };
      labelWidth = Math.max(labelWidth, line.label.length);
      const kind = line.kind ?? (typeof line.value === "number" ? "integer" : line.value instanceof Date ? "date" : "text");
      const value = cellValue(line.value, kind);
      const cell = ws.getCell(r, 2);
      cell.value = value;
      const fmt = numberFormat(kind, line.decimals);
      if (fmt && (typeof value === "number" || value instanceof Date)) cell.numFmt = fmt;
      cell.alignment = { horizontal: "left" };
    }
    r++;
  }
  ws.getColumn(1).width = Math.min(50, labelWidth + 2);
  ws.getColumn(2).width = 40;
}

/** The exceljs workbook of a description (for callers that add something the description cannot say). */
export async function buildWorkbook(spec: XlsxWorkbook): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "libu";
  workbook.created = spec.created ?? new Date();
  workbook.modified = workbook.created;
  if (spec.title) workbook.title = spec.title;
  if (spec.subject) workbook.subject = spec.subject;
  const seen = new Set<string>([CHOICES_SHEET]);
  for (const sheet of spec.sheets) checkSheetName(sheet.name, seen);
  const lists = choiceLists(workbook);
  for (const sheet of spec.sheets) {
    if (sheet.kind === "table") await addTableSheet(workbook, sheet, lists);
    else addInfoSheet(workbook, sheet);
  }
  return workbook;
}

/** The workbook as the bytes of an .xlsx file (in Node and in the browser: a site download). */
export async function xlsxBytes(spec: XlsxWorkbook): Promise<Uint8Array> {
  const workbook = await buildWorkbook(spec);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
