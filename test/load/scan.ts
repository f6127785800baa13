// Scans of what a load kept, for the tests: every text value of every table in the warehouse.
import type { Warehouse } from "../../pipelines/db.ts";

/** Every varchar value of every table and view in the warehouse (src_, stg_, quarantine, load_log, …). */
export async function allText(w: Warehouse): Promise<string[]> {
  const cols = await w.all<{ table_name: string; column_name: string }>(
    `select table_name, column_name from information_schema.columns where data_type = 'VARCHAR' and table_schema = 'main'`,
  );
  const out: string[] = [];
  for (const c of cols) {
    const vals = await w.all<{ v: string }>(`select "${c.column_name}" as v from "${c.table_name}" where "${c.column_name}" is not null`);
    out.push(...vals.map((v) => v.v));
  }
  return out;
}
