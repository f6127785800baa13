// The rules of the review table sagsgennemgange that need the warehouse (issue 13, deliverable 4): a review must be
// of a case in that quarter's sample, of a question that applies to the case (both fixed by the draw), and answer a
// question only once. Rule 7 of the quarantine; the contract's own rules (an unknown question or answer: rule 2, a
// review dated after the as-of date: rule 6) come first.
import type { Reason } from "../contract.ts";
import type { Warehouse } from "../db.ts";
import { SAMPLE_QUESTIONS_TABLE, SAMPLE_TABLE } from "./tables.ts";

export interface TableRule {
  kolonne: string;
  /** The reason, whose rule number and text are the contract's (`reasons`). */
  aarsag: Extract<Reason, "ikke_i_stikproeve" | "gaelder_ikke" | "gentaget_svar">;
  /** SQL over the checked row `p` (the contract's typed columns and `_linje`): true when the row breaks the rule. */
  when: string;
}

const SAMPLE = "_libu_tilsyn_sager";
const APPLIES = "_libu_tilsyn_spoergsmaal";

const rules: Record<string, TableRule[]> = {
  sagsgennemgange: [
    {
      kolonne: "sag_id",
      aarsag: "ikke_i_stikproeve",
      when: `not exists (select 1 from ${SAMPLE} as t where t.periode = p.periode and t.sag_id = p.sag_id)`,
    },
    {
      kolonne: "spoergsmaal_id",
      aarsag: "gaelder_ikke",
      when: `not exists (select 1 from ${APPLIES} as t where t.periode = p.periode and t.sag_id = p.sag_id and t.spoergsmaal_id = p.spoergsmaal_id)`,
    },
    {
      kolonne: "spoergsmaal_id",
      aarsag: "gentaget_svar",
      when: "row_number() over (partition by p.periode, p.sag_id, p.spoergsmaal_id order by p._linje) > 1",
    },
  ],
};

export const tableRules = (table: string): TableRule[] => rules[table] ?? [];

/** Copies what the rules read into temporary tables (empty before the first draw), so a load never fails on them. */
export async function prepareTableRules(wh: Warehouse, table: string): Promise<void> {
  if (!rules[table]) return;
  const have = await wh.all<{ name: string }>(
    `select table_name as name from information_schema.tables where table_schema = 'main' and table_name in ('${SAMPLE_TABLE}', '${SAMPLE_QUESTIONS_TABLE}')`,
  );
  const has = (t: string) => have.some((h) => h.name === t);
  await wh.run(
    `create or replace temp table ${SAMPLE} as ${has(SAMPLE_TABLE) ? `select periode, sag_id from ${SAMPLE_TABLE}` : "select null::varchar as periode, null::varchar as sag_id where false"}`,
  );
  await wh.run(
    `create or replace temp table ${APPLIES} as ${
      has(SAMPLE_QUESTIONS_TABLE)
        ? `select periode, sag_id, spoergsmaal_id from ${SAMPLE_QUESTIONS_TABLE}`
        : "select null::varchar as periode, null::varchar as sag_id, null::varchar as spoergsmaal_id where false"
    }`,
  );
}
