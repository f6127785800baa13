// The input contract as Markdown for the people who make the exports: derived from contract.ts and the
// code-list seeds, so the document can never disagree with the loader.
import { csvParse } from "d3-dsv";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Column, MAX_REJECT_SHARE, type Reason, allTables, reasons } from "./contract.ts";
import { LATE_START_DAYS, SAME_DAY_MIN_ROWS, SAME_DAY_MIN_SHARE } from "./load/history.ts";

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
  const lasting = allTables.filter((t) => t.history);
  out.push(
    "## Coverage: what an export must contain",
    "",
    "libu reports every complete quarter from the first with data, so an export must hold the history those quarters need:",
    "",
    `- every record that lasts — ${lasting.map((t) => `\`${t.name}\` (\`${t.history!.start}\` to \`${t.history!.end}\`)`).join(", ")} — that`,
    "  was still open on the first day to be reported, with its **real** start date, not the day it was moved into the",
    "  current case system; and every one started since;",
    "- the dated records (notifications, plans, follow-ups, conversations, visits) from at least 12 months before that",
    "  day: several KPIs look back 12 months (docs/kpis.md);",
    "- everything up to the as-of date.",
    "",
    "If the case system's data are complete only from some day (its go-live; the day after a migration that gave the open",
    "records the migration day as their start), say so: `data_fra` in the folder's `libu-manifest.json`, or `dataFra` in",
    "`libu.config.json` (per table: `data_fra_tabel`, `dataFraTabel`). No quarter that starts before it is reported.",
    `The load report warns when a lasting table's start dates suggest a cut-off history: at least ${SAME_DAY_MIN_ROWS} rows and`,
    `${SAME_DAY_MIN_SHARE * 100} % of its rows starting on one day, or its earliest start more than ${LATE_START_DAYS} days after the earliest case.`,
    "",
  );
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
