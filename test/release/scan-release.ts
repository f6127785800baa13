// Scans every file of a release for what must never be published: a count of 1–4, a CPR-shaped string, a
// pseudonym (UUID) or a case id — in CSV, Parquet, XLSX, JSON, the PDF's text and every other text file.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { dsvFormat } from "d3-dsv";
import { openMemory, lit } from "../../pipelines/db.ts";
import { releaseFiles } from "../../pipelines/release/manifest.ts";
import { smallCounts } from "../site/scan.ts";

export const CPR = /(?<![\d.,])(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{2}-?\d{4}(?![\d,])/;
export const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i;
/** The case system's ids as the demo writes them (S000001, U000123, BU000045, SB0009, …). */
export const CASE_ID = /\b(?:[A-Z]{0,3}-)?(?:S|U|BU|F|H|O|BS|T|SB)\d{4,6}\b/;

/** Columns (keys or Danish headers) holding counts of children or cases; `Værdi`/`vaerdi` only where art is antal. */
const COUNT_COLUMNS = new Set([
  "naevner", "Nævner", "antal", "Underretninger", "Rækker", "anbragte", "Anbragte børn", "boern", "Børn", "nye", "Nye anbringelser",
  "ophoerte", "Ophørte anbringelser", "n", "Antal svar", "raekker_laest", "Rækker læst", "raekker_indlaest", "Rækker indlæst", "raekker_karantaene", "Rækker i karantæne",
]);
const VALUE_COLUMNS = new Set(["vaerdi", "Værdi", "Faktisk"]);

function smallInRows(rows: Record<string, unknown>[], where: string): string[] {
  const out: string[] = [];
  rows.forEach((r, i) => {
    const antal = r.art === "antal" || r.Art === "antal";
    for (const [k, v] of Object.entries(r)) {
      if (!COUNT_COLUMNS.has(k) && !(VALUE_COLUMNS.has(k) && antal)) continue;
      const n = typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : NaN;
      if (Number.isInteger(n) && n >= 1 && n <= 4) out.push(`${where} række ${i + 1}, ${k} = ${n}`);
    }
  });
  return out;
}

function textFindings(raw: string, where: string): string[] {
  // Checksums (SHA-256 of the files, the git commit) are hex, not numbers about anyone.
  const text = raw.replace(/\b[0-9a-f]{40,64}\b/g, "");
  const out: string[] = [];
  for (const [name, re] of [["CPR-lignende tal", CPR], ["pseudonym", UUID], ["sags-id", CASE_ID]] as const) {
    const m = re.exec(text);
    if (m) out.push(`${where}: ${name} "${m[0]}"`);
  }
  return out;
}

async function parquetRows(path: string): Promise<Record<string, unknown>[]> {
  const db = await openMemory();
  try {
    return await db.all(`select * from read_parquet(${lit(path)})`);
  } finally {
    db.close();
  }
}

async function xlsxRows(path: string): Promise<{ sheet: string; rows: Record<string, unknown>[]; text: string }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb.worksheets.map((ws) => {
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    const rows: Record<string, unknown>[] = [];
    const texts: string[] = [];
    ws.eachRow((row, n) => {
      const values = (row.values as unknown[]).slice(1);
      texts.push(values.map((v) => String(v ?? "")).join(" "));
      if (n > 1) rows.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? null])));
    });
    return { sheet: ws.name, rows, text: texts.join("\n") };
  });
}

/** Every finding in the release folder `dir`; [] when it is clean. */
export async function scanRelease(dir: string): Promise<string[]> {
  const findings: string[] = [];
  for (const f of [...releaseFiles(dir), "manifest.json"]) {
    const p = join(dir, f);
    if (f.endsWith(".parquet")) {
      const rows = await parquetRows(p);
      findings.push(...smallInRows(rows, f), ...textFindings(rows.map((r) => Object.values(r).join(" ")).join("\n"), f));
    } else if (f.endsWith(".xlsx")) {
      for (const s of await xlsxRows(p)) findings.push(...smallInRows(s.rows, `${f} (${s.sheet})`), ...textFindings(s.text, `${f} (${s.sheet})`));
    } else if (f.endsWith(".pdf")) {
      findings.push(...textFindings(execFileSync("pdftotext", ["-layout", p, "-"]).toString(), f));
    } else if (f.endsWith(".csv")) {
      const text = readFileSync(p, "utf8").replace(/^\ufeff/, "");
      const sep = text.split("\n")[0].includes(";") ? ";" : ",";
      findings.push(...smallInRows(dsvFormat(sep).parse(text.replaceAll("\r\n", "\n")) as Record<string, unknown>[], f), ...textFindings(text, f));
    } else if (/\.(json|html|js|css|md|txt)$/.test(f)) {
      const text = readFileSync(p, "utf8");
      // The bundled client libraries are code, not data: scanned for CPR numbers and pseudonyms, not for ids.
      const lib = f.includes("/_node/") || f.includes("/_observablehq/") || f.includes("/_npm/");
      // exceljs's bundle (the site's XLSX downloads) holds a GUID and long numbers of its own: vendor code.
      if (f.includes("/_node/exceljs@")) continue;
      findings.push(...textFindings(text, f).filter((x) => !lib || !x.includes("sags-id")));
      if (f.endsWith(".json") && f.includes("_file/data/")) findings.push(...smallCounts(JSON.parse(text), f));
      if (f.endsWith(".json")) {
        const keys = /"(barn_id|cpr|foedselsdato|sag_id|raa_tekst|_linje)"\s*:/.exec(text);
        if (keys) findings.push(`${f}: rækkeniveau-felt ${keys[0]}`);
      }
    }
  }
  return findings;
}
