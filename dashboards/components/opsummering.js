// The headline KPIs and the written Danish summary of the quarter, as plain data and text (no DOM), so the
// page, the PDF and the tests all get the same sentences.
import * as fmt from "./format.js";

/** The KPIs on the front page, in reading order. */
export const HOVEDTAL = [
  "underretninger_antal",
  "underretning_vurderet_24t",
  "bfu_rettidig_4m",
  "handleplan_rettidig",
  "opfoelgning_rettidig",
  "tilsyn_2_besoeg_12m",
  "anbragte_antal",
  "anbringelse_familiebaseret_andel",
  "sager_pr_sagsbehandler",
];

const upper = (s) => (s ? s[0].toUpperCase() + s.slice(1) : s);

function figure(row, graense) {
  return fmt.vaerdi(row, graense);
}

function lavereErBedre(def) {
  return /^(lav|ned|faerre|færre|mindre|lower|down|-)/i.test(String(def?.retning ?? ""));
}

/**
 * The subject of a sentence about a KPI. The names in kpi_definitioner are labels, not always noun phrases
 * ("Handleplan rettidigt"), so the sentence leads with the label: "Handleplan rettidigt: andelen steg …".
 */
export function emne(def) {
  const navn = upper(String(def?.navn ?? def?.kpi ?? ""));
  const hvad = def?.art === "andel" ? "andelen" : def?.art === "antal" ? "antallet" : "tallet";
  return `${navn}: ${hvad}`;
}

/** Target for a KPI in a quarter (municipality level), from the development plan. */
export function maalFor(data, kpi, kvartal) {
  return data.udviklingsplan.find((p) => p.kpi === kpi && p.kvartal === kvartal && p.niveau === "kommune" && !p.enhed) ?? null;
}

export const STATUSTEKST = {
  opfyldt: "Nået",
  ikke_opfyldt: "Ikke nået",
  forbedring: "Ikke nået, men bedre end før",
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

/** The written summary: one sentence per headline KPI with figures to compare, then the targets. */
export function opsummering(data, kvartal, kpis = HOVEDTAL) {
  const g = data.meta.diskretionsgraense;
  const saetninger = [];
  for (const kpi of kpis) {
    const h = hovedtal(data, kpi, kvartal);
    if (!h.nu) continue;
    const subj = emne(h.def);
    if (h.nu.vaerdi === null) {
      saetninger.push(`${subj} i ${fmt.kvartal(kvartal)} vises ikke, fordi der er for få sager (færre end ${g}).`);
      continue;
    }
    let s;
    if (h.forrige?.vaerdi != null) {
      const a = h.forrigeTekst;
      const b = h.tekst;
      const verbum = a === b ? null : h.nu.vaerdi > h.forrige.vaerdi ? "steg" : "faldt";
      s = verbum ? `${subj} ${verbum} fra ${a} til ${b}` : `${subj} var uændret på ${b}`;
      s += ` fra ${fmt.kvartal(h.forrige.kvartal)} til ${fmt.kvartal(kvartal)}`;
    } else {
      s = `${subj} var ${h.tekst} i ${fmt.kvartal(kvartal)}`;
    }
    if (h.sidsteAar?.vaerdi != null) s += ` (${fmt.kvartal(h.sidsteAar.kvartal)}: ${h.sidsteAarTekst})`;
    s += ".";
    if (h.maal && (h.maal.status === "opfyldt" || h.maal.status === "ikke_opfyldt" || h.maal.status === "forbedring")) {
      const naaet = h.maal.status === "opfyldt";
      s += ` Målet for ${h.maal.periode} på ${lavereErBedre(h.def) ? "højst " : ""}${h.maalTekst} er ${naaet ? "nået" : "ikke nået"}.`;
    }
    saetninger.push(s);
  }
  return saetninger;
}
