// Every description stored with COMMENT ON, so it shows in any SQL client (duckdb_tables(), duckdb_columns()).
// Models and seeds are described by their sidecars; the tables the load and the runner write, here and in the contract.
import { allTables as contractTables, srcTable } from "../contract.ts";
import { type Warehouse, ident, lit } from "../db.ts";
import { releaseTableDocs } from "../release/store.ts";
import { tilsynTableDocs } from "../tilsyn/tables.ts";
import { srcColumns } from "../warehouse.ts";

export interface TableDoc {
  name: string;
  description: string;
  columns: Record<string, string>;
}

/** The tables the loader writes besides src_ (see pipelines/warehouse.ts and models/README.md). */
export const loadTableDocs: TableDoc[] = [
  {
    name: "load_log",
    description: "One row per load (libu load).",
    columns: {
      load_id: "number of the load, increasing",
      startet: "when the load started",
      afsluttet: "when the load finished",
      as_of: "the as-of date of the exports (udtræksdato); quarters ending after it are not reported",
      mappe: "the folder loaded",
      profil: "the export profile used to read the files",
      accept_rejects: "the load was allowed to quarantine more than the usual share of rows",
      demo_noegle: "pseudonyms were made with the public demo key (synthetic data only)",
      varighed_ms: "duration of the load in milliseconds",
    },
  },
  {
    name: "load_files",
    description: "One row per file read by a load.",
    columns: {
      load_id: "the load (load_log)",
      tabel: "the contract table the file was read as",
      fil: "the file name",
      sha256: "SHA-256 of the file",
      format: "file format (csv, xlsx, …)",
      tegnsaet: "character encoding detected",
      skilletegn: "field separator detected",
      raekker_laest: "data rows read",
      raekker_indlaest: "rows loaded into src_<tabel>",
      raekker_karantaene: "rows put in quarantine",
      ekstra_kolonner: "columns in the file that the contract does not know (ignored)",
    },
  },
  {
    name: "load_data_fra",
    description:
      "Per table of a load, the day from which the export's data are complete, from the folder's libu-manifest.json (data_fra, data_fra_tabel); a table without one has no row.",
    columns: {
      load_id: "the load (load_log)",
      tabel: "the contract table",
      data_fra: "the day from which the table's data are complete; quarters that start before it are not reported (int_data_fra)",
    },
  },
  {
    name: "quarantine",
    description: "Rows a load rejected, with the reason; they take part in no KPI.",
    columns: {
      load_id: "the load (load_log)",
      tabel: "the contract table",
      fil: "the file",
      linje: "line number in the file (header = line 1)",
      kolonne: "the column that broke the rule, if one",
      regel: "the contract's rule number 1–6, 7 for a case review that does not match the drawn sample (0: a line the CSV reader could not split)",
      aarsag: "short reason code",
      besked: "the message, naming file, line and column",
      raa_tekst: "the raw line with any CPR number masked",
    },
  },
];

/** The tables the runner writes from libu.config.json (pipelines/runner/runner.ts). */
export const configTableDocs: TableDoc[] = [
  {
    name: "cfg_kommune",
    description: "The municipality's settings from libu.config.json (one row).",
    columns: {
      kommune: "the municipality's name",
      opfoelgning_interval_maaneder: "k in KPI 13: months between follow-ups after the first",
      diskretionsgraense: "suppression threshold: counts below it and shares with a smaller denominator are not published",
      farve_groen: "compliance share at or above which a cell is green",
      farve_gul: "compliance share at or above which a cell is yellow (below: red)",
    },
  },
  {
    name: "cfg_data_fra",
    description: "The days from which the case system's data are complete, from libu.config.json (dataFra, dataFraTabel); no row when not set.",
    columns: { tabel: "the contract table; NULL = every table (dataFra)", data_fra: "the day; quarters that start before it are not reported" },
  },
  {
    name: "cfg_lukkedage",
    description: "Local closing days added to the public holidays for working-day deadlines (libu.config.json).",
    columns: { dag: "MM-DD (every year) or YYYY-MM-DD (one date)", navn: "name of the day" },
  },
  {
    name: "cfg_udviklingsplan",
    description: "The development plan's targets (libu.config.json).",
    columns: {
      kpi: "the KPI id (kpi_definitioner)",
      periode: "YYYY (every quarter of the year) or YYYYKn",
      maal: "the target value, in the KPI's unit (a share as 0–1)",
      enhed: "the unit the target is for; NULL = the whole municipality",
    },
  },
];

/** The src_ tables, described from the contract. */
export function srcTableDocs(): TableDoc[] {
  return contractTables.map((t) => ({
    name: srcTable(t.name),
    description: `${t.description} As loaded: the latest snapshot, typed; the CPR number replaced by a pseudonym.`,
    columns: Object.fromEntries(srcColumns(t).map((c) => [c.name, c.description])),
  }));
}

/** Columns of every table in the main schema, in order. */
export async function tableColumns(wh: Warehouse): Promise<Map<string, string[]>> {
  const rows = await wh.all<{ table_name: string; column_name: string }>(
    `select table_name, column_name from duckdb_columns() where schema_name = 'main' and not internal order by table_name, column_index`,
  );
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.table_name, [...(out.get(r.table_name) ?? []), r.column_name]);
  return out;
}

/** The tables and views of the main schema, by name, with their kind and description. */
export async function mainRelations(wh: Warehouse): Promise<{ name: string; kind: "table" | "view"; comment: string | null }[]> {
  return wh.all(
    `select table_name as name, 'table' as kind, comment from duckdb_tables() where schema_name = 'main'
     union all select view_name, 'view', comment from duckdb_views() where schema_name = 'main' and not internal
     order by 1`,
  );
}

export async function commentTable(
  wh: Warehouse,
  table: string,
  description: string | undefined,
  columns: Iterable<[string, string | undefined]>,
  existing: string[],
  kind: "table" | "view" = "table",
): Promise<void> {
  if (description) await wh.run(`comment on ${kind} ${ident(table)} is ${lit(description)}`);
  for (const [col, desc] of columns) {
    // A documented column the table lacks is reported by the documentation check, not a crash here.
    if (desc && existing.includes(col)) await wh.run(`comment on column ${ident(table)}.${ident(col)} is ${lit(desc)}`);
  }
}

export async function commentFixedTables(wh: Warehouse, columns: Map<string, string[]>): Promise<void> {
  for (const doc of [...srcTableDocs(), ...loadTableDocs, ...releaseTableDocs, ...configTableDocs, ...tilsynTableDocs]) {
    if (!columns.has(doc.name)) continue;
    await commentTable(wh, doc.name, doc.description, Object.entries(doc.columns), columns.get(doc.name)!);
  }
}
