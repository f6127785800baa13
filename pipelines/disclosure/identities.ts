// Every identity between the published tables, written down once, as data. The builders in
// pipelines/published/ turn these rules into equations over the cells; the audit solves them; a test checks
// each against the warehouse (an identity that is not true of the data would make the audit unsound).
import type { Definition } from "../published/read.ts";
import type { Field } from "./system.ts";

/**
 * How a KPI's unit figures relate to its municipality figure, per field (n = count or numerator,
 * d = denominator), from the registry: `sum` — each record belongs to one unit, the units add up to the
 * municipality; `distinct` — a KPI that counts each child once per level (pr_barn: KPIs 2 and 5), whose children
 * may be in several units: each unit ≤ municipality ≤ the units' sum. Only for a KPI with unit rows (its
 * niveauer list enhed; not KPIs 6 and 19); a count has no denominator.
 */
export function unitTotals(def: Pick<Definition, "art" | "niveauer" | "pr_barn">): Partial<Record<Field, "sum" | "distinct">> {
  if (!def.niveauer.split(" ").includes("enhed")) return {};
  const rule = def.pr_barn ? "distinct" : "sum";
  return def.art === "antal" ? { n: rule } : { n: rule, d: rule };
}

/** A KPI's field against other KPIs' fields, same quarter and unit: left op Σ coef·right. */
export interface KpiLink {
  name: string;
  left: [string, Field];
  op: "=" | "<=";
  right: [string, Field, number?][];
  /** Only at this level (KPI 6 exists for the municipality only). */
  kommuneOnly?: boolean;
}

export const KPI_LINKS: KpiLink[] = [
  { name: "KPI 3's population is KPI 1's notifications", left: ["underretning_vurderet_24t", "d"], op: "=", right: [["underretninger_antal", "n"]] },
  { name: "KPI 4's population is part of KPI 1's notifications", left: ["underretning_kvitteret_6_hverdage", "d"], op: "<=", right: [["underretninger_antal", "n"]] },
  { name: "KPI 5's population is KPI 2's children", left: ["underretning_gentagen_12m", "d"], op: "=", right: [["underretninger_boern", "n"]] },
  { name: "KPI 2's children have KPI 1's notifications", left: ["underretninger_boern", "n"], op: "<=", right: [["underretninger_antal", "n"]] },
  { name: "KPI 6's numerator is KPI 1", left: ["underretninger_pr_1000_boern", "n"], op: "=", right: [["underretninger_antal", "n"]], kommuneOnly: true },
  {
    name: "KPI 8's population is KPI 7's population minus its numerator",
    left: ["bfu_overskridelse_begrundet", "d"],
    op: "=",
    right: [["bfu_rettidig_4m", "d"], ["bfu_rettidig_4m", "n", -1]],
  },
  { name: "KPI 12's population is KPI 10's measures", left: ["boernesamtale_foer_afgoerelse", "d"], op: "=", right: [["foranstaltninger_nye_antal", "n"]] },
  { name: "KPI 14's children are part of KPI 15's", left: ["tilsyn_2_besoeg_12m", "d"], op: "<=", right: [["anbragte_antal", "n"]] },
  { name: "KPI 16's population is KPI 15", left: ["anbringelse_familiebaseret_andel", "d"], op: "=", right: [["anbragte_antal", "n"]] },
  { name: "KPI 17's population is KPI 15", left: ["anbringelse_institution_andel", "d"], op: "=", right: [["anbragte_antal", "n"]] },
  { name: "KPI 18's children are part of KPI 15's", left: ["anbringelse_uden_samtykke_andel", "d"], op: "<=", right: [["anbragte_antal", "n"]] },
  {
    name: "family-based and institution placements are part of KPI 15's",
    left: ["anbringelse_familiebaseret_andel", "n"],
    op: "<=",
    right: [["anbragte_antal", "n"], ["anbringelse_institution_andel", "n", -1]],
  },
];

/** The placement table's groups, and KPI 15 as the total of each of its rows. */
export const PLACEMENT_GROUPS = ["familiebaseret", "institution", "eget_vaerelse_kostskole"];
export const PLACED = "anbragte_antal";

/**
 * The indsatstrappe against the placement groups (municipality, same quarter). A child's trin is the
 * highest among its measures; every placement is trin 2–5 (foranstaltningstyper), so the children on
 * trin 2–5 are exactly KPI 15's, a trin-2 child's placement is family-based, a trin-2-or-3 child's is
 * family-based or own room/boarding school (so institution ≤ trin 4 + 5).
 */
export const STEPS: { name: string; trin: number[]; op: "=" | "<="; groups: string[] | "placed" }[] = [
  { name: "children on trin 2-5 are KPI 15's children", trin: [2, 3, 4, 5], op: "=", groups: "placed" },
  { name: "a trin-2 child is placed family-based", trin: [2], op: "<=", groups: ["familiebaseret"] },
  { name: "a trin-2 or trin-3 child is placed family-based or in own room/boarding school", trin: [2, 3], op: "<=", groups: ["familiebaseret", "eget_vaerelse_kostskole"] },
];

/** KPI 19's population (trin ≥ 2 four quarters earlier) is part of that quarter's children on trin 2–5. */
export const STEPS_DOWN = { kpi: "anbringelse_trin_ned_12m", lag: 4, trin: [2, 3, 4, 5] };

/** Stock against flows: children placed at the quarter's end ≤ placed at the previous end + placements started. */
export const STOCK_FLOW = { name: "placed now ≤ placed before + new placements" };

/** Notifications by one dimension add up to KPI 1; by unit they are KPI 1's unit figures. */
export const NOTIFICATION_TOTAL = "underretninger_antal";
export const NOTIFICATION_UNIT_DIMENSION = "enhed";

/** Quarantine: the reasons of a load's table add up to its quarantined rows; rows read = loaded + quarantined. */
export const QUARANTINE = { name: "quarantine reasons add up to the quarantined rows" };
