// The simulation's records as the rows of the contract's tables: ids issued in date order (as a case system
// numbers its records), the export window applied, values still typed (days, minutes, numbers, booleans).
// Typed by the contract: a table of the contract that this file does not write, a column a row lacks or one the
// contract does not have is a compile error here (test/demo/contract-types.test.ts shows it).
import { type CaseTableName, type ColumnName, type ContractTable, keyColumn } from "../contract.ts";
import { addMonths } from "./dates.ts";
import type { Doc, Measure, Simulation, Worker } from "./simulate/index.ts";

/** A typed cell: `date` columns hold a day number, `timestamp` columns minutes since 1970, null = empty. */
export type Value = string | number | boolean | null;
export type Row = Record<string, Value>;
/** A row of the contract's table `T`: exactly its columns. */
export type ContractRow<T extends CaseTableName> = { [C in ColumnName<T>]: Value };
/** The rows of every table of the case system's export, and only those. */
export type TableRows = { [T in CaseTableName]: ContractRow<T>[] };

/** The tables whose key is an id the case system issues (befolkning's key is the year). */
export type IssuedIdTable = Exclude<CaseTableName, "befolkning">;

const idPrefixes: Record<IssuedIdTable, string> = {
  underretninger: "U",
  undersoegelser: "BU",
  foranstaltninger: "F",
  handleplaner: "HP",
  opfoelgninger: "OF",
  boernesamtaler: "BS",
  tilsynsbesoeg: "TB",
  sager: "S",
  sagsbehandlere: "SB",
};

/** Sorts by `key` (stable) and numbers the rows in that order. */
function numbered<T>(items: T[], key: (x: T) => number, table: IssuedIdTable, prefix: string, width: number): [T, string][] {
  const sorted = [...items].sort((a, b) => key(a) - key(b));
  return sorted.map((x, i) => [x, `${prefix}${idPrefixes[table]}${String(i + 1).padStart(width, "0")}`]);
}

export function toRows(sim: Simulation, opts: { idWidth?: number } = {}): TableRows {
  const { muni, windowStart: W } = sim;
  const prefix = muni.idPrefix;
  const width = opts.idWidth ?? 6;
  const unitName = (u: number) => muni.units[u].name;

  const workerIds = new Map<Worker, string>();
  // Caseworkers employed at go-live were set up in the case system from that day (simulate/index.ts: why).
  const workers = sim.workers.filter((w) => w.to === null || w.to >= W);
  const sagsbehandlere = numbered(workers, (w) => w.from, "sagsbehandlere", prefix, 4).map(([w, id]): ContractRow<"sagsbehandlere"> => {
    workerIds.set(w, id);
    return { sagsbehandler_id: id, enhed: unitName(w.unit), normering: w.fte, fra_dato: Math.max(w.from, W), til_dato: w.to };
  });
  const workerId = (w: Worker) => workerIds.get(w) ?? null;

  // Records decided before the as-of date but starting on or after it are not in the export yet.
  const underretninger = numbered(sim.notifications, (n) => n.modtaget, "underretninger", prefix, width).map(([n, id]): ContractRow<"underretninger"> => ({
    underretning_id: id,
    cpr: n.child.cpr,
    modtaget: n.modtaget,
    kilde: n.kilde,
    fagperson: n.fagperson,
    vurderet: n.vurderet,
    kvitteret: n.kvitteret,
    udfald: n.udfald,
    udfald_dato: n.udfaldDato,
    alvorlig: n.alvorlig,
    enhed: unitName(n.unit),
    distrikt: n.district,
  }));

  const undersoegelser = numbered(sim.bfus.filter((b) => b.start < sim.asOf), (b) => b.start, "undersoegelser", prefix, width).map(([b, id]): ContractRow<"undersoegelser"> => ({
    undersoegelse_id: id,
    cpr: b.child.cpr,
    startet: b.start,
    afsluttet: b.end !== null && b.end < sim.asOf ? b.end : null,
    frist_begrundelse: b.reason,
    type: b.type,
    enhed: unitName(b.unit),
    sagsbehandler_id: workerId(b.worker),
  }));

  // Reasons are documented only once the deadline has passed by the as-of date.
  for (const r of undersoegelser) if (r.afsluttet === null && r.frist_begrundelse !== null && addMonths(r.startet as number, 4) >= sim.asOf) r.frist_begrundelse = null;

  // Measures active at go-live are registered from that day (simulate/index.ts: why); none ended before it.
  const registered = (m: Measure) => Math.max(m.start, W);
  const foranstaltninger = numbered(sim.measures.filter((m) => m.start < sim.asOf && m.end >= W), registered, "foranstaltninger", prefix, width).map(([m, id], i): ContractRow<"foranstaltninger"> => ({
    foranstaltning_id: id,
    cpr: m.child.cpr,
    type: m.type,
    paragraf: m.paragraf,
    startet: registered(m),
    ophoert: m.end < sim.asOf ? m.end : null,
    samtykke: m.consent,
    aarlig_udgift: m.cost,
    enhed: unitName(m.unit),
    sagsbehandler_id: i % 37 === 5 ? null : workerId(m.worker),
  }));

  // Migrated documents: the last year's (the 12-month windows of the first quarters).
  const exported = (docs: Doc[]) => docs.filter((d) => d.day < sim.asOf && (!d.legacy || d.day >= W - 365));
  const byDay = (d: Doc) => d.day;

  /** A table of dated documents: id, cpr, dato, enhed and the table's own columns. */
  // The id column is the table's key in the contract; `own` gives the table's other columns.
  type DocTable = "handleplaner" | "opfoelgninger" | "boernesamtaler" | "tilsynsbesoeg";
  const docTable = <T extends DocTable>(docs: Doc[], name: T, own: (d: Doc) => Omit<ContractRow<T>, "cpr" | "dato" | "enhed" | ContractTable<T>["key"]>) =>
    numbered(exported(docs), byDay, name, prefix, width).map(
      ([d, id]) => ({ [keyColumn(name)]: id, cpr: d.child.cpr, dato: d.day, ...own(d), enhed: unitName(d.unit) }) as ContractRow<T>,
    );
  const handleplaner = docTable(sim.plans, "handleplaner", (d) => ({ type: d.type ?? null }));
  const opfoelgninger = docTable(sim.followups, "opfoelgninger", () => ({}));
  const boernesamtaler = docTable(sim.conversations, "boernesamtaler", (d) => ({ undladt: d.flag ?? null }));
  const tilsynsbesoeg = docTable(sim.visits, "tilsynsbesoeg", (d) => ({ samtale_alene: d.flag ?? null }));

  const sager = numbered(sim.cases.filter((k) => k.opened < sim.asOf), (k) => k.opened, "sager", prefix, width).map(([k, id]): ContractRow<"sager"> => ({
    sag_id: id,
    cpr: k.child.cpr,
    oprettet: k.opened,
    lukket: k.closed !== null && k.closed < sim.asOf ? k.closed : null,
    enhed: unitName(k.unit),
    sagsbehandler_id: workerId(k.worker),
  }));

  const befolkning = sim.population.map((p): ContractRow<"befolkning"> => ({ aar: p.aar, antal_0_17: p.antal }));

  return {
    underretninger,
    undersoegelser,
    foranstaltninger,
    handleplaner,
    opfoelgninger,
    boernesamtaler,
    tilsynsbesoeg,
    sager,
    sagsbehandlere,
    befolkning,
  } satisfies TableRows;
}
