// The ledelsestilsyn's own warehouse tables (issue 13): written by `libu tilsyn udtraek`, not by a model, so the
// build creates them when missing (warehouseDdl) and never replaces them.
import type { TableDoc } from "../runner/comments.ts";

export const SAMPLE_TABLE = "tilsyn_stikproeve";
export const SAMPLE_QUESTIONS_TABLE = "tilsyn_stikproeve_spoergsmaal";

export const tilsynTablesDdl = [
  `create table if not exists ${SAMPLE_TABLE} (
    periode varchar, enhed varchar, sag_id varchar, stratum varchar, inklusionssandsynlighed double, seed bigint,
    udtrukket timestamp)`,
  `create table if not exists ${SAMPLE_QUESTIONS_TABLE} (periode varchar, sag_id varchar, spoergsmaal_id varchar)`,
];

export const tilsynTableDocs: TableDoc[] = [
  {
    name: SAMPLE_TABLE,
    description:
      "The ledelsestilsyn's case samples (libu tilsyn udtraek): one row per drawn case. Internal: holds case ids, never published.",
    columns: {
      periode: "the quarter YYYYKn the sample is for",
      enhed: "the unit the case was drawn in (its stratum's unit)",
      sag_id: "the case system's case id",
      stratum: "risiko (the register flags the case) or tilfaeldig (the rest, drawn at random)",
      inklusionssandsynlighed: "the probability that the draw included the case: drawn / cases in the unit's stratum (1 when the whole stratum was taken)",
      seed: "the seed of the draw: the same seed and warehouse give the same sample",
      udtrukket: "when the sample was drawn",
    },
  },
  {
    name: SAMPLE_QUESTIONS_TABLE,
    description:
      "The questions of the catalogue that apply to each drawn case, fixed at the draw: the review workbook's columns and what the load accepts.",
    columns: {
      periode: "the quarter YYYYKn",
      sag_id: "the drawn case",
      spoergsmaal_id: "a question (tilsynsspoergsmaal) that applies to the case",
    },
  },
];
