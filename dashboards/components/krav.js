// The compliance table the committees know ("lovoverholdelsesprocenter"): rows = legal requirements,
// columns = the units and the whole municipality, each cell the share with its denominator, coloured by the
// configured thresholds (with a symbol, for black-and-white print and colour-blind readers).
import * as fmt from "./format.js";
import { FARVETEGN, KOMMUNE, csvKnap, el, farveklasse, indeks } from "./side.js";

/** The requirements of the table: the KPIs the registry marks as `kravtabel`, in its order. */
export function kravKpis(data) {
  return data.definitioner.filter((d) => d.kravtabel === true).map((d) => d.kpi);
}

/** The legal basis in force in the quarter; where none is recorded, say so rather than leave the cell blank. */
function lov(def, kvartal, lovskift) {
  const bl = Boolean(lovskift) && kvartal >= fmt.kvartalId(lovskift);
  return (bl ? def.lov_bl : def.lov_sel) || (bl ? "Barnets Lov: paragraf ikke fastlagt (se Metode)" : "Serviceloven: paragraf ikke fastlagt (se Metode)");
}

/** The table's rows as data: one per requirement, one cell per unit plus the municipality. */
export function kravRaekker(data, kvartal) {
  const find = indeks(data);
  const kolonner = [KOMMUNE, ...data.enheder];
  return kravKpis(data).map((kpi) => {
    const def = data.definitioner.find((d) => d.kpi === kpi);
    return {
      kpi,
      navn: def?.navn ?? kpi,
      lov: def ? lov(def, kvartal, data.meta.lovskift) : "",
      farver: Boolean(def?.farvegraenser),
      celler: kolonner.map((k) => {
        const r = find(kpi, kvartal, k === KOMMUNE ? null : k);
        return { kolonne: k, row: r, tekst: r ? fmt.vaerdi(r, data.meta.diskretionsgraense) : fmt.STREG, n: r?.naevner ?? null };
      }),
    };
  });
}

export function kravTabel(data, kvartal) {
  const raekker = kravRaekker(data, kvartal);
  const kolonner = [KOMMUNE, ...data.enheder];
  const table = el(
    "table",
    { class: "tabel krav", "aria-label": `Lovoverholdelse ${fmt.kvartal(kvartal)}` },
    el("caption", {}, `Lovoverholdelse i ${fmt.kvartal(kvartal)}: andel af sagerne, hvor kravet er overholdt (antal sager i parentes)`),
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Krav og lovgrundlag"), kolonner.map((k) => el("th", { scope: "col", class: "tal" }, k)))),
    el(
      "tbody",
      {},
      raekker.map((r) =>
        el(
          "tr",
          { "data-kpi": r.kpi },
          el("th", { scope: "row" }, r.navn, el("span", { class: "lov" }, r.lov)),
          r.celler.map((c) => {
            // Coloured against the configured thresholds where the registry says so (`farvegraenser`).
            const klasse = r.farver ? farveklasse(c.row?.vaerdi ?? null, data.meta) : "farve-ingen";
            return el(
              "td",
              { class: `celle ${klasse}`, "data-enhed": c.kolonne },
              FARVETEGN[klasse] ? el("span", { class: "tegn", "aria-hidden": "true" }, FARVETEGN[klasse]) : null,
              c.tekst,
              c.n !== null ? el("span", { class: "n" }, `(${fmt.tal(c.n)})`) : null,
            );
          }),
        ),
      ),
    ),
  );
  const m = data.meta;
  const forklaring = el(
    "p",
    { class: "forklaring" },
    el("span", { class: "farve-groen" }, `${FARVETEGN["farve-groen"]} mindst ${fmt.pct(m.farve_groen, 0)}`),
    el("span", { class: "farve-gul" }, `${FARVETEGN["farve-gul"]} ${fmt.pct(m.farve_gul, 0)} til under ${fmt.pct(m.farve_groen, 0)}`),
    el("span", { class: "farve-roed" }, `${FARVETEGN["farve-roed"]} under ${fmt.pct(m.farve_gul, 0)}`),
    el("span", { class: "forkortelser" }, "BL = Barnets Lov, SEL = Serviceloven"),
  );
  const csvRows = raekker.map((r) => Object.fromEntries([["krav", r.navn], ["lov", r.lov], ...r.celler.flatMap((c, i) => [[`v${i}`, c.tekst], [`n${i}`, c.n === null ? "" : fmt.tal(c.n)]])]));
  const csvCols = [
    { key: "krav", label: "Krav" },
    { key: "lov", label: "Lovgrundlag" },
    ...kolonner.flatMap((k, i) => [{ key: `v${i}`, label: `${k}: andel` }, { key: `n${i}`, label: `${k}: antal sager` }]),
  ];
  return el("div", { class: "krav-blok" }, el("div", { style: { overflowX: "auto" } }, table), forklaring, csvKnap(csvRows, csvCols, `lovoverholdelse-${kvartal}`));
}
