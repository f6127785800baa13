// The committee appendix (bilag.md, printed by `libu report` and `libu udgiv`): one section per A4 page, built
// from the same components as the pages, so the PDF shows what the site shows.
import * as fmt from "./format.js";
import { STATUSTEKST } from "./opsummering.js";
import { definition, el, indeks, lavereErBedre, seneste, tabel } from "./side.js";

/** A printed page: a heading and its content; `break-before: page` in print. */
export function side(titel, ...indhold) {
  return el("section", { class: "bilag-side" }, titel ? el("h2", {}, titel) : null, ...indhold);
}

/** Whether the quarter is published, and by which release (from udgivelser.json). */
export function udgivelseFor(udg, kvartal) {
  const list = (udg?.udgivelser ?? []).filter((u) => u.kvartal === kvartal);
  return list.length ? list.at(-1) : null;
}

/** The front page: municipality, quarter, as-of date, the committee, and whether the figures are final. */
export function forside(data, udg, kvartal, indhold) {
  const u = udgivelseFor(udg, kvartal);
  return el(
    "section",
    { class: "bilag-forside" },
    el("p", { class: "bilag-til" }, `Bilag til ${udg?.udvalg ?? "Børne- og Ungeudvalget"}`),
    el("h1", {}, `Kvartalsrapport for børne- og ungeområdet`),
    el("p", { class: "bilag-kommune" }, data.meta.kommune),
    el("p", { class: "bilag-kvartal" }, fmt.kvartal(kvartal)),
    el(
      "dl",
      { class: "bilag-fakta" },
      el("dt", {}, "Data trukket"),
      el("dd", {}, fmt.dato(data.meta.as_of)),
      el("dt", {}, "Status"),
      el("dd", {}, u ? `Udgivet ${fmt.dato(u.oprettet.slice(0, 10))}${u.version > 1 ? ` (rettet udgave ${u.version}: ${u.note ?? ""})` : ""}` : "Foreløbige tal: kvartalet er ikke udgivet"),
    ),
    el("h2", {}, "Indhold"),
    el("ol", { class: "bilag-indhold" }, indhold.map((t) => el("li", {}, t))),
  );
}

function maalTekst(data, p) {
  const def = definition(data, p.kpi);
  const f = (v) => (v === null || v === undefined ? fmt.STREG : def.art === "andel" ? fmt.pct(v) : fmt.tal(v, def.art === "forhold" ? 1 : 0));
  return { def, f, graense: lavereErBedre(def) ? "højst " : "mindst " };
}

/** The development plan: every target of the quarter with the actual figure and its status. */
export function udviklingsplanTabel(data, kvartal) {
  const rows = data.udviklingsplan
    .filter((p) => p.kvartal === kvartal)
    .map((p) => {
      const { def, f, graense } = maalTekst(data, p);
      return {
        navn: def.navn,
        enhed: p.enhed ?? "Hele kommunen",
        periode: p.periode.length === 4 ? p.periode : fmt.kvartal(p.periode),
        maal: `${graense}${f(p.maal)}`,
        vaerdi: f(p.vaerdi),
        status: STATUSTEKST[p.status] ?? p.status,
        klasse: `status-${p.status}`,
      };
    });
  if (!rows.length) return el("p", { class: "ingen-data" }, data.udviklingsplan.length ? `Udviklingsplanen har ingen mål for ${fmt.kvartal(kvartal)}.` : "Der er ingen mål i udviklingsplanen.");
  const t = tabel(rows, [
    { key: "navn", label: "Nøgletal" },
    { key: "enhed", label: "Enhed" },
    { key: "periode", label: "Periode" },
    { key: "maal", label: "Mål", align: "right" },
    { key: "vaerdi", label: "Faktisk", align: "right" },
    { key: "status", label: "Status" },
  ], { caption: `Udviklingsplanens mål og resultater, ${fmt.kvartal(kvartal)}`, className: "plan" });
  return t;
}

const NIVEAU = (r) => (r.niveau === "kommune" || !r.enhed ? "Hele kommunen" : r.enhed);

/**
 * The revisions: published figures of earlier quarters that today's data show differently, with the reason in
 * plain Danish. `revisioner` from udgivelser.json; only quarters before `kvartal`.
 */
export function revisionerSektion(data, udg, kvartal) {
  const alle = (udg?.revisioner ?? []).filter((r) => r.kvartal < kvartal);
  const publicerede = (udg?.udgivelser ?? []).filter((u) => u.kvartal < kvartal);
  const forklaring = el(
    "p",
    {},
    "Et tal, der er udgivet, kan ændre sig bagefter: Sager registreres for sent, eller et udtræk rettes. Derfor sammenlignes hvert tidligere kvartal med de tal, kvartalets egen udgivelse viste. ",
    `Et vist tal regnes som revideret, når det har flyttet sig ${udg?.revisionsregel ?? "mindst 0,1 procentpoint (andele), 1 (antal) eller 0,1 (forholdstal)"}, eller når et skjult tal nu vises eller omvendt.`,
  );
  if (!publicerede.length) return [forklaring, el("p", { class: "ingen-data" }, "Der er ingen tidligere udgivelser at sammenligne med.")];
  if (!alle.length) return [forklaring, el("p", {}, "Ingen af de tidligere udgivne tal er ændret.")];
  const defs = new Map(data.definitioner.map((d) => [d.kpi, d]));
  const rows = alle.map((r) => ({ kvartal: fmt.kvartal(r.kvartal), navn: r.navn ?? defs.get(r.kpi)?.navn ?? r.kpi, enhed: NIVEAU(r), udgivet: r.udgivet || "ikke udgivet", nu: r.nu || "ikke vist" }));
  const vist = rows.slice(0, 28);
  return [
    forklaring,
    tabel(vist, [
      { key: "kvartal", label: "Kvartal" },
      { key: "navn", label: "Tal" },
      { key: "enhed", label: "Enhed" },
      { key: "udgivet", label: "Udgivet", align: "right" },
      { key: "nu", label: "Nu", align: "right" },
    ], { caption: `${rows.length === 1 ? "Ét udgivet tal er ændret" : `${rows.length} udgivne tal er ændret`}` }),
    rows.length > vist.length ? el("p", { class: "fodnote" }, `De første ${vist.length} er vist; alle ${rows.length} står i revisioner.csv i udgivelsen.`) : null,
  ];
}

/** The one-page method summary: the data, the definitions in short, colours (the signs: the page's footnote, tegnforklaring). */
export function metodeResume(data) {
  const m = data.meta;
  const rows = data.definitioner.map((d) => ({ nr: d.nr, navn: d.navn, art: { andel: "andel", antal: "antal", forhold: "forholdstal" }[d.art] ?? d.art, lov: [d.lov_sel, d.lov_bl].filter(Boolean).join(" / ") || "–" }));
  return [
    el("p", {}, `Tallene bygger på udtræk fra sagssystemet pr. ${fmt.dato(m.as_of)}. Et kvartal tælles med, når det er afsluttet før udtræksdatoen. Hvert nøgletal er defineret præcist på sitets side Metode; kort:`),
    tabel(rows, [
      { key: "nr", label: "Nr.", align: "right" },
      { key: "navn", label: "Nøgletal" },
      { key: "art", label: "Art" },
      { key: "lov", label: "Lovgrundlag (Serviceloven / Barnets Lov)" },
    ], { className: "metode-kort" }),
    el("p", {}, `Lovoverholdelsestabellens farver: grøn (●) mindst ${fmt.pct(m.farve_groen, 0)}, gul (◐) mindst ${fmt.pct(m.farve_gul, 0)}, ellers rød (○). Barnets Lov afløste Servicelovens regler om børn 1. januar 2024.`),
  ];
}

/** The KPI rows of `kvartal` replaced by what its release published (the site's "vis som udgivet"). */
export function somUdgivet(data, udg, kvartal) {
  const u = udg?.udgivet?.[kvartal];
  if (!u) return data;
  return { ...data, kpi: [...data.kpi.filter((r) => r.kvartal !== kvartal), ...u.tal] };
}

/** Today's figures of a published quarter that differ from what was published, for the front page's note. */
export function aendredeTal(udg, kvartal) {
  const u = udg?.udgivet?.[kvartal];
  if (!u) return [];
  return (udg.revisioner ?? []).filter((r) => r.kvartal === kvartal && r.udgivelse === u.udgivelse);
}

export { indeks, seneste };
