// Does a table's history look cut off? (issue 15, deliverable 4.) A case system that replaced another often exports
// the records that were open at the change with the change's day as their start, or none from before it: the first
// quarters then show a burst of "new" measures that are old ones. The load report says so in one line per table
// (formatHistory), with what to do: export the real starts, or set data_fra so that those quarters are not reported.
// Only the contract's lasting records are looked at (Table.history: investigations, measures, cases, caseworkers).
import { type Table, srcTable } from "../contract.ts";
import type { Warehouse } from "../db.ts";
import { EXPORT_MANIFEST } from "./manifest.ts";
import { CONFIG_FILE } from "../config.ts";
import { all } from "./query.ts";

/** A day "holds many" starts when at least this many rows and this share of the table's rows start on it. */
export const SAME_DAY_MIN_ROWS = 20;
export const SAME_DAY_MIN_SHARE = 0.1;
/** A table's earliest start this many days after the earliest case suggests its older records are missing. */
export const LATE_START_DAYS = 365;

export interface HistoryFinding {
  /** `samme_dag`: many rows start on one day; `sen_start`: the earliest start is long after the earliest case. */
  art: "samme_dag" | "sen_start";
  /** The table's start column (Table.history.start). */
  kolonne: string;
  /** samme_dag: the day; sen_start: the table's earliest start. */
  dag: string;
  /** Rows starting on `dag`, of `raekker`. */
  antal: number;
  raekker: number;
  /** samme_dag: `dag` is also the table's earliest start. */
  tidligst: boolean;
  /** sen_start: the earliest case (sager.oprettet). */
  foersteSag?: string;
  /** The table's data_fra when it leaves `dag` out (after it; for sen_start on or after it), and where it is from. */
  dataFra?: DataFra;
}

/** A data_fra day and the file that sets it: the configuration (as the user named it) or the export's manifest. */
export interface DataFra {
  dato: string;
  fil: string;
}

/** The table's data_fra as int_data_fra.sql takes it: the configuration's day for the table, for every table, the manifest's. */
export type DataFraOf = (table: string) => DataFra | undefined;

const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 864e5;

/**
 * The finding for one staged table (`staging` holds its new rows), or undefined when its starts look like a full
 * history. `cases` is the relation holding the cases to compare with (this load's staged sager, else src_sager),
 * or undefined when there are none.
 */
export async function historyFinding(
  wh: Warehouse,
  table: Table,
  staging: string,
  cases: string | undefined,
  dataFraOf: DataFraOf,
): Promise<HistoryFinding | undefined> {
  if (!table.history) return undefined;
  const start = table.history.start;
  const [r] = await all<{ raekker: number; foerste: string | null; dag: string | null; antal: number | null; foerste_sag: string | null }>(
    wh,
    "indlæsning",
    `with pr_dag as (select cast("${start}" as date) as dag, count(*) as n from ${staging} where "${start}" is not null group by 1),
       top as (select dag, n from pr_dag order by n desc, dag limit 1)
     select (select count(*) from ${staging})::integer as raekker,
       (select min(dag) from pr_dag)::varchar as foerste,
       (select dag from top)::varchar as dag,
       (select n from top)::integer as antal,
       ${cases && table.name !== "sager" ? `(select min(oprettet) from ${cases})::varchar` : "null::varchar"} as foerste_sag`,
  );
  if (!r || !r.foerste || !r.dag || r.raekker < SAME_DAY_MIN_ROWS) return undefined;
  const fra = dataFraOf(table.name);
  if (r.antal! >= SAME_DAY_MIN_ROWS && r.antal! / r.raekker >= SAME_DAY_MIN_SHARE)
    return {
      art: "samme_dag",
      kolonne: start,
      dag: r.dag,
      antal: r.antal!,
      raekker: r.raekker,
      tidligst: r.dag === r.foerste,
      ...(fra && fra.dato > r.dag ? { dataFra: fra } : {}),
    };
  if (r.foerste_sag && days(r.foerste_sag, r.foerste) > LATE_START_DAYS) {
    const [{ n }] = await all<{ n: number }>(wh, "indlæsning", `select count(*)::integer as n from ${staging} where cast("${start}" as date) = ?::date`, [r.foerste]);
    return {
      art: "sen_start",
      kolonne: start,
      dag: r.foerste,
      antal: n,
      raekker: r.raekker,
      tidligst: true,
      foersteSag: r.foerste_sag,
      ...(fra && fra.dato >= r.foerste ? { dataFra: fra } : {}),
    };
  }
  return undefined;
}

/** The cases to compare starts with: this load's staged sager, else the warehouse's, else none. */
export async function casesRelation(wh: Warehouse, stagedSager: string | undefined): Promise<string | undefined> {
  if (stagedSager) return stagedSager;
  const [{ n }] = await all<{ n: number }>(
    wh,
    "indlæsning",
    `select count(*)::integer as n from information_schema.tables where table_schema = 'main' and table_name = '${srcTable("sager")}'`,
  );
  return n ? srcTable("sager") : undefined;
}

const num = (n: number) => n.toLocaleString("da-DK");
const pct = (x: number) => `${(x * 100).toLocaleString("da-DK", { maximumFractionDigits: 1 })} %`;
const dayAfter = (d: string) => new Date(Date.parse(d) + 864e5).toISOString().slice(0, 10);

/**
 * The report's one line about a table's history (Danish): what was seen, and what to do unless data_fra covers it.
 * `konfiguration`: the configuration's file as the user named it (where to set dataFra).
 */
export function formatHistory(file: string, f: HistoryFinding, konfiguration: string = CONFIG_FILE): string {
  const seen =
    f.art === "samme_dag"
      ? `${num(f.antal)} af ${num(f.raekker)} rækker (${pct(f.antal / f.raekker)}) har ${f.kolonne} ${f.dag}${f.tidligst ? ", den tidligste dag i filen" : ""}`
      : `den tidligste ${f.kolonne} er ${f.dag}, ${Math.floor(days(f.foersteSag!, f.dag) / 365.25)} år efter den tidligste sag (oprettet ${f.foersteSag})`;
  if (f.dataFra)
    return (
      `bemærk: ${file}: ${seen} — ligner en overgang fra et tidligere sagssystem; data_fra er ${f.dataFra.dato} (${f.dataFra.fil}), ` +
      "så kvartaler, der begynder før den dag, rapporteres ikke"
    );
  const from = f.art === "samme_dag" ? dayAfter(f.dag) : f.dag;
  const why =
    f.art === "samme_dag"
      ? "historikken ser afskåret ud (åbne sager fra et tidligere sagssystem med overgangsdagen som start?)"
      : `rækkerne fra før ${f.dag} mangler måske (et tidligere sagssystem?)`;
  return (
    `advarsel: ${file}: ${seen} — ${why}. Træk eksporten med de oprindelige datoer for alt, der stadig var åbent, ` +
    `eller sæt dataFra i ${konfiguration} (eller data_fra i ${EXPORT_MANIFEST}) til ${from}, så kvartaler, der begynder før, ikke rapporteres`
  );
}
