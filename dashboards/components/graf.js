// Charts: trends over quarters and horizontal bars, with the change-of-law mark, targets and reference lines.
import * as Plot from "@observablehq/plot";
import * as fmt from "./format.js";
import { KOMMUNE } from "./tal.js";

/** Okabe–Ito: distinguishable with the common colour-vision deficiencies; paired with symbols for print. */
export const FARVER = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442"];
export const SYMBOLER = ["circle", "square", "triangle", "diamond", "cross", "star", "wye", "times"];

/** Chart widths: `BRED` for a chart on its own line, `SMAL` for one of two side by side (`.trends`). */
export const BRED = 820;
export const SMAL = 460;

/** The change of law, when the quarters cross `lovskift` (`YYYY-MM-DD`, mart_meta from the seed love). */
export function lovskiftMarks(kvartaler, lovskift) {
  if (!kvartaler.length || !lovskift) return [];
  const LOVSKIFT = new Date(`${lovskift}T00:00:00Z`);
  const first = fmt.kvartalStart(kvartaler[0]);
  const last = fmt.kvartalStart(kvartaler.at(-1));
  if (!(first < LOVSKIFT && last >= LOVSKIFT)) return [];
  const midt = new Date(LOVSKIFT.getTime() - 45 * 864e5); // between the last quarter before the change and the first after
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
 * `referencer`: [{y, tekst}] reference levels. `lovskift`: the day of the change of law (data.meta.lovskift), marked. Series are told apart by colour and symbol (black-and-white print).
 */
export function trend({ rows, kvartaler, lovskift, andel = true, decimals = 1, ariaLabel, maal, maalTekst, maalFra, referencer = [], height = 240, serier, width = SMAL }) {
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
      ...lovskiftMarks(kvartaler, lovskift),
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
