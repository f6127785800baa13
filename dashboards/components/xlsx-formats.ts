// Excel number formats for Danish readers, in one place. Excel stores a format code with `,` as the thousands
// and `.` as the decimal separator and shows it in the reader's locale: in a Danish Excel `#,##0.0` reads
// 1.234,5 and `0.0 %` reads 84,3 %. Dates are real Excel dates shown day-month-year.

/** What a column holds; decides the cell's type and its number format. */
export type CellKind = "text" | "integer" | "decimal" | "percent" | "date" | "datetime" | "boolean";

export const DATE_FORMAT = "dd-mm-yyyy";
export const DATETIME_FORMAT = "dd-mm-yyyy hh:mm";
export const INTEGER_FORMAT = "#,##0";

export function decimalFormat(decimals: number): string {
  return decimals > 0 ? `#,##0.${"0".repeat(decimals)}` : INTEGER_FORMAT;
}

/** A share stored as 0–1, shown as a percentage with a space before the sign (Danish typography). */
export function percentFormat(decimals: number): string {
  return decimals > 0 ? `0.${"0".repeat(decimals)} %` : "0 %";
}

/** The format code of a column, or undefined for text. */
export function numberFormat(kind: CellKind, decimals?: number): string | undefined {
  switch (kind) {
    case "integer":
      return INTEGER_FORMAT;
    case "decimal":
      return decimalFormat(decimals ?? 1);
    case "percent":
      return percentFormat(decimals ?? 1);
    case "date":
      return DATE_FORMAT;
    case "datetime":
      return DATETIME_FORMAT;
    default:
      return undefined;
  }
}

/** How a boolean reads in a cell. */
export const BOOLEAN_TEXT = { true: "ja", false: "nej" } as const;
