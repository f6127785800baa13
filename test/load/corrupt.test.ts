// A property of the load over randomly corrupted files (issue 11, deliverable 8): whatever happens to the bytes —
// truncation, stray quotes, random bytes, delimiters or line breaks added or removed — the load either accounts for
// every record of the file (loaded + quarantined = the records a reference reader counts) or fails the file cleanly
// (an InputError naming the file, nothing changed), and no CPR number is in clear anywhere. Seeded: a failing case
// prints its seed, and `CORRUPT_SEED=<n>` replays it.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CPR_STANDALONE } from "../../pipelines/cpr.ts";
import type { Warehouse } from "../../pipelines/db.ts";
import { MAX_FIELD_LINES } from "../../pipelines/load/lines.ts";
import { formatReport } from "../../pipelines/load/report.ts";
import { freshWarehouse, load, rows, tempDir } from "./helpers.ts";
import { allText } from "./scan.ts";

const CASES = 200;

/** mulberry32: small, seeded, good enough to pick corruptions. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CPRS = ["010115-1234", "1506124321", "240318 5678", "010115.1234", "010115\u20131234"];

/** A clean undersoegelser file: `,`-delimited, free text with quotes, commas, line breaks and CPR numbers. */
function cleanFile(r: () => number): string {
  const lines = ["undersoegelse_id,cpr,startet,afsluttet,frist_begrundelse,type,enhed,sagsbehandler_id"];
  for (let i = 1; i <= 30; i++) {
    const cpr = CPRS[i % 3 === 0 ? 0 : i % 3];
    const reason = [``, `Afventer PPR`, `"Afventer udtalelse, PPR"`, `"barnet ${CPRS[i % 5]} flyttede\nny kommune"`, `"sagt ""nej"" til samtale"`][Math.floor(r() * 5)];
    lines.push(`B${i},${cpr.replace(" ", "")},2025-01-${String(1 + (i % 28)).padStart(2, "0")},,${reason},ny,Team Østerå,SB${i % 4}`);
  }
  return lines.join("\n") + "\n";
}

/** One to three corruptions of the bytes. */
function corrupt(bytes: Buffer, r: () => number): { bytes: Buffer; how: string[] } {
  let b = bytes;
  const how: string[] = [];
  const at = () => Math.floor(r() * b.length);
  const insert = (pos: number, add: Buffer) => Buffer.concat([b.subarray(0, pos), add, b.subarray(pos)]);
  for (let k = 1 + Math.floor(r() * 3); k > 0; k--) {
    const kind = Math.floor(r() * 6);
    const p = at();
    if (kind === 0) {
      b = b.subarray(0, Math.max(1, p));
      how.push(`truncated at ${p}`);
    } else if (kind === 1) {
      b = insert(p, Buffer.from('"'));
      how.push(`quote at ${p}`);
    } else if (kind === 2) {
      const x = Math.floor(r() * 256);
      b = insert(p, Buffer.from([x]));
      how.push(`byte ${x} at ${p}`);
    } else if (kind === 3) {
      b = insert(p, Buffer.from(r() < 0.5 ? "," : ";"));
      how.push(`delimiter at ${p}`);
    } else if (kind === 4) {
      b = insert(p, Buffer.from(r() < 0.5 ? "\n" : "\r\n"));
      how.push(`line break at ${p}`);
    } else {
      b = Buffer.concat([b.subarray(0, p), b.subarray(p + 1)]);
      how.push(`byte removed at ${p}`);
    }
  }
  return { bytes: b, how };
}

/**
 * The records of a CSV file as RFC 4180 reads them (a quote opens a field only at its start), written here
 * independently of the loader: data records (the header and blank lines not counted), and whether a quoted field
 * runs over more than MAX_FIELD_LINES lines or never closes.
 */
function reference(text: string, delim: string): { records: number; runaway: boolean } {
  let records = -1; // the header
  let runaway = false;
  let inQuote = false;
  let atFieldStart = true;
  let lineHasText = false;
  let fieldLines = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuote) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else inQuote = false;
      } else if (c === "\n" && ++fieldLines > MAX_FIELD_LINES) runaway = true;
      continue;
    }
    if (c === "\n") {
      if (lineHasText) records++;
      lineHasText = false;
      atFieldStart = true;
      continue;
    }
    if (c === "\r" && (text[i + 1] === "\n" || i + 1 === text.length)) continue;
    lineHasText = true;
    if (c === '"' && atFieldStart) {
      inQuote = true;
      fieldLines = 0;
    }
    atFieldStart = c === delim;
  }
  if (inQuote) runaway = true;
  if (lineHasText) records++;
  return { records, runaway };
}

let wh: Warehouse;
let dir: string;
beforeAll(async () => {
  wh = await freshWarehouse();
  dir = tempDir();
});
afterAll(() => wh.close());

describe("randomly corrupted files", () => {
  it(`every record is loaded or quarantined, or the file fails cleanly (${CASES} seeded cases)`, async () => {
    const first = Number(process.env.CORRUPT_SEED ?? 1);
    const count = process.env.CORRUPT_SEED ? 1 : CASES;
    const outcomes = { accounted: 0, failed: 0 };
    for (let seed = first; seed < first + count; seed++) {
      const r = rng(seed);
      const { bytes, how } = corrupt(Buffer.from(cleanFile(r)), r);
      const folder = join(dir, `s${seed}`);
      mkdirSync(folder);
      writeFileSync(join(folder, "undersoegelser.csv"), bytes);
      const label = `seed ${seed} (${how.join(", ")})`;
      const { report, error, log } = await load(wh, { folder, acceptRejects: true });
      expect(log, label).not.toMatch(CPR_STANDALONE);
      if (error) {
        // Clean: a file-level problem naming the file, one line each, never an unexpected error.
        expect(error.name, `${label}: ${error.message}`).toBe("InputError");
        for (const line of error.problems!) expect(line, label).toMatch(/^(undersoegelser\.csv\b|.*: ingen eksportfiler)/);
        expect(error.message, label).not.toMatch(CPR_STANDALONE);
        outcomes.failed++;
        continue;
      }
      const t = report!.tables[0];
      const ref = reference(new TextDecoder("utf-8").decode(bytes), ",");
      expect(ref.runaway, `${label}: a runaway quote was loaded`).toBe(false);
      expect(t.rowsLoaded + t.rowsQuarantined, label).toBe(t.rowsRead);
      expect(t.rowsRead, `${label}: rows read against the file's records`).toBe(ref.records);
      const [{ n }] = await rows<{ n: number }>(wh, `select count(*)::integer n from src_undersoegelser where _load_id = ${report!.loadId}`);
      expect(n, label).toBe(t.rowsLoaded);
      expect(formatReport(report!), label).not.toMatch(CPR_STANDALONE);
      outcomes.accounted++;
    }
    // Both outcomes occur, so the property is exercised both ways.
    if (count > 1) expect(Math.min(outcomes.accounted, outcomes.failed)).toBeGreaterThan(count / 20);
    // …and after all of it, no CPR number in clear in any table (src_, quarantine, load_log, load_files).
    expect((await allText(wh)).filter((v) => CPR_STANDALONE.test(v))).toEqual([]);
  }, 300_000);
});
