// The KPI definitions as Markdown (docs/kpis.md), derived from the KPI registry — the seed kpi_definitioner —
// so the document says exactly what the site's method page and the PDF say, and cannot drift from them.
import { csvParse } from "d3-dsv";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const KIND: Record<string, string> = { andel: "share (0–1, shown as %)", antal: "count", forhold: "ratio" };
const DIRECTION: Record<string, string> = { hoejere_bedre: "higher is better", lavere_bedre: "lower is better", neutral: "neutral" };

const cell = (v: string | undefined) => (v ?? "").trim();

/** One section per KPI in registry order, each with its exact Danish definition and legal basis per law. */
export function kpiMarkdown(modelsDir: string): string {
  const rows = csvParse(readFileSync(join(modelsDir, "seeds", "kpi_definitioner.csv"), "utf8")).sort((a, b) => Number(a.nr) - Number(b.nr));
  const out: string[] = [
    "# The KPIs",
    "",
    "<!-- Generated from models/seeds/kpi_definitioner.csv (the KPI registry) by `npx libu docs`; do not edit by hand. -->",
    "",
    "Every figure libu computes, in the order the site shows them. The definition is the registry's own Danish",
    "text — the one on the site's method page and in the committee's PDF — and it is exact: the SQL follows it to",
    "the letter. The conventions every definition relies on (the quarter `qe`, \"active on a day\", months,",
    "working days, units, the reported quarters) are in [method.md](method.md); the words in",
    "[glossary.md](glossary.md). To correct a legal reference or a wording, edit the seed: the site, the PDF and",
    "this page follow.",
    "",
    "| nr | id | name | kind | better |",
    "|---:|---|---|---|---|",
    ...rows.map((r) => `| ${r.nr} | [\`${r.kpi}\`](#${r.kpi}) | ${cell(r.navn)} | ${r.art} | ${DIRECTION[r.retning] ?? r.retning} |`),
    "",
  ];
  for (const r of rows) {
    out.push(`<a id="${r.kpi}"></a>`, "", `## ${r.nr}. ${cell(r.navn)}`, "");
    out.push(`\`${r.kpi}\` — ${KIND[r.art] ?? r.art}; ${DIRECTION[r.retning] ?? r.retning}.`, "");
    out.push(`> ${cell(r.beskrivelse)}`, "");
    const sel = cell(r.lov_sel);
    const bl = cell(r.lov_bl);
    if (sel || bl) {
      out.push(`- Serviceloven (obligations arising until 31 December 2023): ${sel || "no corresponding requirement"}`);
      out.push(`- Barnets Lov (obligations arising from 1 January 2024): ${bl || "not yet established"}`);
    } else {
      out.push("- No legal requirement: a key figure.");
    }
    if (cell(r.lov_note)) out.push(`- Note: ${cell(r.lov_note)}`);
    if (r.kravtabel === "true") out.push("- A legal requirement of the compliance table (Lovoverholdelse).");
    if (r.kategoriandel === "true") out.push("- A share about children in a category: its numerator and its complement are suppressed like counts.");
    if (r.pr_barn === "true") out.push("- Counts each child once per level: a child in two units counts once for the municipality, so the units' figures add up to at least the municipality's.");
    out.push("");
  }
  return out.join("\n");
}
