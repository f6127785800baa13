// The input contract of docs/contract.md, written once as data, and typed: a table's name, its columns' names and
// its key are literal types, so code that must handle every table (the demo, the formats) fails to compile until
// a new table is handled. The loader, the validation, staging's defaults and descriptions, the demo generator, the
// fixtures and the docs are all derived from it.

export type ColumnType = "text" | "cpr" | "timestamp" | "date" | "code" | "bool" | "decimal" | "integer";

export interface Column<N extends string = string> {
  readonly name: N;
  readonly type: ColumnType;
  readonly required: boolean;
  /** For `code` columns: the seed file under models/seeds/ whose `kode` column lists the accepted codes. */
  readonly codes?: string;
  /** The seed's column that lists the codes, when not `kode` (tilsynsspoergsmaal lists its ids as spoergsmaal_id). */
  readonly codesColumn?: string;
  /**
   * Value used by staging when the cell is empty (documented in the contract): staging reads it through the macro
   * `standard_<table>_<column>` (runner), never as a literal of its own.
   */
  readonly default?: string | boolean;
  /**
   * Free text, which may hold a line break (Excel's Alt+Enter). A line break in any other text column (an id, a unit,
   * a district) is a quoted field that swallowed the rows after it: the row is quarantined (issue 11).
   */
  readonly freeText?: boolean;
  readonly description: string;
}

/** `later` must not be before `earlier`; `byDate` compares the date part of a timestamp only. */
export interface DateOrder {
  readonly later: string;
  readonly earlier: string;
  readonly byDate?: boolean;
}

export interface Table<N extends string = string> {
  readonly name: N;
  readonly description: string;
  /** The unique id column (rule 4: a repeated id is quarantined, the first row is kept). */
  readonly key?: string;
  readonly columns: readonly Column[];
  readonly dateOrder: readonly DateOrder[];
  readonly optionalTable?: boolean;
  /**
   * Records that last (from `start` to `end`): the export must hold every one still open on the first day reported,
   * with its real start, not the day it was moved into the case system (docs/contract.md, "Coverage"). The load
   * warns when the starts suggest a cut-off history (load/history.ts).
   */
  readonly history?: { readonly start: string; readonly end: string };
}

const c = <const N extends string>(
  name: N,
  type: ColumnType,
  required: boolean,
  description: string,
  extra: Partial<Omit<Column, "name">> = {},
): Column<N> => ({ name, type, required, description, ...extra });

const contractTables = [
  {
    name: "underretninger",
    description: "Notifications of concern about a child (underretninger).",
    key: "underretning_id",
    columns: [
      c("underretning_id", "text", true, "unique id"),
      c("cpr", "cpr", true, "the child"),
      c("modtaget", "timestamp", true, "when the notification was received"),
      c("kilde", "code", true, "who notified", { codes: "kilder" }),
      c("fagperson", "bool", false, "notifier has the professional duty to notify; empty → derived from kilde"),
      c("vurderet", "timestamp", false, "when the notification was assessed (the 24-hour assessment)"),
      c("kvitteret", "date", false, "when receipt was acknowledged to the notifier"),
      c("udfald", "code", false, "outcome", { codes: "udfald" }),
      c("udfald_dato", "date", false, "when the outcome was decided"),
      c("alvorlig", "bool", false, "concerns violence or sexual abuse"),
      c("enhed", "text", true, "responsible unit"),
      c("distrikt", "text", false, "school district of the child"),
    ],
    dateOrder: [
      { later: "vurderet", earlier: "modtaget" },
      { later: "kvitteret", earlier: "modtaget", byDate: true },
      { later: "udfald_dato", earlier: "modtaget", byDate: true },
    ],
  },
  {
    name: "undersoegelser",
    description: "Child protection investigations (børnefaglige undersøgelser).",
    key: "undersoegelse_id",
    columns: [
      c("undersoegelse_id", "text", true, "unique id"),
      c("cpr", "cpr", true, "the child"),
      c("startet", "date", true, "decision to start the investigation"),
      c("afsluttet", "date", false, "investigation completed"),
      c("frist_begrundelse", "text", false, "documented reason for exceeding the deadline", { freeText: true }),
      c("type", "code", false, "ny or supplerende", { codes: "undersoegelsestyper", default: "ny" }),
      c("enhed", "text", true, "responsible unit"),
      c("sagsbehandler_id", "text", false, "caseworker"),
    ],
    dateOrder: [{ later: "afsluttet", earlier: "startet" }],
    history: { start: "startet", end: "afsluttet" },
  },
  {
    name: "foranstaltninger",
    description: "Measures, including placements (foranstaltninger).",
    key: "foranstaltning_id",
    columns: [
      c("foranstaltning_id", "text", true, "unique id"),
      c("cpr", "cpr", true, "the child"),
      c("type", "code", true, "a code from the seed foranstaltningstyper", { codes: "foranstaltningstyper" }),
      c("paragraf", "text", false, "the legal basis as written in the case system"),
      c("startet", "date", true, "first day"),
      c("ophoert", "date", false, "last day (empty = still active)"),
      c("samtykke", "bool", false, "placements: with the parents' consent (false = without consent)"),
      c("aarlig_udgift", "decimal", false, "cost per year in DKK"),
      c("enhed", "text", true, "responsible unit"),
      c("sagsbehandler_id", "text", false, "caseworker"),
    ],
    dateOrder: [{ later: "ophoert", earlier: "startet" }],
    history: { start: "startet", end: "ophoert" },
  },
  {
    name: "handleplaner",
    description: "Action plans (handleplaner / barnets plan).",
    key: "handleplan_id",
    columns: [
      c("handleplan_id", "text", true, "unique id"),
      c("cpr", "cpr", true, "the child"),
      c("dato", "date", true, "date of the plan"),
      c("type", "code", false, "ny or revision", { codes: "handleplantyper", default: "ny" }),
      c("enhed", "text", true, "responsible unit"),
    ],
    dateOrder: [],
  },
  {
    name: "opfoelgninger",
    description: "Follow-ups on measures (opfølgninger).",
    key: "opfoelgning_id",
    columns: [
      c("opfoelgning_id", "text", true, "unique id"),
      c("cpr", "cpr", true, "the child"),
      c("dato", "date", true, "date of the follow-up"),
      c("enhed", "text", true, "responsible unit"),
    ],
    dateOrder: [],
  },
  {
    name: "boernesamtaler",
    description: "Conversations with the child (børnesamtaler).",
    key: "samtale_id",
    columns: [
      c("samtale_id", "text", true, "unique id"),
      c("cpr", "cpr", true, "the child"),
      c("dato", "date", true, "date of the conversation"),
      c("undladt", "bool", false, "lawfully omitted with a documented reason", { default: false }),
      c("enhed", "text", true, "responsible unit"),
    ],
    dateOrder: [],
  },
  {
    name: "tilsynsbesoeg",
    description: "Supervision visits to placed children (personrettet tilsyn).",
    key: "besoeg_id",
    columns: [
      c("besoeg_id", "text", true, "unique id"),
      c("cpr", "cpr", true, "the child"),
      c("dato", "date", true, "date of the visit"),
      c("samtale_alene", "bool", false, "the child was spoken to alone"),
      c("enhed", "text", true, "responsible unit"),
    ],
    dateOrder: [],
  },
  {
    name: "sager",
    description: "Cases (sager).",
    key: "sag_id",
    columns: [
      c("sag_id", "text", true, "unique id"),
      c("cpr", "cpr", true, "the child"),
      c("oprettet", "date", true, "case opened"),
      c("lukket", "date", false, "case closed"),
      c("enhed", "text", true, "responsible unit"),
      c("sagsbehandler_id", "text", false, "caseworker"),
    ],
    dateOrder: [{ later: "lukket", earlier: "oprettet" }],
    history: { start: "oprettet", end: "lukket" },
  },
  {
    name: "sagsbehandlere",
    description: "Caseworkers (sagsbehandlere) and their full-time equivalents.",
    key: "sagsbehandler_id",
    columns: [
      c("sagsbehandler_id", "text", true, "caseworker id"),
      c("enhed", "text", true, "unit"),
      c("normering", "decimal", true, "full-time equivalents (e.g. 1,0 or 0,8)"),
      c("fra_dato", "date", true, "employed from"),
      c("til_dato", "date", false, "employed until"),
    ],
    dateOrder: [{ later: "til_dato", earlier: "fra_dato" }],
    history: { start: "fra_dato", end: "til_dato" },
  },
  {
    name: "befolkning",
    description: "Population aged 0–17 on 1 January (optional; for rates per 1,000 children).",
    key: "aar",
    optionalTable: true,
    columns: [
      c("aar", "integer", true, "year"),
      c("antal_0_17", "integer", true, "children aged 0–17 living in the municipality on 1 January"),
    ],
    dateOrder: [],
  },
] as const satisfies readonly Table[];

/**
 * Tables that do not come from the case system but are loaded the same way: the answers of the ledelsestilsyn's
 * case reviews (issue 13), from the filled review workbooks or a CSV. Kept out of `tables`, which the demo
 * generator and the benchmark write as case-system exports.
 */
const reviewTableList = [
  {
    name: "sagsgennemgange",
    description:
      "Answers of the ledelsestilsyn's case reviews (sagsgennemgange), one row per case and question, from the filled review " +
      "workbooks of `libu tilsyn arbejdsark` or a CSV. A row must be of a case in that quarter's sample (tilsyn_stikproeve), " +
      "of a question that applies to the case, and answer each question of a case once (rule 7); the first answer is kept.",
    optionalTable: true,
    columns: [
      c("periode", "text", true, "the quarter of the sample, YYYYKn (tilsyn_stikproeve)"),
      c("sag_id", "text", true, "the reviewed case: a case of that quarter's sample"),
      c("spoergsmaal_id", "code", true, "the question (tilsynsspoergsmaal)", { codes: "tilsynsspoergsmaal", codesColumn: "spoergsmaal_id" }),
      c("svar", "code", true, "ja, nej or ikke_relevant", { codes: "tilsynssvar" }),
      c("gennemgaaet_af", "text", true, "who reviewed the case"),
      c("dato", "date", true, "the date of the review"),
      c("kommentar", "text", false, "free text; CPR numbers masked at load; never leaves the warehouse", { freeText: true }),
    ],
    dateOrder: [],
  },
] as const satisfies readonly Table[];

/** The case system's tables: a union of literals, so a `Record<CaseTableName, …>` (the demo) must name every one. */
export type CaseTableName = (typeof contractTables)[number]["name"];
/** Every table a load accepts: the case system's and the reviews'. */
export type TableName = CaseTableName | (typeof reviewTableList)[number]["name"];
type AnyTable = (typeof contractTables)[number] | (typeof reviewTableList)[number];
/** The contract's table named `T`, with its literal column names and key. */
export type ContractTable<T extends TableName = TableName> = Extract<AnyTable, { name: T }>;
/** The column names of table `T`. */
export type ColumnName<T extends TableName> = ContractTable<T>["columns"][number]["name"];

/** The case system's tables, in the contract's order (what the demo generator and the benchmark write). */
export const tables: readonly Table<CaseTableName>[] = contractTables;
/** Tables loaded the same way that do not come from the case system (the case reviews). */
export const reviewTables: readonly Table<TableName>[] = reviewTableList;
/** Every table a load accepts, in the contract's order. */
export const allTables: readonly Table<TableName>[] = [...tables, ...reviewTables];

export const tableNames: readonly TableName[] = allTables.map((t) => t.name);

export const isTableName = (name: string): name is TableName => (tableNames as readonly string[]).includes(name);

export function tableByName(name: string): Table<TableName> | undefined {
  return allTables.find((t) => t.name === name);
}

/** The contract's table `name`, where the name is known to be one (a typed name: no lookup can fail). */
export const table = <T extends TableName>(name: T): ContractTable<T> => allTables.find((t) => t.name === name) as ContractTable<T>;

/** The key column of table `name` (the id a case system issues, or befolkning's year). */
export function keyColumn(name: TableName): string {
  const key = tableByName(name)?.key;
  if (!key) throw new Error(`contract: table ${name} has no key`);
  return key;
}

/** The value staging gives an empty cell of `table.column` (the contract's `default`), if it has one. */
export function columnDefault(table: TableName, column: string): string | boolean | undefined {
  return tableByName(table)?.columns.find((c) => c.name === column)?.default;
}

/** The warehouse table a load writes for a contract table (see pipelines/warehouse.ts). */
export const srcTable = (table: string) => `src_${table}`;

/** Share of a table's rows that may be quarantined before the whole load fails (without --accept-rejects). */
export const MAX_REJECT_SHARE = 0.05;

/**
 * No value of the contract is longer than this (characters): a longer cell is a quoted field that swallowed the rows
 * after it, and is quarantined, never loaded (issue 11).
 */
export const MAX_CELL_LENGTH = 1000;

/**
 * The row rules (docs/contract.md, "Bad input"), by the reason (`aarsag`) a row is quarantined for: the rule's number
 * and its message. Rule 0 is a line the reader cannot split. The load (validate.ts, stage.ts), the quarantine and
 * the docs read them here.
 */
export const reasons = {
  ulaeselig_linje: { regel: 0, tekst: "linjen kan ikke læses" },
  mangler: { regel: 1, tekst: "påkrævet værdi mangler" },
  ugyldig_vaerdi: { regel: 1, tekst: "værdien kan ikke læses som sin type" },
  ukendt_kode: { regel: 2, tekst: "koden findes ikke i kodelisten" },
  ugyldigt_cpr: { regel: 3, tekst: "ugyldigt CPR-nummer" },
  dublet: { regel: 4, tekst: "id'et gentager en tidligere række; den første beholdes" },
  datoraekkefoelge: { regel: 5, tekst: "datoerne er i forkert rækkefølge" },
  efter_as_of: { regel: 6, tekst: "datoen ligger efter as-of-datoen" },
  // Rule 7: the case reviews' own rules, which read the warehouse (tilsyn/load-rules.ts).
  ikke_i_stikproeve: {
    regel: 7,
    tekst: "sagen er ikke i kvartalets stikprøve (tjek periode og sag_id mod arbejdsarket)",
  },
  gaelder_ikke: {
    regel: 7,
    tekst: "spørgsmålet gælder ikke for sagen (kun arbejdsarkets spørgsmål kan besvares)",
  },
  gentaget_svar: { regel: 7, tekst: "spørgsmålet er allerede besvaret for sagen; det første svar beholdes" },
} as const satisfies Record<string, { regel: number; tekst: string }>;
export type Reason = keyof typeof reasons;
/** A rule's number (1–7; 0: an unreadable line). */
export type RuleNumber = (typeof reasons)[Reason]["regel"];
