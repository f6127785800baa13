// How each file is written. Real exports differ: DUBU-style `;` + Windows-1252 + Danish dates, BI-tool
// `,` + UTF-8 + ISO dates, a spreadsheet from HR. The demo mixes them so the loader's detection is exercised.
import type { CaseTableName, Column } from "../contract.ts";
import { type DateStyle, formatDate, formatTimestamp } from "./dates.ts";
import type { Value } from "./rows.ts";

export interface CsvFormat {
  kind: "csv";
  delimiter: ";" | ",";
  encoding: "utf-8" | "utf-8-bom" | "windows-1252";
  dates: DateStyle;
  /** Timestamps with seconds (`HH:MM:SS`). */
  seconds?: boolean;
  /** `comma-thousands` writes `1.234.567,00`. */
  decimals: "dot" | "comma" | "comma-thousands";
  /** How true and false are written. */
  booleans: readonly [string, string];
  newline: "\r\n" | "\n";
  /** CPR numbers as `DDMMYY-SSSS`. */
  cprDash?: boolean;
}

export interface XlsxFormat {
  kind: "xlsx";
  sheet: string;
}

export type FileFormat = CsvFormat | XlsxFormat;

const dubu = { kind: "csv", delimiter: ";", encoding: "windows-1252", dates: "dk-dash", decimals: "comma", booleans: ["ja", "nej"], newline: "\r\n" } as const;
const bi = { kind: "csv", delimiter: ",", encoding: "utf-8", dates: "iso", decimals: "dot", booleans: ["true", "false"], newline: "\n" } as const;

/** The demo municipality's files: four `;` Windows-1252, three `,` UTF-8, one `;` UTF-8 with BOM, two XLSX… */
export const kommuneFormats: Record<CaseTableName, FileFormat> = {
  underretninger: { ...dubu, cprDash: true },
  undersoegelser: { ...dubu },
  foranstaltninger: { ...dubu, decimals: "comma-thousands" },
  sager: { ...dubu, dates: "dk-dot" },
  handleplaner: { ...bi },
  opfoelgninger: { ...bi },
  tilsynsbesoeg: { ...bi, cprDash: true },
  boernesamtaler: { kind: "csv", delimiter: ";", encoding: "utf-8-bom", dates: "dk-slash", decimals: "comma", booleans: ["1", "0"], newline: "\r\n" },
  sagsbehandlere: { kind: "xlsx", sheet: "Medarbejdere" },
  befolkning: { kind: "xlsx", sheet: "BY2" },
};

/** The national benchmark set: CSV only, no thousands separators, so DuckDB's typed read_csv can read every file. */
export const nationalFormats: Record<CaseTableName, CsvFormat> = {
  underretninger: { ...dubu, cprDash: true, seconds: true },
  undersoegelser: { ...dubu },
  foranstaltninger: { ...dubu },
  sager: { ...dubu, dates: "dk-dot" },
  handleplaner: { ...bi },
  opfoelgninger: { ...bi },
  tilsynsbesoeg: { ...bi, cprDash: true },
  boernesamtaler: { kind: "csv", delimiter: ";", encoding: "utf-8-bom", dates: "dk-slash", decimals: "comma", booleans: ["1", "0"], newline: "\r\n" },
  sagsbehandlere: { ...dubu },
  befolkning: { ...bi },
};

/** Decimal places per decimal column. */
const places: Record<string, number> = { normering: 1, aarlig_udgift: 2 };

function decimal(value: number, column: string, style: CsvFormat["decimals"]): string {
  const fixed = value.toFixed(places[column] ?? 2);
  if (style === "dot") return fixed;
  const [int, frac] = fixed.split(".");
  const grouped = style === "comma-thousands" ? int.replace(/\B(?=(\d{3})+(?!\d))/g, ".") : int;
  return frac === undefined ? grouped : `${grouped},${frac}`;
}

/** One cell as text in a CSV file of format `f`. */
export function formatCell(col: Column, value: Value, f: CsvFormat): string {
  if (value === null || value === undefined) return "";
  switch (col.type) {
    case "date":
      return typeof value === "number" ? formatDate(value, f.dates) : String(value);
    case "timestamp":
      return typeof value === "number" ? formatTimestamp(value, f.dates, f.seconds) : String(value);
    case "bool":
      return typeof value === "boolean" ? f.booleans[value ? 0 : 1] : String(value);
    case "decimal":
      return typeof value === "number" ? decimal(value, col.name, f.decimals) : String(value);
    case "cpr": {
      const s = String(value);
      return f.cprDash && /^\d{10}$/.test(s) ? `${s.slice(0, 6)}-${s.slice(6)}` : s;
    }
    default:
      return String(value);
  }
}

/** RFC 4180 quoting: only where the delimiter, a quote or a line break occurs. */
export function quote(text: string, delimiter: string): string {
  if (text.includes(delimiter) || text.includes('"') || text.includes("\n") || text.includes("\r")) {
    return `"${text.replaceAll('"', '""')}"`;
  }
  return text;
}
