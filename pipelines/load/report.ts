// The load report: what loadFolder returns and `libu load` prints on stdout.
import { maskCpr } from "../cpr.ts";
import { formatDuration } from "../log.ts";
import { type AsOfSource, EXPORT_MANIFEST } from "./manifest.ts";
import { MAX_REJECT_SHARE, type Reason, type RuleNumber } from "../contract.ts";
import { formatHistory, type DataFra, type HistoryFinding } from "./history.ts";
import { formatRuleExample, ruleLabel, type RuleExample } from "./proev.ts";

export interface ReasonCount {
  regel: RuleNumber;
  aarsag: Reason;
  antal: number;
}

export interface TableReport {
  table: string;
  /** File name inside the folder. */
  file: string;
  format: "csv" | "xlsx";
  /** utf-8, utf-8-bom or windows-1252 (CSV only). */
  encoding: string | null;
  delimiter: string | null;
  sha256: string;
  rowsRead: number;
  rowsLoaded: number;
  rowsQuarantined: number;
  byReason: ReasonCount[];
  extraColumns: string[];
  /** What the load decided or changed about the file (encoding per row, decimal sign, masked CPR numbers). */
  notes: string[];
  /** Rows a source profile's rules left out (profile/stage.ts), with examples. */
  udeladt?: { regel: string; kolonne: string; antal: number; eksempler: string[] }[];
  /** Per rule and column the quarantined rows' count and examples (proev.ts): in a dry run, or when the guard trips. */
  eksempler?: RuleExample[];
  /** The table's start dates suggest a cut-off history (history.ts): one line in the report. */
  historik?: HistoryFinding;
  /** Dry run: more than 5 % quarantined — a real load would stop here (without --accept-rejects). */
  stopper?: boolean;
  ms: number;
}

export interface LoadReport {
  loadId: number;
  asOf: string;
  /** Where the as-of date came from: --as-of, the folder's libu-manifest.json, or today's date (manifest.ts). */
  asOfSource: AsOfSource;
  folder: string;
  /** The day from which every table's data are complete, from the configuration or the folder's manifest (data_fra). */
  dataFra?: DataFra;
  /** The configuration's file as the user named it (the history lines say where to set dataFra). */
  konfiguration: string;
  profile: string | null;
  acceptRejects: boolean;
  demoKey: boolean;
  tables: TableReport[];
  /** `--proev`: nothing was committed. */
  proev?: boolean;
  ms: number;
}

const num = (n: number) => n.toLocaleString("da-DK");

/** After the as-of date in the report's first line: where it came from, unless from --as-of. */
const asOfFrom: Record<AsOfSource, string> = { flag: "", manifest: ` (fra ${EXPORT_MANIFEST})`, today: " (dagens dato: ingen --as-of eller manifest)" };

export function formatReport(r: LoadReport): string {
  const lines = [
    `${r.proev ? "prøvekørsel (--proev), intet er indlæst — " : ""}indlæsning ${r.loadId}: ${r.tables.length} ${r.tables.length === 1 ? "tabel" : "tabeller"} fra ${maskCpr(r.folder)}, as-of ${r.asOf}${asOfFrom[r.asOfSource]}` +
      `${r.dataFra ? `, data fra ${r.dataFra.dato} (fra ${r.dataFra.fil})` : ""}` +
      `${r.profile ? `, profil ${r.profile}` : ""} (${formatDuration(r.ms)})`,
  ];
  const head = ["tabel", "fil", "læst", "indlæst", "karantæne", "tid"];
  const rows = r.tables.map((t) => [t.table, t.file, num(t.rowsRead), num(t.rowsLoaded), num(t.rowsQuarantined), formatDuration(t.ms)]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const right = new Set([2, 3, 4, 5]);
  const fmt = (row: string[]) => row.map((v, i) => (right.has(i) ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join("  ").trimEnd();
  lines.push(fmt(head));
  r.tables.forEach((t, i) => {
    lines.push(fmt(rows[i]));
    if (t.eksempler) for (const e of t.eksempler) lines.push(`    ${formatRuleExample(e)}`);
    else for (const q of t.byReason) lines.push(`    ${ruleLabel(q.regel, q.aarsag)}: ${num(q.antal)}`);
    if (t.stopper)
      lines.push(`    mere end ${MAX_REJECT_SHARE * 100} % i karantæne: en rigtig indlæsning stopper her og indlæser intet (medmindre --accept-rejects)`);
    if (t.extraColumns.length) lines.push(`    ekstra kolonner (ignoreret): ${t.extraColumns.join(", ")}`);
    for (const n of t.notes ?? []) lines.push(`    ${n}`);
    if (t.historik) lines.push(`    ${formatHistory(t.file, t.historik, r.konfiguration)}`);
    for (const u of t.udeladt ?? [])
      lines.push(`    udeladt af profilen: ${u.regel} (${u.kolonne}): ${num(u.antal)}${u.eksempler.length ? ` (fx ${u.eksempler.join(", ")})` : ""}`);
  });
  return lines.join("\n") + "\n";
}
