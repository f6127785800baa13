// `libu sql`: ad hoc, read-only SQL against the warehouse.
import { csvFormatRows } from "d3-dsv";
import type { Command } from "../command.ts";
import { openWarehouse } from "../db.ts";
import { UsageError } from "../errors.ts";

const formats = ["table", "csv", "json"] as const;
type Format = (typeof formats)[number];

/** A cell as text: ISO dates, plain numbers, empty for NULL. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 19).replace("T", " ");
  }
  if (typeof value === "object") return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? Number(v) : v));
  return String(value);
}

/** RFC 4180: CRLF line ends, quoting only where needed, a header row. */
export function toCsv(columns: string[], rows: Record<string, unknown>[]): string {
  const body = csvFormatRows([columns, ...rows.map((r) => columns.map((c) => cellText(r[c])))]);
  return body.replaceAll("\n", "\r\n") + "\r\n";
}

export function toTable(columns: string[], rows: Record<string, unknown>[]): string {
  const cells = rows.map((r) => columns.map((c) => (r[c] === null || r[c] === undefined ? "NULL" : cellText(r[c]))));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i].length)));
  const line = (vals: string[]) => vals.map((v, i) => v.padEnd(widths[i])).join(" │ ").trimEnd();
  const out = [line(columns), widths.map((w) => "─".repeat(w)).join("─┼─"), ...cells.map(line)];
  out.push(`(${rows.length} ${rows.length === 1 ? "row" : "rows"})`);
  return out.join("\n") + "\n";
}

/** Dates and timestamps written as in the other formats (a DATE is not a UTC midnight), bigints as numbers. */
function toJson(rows: Record<string, unknown>[]): string {
  return (
    JSON.stringify(
      rows,
      function (this: Record<string, unknown>, k, v) {
        const raw = this[k]; // before Date's toJSON
        return raw instanceof Date ? cellText(raw) : typeof v === "bigint" ? Number(v) : v;
      },
      2,
    ) + "\n"
  );
}

export const command: Command = {
  name: "sql",
  summary: "runs ad hoc SQL against the warehouse, read-only",
  usage: 'libu sql [--db <file>] [--format table|csv|json] "<query>"',
  help: "--format csv writes RFC 4180 CSV with a header to stdout and nothing else.",
  options: { format: { type: "string", default: "table" } },
  async run({ values, positionals }, ctx) {
    const format = values.format as Format;
    if (!formats.includes(format)) throw new UsageError(`--format must be one of ${formats.join(", ")}, not "${format}"`);
    if (positionals.length !== 1) throw new UsageError(`give exactly one query in quotes — usage: ${this.usage}`);
    const wh = await openWarehouse(ctx.dbPath, { readOnly: true });
    try {
      const reader = await wh.connection.runAndReadAll(positionals[0]);
      const columns = reader.columnNames();
      const rows = reader.getRowObjectsJS() as Record<string, unknown>[];
      ctx.stdout.write(format === "csv" ? toCsv(columns, rows) : format === "json" ? toJson(rows) : toTable(columns, rows));
    } catch (e) {
      if ((e as Error).name === "LibuError") throw e;
      throw new UsageError(`query failed: ${(e as Error).message.split("\n")[0]}`);
    } finally {
      wh.close();
    }
  },
};
