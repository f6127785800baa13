// A KPI's figures on the page: looked up by KPI, quarter and unit, shown as text, coloured against the
// thresholds, and the footnote on what is suppressed.
import { el } from "./dom.js";
import * as fmt from "./format.js";

export const KOMMUNE = "Hele kommunen";

export function indeks(data) {
  const m = new Map();
  for (const r of data.kpi) m.set(`${r.kpi}|${r.kvartal}|${r.enhed ?? ""}`, r);
  return (kpi, kvartal, enhed = null) => m.get(`${kpi}|${kvartal}|${enhed ?? ""}`) ?? null;
}

export function definition(data, kpi) {
  return data.definitioner.find((d) => d.kpi === kpi) ?? { kpi, navn: kpi, art: "andel", retning: "", beskrivelse: "" };
}

/** Lower is better for this KPI? (`retning` in the KPI registry.) */
export function lavereErBedre(def) {
  return def?.retning === "lavere_bedre";
}

/** Higher is better for this KPI? (`retning` in the KPI registry; `neutral` is neither.) */
export function hoejereErBedre(def) {
  return def?.retning === "hoejere_bedre";
}

/** The KPI figure as text (`84,3 %`, `<5`, `–`). */
export function vis(row, data) {
  return fmt.vaerdi(row, data.meta.diskretionsgraense);
}

/** Colour class of a compliance share against the configured thresholds. */
export function farveklasse(share, meta) {
  if (share === null || share === undefined) return "farve-ingen";
  return share >= meta.farve_groen ? "farve-groen" : share >= meta.farve_gul ? "farve-gul" : "farve-roed";
}
export const FARVETEGN = { "farve-groen": "●", "farve-gul": "◐", "farve-roed": "○", "farve-ingen": "" };

/** Page footnote on suppressed figures. */
export function undertrykkelsesNote(meta) {
  const g = meta.diskretionsgraense;
  return el(
    "p",
    { class: "fodnote" },
    `Små tal vises ikke. ${fmt.tegnforklaring(g)} Se siden Metode.`,
  );
}
