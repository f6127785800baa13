// The release's XLSX appendix: a note sheet first, then one sheet per published table with the same cells as its
// CSV — shown figures as numbers with Danish formats, hidden ones as the text `<5` or `–`. Written by the one XLSX
// writer (pipelines/xlsx).
import * as fmt from "../../dashboards/components/format.js";
import { type CellKind, type XlsxColumn, type XlsxWorkbook, safeSheetName } from "../xlsx/index.ts";
import type { Column, PublishedTable } from "./published.ts";

const ART_KIND: Record<string, CellKind> = { andel: "percent", antal: "integer", forhold: "decimal" };

function kind(c: Column): XlsxColumn["kind"] {
  switch (c.kind) {
    case "kode":
    case "antal":
      return "integer";
    case "andel":
      return "percent";
    case "forhold":
      return "decimal";
    case "dato":
      return "date";
    case "figur":
      return (row) => ART_KIND[String(row.art)] ?? "decimal";
    default:
      return "text";
  }
}

export interface AppendixInfo {
  kommune: string;
  kvartal: string;
  udgivelse: string;
  as_of: string | null;
  udvalg: string;
  diskretionsgraense: number;
  note: string | null;
}

/** The workbook: `Om tallene` (what `<5` and `–` mean, the release), then a sheet per table. */
export function appendixWorkbook(tables: PublishedTable[], info: AppendixInfo, created: Date): XlsxWorkbook {
  const g = info.diskretionsgraense;
  const taken: string[] = ["Om tallene"];
  return {
    title: `Kvartalsrapport ${fmt.kvartal(info.kvartal)}, ${info.kommune}`,
    subject: `Bilag til ${info.udvalg}`,
    created,
    sheets: [
      {
        kind: "info",
        name: "Om tallene",
        title: `${info.kommune}: kvartalsrapport for ${fmt.kvartal(info.kvartal)} (udgivelse ${info.udgivelse})`,
        lines: [
          { label: "Bilag til", value: info.udvalg },
          { label: "Data trukket", value: info.as_of ?? "", kind: "date" },
          ...(info.note ? [{ label: "Note", value: info.note }] : []),
          "",
          `Små tal vises ikke; de skjulte tal står som tekst. ${fmt.tegnforklaring(g)}`,
          "Alle andre tal er tal, som Excel kan regne med; andele er gemt som 0–1 og vist i procent.",
          "",
          "Arkene:",
          ...tables.map((t) => `${t.titel} (${t.rows.length} rækker)`),
        ],
      },
      ...tables.map((t) => {
        const name = safeSheetName(t.titel, taken);
        taken.push(name);
        return {
          kind: "table" as const,
          name,
          columns: t.columns.map((c) => ({ key: c.key, header: c.label, kind: kind(c), decimals: c.kind === "figur" || c.kind === "andel" ? 1 : undefined })),
          rows: t.rows,
          emptyText: "Ingen tal.",
        };
      }),
    ],
  };
}
