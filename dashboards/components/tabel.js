// Tables, CSV downloads and chart frames (a chart with its table and download).
import * as Inputs from "@observablehq/inputs";
import { dsvFormat } from "d3-dsv";
import { el } from "./dom.js";
import * as fmt from "./format.js";
import { xlsxKnap } from "./xlsx-knap.js";

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
