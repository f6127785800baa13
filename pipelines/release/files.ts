// A published table as a file: CSV for Danish Excel and Parquet for analysts. Both hold the same cells: a shown
// figure as a number, a hidden one as its sign (`<5`, `–`), which Parquet keeps in a `<column>_tegn` column
// beside the numeric one.
import { writeFileSync } from "node:fs";
import { dsvFormat } from "d3-dsv";
import { lit, openMemory } from "../db.ts";
import type { Cell, Column, PublishedTable } from "./published.ts";

const NUMERIC = new Set(["antal", "andel", "forhold", "figur"]);
export const isFigure = (c: Column) => NUMERIC.has(c.kind);

/** A number in Danish form for CSV: decimal comma, no thousands separator, full precision (Excel reads it as a number). */
export function csvNumber(x: number): string {
  return String(x).replace(".", ",");
}

export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return "";
  return typeof v === "number" ? csvNumber(v) : v;
}

/** `;`-separated, UTF-8 with BOM, CRLF: what Danish Excel opens correctly, like the site's downloads. */
export function tableCsv(t: PublishedTable): string {
  const body = dsvFormat(";").formatRows([t.columns.map((c) => c.label), ...t.rows.map((r) => t.columns.map((c) => csvCell(r[c.key])))]);
  return "\ufeff" + body.replaceAll("\n", "\r\n") + "\r\n";
}

/** Parses a cell of `tableCsv` back (for the tests: the XLSX cells equal the CSV cells). */
export function parseCsvCell(text: string, column: Column): Cell {
  if (text === "") return null;
  if ((isFigure(column) || column.kind === "kode") && /^-?\d+(,\d+)?(e[-+]?\d+)?$/i.test(text)) return Number(text.replace(",", "."));
  return text;
}

function parquetType(c: Column): string {
  if (isFigure(c)) return "double";
  if (c.kind === "kode") return "bigint";
  if (c.kind === "dato") return "date";
  return "varchar";
}

/** Writes the table to `path` as Parquet through DuckDB (one JSON file read by DuckDB's own reader). */
export async function writeParquet(t: PublishedTable, path: string, scratch: string): Promise<void> {
  const columns: [string, string][] = [];
  for (const c of t.columns) {
    columns.push([c.key, parquetType(c)]);
    if (isFigure(c)) columns.push([`${c.key}_tegn`, "varchar"]);
  }
  const lines = t.rows.map((r) => {
    const o: Record<string, Cell> = {};
    for (const c of t.columns) {
      const v = r[c.key] ?? null;
      if (isFigure(c)) {
        o[c.key] = typeof v === "number" ? v : null;
        o[`${c.key}_tegn`] = typeof v === "string" ? v : null;
      } else o[c.key] = v;
    }
    return JSON.stringify(o);
  });
  writeFileSync(scratch, lines.join("\n") + "\n");
  const spec = `{${columns.map(([k, ty]) => `${lit(k)}: ${lit(ty)}`).join(", ")}}`;
  const db = await openMemory();
  try {
    const source = t.rows.length
      ? `read_json(${lit(scratch)}, format = 'newline_delimited', columns = ${spec})`
      : `(select ${columns.map(([k, ty]) => `null::${ty} as "${k}"`).join(", ")} limit 0)`;
    await db.run(`copy (select * from ${source}) to ${lit(path)} (format parquet)`);
  } finally {
    db.close();
  }
}
