// The input contract of ../shared/spec/contract.md, written once as data.
// The loader, the validation, the demo generator, the fixtures and the docs are all derived from it.

export type ColumnType = "text" | "cpr" | "timestamp" | "date" | "code" | "bool" | "decimal" | "integer";

export interface Column {
  name: string;
  type: ColumnType;
  required: boolean;
  /** For `code` columns: the seed file under models/seeds/ whose `kode` column lists the accepted codes. */
  codes?: string;
  /** The seed's column that lists the codes, when not `kode` (tilsynsspoergsmaal lists its ids as spoergsmaal_id). */
  codesColumn?: string;
  /** Value used by staging when the cell is empty (documented in the contract). */
  default?: string | boolean;
  /**
   * Free text, which may hold a line break (Excel's Alt+Enter). A line break in any other text column (an id, a unit,
   * a district) is a quoted field that swallowed the rows after it: the row is quarantined (issue 11).
   */
  freeText?: boolean;
  description: string;
}

/** `later` must not be before `earlier`; `byDate` compares the date part of a timestamp only. */
export interface DateOrder {
  later: string;
  earlier: string;
  byDate?: boolean;
}

export interface Table {
  name: string;
  description: string;
  /** The unique id column (rule 4: a repeated id is quarantined, the first row is kept). */
  key?: string;
  columns: Column[];
  dateOrder: DateOrder[];
  optionalTable?: boolean;
}

const c = (
  name: string,
  type: ColumnType,
  required: boolean,
  description: string,
  extra: Partial<Column> = {},
): Column => ({ name, type, required, description, ...extra });

export const tables: Table[] = [
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
];

/**
 * Tables that do not come from the case system but are loaded the same way: the answers of the ledelsestilsyn's
 * case reviews (issue 13), from the filled review workbooks or a CSV. Kept out of `tables`, which the demo
 * generator and the benchmark write as case-system exports.
 */
export const reviewTables: Table[] = [
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
];

/** Every table a load accepts: the case system's and the reviews'. */
export const allTables: Table[] = [...tables, ...reviewTables];

export const tableNames = allTables.map((t) => t.name);

export function tableByName(name: string): Table | undefined {
  return allTables.find((t) => t.name === name);
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
