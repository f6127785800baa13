// The simulation's records as the rows of the contract's tables: ids issued in date order (as a case system
// numbers its records), the export window applied, values still typed (days, minutes, numbers, booleans).
import { tables } from "../contract.ts";
import { addMonths } from "./dates.ts";
import type { Doc, Measure, Simulation, Worker } from "./simulate/index.ts";

/** A typed cell: `date` columns hold a day number, `timestamp` columns minutes since 1970, null = empty. */
export type Value = string | number | boolean | null;
export type Row = Record<string, Value>;
export type TableRows = Record<string, Row[]>;

const idPrefixes: Record<string, string> = {
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
function numbered<T>(items: T[], key: (x: T) => number, table: string, prefix: string, width: number): [T, string][] {
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
  const sagsbehandlere = numbered(workers, (w) => w.from, "sagsbehandlere", prefix, 4).map(([w, id]) => {
    workerIds.set(w, id);
    return { sagsbehandler_id: id, enhed: unitName(w.unit), normering: w.fte, fra_dato: Math.max(w.from, W), til_dato: w.to };
  });
  const workerId = (w: Worker) => workerIds.get(w) ?? null;

  // Records decided before the as-of date but starting on or after it are not in the export yet.
  const underretninger = numbered(sim.notifications, (n) => n.modtaget, "underretninger", prefix, width).map(([n, id]) => ({
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

  const undersoegelser = numbered(sim.bfus.filter((b) => b.start < sim.asOf), (b) => b.start, "undersoegelser", prefix, width).map(([b, id]) => ({
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
  for (const r of undersoegelser) if (r.afsluttet === null && r.frist_begrundelse !== null && addMonths(r.startet, 4) >= sim.asOf) r.frist_begrundelse = null;

  // Measures active at go-live are registered from that day (simulate/index.ts: why); none ended before it.
  const registered = (m: Measure) => Math.max(m.start, W);
  const foranstaltninger = numbered(sim.measures.filter((m) => m.start < sim.asOf && m.end >= W), registered, "foranstaltninger", prefix, width).map(([m, id], i) => ({
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
  const docTable = (docs: Doc[], table: string, idColumn: string, own: (d: Doc) => Row = () => ({})) =>
    numbered(exported(docs), byDay, table, prefix, width).map(([d, id]) => ({
      [idColumn]: id,
      cpr: d.child.cpr,
      dato: d.day,
      ...own(d),
      enhed: unitName(d.unit),
    }));
  const handleplaner = docTable(sim.plans, "handleplaner", "handleplan_id", (d) => ({ type: d.type ?? null }));
  const opfoelgninger = docTable(sim.followups, "opfoelgninger", "opfoelgning_id");
  const boernesamtaler = docTable(sim.conversations, "boernesamtaler", "samtale_id", (d) => ({ undladt: d.flag ?? null }));
  const tilsynsbesoeg = docTable(sim.visits, "tilsynsbesoeg", "besoeg_id", (d) => ({ samtale_alene: d.flag ?? null }));

  const sager = numbered(sim.cases.filter((k) => k.opened < sim.asOf), (k) => k.opened, "sager", prefix, width).map(([k, id]) => ({
    sag_id: id,
    cpr: k.child.cpr,
    oprettet: k.opened,
    lukket: k.closed !== null && k.closed < sim.asOf ? k.closed : null,
    enhed: unitName(k.unit),
    sagsbehandler_id: workerId(k.worker),
  }));

  const befolkning = sim.population.map((p) => ({ aar: p.aar, antal_0_17: p.antal }));

  const out: TableRows = {
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
  };
  // Every table of the contract, and only those.
  for (const t of tables) if (!out[t.name]) throw new Error(`demo: no rows for contract table ${t.name}`);
  return out;
}
