// The ledelsestilsyn (issue 13): compliance from case reviews in the form the committees know — question × unit,
// the weighted share with its number of answers and its 95 % interval drawn as a range, the colour thresholds —
// beside the register's figure, and over quarters. Used by ledelsestilsyn.md and by the appendix (bilag.md).
// `til` is ledelsestilsyn.json (already suppressed: a hidden cell has andel null), `data` is kpi.json.
import * as fmt from "./format.js";
import { el } from "./dom.js";
import { seneste } from "./kvartal.js";
import { csvKnap } from "./tabel.js";
import { FARVETEGN, KOMMUNE, farveklasse, indeks } from "./tal.js";
import { skjultTekst } from "./tilsyn-tekster.js";

/** What the quarter selector needs: the reviewed quarters, the latest by default. */
export function tilsynKvartaler(til) {
  return { kvartaler: til.kvartaler, meta: { seneste_kvartal: til.kvartaler.at(-1) ?? null } };
}

/** Looks a cell up: (quarter, unit or null for the municipality, omraade, question or null for the roll-up). */
export function celleIndeks(til) {
  const m = new Map();
  for (const r of til.resultater) m.set(`${r.kvartal}|${r.enhed ?? ""}|${r.omraade}|${r.spoergsmaal_id ?? ""}`, r);
  return (kvartal, enhed, omraade, spoergsmaal = null) => m.get(`${kvartal}|${enhed ?? ""}|${omraade}|${spoergsmaal ?? ""}`) ?? null;
}

const pct0 = (v) => fmt.pct(v, 0);
const intervalTekst = (r) => `${fmt.tal(r.ci_nedre * 100, 0)}–${fmt.pct(r.ci_oevre, 0)}`;

const SVG = "http://www.w3.org/2000/svg";
function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

/**
 * The interval as a range on a 0–100 % scale: a grey axis with the colour thresholds as ticks, a black bar from
 * the lower to the upper bound, a white dot for the plain share and a black diamond for the weighted one.
 */
export function intervalFigur(r, meta, bredde = 84) {
  const x = (v) => 2 + v * (bredde - 4);
  const tekst = `95 %-interval ${intervalTekst(r)}; uvægtet andel ${pct0(r.andel)}, vægtet ${pct0(r.andel_vaegtet)}`;
  const d = x(r.andel_vaegtet);
  return svg(
    "svg",
    { class: "interval", width: bredde, height: 12, viewBox: `0 0 ${bredde} 12`, role: "img", "aria-label": tekst },
    svg("title", {}, tekst),
    svg("line", { x1: x(0), x2: x(1), y1: 6, y2: 6, stroke: "#999", "stroke-width": 1 }),
    ...[meta.farve_gul, meta.farve_groen].map((t) => svg("line", { x1: x(t), x2: x(t), y1: 2, y2: 10, stroke: "#999", "stroke-width": 1 })),
    svg("line", { x1: x(r.ci_nedre), x2: x(r.ci_oevre), y1: 6, y2: 6, stroke: "#000", "stroke-width": 4 }),
    svg("circle", { cx: x(r.andel), cy: 6, r: 2.6, fill: "#fff", stroke: "#000", "stroke-width": 1 }),
    svg("path", { d: `M${d},1.5 L${d + 3.5},6 L${d},10.5 L${d - 3.5},6 Z`, fill: "#000" }),
  );
}

/** One table cell: the weighted share coloured by the thresholds, n, the interval as text and as a range. */
function celle(r, meta, enhed, { kompakt = false } = {}) {
  if (!r) return el("td", { class: "celle farve-ingen", "data-enhed": enhed }, el("span", { class: "ingen" }, "ingen svar"));
  if (r.andel === null)
    return el("td", { class: "celle farve-ingen skjult", "data-enhed": enhed, title: skjultTekst(r.undertrykt, meta.diskretionsgraense) }, fmt.STREG);
  const klasse = farveklasse(r.andel_vaegtet, meta);
  return el(
    "td",
    { class: `celle ${klasse}`, "data-enhed": enhed },
    FARVETEGN[klasse] ? el("span", { class: "tegn", "aria-hidden": "true" }, FARVETEGN[klasse]) : null,
    pct0(r.andel_vaegtet),
    el("span", { class: "n" }, `(${fmt.tal(r.n)})`),
    el("span", { class: "ci" }, intervalFigur(r, meta, kompakt ? 64 : 84)),
    kompakt ? null : el("span", { class: "ci-tekst" }, `${pct0(r.andel)} · ${intervalTekst(r)}`),
  );
}

/** The legal basis in force in the quarter (every reference is marked not legally verified in the catalogue); the
 * change of law is mart_meta.lovskift (seed `love`). */
function lov(q, kvartal, meta) {
  return (meta.lovskift && kvartal >= fmt.kvartalId(meta.lovskift) ? q.lov_bl : q.lov_sel) ?? "";
}

/** The table's rows: per omraade its roll-up, then (unless `spoergsmaal` is false) its questions. */
function raekker(til, spoergsmaal) {
  const out = [];
  for (const o of til.omraader) {
    out.push({ omraade: o.kode, spoergsmaal_id: null, navn: o.navn, lov: null });
    if (spoergsmaal) for (const q of til.spoergsmaal.filter((x) => x.omraade === o.kode)) out.push({ omraade: o.kode, spoergsmaal_id: q.spoergsmaal_id, navn: `${q.nr}. ${q.kort}`, q });
  }
  return out;
}

/** A cell's figures as the table shows them, for the CSV/XLSX download. */
function csvCeller(r, meta) {
  if (!r) return ["", "", "", "", "ingen svar"];
  if (r.andel === null) return [fmt.STREG, fmt.STREG, fmt.STREG, fmt.STREG, skjultTekst(r.undertrykt, meta.diskretionsgraense)];
  return [pct0(r.andel_vaegtet), pct0(r.andel), intervalTekst(r), fmt.tal(r.n), ""];
}

/**
 * Question × unit for one quarter. `spoergsmaal: false` shows the omraader's roll-ups only; `kompakt` for print.
 */
export function tilsynTabel(til, meta, kvartal, { spoergsmaal = true, kompakt = false, filnavn = `ledelsestilsyn-${kvartal}` } = {}) {
  const find = celleIndeks(til);
  const kolonner = [KOMMUNE, ...til.enheder];
  const rows = raekker(til, spoergsmaal);
  const table = el(
    "table",
    { class: `tabel krav tilsyn${kompakt ? " kompakt" : ""}`, "aria-label": `Ledelsestilsyn ${fmt.kvartal(kvartal)}` },
    el("caption", {}, `Ledelsestilsyn i ${fmt.kvartal(kvartal)}: vægtet andel af sagerne, hvor kravet er overholdt (antal svar i parentes)${kompakt ? "" : "; under: uvægtet andel og 95 %-interval"}`),
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, spoergsmaal ? "Område og spørgsmål" : "Område"), kolonner.map((k) => el("th", { scope: "col", class: "tal" }, k)))),
    el(
      "tbody",
      {},
      rows.map((r) =>
        el(
          "tr",
          { class: r.spoergsmaal_id ? "spoergsmaal" : "omraade", "data-omraade": r.omraade, "data-spoergsmaal": r.spoergsmaal_id ?? "" },
          el("th", { scope: "row", title: r.q?.tekst ?? null }, r.navn, r.q && !kompakt ? el("span", { class: "lov" }, lov(r.q, kvartal, meta)) : null),
          kolonner.map((k) => celle(find(kvartal, k === KOMMUNE ? null : k, r.omraade, r.spoergsmaal_id), meta, k, { kompakt })),
        ),
      ),
    ),
  );
  const csvRows = rows.map((r) =>
    Object.fromEntries([
      ["omraade", til.omraader.find((o) => o.kode === r.omraade)?.navn ?? r.omraade],
      ["spoergsmaal", r.q ? r.q.tekst : "Hele området"],
      ...kolonner.flatMap((k, i) => csvCeller(find(kvartal, k === KOMMUNE ? null : k, r.omraade, r.spoergsmaal_id), meta).map((v, j) => [`c${i}_${j}`, v])),
    ]),
  );
  const csvCols = [
    { key: "omraade", label: "Område" },
    { key: "spoergsmaal", label: "Spørgsmål" },
    ...kolonner.flatMap((k, i) => ["vægtet andel", "uvægtet andel", "95 %-interval", "antal svar", "bemærkning"].map((l, j) => ({ key: `c${i}_${j}`, label: `${k}: ${l}` }))),
  ];
  return el("div", { class: "krav-blok" }, el("div", { style: { overflowX: "auto" } }, table), forklaring(meta), skjultNote(til, meta, kvartal), kompakt ? null : csvKnap(csvRows, csvCols, filnavn));
}

/** How many of the quarter's figures are hidden, and why — so a table full of dashes is not read as missing data. */
export function skjultNote(til, meta, kvartal) {
  const rows = til.resultater.filter((r) => r.kvartal === kvartal);
  const skjulte = rows.filter((r) => r.andel === null).length;
  if (!skjulte) return null;
  const g = meta.diskretionsgraense;
  return el(
    "p",
    { class: "fodnote" },
    `${fmt.tal(skjulte)} af kvartalets ${fmt.tal(rows.length)} tal er skjult (${fmt.STREG}): et tal vises kun, når mindst ${g} svar ligger bag, og hverken de sager, der overholdt kravet, eller de, der ikke gjorde, er mellem 1 og ${g - 1}. Med omkring 20 sager pr. enhed gælder det ofte et enkelt spørgsmål; områdernes samlede tal bygger på flere svar og kan oftere vises.`,
  );
}

/** The legend: colours, the range's marks, n. */
export function forklaring(meta) {
  return el(
    "p",
    { class: "forklaring" },
    el("span", { class: "farve-groen" }, `${FARVETEGN["farve-groen"]} mindst ${pct0(meta.farve_groen)}`),
    el("span", { class: "farve-gul" }, `${FARVETEGN["farve-gul"]} ${pct0(meta.farve_gul)} til under ${pct0(meta.farve_groen)}`),
    el("span", { class: "farve-roed" }, `${FARVETEGN["farve-roed"]} under ${pct0(meta.farve_gul)}`),
    el("span", { class: "forkortelser" }, "Linjen: 0–100 %, den sorte bjælke er 95 %-intervallet, ◆ den vægtede og ○ den uvægtede andel; små streger ved farvegrænserne."),
  );
}

/**
 * The review beside the register: for each question with a register twin, the review's weighted share and the
 * KPI's published figure, per unit and for the municipality. The review also tests the registration.
 */
export function registerTabel(til, data, kvartal, { kompakt = false } = {}) {
  const find = celleIndeks(til);
  const kpi = indeks(data);
  const kolonner = [KOMMUNE, ...til.enheder];
  const par = til.spoergsmaal.filter((q) => q.register_kpi);
  if (!par.length) return el("p", { class: "ingen-data" }, "Ingen af spørgsmålene har et tilsvarende nøgletal i registret.");
  const navn = (k) => data.definitioner.find((d) => d.kpi === k)?.navn ?? k;
  const tekster = par.map((q) => ({
    q,
    celler: kolonner.map((k) => {
      const r = find(kvartal, k === KOMMUNE ? null : k, q.omraade, q.spoergsmaal_id);
      const reg = kpi(q.register_kpi, kvartal, k === KOMMUNE ? null : k);
      return {
        kolonne: k,
        gennemgang: !r ? "ingen svar" : r.andel === null ? fmt.STREG : `${pct0(r.andel_vaegtet)} (${fmt.tal(r.n)})`,
        register: reg ? `${fmt.vaerdi(reg, data.meta.diskretionsgraense)}${reg.naevner !== null && reg.naevner !== undefined ? ` (${fmt.tal(reg.naevner)})` : ""}` : fmt.STREG,
      };
    }),
  }));
  const table = el(
    "table",
    { class: `tabel krav register${kompakt ? " kompakt" : ""}`, "aria-label": `Gennemgang og register ${fmt.kvartal(kvartal)}` },
    el("caption", {}, `Sagsgennemgang og register side om side, ${fmt.kvartal(kvartal)} (antal svar eller sager i parentes)`),
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Spørgsmål og nøgletal"), kolonner.map((k) => el("th", { scope: "col", class: "tal" }, k)))),
    el(
      "tbody",
      {},
      tekster.map((t) =>
        el(
          "tr",
          { "data-spoergsmaal": t.q.spoergsmaal_id },
          el("th", { scope: "row" }, `${t.q.nr}. ${t.q.kort}`, el("span", { class: "lov" }, `Register: ${navn(t.q.register_kpi)}`)),
          t.celler.map((c) => el("td", { class: "celle", "data-enhed": c.kolonne }, el("span", { class: "par" }, `Gennemgang ${c.gennemgang}`), el("span", { class: "par" }, `Register ${c.register}`))),
        ),
      ),
    ),
  );
  const csvRows = tekster.map((t) => Object.fromEntries([["q", t.q.tekst], ["kpi", navn(t.q.register_kpi)], ...t.celler.flatMap((c, i) => [[`g${i}`, c.gennemgang], [`r${i}`, c.register]])]));
  const csvCols = [{ key: "q", label: "Spørgsmål" }, { key: "kpi", label: "Nøgletal i registret" }, ...kolonner.flatMap((k, i) => [{ key: `g${i}`, label: `${k}: gennemgang` }, { key: `r${i}`, label: `${k}: register` }])];
  return el("div", { class: "krav-blok" }, el("div", { style: { overflowX: "auto" } }, table), kompakt ? null : csvKnap(csvRows, csvCols, `ledelsestilsyn-register-${kvartal}`));
}

/** The omraader's roll-ups over the reviewed quarters up to `kvartal`, for the municipality and each unit. */
export function udviklingTabel(til, meta, kvartal, { enheder = [KOMMUNE, ...til.enheder] } = {}) {
  const find = celleIndeks(til);
  const ks = seneste(til.kvartaler, kvartal, 8);
  const rows = til.omraader.flatMap((o) => enheder.map((e) => ({ o, e })));
  const table = el(
    "table",
    { class: "tabel krav tilsyn udvikling" },
    el("caption", {}, `Udviklingen pr. område, ${fmt.kvartal(ks[0])} – ${fmt.kvartal(kvartal)}: vægtet andel (antal svar) og 95 %-interval`),
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Område"), el("th", { scope: "col" }, "Enhed"), ks.map((k) => el("th", { scope: "col", class: "tal" }, fmt.kvartal(k))))),
    el("tbody", {}, rows.map(({ o, e }) => el("tr", { "data-omraade": o.kode }, el("th", { scope: "row" }, o.navn), el("td", {}, e), ks.map((k) => celle(find(k, e === KOMMUNE ? null : e, o.kode), meta, e, { kompakt: true }))))),
  );
  const csvRows = rows.map(({ o, e }) => Object.fromEntries([["o", o.navn], ["e", e], ...ks.flatMap((k, i) => csvCeller(find(k, e === KOMMUNE ? null : e, o.kode), meta).slice(0, 4).map((v, j) => [`k${i}_${j}`, v]))]));
  const csvCols = [{ key: "o", label: "Område" }, { key: "e", label: "Enhed" }, ...ks.flatMap((k, i) => ["vægtet andel", "uvægtet andel", "95 %-interval", "antal svar"].map((l, j) => ({ key: `k${i}_${j}`, label: `${fmt.kvartal(k)}: ${l}` })))];
  return el("div", { class: "krav-blok" }, el("div", { style: { overflowX: "auto" } }, table), csvKnap(csvRows, csvCols, `ledelsestilsyn-udvikling-${kvartal}`));
}

/** How wide the 95 % interval is for k of n (Wilson), for the method text's example. */
export function wilson(k, n, z = 1.959964) {
  const p = k / n;
  const midte = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const halv = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  return [Math.max(0, midte - halv), Math.min(1, midte + halv)];
}

/** The plain-Danish method text: how cases were chosen, the weighting, the interval, small numbers. */
export function tilsynMetode(til, meta, { kort = false } = {}) {
  const g = meta.diskretionsgraense;
  const [lav, hoej] = wilson(16, 20);
  const antal = til.spoergsmaal.length;
  const afsnit = [
    el("p", {}, `Ved ledelsestilsynet læser ledere og jurister et udvalg af sagerne igennem og svarer på ${antal} faste spørgsmål i ${til.omraader.length} områder. Registret kan vise, om en frist blev holdt; sagsgennemgangen viser også, om afgørelsen er begrundet, og om barnet og forældrene er hørt.`),
    el("p", {}, "Sagerne udvælges pr. enhed blandt de sager, der var åbne i kvartalet. Som standard kommer halvdelen fra sager, som registret markerer som risikosager (en overskredet frist, en anbringelse uden samtykke, tre eller flere underretninger på 12 måneder, en undersøgelse over fristen eller en foranstaltning uden rettidig opfølgning), og resten udtrækkes tilfældigt blandt de øvrige sager. Har enheden færre sager end stikprøven, gennemgås alle. Udtrækket kan gentages præcist."),
    el("p", {}, "Risikosagerne er overrepræsenteret i stikprøven. Den simple andel af de gennemgåede sager ville derfor undervurdere, hvor godt kravene overholdes i enhedens sager som helhed. Hovedtallet er vægtet: hver sag tæller med 1 divideret med sandsynligheden for, at den blev udtrukket. Den uvægtede andel står under hovedtallet. Svaret »ikke relevant« tæller ikke med."),
    el("p", {}, `En enheds tal bygger typisk på omkring 20 sager og er derfor usikkert. Intervallet (95 %-interval efter Wilson) viser hvor usikkert: 16 af 20 sager er 80 %, men med 20 sager er alt mellem ${fmt.tal(lav * 100, 0)} og ${pct0(hoej)} foreneligt med det. Forskelle mellem enheder, hvis intervaller overlapper, bør ikke læses som sikre forskelle. Intervallet er beregnet for den uvægtede andel.`),
    el("p", {}, `Små tal vises ikke: et tal vises kun, når mindst ${g} svar ligger bag, og når hverken antallet af sager, der overholdt kravet, eller antallet, der ikke gjorde, er mellem 1 og ${g - 1} (18 af 20 ville fortælle, at 2 sager ikke overholdt kravet). Hvor et skjult tal ellers kunne regnes ud fra hele kommunens tal eller områdets samlede tal, skjules endnu et. Kommentarer, sagsnumre og navne vises aldrig.`),
  ];
  if (kort) return afsnit;
  return [
    ...afsnit,
    el("p", {}, "Hvor et spørgsmål har et tilsvarende nøgletal i registret (undersøgelsens frist, børnesamtalen, handleplanen og opfølgningen), står de side om side. Ligger de langt fra hinanden, kan det skyldes, at registreringen ikke svarer til det, der står i sagen."),
    el("p", {}, "Lovhenvisningerne i spørgsmålene er ikke juridisk verificeret."),
  ];
}

/** The appendix's section: the table (omraader and questions, compact), register beside review, the method in short. */
export function tilsynSektion(til, data, kvartal) {
  if (!til.kvartaler.includes(kvartal)) return el("p", { class: "ingen-data" }, `Der er ingen sagsgennemgange for ${fmt.kvartal(kvartal)}.`);
  return [tilsynTabel(til, data.meta, kvartal, { kompakt: true }), registerTabel(til, data, kvartal, { kompakt: true }), el("div", { class: "tilsyn-metode" }, tilsynMetode(til, data.meta, { kort: true }))];
}
