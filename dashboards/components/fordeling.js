// Counts by category: stacked over quarters, or bars for one quarter. Suppressed counts (null) are shown
// as `<5` in the tables and left out of the bars.
import * as Plot from "@observablehq/plot";
import * as fmt from "./format.js";
import { BRED, figur, kvartalAkse, lovskiftMarks, soejler } from "./side.js";

/** A published count: `<5` for a small one, `–` for one hidden to protect another (complementary). */
export const antalTekst = (g) => (v, row) =>
  v !== null && v !== undefined ? fmt.tal(v) : row?.undertrykt === "komplementaer" ? fmt.STREG : `<${g}`;

/** The grey of a stack segment that stands for several hidden categories together. */
export const SKJULT_FARVE = "#f0f0f0";

/**
 * Stacked columns per quarter by category, centred on the quarter's tick. `rows`: [{kvartal, navn, antal}].
 * `skjult`: optional [{kvartal, antal}], the hidden categories of a quarter taken together (the published
 * total minus the shown parts, so no more than is already public), drawn as one grey segment named `skjultNavn`
 * so that the columns keep their true height.
 */
export function stabelFigur({ rows, kvartaler, lovskift, titel, beskrivelse, filnavn, graense, kategoriLabel = "Kategori", skjult = [], skjultNavn = "Skjult (for få til at vise hver for sig)", note }) {
  const navne = [...new Set(rows.map((r) => r.navn))];
  const medSkjult = skjult.some((r) => r.antal > 0);
  const domain = medSkjult ? [...navne, skjultNavn] : navne;
  const spand = (r) => {
    const x1 = fmt.kvartalStart(r.kvartal);
    return { ...r, x1: new Date(x1.getTime() - 30 * 864e5), x2: new Date(x1.getTime() + 30 * 864e5) };
  };
  const data = rows.filter((r) => r.antal !== null).map(spand);
  // The hidden groups sit on top of the shown ones: near-white with a dashed outline, unlike any colour in grey.
  const vist = new Map();
  for (const r of data) vist.set(r.kvartal, (vist.get(r.kvartal) ?? 0) + r.antal);
  const skjulte = skjult.filter((r) => r.antal > 0).map((r) => spand({ ...r, navn: skjultNavn, y1: vist.get(r.kvartal) ?? 0, y2: (vist.get(r.kvartal) ?? 0) + r.antal }));
  const chart = Plot.plot({
    ariaLabel: titel,
    ariaDescription: `${beskrivelse} Tallene står i tabellen under grafen.`,
    width: BRED,
    height: 280,
    marginLeft: 50,
    marginBottom: 40,
    style: { fontSize: "12px" },
    x: kvartalAkse(kvartaler),
    y: { grid: true, label: null, tickFormat: (v) => fmt.tal(v) },
    marginTop: 24,
    color: { domain, range: medSkjult ? [...graatoner(navne.length), SKJULT_FARVE] : graatoner(navne.length), legend: true },
    marks: [
      ...lovskiftMarks(kvartaler, lovskift),
      Plot.rectY(data, Plot.stackY({ x1: "x1", x2: "x2", y: "antal", fill: "navn", stroke: "#fff", order: domain, title: (r) => `${r.navn}, ${fmt.kvartal(r.kvartal)}: ${fmt.tal(r.antal)}`, tip: true })),
      // Each segment's count written in it, so the stack reads in black and white too.
      Plot.text(data, Plot.stackY({ x: (r) => new Date((r.x1.getTime() + r.x2.getTime()) / 2), y: "antal", z: "navn", order: domain, text: (r) => (r.antal >= 12 ? fmt.tal(r.antal) : ""), fill: (r) => (LYSE.has(farveFor(domain, r.navn, navne.length)) ? "#000" : "#fff"), fontSize: 10 })),
      Plot.rectY(skjulte, { x1: "x1", x2: "x2", y1: "y1", y2: "y2", fill: SKJULT_FARVE, stroke: "#333", strokeDasharray: "3,2", title: (r) => `${r.navn}, ${fmt.kvartal(r.kvartal)}: ${fmt.tal(r.antal)}`, tip: true }),
      Plot.ruleY([0]),
    ],
  });
  // The table and the CSV hold what the chart shows, the grey segment included.
  const tabelRows = medSkjult
    ? kvartaler.flatMap((k) => [...rows.filter((r) => r.kvartal === k), ...skjult.filter((r) => r.kvartal === k && r.antal > 0).map((r) => ({ kvartal: k, navn: skjultNavn, antal: r.antal }))])
    : rows;
  return figur({
    titel,
    beskrivelse,
    note,
    chart,
    rows: tabelRows,
    columns: [
      { key: "kvartal", label: "Kvartal", format: fmt.kvartal },
      { key: "navn", label: kategoriLabel },
      { key: "antal", label: "Antal", align: "right", format: antalTekst(graense) },
    ],
    filnavn,
  });
}

/**
 * Stack colours far apart in lightness (Okabe–Ito blue, orange, yellow first), so that neighbouring segments
 * stay apart in a black-and-white print; more categories take the rest of the palette.
 */
const STABEL = ["#0072B2", "#E69F00", "#F0E442", "#000000", "#56B4E9", "#D55E00", "#009E73", "#CC79A7"];
const LYSE = new Set(["#E69F00", "#F0E442", "#56B4E9"]);
const graatoner = (n) => STABEL.slice(0, Math.max(n, 1));
const farveFor = (domain, navn, n) => graatoner(n)[domain.indexOf(navn)] ?? "#000000";

/** Bars for one quarter by category. `rows`: [{navn, antal}]. */
export function soejleFigur({ rows, titel, beskrivelse, filnavn, graense, kategoriLabel = "Kategori", bredde }) {
  const t = antalTekst(graense);
  return figur({
    titel,
    beskrivelse,
    chart: soejler({ rows: rows.map((r) => ({ navn: r.navn, vaerdi: r.antal, tekst: t(r.antal, r) })), ariaLabel: titel, bredde }),
    rows,
    columns: [
      { key: "navn", label: kategoriLabel },
      { key: "antal", label: "Antal", align: "right", format: antalTekst(graense) },
    ],
    filnavn,
  });
}

/**
 * Counts by category over the quarters as one table (categories × quarters): readable with many categories,
 * where a stacked chart would need more colours than stay distinguishable.
 */
export function kryds({ rows, kvartaler, graense, kategoriLabel }) {
  const navne = [...new Set(rows.map((r) => r.navn))];
  const t = antalTekst(graense);
  const data = navne.map((n) =>
    Object.fromEntries([["navn", n], ...kvartaler.map((k) => {
      const r = rows.find((x) => x.navn === n && x.kvartal === k);
      return [k, r ? t(r.antal, r) : "0"];
    })]),
  );
  const columns = [{ key: "navn", label: kategoriLabel }, ...kvartaler.map((k) => ({ key: k, label: fmt.kvartal(k), align: "right" }))];
  return { data, columns };
}
