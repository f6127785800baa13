// `libu sql`: ad hoc, read-only SQL against the warehouse.
import { csvFormatRows } from "d3-dsv";
import type { Command } from "../command.ts";
import { openWarehouse } from "../db.ts";
import { UsageError } from "../errors.ts";
import { resolve } from "node:path";
import { type CellKind, writeXlsx } from "../xlsx/index.ts";

const formats = ["table", "csv", "json", "xlsx"] as const;
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
  out.push(`(${rows.length} ${rows.length === 1 ? "række" : "rækker"})`);
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

/** Each column's cell kind, from its values: whole numbers, decimals, dates, date-times, else text. */
function xlsxKinds(columns: string[], rows: Record<string, unknown>[]): CellKind[] {
  return columns.map((c) => {
    const values = rows.map((r) => r[c]).filter((v) => v !== null && v !== undefined);
    if (!values.length) return "text";
    if (values.every((v) => typeof v === "bigint" || (typeof v === "number" && Number.isInteger(v)))) return "integer";
    if (values.every((v) => typeof v === "number" || typeof v === "bigint")) return "decimal";
    if (values.every((v) => v instanceof Date)) return values.every((v) => cellText(v).length === 10) ? "date" : "datetime";
    return "text";
  });
}

/** The result as one sheet: the columns' names as headers, numbers as numbers, dates as Excel dates. */
async function writeResultXlsx(path: string, query: string, columns: string[], rows: Record<string, unknown>[]): Promise<void> {
  const kinds = xlsxKinds(columns, rows);
  const plain = rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, kinds[i] === "text" && r[c] !== null && r[c] !== undefined ? cellText(r[c]) : r[c]])));
  await writeXlsx(path, {
    title: "libu sql",
    sheets: [
      {
        kind: "table",
        name: "Resultat",
        columns: columns.map((c, i) => ({ key: c, header: c, kind: kinds[i], decimals: kinds[i] === "decimal" ? 2 : undefined })),
        rows: plain,
        emptyText: "Ingen rækker.",
      },
      { kind: "info", name: "Forespørgsel", title: "Forespørgslen bag arket", lines: [query, "", `${rows.length} rækker`] },
    ],
  });
}

export const command: Command = {
  name: "sql",
  summary: "kører en SQL-forespørgsel mod datavarehuset, kun læsning",
  usage: 'libu sql [--db <fil>] [--format table|csv|json] "<forespørgsel>"   |   libu sql --format xlsx --out <fil> "<forespørgsel>"',
  help: "--format table (standard) skriver en tabel til skærmen; --format json rækkerne som JSON.\n--format csv skriver RFC 4180-CSV med overskriftsrække til stdout og intet andet.\n--format xlsx skriver resultatet som et Excel-ark til --out (tal som tal, datoer som datoer; filen kun læsbar for ejeren).",
  options: { format: { type: "string", default: "table" }, out: { type: "string" } },
  async run({ values, positionals }, ctx) {
    const format = values.format as Format;
    if (!formats.includes(format)) throw new UsageError(`--format skal være en af ${formats.join(", ")}, ikke "${format}"`);
    if (positionals.length !== 1) throw new UsageError(`giv præcis én forespørgsel i anførselstegn — brug: ${this.usage}`);
    if (format === "xlsx" && !values.out) throw new UsageError(`--format xlsx kræver --out <fil>, fx --out resultat.xlsx — brug: ${this.usage}`);
    if (format !== "xlsx" && values.out) throw new UsageError(`--out bruges kun med --format xlsx`);
    const wh = await openWarehouse(ctx.dbPath, { readOnly: true });
    try {
      const reader = await wh.connection.runAndReadAll(positionals[0]);
      const columns = reader.columnNames();
      const rows = reader.getRowObjectsJS() as Record<string, unknown>[];
      if (format === "xlsx") {
        const path = resolve(ctx.cwd, values.out as string);
        await writeResultXlsx(path, positionals[0], columns, rows);
        ctx.stderr.write(`${path}: ${rows.length} rækker\n`);
      } else ctx.stdout.write(format === "csv" ? toCsv(columns, rows) : format === "json" ? toJson(rows) : toTable(columns, rows));
    } catch (e) {
      if ((e as Error).name === "LibuError") throw e;
      throw new UsageError(`forespørgslen fejlede: ${(e as Error).message.split("\n")[0]}`);
    } finally {
      wh.close();
    }
  },
};
