// The front page's headline tiles and summary (the committee's "bilag").
import * as fmt from "./format.js";
import { STATUSTEKST, hovedtal, hovedtalKpis, indledning, opsummering } from "./opsummering.js";
import { el, lavereErBedre } from "./side.js";

export function tiles(data, kvartal) {
  return el(
    "div",
    { class: "tiles" },
    hovedtalKpis(data).map((kpi) => {
      const h = hovedtal(data, kpi, kvartal);
      const status = h.maal?.status;
      return el(
        "section",
        { class: "tile", "data-kpi": kpi, "aria-label": h.def.navn },
        el("h3", {}, h.def.navn),
        el("div", { class: "vaerdi", "data-vaerdi": "" }, h.tekst),
        h.naevner !== null && h.def.art !== "antal"
          ? el("div", { class: "naevner" }, h.def.art === "forhold" ? `${fmt.tal(h.naevner, 1)} årsværk` : `af ${fmt.tal(h.naevner)} ${h.def.naevner_tekst || "sager"}`)
          : null,
        el(
          "dl",
          {},
          el("dt", {}, "Kvartalet før"),
          el("dd", {}, udeleligTekst(`${h.forrigeTekst} (${h.aendringForrige.replace(" procentpoint", " pct.-point")})`)),
          el("dt", {}, "Et år før"),
          el("dd", {}, udeleligTekst(`${h.sidsteAarTekst} (${h.aendringSidsteAar.replace(" procentpoint", " pct.-point")})`)),
        ),
        h.maal
          ? el("div", { class: `status status-${status}` }, `Mål ${h.maal.periode}: ${lavereErBedre(h.def) ? "højst " : "mindst "}${h.maalTekst} — ${(STATUSTEKST[status] ?? status).toLowerCase()}`)
          : null,
      );
    }),
  );
}

/** A figure with its unit (`84,3 %`) or a quarter (`3. kvt. 2025`) kept on one line. */
const UDELELIG = /([−+]?\d[\d.,]*\s(?:%|pct\.-point|procentpoint))|(\d\.\skvt\.(?:\s\d{4})?)/g;

export function udeleligTekst(tekst) {
  const nodes = [];
  let last = 0;
  for (const m of tekst.matchAll(UDELELIG)) {
    if (m.index > last) nodes.push(tekst.slice(last, m.index));
    nodes.push(el("span", { class: "udelelig" }, m[0]));
    last = m.index + m[0].length;
  }
  if (last < tekst.length) nodes.push(tekst.slice(last));
  return nodes;
}

export function opsummeringListe(data, kvartal) {
  const s = opsummering(data, kvartal);
  if (!s.length) return el("p", { class: "ingen-data" }, "Ingen tal for kvartalet.");
  return el("div", { class: "opsummering" }, el("p", {}, udeleligTekst(indledning(kvartal))), el("ul", {}, s.map((t) => el("li", {}, udeleligTekst(t)))));
}
