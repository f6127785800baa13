// The development plan's targets against the published figures. The status never compares with a hidden
// figure: "bedre end kvartalet før" is said only where the previous quarter's figure is shown too, else a
// target not met is just "ikke nået"; a hidden figure has no status.
import { previousQuarter } from "./placements.ts";
import type { PublishedKpiRow } from "./kpi.ts";

export type PlanRow = { kpi: string; periode: string; kvartal: string; niveau: string; enhed: string | null; maal: number; retning: string | null; status: string };

export function planStatus(plan: PlanRow[], kpi: PublishedKpiRow[]) {
  const published = new Map(kpi.map((r) => [`${r.kpi}|${r.kvartal}|${r.enhed ?? ""}`, r]));
  return plan.map((p) => {
    const pub = published.get(`${p.kpi}|${p.kvartal}|${p.enhed ?? ""}`);
    const before = published.get(`${p.kpi}|${previousQuarter(String(p.kvartal))}|${p.enhed ?? ""}`);
    const hidden = !pub || pub.vaerdi === null;
    const status = hidden ? (pub ? "undertrykt" : "ingen_data") : p.status === "forbedring" && (!before || before.vaerdi === null) ? "ikke_opfyldt" : String(p.status);
    return {
      kpi: String(p.kpi),
      periode: String(p.periode),
      kvartal: String(p.kvartal),
      niveau: String(p.niveau),
      enhed: p.enhed ?? null,
      maal: Number(p.maal),
      vaerdi: hidden ? null : pub.vaerdi,
      naevner: hidden ? null : pub.naevner,
      retning: String(p.retning ?? ""),
      status,
    };
  });
}
