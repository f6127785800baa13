// Drawing up the worklists for a date: the marts mart_arbejdsliste_* are rebuilt as temporary tables for that
// date and horizon, from the same model files the build runs (never a second implementation). A temporary
// table shadows the warehouse's table of the same name, so the rebuilt models read the date's own rows while
// the warehouse, opened read-only, is not changed. Only the models between the worklists' date and the marts
// are rebuilt; the per-record facts are then computed for that one day.
import { type Model, discoverModels, orderModels } from "../runner/models.ts";
import { type Warehouse, ident } from "../db.ts";
import { LibuError } from "../errors.ts";
import { mart, worklists } from "./lists.ts";

/** The models that hold the worklists' date: the command puts its own rows in their place. */
export const PARAMETERS = "int_arbejdsliste_parametre";
export const STATUS_DAYS = "int_statusdage";

export interface Settings {
  dato: string;
  horisont: number;
}

/** The models to rebuild, in dependency order: needed by a worklist mart and reading the date. */
export function modelsToRebuild(models: Model[]): Model[] {
  const byName = new Map(models.map((m) => [m.name, m]));
  const needed = new Set<string>();
  const visit = (name: string) => {
    if (needed.has(name) || !byName.has(name)) return;
    needed.add(name);
    for (const dep of byName.get(name)!.dependsOn) visit(dep);
  };
  for (const list of worklists) visit(mart(list));
  const readsDate = new Map<string, boolean>();
  const reads = (name: string): boolean => {
    if (name === PARAMETERS || name === STATUS_DAYS) return true;
    if (!readsDate.has(name)) readsDate.set(name, (byName.get(name)?.dependsOn ?? []).some(reads));
    return readsDate.get(name)!;
  };
  return orderModels(models).filter((m) => needed.has(m.name) && m.name !== PARAMETERS && m.name !== STATUS_DAYS && reads(m.name));
}

async function hasTable(wh: Warehouse, name: string): Promise<boolean> {
  const rows = await wh.all(`select 1 from duckdb_tables() where database_name = current_database() and schema_name = 'main' and table_name = ?`, [name]);
  return rows.length > 0;
}

/**
 * Rebuilds the worklists as temporary tables for `dato` (default: the build's, the latest load's as-of date)
 * and `horisont` (default the model's, 30 days). Returns the settings used.
 */
export async function computeWorklists(wh: Warehouse, opts: { modelsDir: string; dato?: string; horisont?: number }): Promise<Settings> {
  if (!(await hasTable(wh, PARAMETERS)) || !(await hasTable(wh, mart(worklists[0])))) {
    throw new LibuError(`${wh.path}: lageret har endnu ingen arbejdslister — kør \`libu build\` først`);
  }
  // The warehouse's own tables by their database's name: `main.` alone would also find this connection's
  // temporary tables of an earlier call (their schema is main too), and a second call would inherit its settings.
  const [{ db }] = await wh.all<{ db: string }>(`select current_database() as db`);
  const own = (table: string) => `${ident(db)}.main.${ident(table)}`;
  const [built] = await wh.all<{ dato: Date | null }>(`select dato from ${own(PARAMETERS)}`);
  if (!built?.dato) throw new LibuError(`${wh.path}: intet er indlæst endnu — kør \`libu load <mappe>\` og derefter \`libu build\``);
  const models = discoverModels(opts.modelsDir);
  await wh.run(
    `create or replace temp table ${PARAMETERS} as
    select coalesce(?::date, dato) as dato, coalesce(?::integer, horisont) as horisont, boernesamtale_dage, gentagne_antal
    from ${own(PARAMETERS)}`,
    [opts.dato ?? null, opts.horisont ?? null],
  );
  await wh.run(`create or replace temp table ${STATUS_DAYS} as
    select p.dato as dag, (select k.kvartal from ${own("int_kvartaler")} as k where k.qe = p.dato) as kvartal from temp.${PARAMETERS} as p`);
  for (const model of modelsToRebuild(models)) {
    const kind = model.sidecar?.materialized === "view" ? "view" : "table";
    try {
      await wh.run(`create or replace temp ${kind} ${ident(model.name)} as\n${model.sql.trim().replace(/;\s*$/, "")}`);
    } catch (e) {
      throw new LibuError(`arbejdslister: modellen ${model.name} fejlede: ${(e as Error).message.split("\n")[0]}`);
    }
  }
  const [used] = await wh.all<{ dato: Date; horisont: number }>(`select dato, horisont from temp.${PARAMETERS}`);
  return { dato: used.dato.toISOString().slice(0, 10), horisont: Number(used.horisont) };
}

/** One worklist's rows, in the list's order; `enhed` keeps one unit's rows (a list with levels: its unit list). */
export async function readWorklist(wh: Warehouse, name: string, enhed?: string): Promise<{ columns: string[]; rows: Record<string, unknown>[] }> {
  const list = worklists.find((l) => l.name === name);
  if (!list) throw new Error(`unknown worklist ${name}`);
  const where = enhed === undefined ? "" : list.levels ? `where niveau = 'enhed' and enhed = ?` : `where enhed = ?`;
  const reader = await wh.connection.runAndReadAll(`select * from temp.${mart(list)} ${where} order by ${list.orderBy}`, enhed === undefined ? [] : [enhed]);
  return { columns: reader.columnNames(), rows: reader.getRowObjectsJS() as Record<string, unknown>[] };
}
