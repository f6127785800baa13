// The input contract as Markdown for the people who make the exports: derived from contract.ts and the
// code-list seeds, so the document can never disagree with the loader.
import { csvParse } from "d3-dsv";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Column, MAX_REJECT_SHARE, type Reason, allTables, reasons } from "./contract.ts";

const typeText: Record<Column["type"], string> = {
  text: "text",
  cpr: "CPR number (`DDMMYY-SSSS` or 10 digits)",
  timestamp: "date and time",
  date: "date",
  code: "code",
  bool: "yes/no",
  decimal: "decimal number",
  integer: "whole number",
};

function codeList(modelsDir: string, seed: string, column = "kode"): string {
  const rows = csvParse(readFileSync(join(modelsDir, "seeds", `${seed}.csv`), "utf8"));
  return rows.map((r) => `\`${r[column]}\``).join(", ");
}

export function contractMarkdown(modelsDir: string): string {
  const out: string[] = [
    "# The export contract",
    "",
    "<!-- Generated from pipelines/contract.ts and models/seeds/ by `npx libu docs`; do not edit by hand. -->",
    "",
    "One file per table in one folder, named `<table>.csv` or `<table>.xlsx`. CSV: `;` or `,`, UTF-8 or",
    "Windows-1252, a header row. Headers are matched case-insensitively; `æ ø å` may be written `ae oe aa`.",
    "Dates `YYYY-MM-DD`, `DD-MM-YYYY`, `DD.MM.YYYY`, `DD/MM/YYYY`; times ` HH:MM[:SS]` after the date.",
    "Yes/no: `ja/nej`, `j/n`, `true/false`, `1/0`, `x`/empty. Decimals `12,5` or `12.5`; empty = unknown.",
    "",
    "A row that breaks the contract is quarantined (not loaded, kept with the CPR number masked): a required",
    "value empty or unreadable, a code not in its list, an invalid CPR number, a repeated id, dates out of order,",
    `a date after the export's as-of date. If more than ${MAX_REJECT_SHARE * 100} % of a table's rows would be`,
    "quarantined, the load fails unless `--accept-rejects` is given.",
    "",
    "The quarantine names the rule (`regel`) and the reason (`aarsag`) of each row:",
    "",
    "| rule | reason | the quarantine says |",
    "|---|---|---|",
    ...(Object.keys(reasons) as Reason[]).map((r) => `| ${reasons[r].regel} | \`${r}\` | ${reasons[r].tekst} |`),
    "",
  ];
  for (const t of allTables) {
    out.push(`## ${t.name}${t.optionalTable ? " (optional)" : ""}`, "", t.description, "");
    out.push("| column | required | type | meaning |", "|---|---|---|---|");
    for (const col of t.columns) {
      const codes = col.codes ? ` One of: ${codeList(modelsDir, col.codes, col.codesColumn)}.` : "";
      const dflt = col.default !== undefined ? ` Empty means \`${col.default}\`.` : "";
      out.push(`| ${col.name} | ${col.required ? "yes" : "no"} | ${typeText[col.type]} | ${col.description}.${dflt}${codes} |`);
    }
    if (t.key) out.push("", `\`${t.key}\` is unique within the file.`);
    for (const o of t.dateOrder)
      out.push(`\`${o.later}\` must not be before ${o.byDate ? "the date of " : ""}\`${o.earlier}\`.`);
    out.push("");
  }
  return out.join("\n");
}
