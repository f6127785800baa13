// The headline KPIs and the written Danish summary of the quarter, as plain data and text (no DOM), so the
// page, the PDF and the tests all get the same sentences.
import * as fmt from "./format.js";
import { lavereErBedre } from "./tal.js";

/** The KPIs on the front page, in reading order: those the registry gives a `hovedtal_nr`. */
export function hovedtalKpis(data) {
  return data.definitioner
    .filter((d) => d.hovedtal_nr !== null && d.hovedtal_nr !== undefined)
    .sort((a, b) => a.hovedtal_nr - b.hovedtal_nr)
    .map((d) => d.kpi);
}

const upper = (s) => (s ? s[0].toUpperCase() + s.slice(1) : s);

function figure(row, graense) {
  return fmt.vaerdi(row, graense);
}

/**
 * The KPI as the subject of Danish sentences ("Andelen af … steg fra 71 % til 84 %"): the registry's `emne`.
 * The names are labels, not noun phrases ("Handleplan rettidigt"), so a KPI without an `emne` falls back to
 * its label: "Handleplan rettidigt: andelen steg …".
 */
export function emne(def) {
  if (def?.emne) return def.emne;
  const navn = upper(String(def?.navn ?? def?.kpi ?? ""));
  const hvad = def?.art === "andel" ? "andelen" : def?.art === "antal" ? "antallet" : "tallet";
  return `${navn}: ${hvad}`;
}

/** The pronoun that takes up the subject in the next clause ("… For et år siden var den 75 %"). */
function pronomen(def) {
  return def?.emne_pronomen || (def?.art === "andel" ? "den" : "det");
}

/** Target for a KPI in a quarter (municipality level), from the development plan. */
export function maalFor(data, kpi, kvartal) {
  return data.udviklingsplan.find((p) => p.kpi === kpi && p.kvartal === kvartal && p.niveau === "kommune" && !p.enhed) ?? null;
}

export const STATUSTEKST = {
  opfyldt: "Nået",
  ikke_opfyldt: "Ikke nået",
  forbedring: "Ikke nået, men bedre end kvartalet før",
  ingen_data: "Ingen tal",
  undertrykt: "Tallet er skjult (for få sager)",
};

/** One headline: the published figures for the quarter, the previous one and the same quarter last year. */
export function hovedtal(data, kpi, kvartal) {
  const def = data.definitioner.find((d) => d.kpi === kpi) ?? { kpi, navn: kpi, art: "andel" };
  const find = (k) => data.kpi.find((r) => r.kpi === kpi && r.kvartal === k && r.niveau === "kommune") ?? null;
  const nu = find(kvartal);
  const forrige = find(fmt.forrigeKvartal(kvartal));
  const sidsteAar = find(fmt.kvartalAaretFoer(kvartal));
  const diff = (a, b) => (a?.vaerdi != null && b?.vaerdi != null ? a.vaerdi - b.vaerdi : null);
  const aendringTekst = (d) => (d === null ? fmt.STREG : def.art === "andel" ? fmt.point(d) : fmt.aendring(d, def.art === "forhold" ? 1 : 0));
  const g = data.meta.diskretionsgraense;
  const maal = maalFor(data, kpi, kvartal);
  return {
    kpi,
    def,
    nu,
    tekst: figure(nu, g),
    naevner: nu?.naevner ?? null,
    forrige,
    forrigeTekst: figure(forrige, g),
    aendringForrige: aendringTekst(diff(nu, forrige)),
    sidsteAar,
    sidsteAarTekst: figure(sidsteAar, g),
    aendringSidsteAar: aendringTekst(diff(nu, sidsteAar)),
    maal,
    maalTekst: maal ? (def.art === "andel" ? fmt.pct(maal.maal) : fmt.tal(maal.maal, def.art === "forhold" ? 1 : 0)) : null,
  };
}

/** The sentence that leads the summary: which quarters the figures are compared with. */
export function indledning(kvartal) {
  return `${fmt.kvartal(kvartal)} sammenlignet med kvartalet før (${fmt.kvartal(fmt.forrigeKvartal(kvartal))}) og med samme kvartal året før (${fmt.kvartal(fmt.kvartalAaretFoer(kvartal))}), hele kommunen:`;
}

/**
 * The written summary: one sentence per headline KPI, comparing the quarter with the one before and the same
 * quarter a year earlier (named once, in `indledning`), then the target: "Andelen af … steg fra 80,2 % til
 * 88,3 %; for et år siden var den 75,4 %. Målet for 2026 (mindst 90,0 %) er ikke nået, men …".
 */
export function opsummering(data, kvartal, kpis = hovedtalKpis(data)) {
  const g = data.meta.diskretionsgraense;
  const saetninger = [];
  for (const kpi of kpis) {
    const h = hovedtal(data, kpi, kvartal);
    if (!h.nu) continue;
    const subj = emne(h.def);
    if (h.nu.vaerdi === null) {
      saetninger.push(`${subj} vises ikke for ${fmt.kvartal(kvartal)}, fordi der er for få sager (færre end ${g}).`);
      continue;
    }
    let s;
    if (h.forrige?.vaerdi != null) {
      const a = h.forrigeTekst;
      const b = h.tekst;
      const verbum = a === b ? null : h.nu.vaerdi > h.forrige.vaerdi ? "steg" : "faldt";
      s = verbum ? `${subj} ${verbum} fra ${a} til ${b}` : `${subj} lå uændret på ${b}`;
    } else {
      s = `${subj} var ${h.tekst}`;
    }
    s += h.sidsteAar?.vaerdi != null ? `; for et år siden var ${pronomen(h.def)} ${h.sidsteAarTekst}.` : ".";
    if (h.maal && (h.maal.status === "opfyldt" || h.maal.status === "ikke_opfyldt" || h.maal.status === "forbedring")) {
      const graense = lavereErBedre(h.def) ? "højst " : "mindst ";
      const udfald = h.maal.status === "opfyldt" ? "er nået" : h.maal.status === "forbedring" ? "er ikke nået, men tallet er bedre end kvartalet før" : "er ikke nået";
      s += ` Målet for ${h.maal.periode} (${graense}${h.maalTekst}) ${udfald}.`;
    }
    saetninger.push(s);
  }
  return saetninger;
}
