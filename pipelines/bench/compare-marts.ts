// Compares every mart of two warehouses row for row (EXCEPT both ways), for a redesign that must leave the
// published figures unchanged:
//
//   npx tsx pipelines/bench/compare-marts.ts <before.duckdb> <after.duckdb> [--mart <name>]…
//
// Both files are opened read-only. Per mart: the rows of each side, the rows only in one side (0 and 0 =
// identical), columns one side lacks (compared on the shared columns only), and clock columns left out (when
// a load or build ran differs by definition). Exit 0 when every mart present in `before` is identical.
import { parseArgs } from "node:util";
import { type Warehouse, ident, lit, openMemory } from "../db.ts";

/** Columns that hold when something ran, not what was computed. */
export const CLOCK_COLUMNS = new Set(["bygget", "startet", "afsluttet", "koert", "varighed_ms"]);

export interface MartComparison {
  mart: string;
  rowsBefore: number;
  rowsAfter: number | null;
  onlyBefore: number;
  onlyAfter: number;
  /** Columns in one side only (not compared). */
  onlyInBefore: string[];
  onlyInAfter: string[];
  identical: boolean;
}

async function columns(wh: Warehouse, db: string, table: string): Promise<string[]> {
  const rows = await wh.all<{ c: string }>(
    `select column_name as c from duckdb_columns() where database_name = ${lit(db)} and schema_name = 'main' and table_name = ${lit(table)} order by column_index`,
  );
  return rows.map((r) => r.c);
}

async function marts(wh: Warehouse, db: string): Promise<string[]> {
  const rows = await wh.all<{ t: string }>(
    `select table_name as t from duckdb_tables() where database_name = ${lit(db)} and schema_name = 'main' and table_name like 'mart\\_%' escape '\\'
     union select view_name from duckdb_views() where database_name = ${lit(db)} and schema_name = 'main' and view_name like 'mart\\_%' escape '\\' order by 1`,
  );
  return rows.map((r) => r.t);
}

export async function compareMarts(before: string, after: string, only: string[] = []): Promise<MartComparison[]> {
  const wh = await openMemory();
  try {
    await wh.run(`attach ${lit(before)} as a (read_only)`);
    await wh.run(`attach ${lit(after)} as b (read_only)`);
    const inAfter = new Set(await marts(wh, "b"));
    const out: MartComparison[] = [];
    for (const mart of (await marts(wh, "a")).filter((m) => !only.length || only.includes(m))) {
      const [{ n }] = await wh.all<{ n: bigint }>(`select count(*) as n from a.${ident(mart)}`);
      if (!inAfter.has(mart)) {
        out.push({ mart, rowsBefore: Number(n), rowsAfter: null, onlyBefore: Number(n), onlyAfter: 0, onlyInBefore: [], onlyInAfter: [], identical: false });
        continue;
      }
      const ca = await columns(wh, "a", mart);
      const cb = await columns(wh, "b", mart);
      const shared = ca.filter((c) => cb.includes(c) && !CLOCK_COLUMNS.has(c));
      const list = shared.map(ident).join(", ");
      const count = async (x: string, y: string) =>
        Number((await wh.all<{ n: bigint }>(`select count(*) as n from (select ${list} from ${x}.${ident(mart)} except all select ${list} from ${y}.${ident(mart)})`))[0].n);
      const [{ m }] = await wh.all<{ m: bigint }>(`select count(*) as m from b.${ident(mart)}`);
      const onlyBefore = await count("a", "b");
      const onlyAfter = await count("b", "a");
      out.push({
        mart,
        rowsBefore: Number(n),
        rowsAfter: Number(m),
        onlyBefore,
        onlyAfter,
        onlyInBefore: ca.filter((c) => !cb.includes(c)),
        onlyInAfter: cb.filter((c) => !ca.includes(c)),
        identical: onlyBefore === 0 && onlyAfter === 0 && !ca.some((c) => !cb.includes(c)),
      });
    }
    return out;
  } finally {
    wh.close();
  }
}

export function formatComparison(rows: MartComparison[]): string {
  const lines = rows.map((r) => {
    const cols = [r.onlyInBefore.length ? `columns only before: ${r.onlyInBefore.join(", ")}` : "", r.onlyInAfter.length ? `columns only after: ${r.onlyInAfter.join(", ")}` : ""].filter(Boolean).join("; ");
    const rowsText = r.rowsAfter === null ? "missing after" : `${r.rowsBefore} / ${r.rowsAfter} rows, ${r.onlyBefore} only before, ${r.onlyAfter} only after`;
    return `${r.identical ? "identical" : "DIFFERENT"}  ${r.mart.padEnd(32)} ${rowsText}${cols ? ` (${cols})` : ""}`;
  });
  return lines.join("\n") + "\n";
}

if (import.meta.filename === process.argv[1]) {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { mart: { type: "string", multiple: true } } });
  if (positionals.length !== 2) {
    process.stderr.write("usage: npx tsx pipelines/bench/compare-marts.ts <before.duckdb> <after.duckdb> [--mart <name>]…\n");
    process.exit(2);
  }
  const result = await compareMarts(positionals[0], positionals[1], values.mart ?? []);
  process.stdout.write(formatComparison(result));
  process.exitCode = result.every((r) => r.identical) ? 0 : 1;
}
