// The front page's headline tiles and summary (the committee's "bilag").
import * as fmt from "./format.js";
import { HOVEDTAL, STATUSTEKST, hovedtal, opsummering } from "./opsummering.js";
import { el } from "./side.js";

export function tiles(data, kvartal) {
  return el(
    "div",
    { class: "tiles" },
    HOVEDTAL.filter((k) => data.definitioner.some((d) => d.kpi === k)).map((kpi) => {
      const h = hovedtal(data, kpi, kvartal);
      const status = h.maal?.status;
      return el(
        "section",
        { class: "tile", "data-kpi": kpi, "aria-label": h.def.navn },
        el("h3", {}, h.def.navn),
        el("div", { class: "vaerdi", "data-vaerdi": "" }, h.tekst),
        h.naevner !== null && h.def.art !== "antal"
          ? el("div", { class: "naevner" }, h.def.art === "forhold" ? `${fmt.tal(h.naevner, 1)} årsværk` : `af ${fmt.tal(h.naevner)} sager`)
          : null,
        el(
          "dl",
          {},
          el("dt", {}, `Forrige kvartal`),
          el("dd", {}, `${h.forrigeTekst} (${h.aendringForrige})`),
          el("dt", {}, `Samme kvartal sidste år`),
          el("dd", {}, `${h.sidsteAarTekst} (${h.aendringSidsteAar})`),
        ),
        h.maal
          ? el("div", { class: `status status-${status}` }, `Mål ${h.maal.periode}: ${h.maalTekst} — ${(STATUSTEKST[status] ?? status).toLowerCase()}`)
          : null,
      );
    }),
  );
}

export function opsummeringListe(data, kvartal) {
  const s = opsummering(data, kvartal);
  return s.length ? el("ul", { class: "opsummering" }, s.map((t) => el("li", {}, t))) : el("p", { class: "ingen-data" }, "Ingen tal for kvartalet.");
}
