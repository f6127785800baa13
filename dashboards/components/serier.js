// Trend rows for charts and their tables: a KPI over the quarters, for the municipality and its units.
import * as fmt from "./format.js";
import { BRED, KOMMUNE, SMAL, definition, figur, indeks, seneste, trend, vis } from "./side.js";

/** [{kvartal, serie, vaerdi, naevner, tekst}] for `kpi` over `kvartaler`, municipality and (optionally) units. */
export function kpiSerier(data, kpi, kvartaler, { enheder = true } = {}) {
  const find = indeks(data);
  const serier = [KOMMUNE, ...(enheder ? data.enheder : [])];
  const rows = [];
  for (const s of serier)
    for (const k of kvartaler) {
      const r = find(kpi, k, s === KOMMUNE ? null : s);
      if (!r) continue;
      rows.push({ kvartal: k, serie: s, vaerdi: r.vaerdi, naevner: r.naevner, tekst: vis(r, data) });
    }
  return rows.filter((r) => serier.includes(r.serie));
}

/** The KPIs the registry places in `afsnit` of page `side`, in its order (`afsnit_nr`). */
export function afsnitKpis(data, side, afsnit) {
  return data.definitioner
    .filter((d) => d.side === side && d.afsnit === afsnit)
    .sort((a, b) => (a.afsnit_nr ?? 0) - (b.afsnit_nr ?? 0) || a.nr - b.nr)
    .map((d) => d.kpi);
}

/** A figure: the KPI's trend over the eight quarters up to `kvartal`, with its table and CSV. */
export function kpiTrend(data, kpi, kvartal, { enheder = true, n = 8, maal, maalTekst, maalFra, referencer, titel, bred = false, note } = {}) {
  const def = definition(data, kpi);
  const ks = seneste(data.kvartaler, kvartal, n);
  const rows = kpiSerier(data, kpi, ks, { enheder });
  const andel = def.art === "andel";
  const naevnerLabel = def.art === "forhold" ? "Nævner" : "Antal sager";
  const columns = [
    { key: "kvartal", label: "Kvartal", format: fmt.kvartal },
    { key: "serie", label: "Enhed" },
    { key: "tekst", label: def.navn, align: "right" },
    ...(def.art === "antal" ? [] : [{ key: "naevner", label: naevnerLabel, align: "right", format: (v) => (v === null ? fmt.STREG : fmt.tal(v, Number.isInteger(v) ? 0 : 1)) }]),
  ];
  const lovskift = data.meta.lovskift;
  const skift = lovskift ? fmt.kvartalId(lovskift) : null;
  const crosses = skift && ks.length && ks[0] < skift && ks.at(-1) >= skift;
  return figur({
    titel: titel ?? def.navn,
    beskrivelse: `${def.navn}, ${fmt.kvartal(ks[0])} – ${fmt.kvartal(ks.at(-1))}${enheder ? ", hele kommunen og enhederne" : ", hele kommunen"}.`,
    note: [note, crosses ? `Den stiplede lodrette linje markerer Barnets Lov, der afløste Servicelovens regler for børn ${fmt.dato(lovskift)}.` : null].filter(Boolean).join(" ") || null,
    chart: trend({ rows, kvartaler: ks, andel, ariaLabel: `${def.navn} pr. kvartal`, lovskift, maal, maalTekst, maalFra, referencer, decimals: 1, width: bred ? BRED : SMAL }),
    rows,
    columns,
    filnavn: `${kpi}-${kvartal}`,
  });
}
