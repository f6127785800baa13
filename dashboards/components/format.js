// Danish number and date formats, the one formatter for every axis, tooltip, table, text and CSV on the site.
// Written by hand, not with Intl, so that the output is the same in every browser, in Node and in the PDF.

const MAANEDER = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"];

/** The sign shown for a suppressed share or ratio, and for a figure hidden so that a small one cannot be worked out. */
export const STREG = "–";

/**
 * What the signs `<g` and `–` mean, in one text for every place that explains them (the method page, every
 * page's footnote, the PDF appendix, the release's workbook). `<g`: 1 … g−1, or 0 … g−1 in a table with another
 * hidden figure (its zeros carry the sign too). `–`: hidden, and the sign says nothing of the size — a share or
 * ratio with a denominator below g, or a figure hidden so that a small one cannot be worked out (the last resort
 * of pipelines/disclosure/protect.ts gives a small figure this sign too).
 */
export function tegnforklaring(g) {
  return (
    `<${g} står for et antal mellem 1 og ${g - 1}, og i en tabel, hvor også et andet tal er skjult, for 0 til ${g - 1} (så et nul ikke kan skelnes fra et lille tal). ` +
    `${STREG} står for et skjult tal og siger intet om, hvor stort det er: en andel eller et forholdstal med færre end ${g} i nævneren, eller et tal, der er skjult, for at et lille tal ikke skal kunne regnes ud af de andre.`
  );
}

function group(intText) {
  return intText.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

/** `1.234`, `1.234,5` (with `decimals`), `−3`; null → `–`. */
export function tal(x, decimals = 0) {
  if (x === null || x === undefined || Number.isNaN(x)) return STREG;
  const fixed = Math.abs(x).toFixed(decimals);
  const [i, d] = fixed.split(".");
  const neg = x < 0 && Number(fixed) !== 0;
  return `${neg ? "−" : ""}${group(i)}${d ? `,${d}` : ""}`;
}

/** A share 0–1 as `84,3 %`; null → `–`. */
export function pct(share, decimals = 1) {
  if (share === null || share === undefined || Number.isNaN(share)) return STREG;
  return `${tal(share * 100, decimals)} %`;
}

/** A change in percentage points: `+12,6 procentpoint`, `−3,0 procentpoint`. */
export function point(diff, decimals = 1) {
  if (diff === null || diff === undefined || Number.isNaN(diff)) return STREG;
  const t = tal(diff * 100, decimals);
  return `${diff > 0 && t !== tal(0, decimals) ? "+" : ""}${t} procentpoint`;
}

/** A signed change of a count or ratio: `+12`, `−3,5`. */
export function aendring(diff, decimals = 0) {
  if (diff === null || diff === undefined || Number.isNaN(diff)) return STREG;
  const t = tal(diff, decimals);
  return `${diff > 0 && t !== tal(0, decimals) ? "+" : ""}${t}`;
}

/** `2025K3` → `3. kvt. 2025`. */
export function kvartal(k) {
  const m = /^(\d{4})K([1-4])$/.exec(String(k ?? ""));
  return m ? `${m[2]}. kvt. ${m[1]}` : String(k ?? "");
}

/** `2025K3` → the quarter's first day (a UTC Date), for time axes. */
export function kvartalStart(k) {
  const m = /^(\d{4})K([1-4])$/.exec(String(k));
  if (!m) throw new Error(`not a quarter: ${k}`);
  return new Date(Date.UTC(Number(m[1]), (Number(m[2]) - 1) * 3, 1));
}

/** A Date (or `YYYY-MM-DD`) → `31. december 2025`. */
export function dato(d) {
  if (d === null || d === undefined || d === "") return STREG;
  const date = d instanceof Date ? d : new Date(String(d).length === 10 ? `${d}T00:00:00Z` : d);
  if (Number.isNaN(date.getTime())) return String(d);
  return `${date.getUTCDate()}. ${MAANEDER[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** A date (Date or ISO text) quarter start → `3. kvt. 2025`, for time-axis ticks: the label of its quarter. */
export function kvartalAfDato(d) {
  return kvartal(kvartalId(d));
}

/** A date (Date or `YYYY-MM-DD`) → the id of its quarter, `2024K1`. */
export function kvartalId(d) {
  const date = d instanceof Date ? d : new Date(String(d).length === 10 ? `${d}T00:00:00Z` : d);
  return `${date.getUTCFullYear()}K${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

/** The previous quarter (`2025K1` → `2024K4`) and the same quarter a year earlier. */
export function forrigeKvartal(k) {
  const [aar, n] = [Number(k.slice(0, 4)), Number(k.slice(5))];
  return n === 1 ? `${aar - 1}K4` : `${aar}K${n - 1}`;
}
export function kvartalAaretFoer(k) {
  return `${Number(k.slice(0, 4)) - 1}K${k.slice(5)}`;
}

/**
 * A published KPI figure as text: shares `84,3 %`, ratios `18,4`, counts `1.234`; a suppressed count `<5`,
 * a suppressed share or ratio `–`. `graense`: the suppression threshold (data.meta.diskretionsgraense).
 */
export function vaerdi(row, graense) {
  if (!row) return STREG;
  if (row.vaerdi === null || row.vaerdi === undefined) return row.undertrykt === "lille_antal" ? `<${graense}` : STREG;
  if (row.art === "andel") return pct(row.vaerdi);
  if (row.art === "forhold") return tal(row.vaerdi, 1);
  return tal(row.vaerdi);
}
