// Building blocks shared by the pages: the quarter selector, tables, CSV downloads, chart frames and the
// law-change mark. Everything is built with DOM calls and text nodes, so a unit name with markup stays text.
import * as Inputs from "@observablehq/inputs";
import * as Plot from "@observablehq/plot";
import { dsvFormat } from "d3-dsv";
import * as fmt from "./format.js";
import { xlsxKnap } from "./xlsx-knap.js";

/** Okabe–Ito: distinguishable with the common colour-vision deficiencies; paired with symbols for print. */
export const FARVER = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442"];
export const SYMBOLER = ["circle", "square", "triangle", "diamond", "cross", "star", "wye", "times"];
export const KOMMUNE = "Hele kommunen";
export const LOVSKIFT = new Date(Date.UTC(2024, 0, 1));

/** `el("p", {class: "x"}, "text", child)`: strings become text nodes, never markup. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "style" && typeof v === "object") Object.assign(node.style, v);
    else if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

// --- the quarter --------------------------------------------------------------------------------------

/** The quarter asked for in the address (`?kvartal=2025K3`), if it is one we have. */
export function kvartalFraAdresse(kvartaler) {
  const k = new URLSearchParams(location.search).get("kvartal");
  return k && kvartaler.includes(k) ? k : null;
}

/** The default quarter: the latest complete one (`seneste_kvartal`), else the latest with figures. */
export function standardKvartal(data) {
  const ks = data.kvartaler;
  const s = data.meta?.seneste_kvartal;
  return s && ks.includes(s) ? s : ks.at(-1) ?? null;
}

function saetKvartalIAdresse(k) {
  const url = new URL(location.href);
  url.searchParams.set("kvartal", k);
  history.replaceState(history.state, "", url);
  // Links between the pages keep the chosen quarter.
  for (const a of document.querySelectorAll("a[href]")) {
    const href = a.getAttribute("href");
    if (!href || href.startsWith("#") || /^[a-z]+:/i.test(href)) continue;
    const u = new URL(href, location.href);
    if (u.origin !== location.origin) continue;
    u.searchParams.set("kvartal", k);
    a.setAttribute("href", u.pathname + u.search + u.hash);
  }
}

/**
 * A select of the quarters, newest first; its value is the quarter id, and the address follows it. With the
 * releases (udgivelser.json) each quarter is marked published ("udgivet") or preliminary ("foreløbig").
 */
export function kvartalVaelger(data, udg) {
  const ks = [...data.kvartaler].reverse();
  const value = kvartalFraAdresse(data.kvartaler) ?? standardKvartal(data);
  const udgivne = new Set((udg?.udgivelser ?? []).map((u) => u.kvartal));
  const format = udg ? (k) => `${fmt.kvartal(k)} (${udgivne.has(k) ? "udgivet" : "foreløbig"})` : fmt.kvartal;
  const input = Inputs.select(ks, { label: "Kvartal", value, format });
  input.classList.add("kvartal-vaelger");
  if (value) saetKvartalIAdresse(value);
  input.addEventListener("input", () => saetKvartalIAdresse(input.value));
  return input;
}

/** The `n` quarters up to and including `k`, oldest first. */
export function seneste(kvartaler, k, n = 8) {
  const i = kvartaler.indexOf(k);
  return i < 0 ? [] : kvartaler.slice(Math.max(0, i - n + 1), i + 1);
}

/** Marks the page as rendered for the quarter (the PDF printer and the tests wait for it). */
export function klar(k) {
  document.body.dataset.klar = k ?? "";
}

// --- KPI figures --------------------------------------------------------------------------------------

export function indeks(data) {
  const m = new Map();
  for (const r of data.kpi) m.set(`${r.kpi}|${r.kvartal}|${r.enhed ?? ""}`, r);
  return (kpi, kvartal, enhed = null) => m.get(`${kpi}|${kvartal}|${enhed ?? ""}`) ?? null;
}

export function definition(data, kpi) {
  return data.definitioner.find((d) => d.kpi === kpi) ?? { kpi, navn: kpi, art: "andel", retning: "", beskrivelse: "" };
}

/** Lower is better for this KPI? (`retning` from kpi_definitioner.) */
export function lavereErBedre(def) {
  return /^(lav|ned|faerre|færre|mindre|lower|down|-)/i.test(String(def?.retning ?? ""));
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

// --- tables and downloads -----------------------------------------------------------------------------

/**
 * A plain table (prints in full, unlike a virtualised one). `columns`: [{key, label, format?, align?}];
 * the cells are text. Returns the table element.
 */
export function tabel(rows, columns, { caption, className } = {}) {
  return el(
    "table",
    { class: `tabel ${className ?? ""}` },
    caption ? el("caption", {}, caption) : null,
    el("thead", {}, el("tr", {}, columns.map((c) => el("th", { class: c.align === "right" ? "tal" : null, scope: "col" }, c.label)))),
    el(
      "tbody",
      {},
      rows.map((r) => el("tr", {}, columns.map((c) => el("td", { class: c.align === "right" ? "tal" : null }, tekst(c, r))))),
    ),
  );
}

function tekst(column, row) {
  const v = row[column.key];
  return column.format ? column.format(v, row) : v === null || v === undefined ? fmt.STREG : String(v);
}

/** The rows as the table shows them: `;`-separated (the Danish Excel default), UTF-8 with BOM. */
export function csvTekst(rows, columns) {
  const body = dsvFormat(";").formatRows([columns.map((c) => c.label), ...rows.map((r) => columns.map((c) => tekst(c, r)))]);
  return "\ufeff" + body.replaceAll("\n", "\r\n") + "\r\n";
}

/** The table's downloads: CSV and its XLSX twin with the same header and cells (xlsx-knap.js). */
export function csvKnap(rows, columns, filnavn) {
  const a = el("a", { class: "csv-knap", download: `${filnavn}.csv`, href: "#", role: "button" }, "Hent tabellen som CSV");
  a.addEventListener("click", () => {
    a.href = URL.createObjectURL(new Blob([csvTekst(rows, columns)], { type: "text/csv;charset=utf-8" }));
  });
  const celler = rows.map((r) => columns.map((c) => tekst(c, r)));
  return el("span", { class: "hent" }, a, xlsxKnap(columns.map((c) => c.label), celler, filnavn));
}

/** Inputs.table with the Danish formats, for analysts who sort and scroll (screen only). */
export function sorterbarTabel(rows, columns) {
  return Inputs.table(rows, {
    columns: columns.map((c) => c.key),
    header: Object.fromEntries(columns.map((c) => [c.key, c.label])),
    format: Object.fromEntries(columns.map((c) => [c.key, (v) => (c.format ? c.format(v) : v === null || v === undefined ? fmt.STREG : String(v))])),
    align: Object.fromEntries(columns.map((c) => [c.key, c.align ?? "left"])),
    rows: 12,
  });
}

/**
 * A chart with its data: the chart, a "Vis tabel" fold with the table, and the CSV download of exactly
 * those rows. `beskrivelse` is the chart's aria description and its visible caption.
 */
export function figur({ titel, beskrivelse, chart, rows, columns, filnavn, note }) {
  return el(
    "figure",
    { class: "figur" },
    titel ? el("h3", {}, titel) : null,
    chart,
    el("figcaption", {}, beskrivelse, note ? el("span", { class: "fodnote" }, ` ${note}`) : null),
    el("details", { class: "data" }, el("summary", {}, "Vis tabel"), tabel(rows, columns)),
    csvKnap(rows, columns, filnavn),
  );
}

export function ingenData(tekst = "Ingen tal for den valgte periode.") {
  return el("p", { class: "ingen-data" }, tekst);
}

// --- charts -------------------------------------------------------------------------------------------

/** Chart widths: `BRED` for a chart on its own line, `SMAL` for one of two side by side (`.trends`). */
export const BRED = 820;
export const SMAL = 460;

/** The change of law, when the quarters cross 1 January 2024. */
export function lovskiftMarks(kvartaler) {
  if (!kvartaler.length) return [];
  const first = fmt.kvartalStart(kvartaler[0]);
  const last = fmt.kvartalStart(kvartaler.at(-1));
  if (!(first < LOVSKIFT && last >= LOVSKIFT)) return [];
  const midt = new Date(LOVSKIFT.getTime() - 45 * 864e5); // between 4. kvt. 2023 and 1. kvt. 2024
  return [
    Plot.ruleX([midt], { stroke: "#333", strokeDasharray: "5,3", strokeWidth: 1.2 }),
    Plot.text([midt], { x: (d) => d, text: () => "Barnets Lov →", frameAnchor: "top", textAnchor: "start", dx: 4, dy: -12, fontSize: 11, fill: "#333" }),
  ];
}

/** A time axis of quarters: ticks at the quarters' first days, labelled `3. kvt.⏎2025`. */
export function kvartalAkse(kvartaler) {
  const ticks = kvartaler.map(fmt.kvartalStart);
  const pad = 40 * 864e5;
  return {
    type: "utc",
    domain: ticks.length ? [new Date(ticks[0].getTime() - pad), new Date(ticks.at(-1).getTime() + pad)] : undefined,
    ticks,
    tickFormat: (d) => fmt.kvartalAfDato(d).replace(" 20", "\n20"),
    label: null,
  };
}

/**
 * Labelled horizontal lines (targets, reference levels) with their labels in the right margin, outside the
 * plotted lines, so that no label sits on a data point. `linjer`: [{y, tekst, maal?, fra?}]: `maal` draws the
 * target style; `fra` (a quarter) starts the line there, for a target that applies from that quarter on.
 */
function hLinjer(linjer, kvartaler) {
  const slut = kvartaler.length ? new Date(fmt.kvartalStart(kvartaler.at(-1)).getTime() + 40 * 864e5) : undefined;
  return linjer.flatMap((l) => {
    const style = l.maal ? { stroke: "#000", strokeWidth: 2.2, strokeDasharray: "9,4" } : { stroke: "#444", strokeDasharray: "2,3", strokeWidth: 1.2 };
    const fra = l.fra && kvartaler.includes(l.fra) && l.fra !== kvartaler[0] ? new Date(fmt.kvartalStart(l.fra).getTime() - 40 * 864e5) : null;
    const linje = fra ? Plot.ruleY([l.y], { x1: () => fra, x2: () => slut, ...style }) : Plot.ruleY([l.y], style);
    return [
      linje,
      l.tekst
        ? Plot.text([l.y], { y: (d) => d, text: () => l.tekst, frameAnchor: "right", textAnchor: "start", dx: 6, fontSize: 11, fill: l.maal ? "#000" : "#222", fontWeight: l.maal ? "bold" : "normal" })
        : null,
    ];
  });
}

/**
 * A trend of one or more series over quarters. `rows`: [{kvartal, serie, vaerdi}]; values may be null
 * (suppressed): the line breaks there rather than bridging the hidden quarter. `andel`: y as a share.
 * `maal`: an optional target (value, `maalTekst` its short label, `maalFra` the first quarter it applies to);
 * `referencer`: [{y, tekst}] reference levels. Series are told apart by colour and symbol (black-and-white print).
 */
export function trend({ rows, kvartaler, andel = true, decimals = 1, ariaLabel, maal, maalTekst, maalFra, referencer = [], height = 240, serier, width = SMAL }) {
  const names = serier ?? [...new Set(rows.map((r) => r.serie))];
  const have = new Map(rows.map((r) => [`${r.serie}|${r.kvartal}`, r]));
  const alle = names.flatMap((s) => kvartaler.map((k) => {
    const r = have.get(`${s}|${k}`);
    return { kvartal: k, serie: s, vaerdi: r?.vaerdi ?? null, x: fmt.kvartalStart(k) };
  }));
  const data = alle.filter((r) => r.vaerdi !== null);
  const yfmt = andel ? (v) => fmt.pct(v, 0) : (v) => fmt.tal(v, Number.isInteger(v) ? 0 : decimals);
  const tip = (r) => `${r.serie}\n${fmt.kvartal(r.kvartal)}: ${andel ? fmt.pct(r.vaerdi) : fmt.tal(r.vaerdi, decimals)}`;
  const linjer = [
    ...referencer.filter((r) => r.y !== undefined && r.y !== null),
    ...(maal !== undefined && maal !== null ? [{ y: maal, tekst: maalTekst ?? `Mål ${yfmt(maal)}`, maal: true, fra: maalFra }] : []),
  ];
  const etiket = Math.max(0, ...linjer.map((l) => String(l.tekst ?? "").length));
  return Plot.plot({
    ariaLabel,
    ariaDescription: `${ariaLabel}. ${names.length > 1 ? `Serier: ${names.join(", ")}. ` : ""}Tallene står i tabellen under grafen.`,
    width,
    height,
    marginLeft: 50,
    marginTop: 24,
    marginBottom: 40,
    marginRight: etiket ? Math.min(150, 14 + etiket * 6.2) : 20,
    style: { fontSize: "12px" },
    x: kvartalAkse(kvartaler),
    y: { grid: true, label: null, tickFormat: yfmt, domain: andel ? [0, 1] : undefined, nice: true },
    color: { domain: names, range: FARVER, legend: false },
    symbol: { domain: names, range: SYMBOLER, legend: names.length > 1 },
    marks: [
      Plot.ruleY([0]),
      ...lovskiftMarks(kvartaler),
      ...hLinjer(linjer, kvartaler),
      Plot.line(alle, { x: "x", y: (r) => r.vaerdi ?? NaN, z: "serie", stroke: "serie", strokeWidth: (r) => (r.serie === KOMMUNE ? 3 : 1.5) }),
      Plot.dot(data, { x: "x", y: "vaerdi", stroke: "serie", fill: "serie", symbol: "serie", r: 3.5, title: tip, tip: true }),
    ],
  });
}

/**
 * Horizontal bars of labelled values. `rows`: [{navn, vaerdi, tekst?}]; a hidden value (null) gets no bar but
 * its text (`<5`, `–`) beside the axis. `fremhaev`: the name drawn darker (the whole municipality).
 * `referencer`: a band {fra, til, tekst} or a line {x, tekst}, labelled above the bars.
 */
export function soejler({ rows, ariaLabel, andel = false, decimals = 0, referencer = [], maal, bredde = BRED, fremhaev }) {
  const data = rows.filter((r) => r.vaerdi !== null && r.vaerdi !== undefined);
  const skjulte = rows.filter((r) => r.vaerdi === null || r.vaerdi === undefined);
  const xfmt = andel ? (v) => fmt.pct(v, 0) : (v) => fmt.tal(v, Number.isInteger(v) ? 0 : decimals);
  const vis = (r) => r.tekst ?? (andel ? fmt.pct(r.vaerdi) : fmt.tal(r.vaerdi, decimals));
  const top = referencer.length ? 26 : 10;
  return Plot.plot({
    ariaLabel,
    ariaDescription: `${ariaLabel}. Tallene står i tabellen under grafen.`,
    width: bredde,
    height: top + 30 + rows.length * 28,
    marginTop: top,
    marginLeft: Math.min(360, 16 + 7.4 * Math.max(8, ...rows.map((r) => String(r.navn).length))),
    marginRight: 60,
    style: { fontSize: "12px" },
    x: { grid: true, label: null, tickFormat: xfmt, domain: andel ? [0, 1] : undefined, nice: true },
    y: { label: null, domain: rows.map((r) => r.navn) },
    marks: [
      ...referencer.flatMap((ref) =>
        ref.fra !== undefined
          ? [
              Plot.rectX([ref], { x1: "fra", x2: "til", fill: "#999", fillOpacity: 0.22 }),
              Plot.text([ref], { x: (d) => (d.fra + d.til) / 2, text: "tekst", frameAnchor: "top", textAnchor: "middle", dy: -16, fontSize: 11, fill: "#222" }),
            ]
          : [
              Plot.ruleX([ref.x], { stroke: "#222", strokeDasharray: "4,3", strokeWidth: 1.5 }),
              Plot.text([ref], { x: "x", text: "tekst", frameAnchor: "top", textAnchor: "middle", dy: -16, fontSize: 11, fill: "#222" }),
            ],
      ),
      Plot.barX(data, {
        x: "vaerdi",
        y: "navn",
        fill: (r) => (r.navn === fremhaev ? "#003f63" : "#0072B2"),
        title: (r) => `${r.navn}: ${vis(r)}`,
        tip: true,
      }),
      Plot.text(data, { x: "vaerdi", y: "navn", text: vis, textAnchor: "start", dx: 4, fill: "#000", fontWeight: (r) => (r.navn === fremhaev ? "bold" : "normal") }),
      Plot.text(skjulte, { x: 0, y: "navn", text: (r) => r.tekst ?? fmt.STREG, textAnchor: "start", dx: 4, fill: "#000" }),
      maal !== undefined ? Plot.ruleX([maal], { stroke: "#000", strokeWidth: 2.2, strokeDasharray: "9,4" }) : null,
      Plot.ruleX([0]),
    ],
  });
}

/** Page footnote on suppressed figures. */
export function undertrykkelsesNote(meta) {
  const g = meta.diskretionsgraense;
  return el(
    "p",
    { class: "fodnote" },
    `Små tal vises ikke: et antal mellem 1 og ${g - 1} vises som <${g}, og en andel med færre end ${g} sager i nævneren vises som ${fmt.STREG}. ` +
      "Hvor et skjult tal ellers kunne regnes ud fra kommunens tal og de øvrige enheders, er endnu et tal skjult.",
  );
}
