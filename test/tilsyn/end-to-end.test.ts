// The demo's ledelsestilsyn end to end through the CLI (issue 13, deliverables 3, 6–8; issue 14, deliverable 5):
// draw → review workbooks (read back with exceljs: sheets, protection, drop-downs, "–" where a question does not
// apply, file modes) → filled, with planted comments and a reviewer's name → `libu load` (a bad answer quarantined
// with its workbook, row and column) → build → `libu udgiv` (site and PDF). Then: no comment, reviewer or case id
// anywhere in the release (site, data files, CSV, Parquet, XLSX, PDF text), the page works in Chromium and shows
// what the loader published, and the PDF has the Ledelsestilsyn section.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import ExcelJS from "exceljs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../pipelines/cli.ts";
import { DEFAULT_AS_OF } from "../../pipelines/commands/demo.ts";
import { lit, openMemory, openWarehouse } from "../../pipelines/db.ts";
import { DEMO_TILSYN_SEED, WEAK_UNIT, demoQuarters, fillDemoWorkbooks } from "../../pipelines/demo/tilsyn.ts";
import { releaseFiles } from "../../pipelines/release/manifest.ts";
import { serve, type RunningServer } from "../../pipelines/serve.ts";
import { FIXED_AFTER, INFO_SHEET, NOT_APPLICABLE, REVIEW_SHEET } from "../../pipelines/tilsyn/workbook-layout.ts";
import { scanRelease } from "../release/scan-release.ts";
import { outsideBoxes, pdfPages, splitRows, tableRows } from "../release/layout.ts";
import { launch, open, watch } from "../site/browser.ts";

const DIR = resolve(".tmp/test-tilsyn-e2e");
const DB = join(DIR, "demo.duckdb");
const REVIEWS = join(DIR, "gennemgange");
const OUT = join(DIR, "udgivelser");
/** Planted in every filled workbook: none of it may reach anything published. */
const REVIEWER = "Birgitte Zylberstein";
const COMMENT = (sag: string) => `Fortroligt notat om ${sag}: moderen på Xylofonvej 17 ønsker ikke samvær`;

let quarters: string[];
let sampled: { periode: string; enhed: string; sag_id: string }[];
let demoComments: string[];
let workbooks: string[];
let loadOut: string;
let REL: string;
let server: RunningServer;
let browser: Browser;

async function run(argv: string[]) {
  let out = "";
  let err = "";
  const code = await main(argv, { stdout: { write: (t) => void (out += t) }, stderr: { write: (t) => void (err += t) }, env: { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true" }, cwd: DIR });
  if (code !== 0) throw new Error(`libu ${argv.join(" ")}: exit ${code}\n${err}`);
  return out + err;
}

async function plant(file: string, badAnswer: boolean): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(REVIEW_SHEET)!;
  const cols = new Map<string, number>();
  ws.getRow(1).eachCell((c, i) => cols.set(String(c.value), i));
  const col = (key: string) => cols.get(FIXED_AFTER.find((c) => c.key === key)!.header)!;
  for (let r = 2; r <= ws.rowCount; r++) {
    const sag = String(ws.getCell(r, cols.get("Sags-id")!).value ?? "");
    if (!sag) continue;
    ws.getCell(r, col("kommentar")).value = COMMENT(sag);
    ws.getCell(r, col("gennemgaaet_af")).value = REVIEWER;
  }
  // One answer outside the drop-down's set: row 2's journalisering (a question for every case).
  if (badAnswer) ws.getCell(2, cols.get("journalisering")!).value = "måske";
  await wb.xlsx.writeFile(file);
}

beforeAll(async () => {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  // The repository's configuration: the demo municipality, its committee, the demo's pseudonymisation key.
  copyFileSync(resolve("libu.config.json"), join(DIR, "libu.config.json"));
  await run(["demo", "--out", join(DIR, "demo")]);
  await run(["load", join(DIR, "demo"), "--db", DB, "--as-of", DEFAULT_AS_OF]);
  await run(["build", "--db", DB]);
  let wh = await openWarehouse(DB, { readOnly: true });
  quarters = await demoQuarters(wh).finally(() => wh.close());
  for (const periode of quarters) {
    await run(["tilsyn", "udtraek", "--db", DB, "--periode", periode, "--antal", "20", "--seed", String(DEMO_TILSYN_SEED)]);
    await run(["tilsyn", "arbejdsark", "--db", DB, "--periode", periode, "--out", REVIEWS]);
  }
  workbooks = readdirSync(REVIEWS).filter((f) => f.endsWith(".xlsx")).sort();
  // Keep an unfilled copy for the structure tests.
  mkdirSync(join(DIR, "tomme"), { recursive: true });
  for (const f of workbooks) copyFileSync(join(REVIEWS, f), join(DIR, "tomme", f));
  wh = await openWarehouse(DB, { readOnly: true });
  await fillDemoWorkbooks(wh, REVIEWS).finally(() => wh.close());
  // The demo's own comments (before planting), to look for them later.
  demoComments = [];
  for (const f of workbooks) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(REVIEWS, f));
    const ws = wb.getWorksheet(REVIEW_SHEET)!;
    const c = (ws.getRow(1).values as unknown[]).indexOf(FIXED_AFTER.find((x) => x.key === "kommentar")!.header);
    for (let r = 2; r <= ws.rowCount; r++) if (ws.getCell(r, c).value) demoComments.push(String(ws.getCell(r, c).value));
  }
  for (const [i, f] of workbooks.entries()) await plant(join(REVIEWS, f), i === 0);
  loadOut = await run(["load", REVIEWS, "--db", DB, "--as-of", DEFAULT_AS_OF]);
  await run(["build", "--db", DB]);
  wh = await openWarehouse(DB, { readOnly: true });
  sampled = await wh.all<{ periode: string; enhed: string; sag_id: string }>(`select periode, enhed, sag_id from tilsyn_stikproeve order by all`).finally(() => wh.close());
  await run(["udgiv", "--db", DB, "--kvartal", quarters.at(-1)!, "--out", OUT]);
  REL = join(OUT, quarters.at(-1)!);
  server = await serve(join(REL, "site"));
  browser = await launch();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the review workbooks (libu tilsyn arbejdsark), read back with exceljs", () => {
  it("one workbook per unit and quarter, 0600 in a 0700 folder, outside the site", () => {
    const units = new Set(sampled.map((s) => `${s.periode}|${s.enhed}`));
    expect(workbooks.length).toBe(units.size);
    expect(statSync(REVIEWS).mode & 0o777).toBe(0o700);
    for (const f of workbooks) expect(statSync(join(REVIEWS, f)).mode & 0o777, f).toBe(0o600);
  });

  it("an instructions sheet and a protected review sheet: one row per drawn case, a drop-down per question, – where it does not apply", async () => {
    const wh = await openWarehouse(DB, { readOnly: true });
    const applies = new Set(
      (await wh.all<{ k: string }>(`select periode || '|' || sag_id || '|' || spoergsmaal_id as k from tilsyn_stikproeve_spoergsmaal`).finally(() => wh.close())).map((r) => r.k),
    );
    for (const f of workbooks) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(DIR, "tomme", f));
      expect(wb.getWorksheet(INFO_SHEET), f).toBeTruthy();
      const ws = wb.getWorksheet(REVIEW_SHEET)!;
      expect((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet, `${f}: the sheet is protected`).toBe(true);
      const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
      expect(header.slice(0, 2)).toEqual(["Kvartal", "Sags-id"]);
      expect(header.slice(-3)).toEqual(FIXED_AFTER.map((c) => c.header));
      // The header cells are locked; the answer, reviewer, date and comment cells are not.
      ws.getRow(1).eachCell((c) => expect(c.protection?.locked ?? true, `${f} header ${c.value}`).toBe(true));
      const questions = header.filter((h) => /^[a-z_]+$/.test(h) && !["periode"].includes(h));
      expect(questions.length).toBeGreaterThanOrEqual(3);
      const rows = [];
      for (let r = 2; r <= ws.rowCount; r++) {
        const periode = String(ws.getCell(r, 1).value);
        const sag = String(ws.getCell(r, 2).value);
        rows.push(sag);
        for (const q of questions) {
          const cell = ws.getCell(r, header.indexOf(q) + 1);
          if (applies.has(`${periode}|${sag}|${q}`)) {
            expect(cell.value ?? null, `${f} ${sag} ${q}`).toBe(null);
            expect(cell.dataValidation?.type, `${f} ${cell.address}: a drop-down`).toBe("list");
            expect(cell.protection?.locked, `${f} ${cell.address}: editable`).toBe(false);
          } else expect(cell.value, `${f} ${sag} ${q}: does not apply`).toBe(NOT_APPLICABLE);
        }
        for (const c of FIXED_AFTER) expect(ws.getCell(r, header.indexOf(c.header) + 1).protection?.locked, `${f} ${c.header} editable`).toBe(false);
      }
      const [periode, ...rest] = f.replace(/^sagsgennemgang_/, "").replace(/\.xlsx$/, "").split("_");
      const want = sampled.filter((s) => s.periode === periode && s.enhed.replace(/[^\p{L}\p{N}]+/gu, "_") === rest.join("_")).map((s) => s.sag_id);
      expect(rows.sort(), f).toEqual(want.sort());
      // Case ids, never a CPR number or a pseudonym.
      const all = ws.getSheetValues().flat().map(String).join(" ");
      expect(all).not.toMatch(/\b\d{6}-?\d{4}\b/);
      expect(all).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/i);
    }
  });

  it("the filled workbooks load back: the bad answer is quarantined at its workbook, row and column, the rest is in", async () => {
    const wh = await openWarehouse(DB, { readOnly: true });
    try {
      const q = await wh.all<{ fil: string; linje: number; kolonne: string; regel: number }>(`select fil, linje, kolonne, regel from quarantine where tabel = 'sagsgennemgange'`);
      expect(q.map((x) => ({ ...x, linje: Number(x.linje), regel: Number(x.regel) }))).toEqual([{ fil: workbooks[0], linje: 2, kolonne: expect.stringMatching(/^[A-Z]+ \(journalisering\)$/), regel: 2 }]);
      const [{ n, reviewers }] = await wh.all<{ n: bigint; reviewers: string }>(`select count(*) as n, string_agg(distinct gennemgaaet_af) as reviewers from stg_sagsgennemgange`);
      expect(Number(n)).toBeGreaterThan(1000);
      expect(reviewers).toBe(REVIEWER);
      expect(loadOut).toMatch(/karantæne/i);
    } finally {
      wh.close();
    }
  });
});

/** Every file of the release as text: the PDF's text, the XLSX cells, the Parquet rows, the rest as UTF-8. */
async function releaseTexts(dir: string): Promise<[string, string][]> {
  const out: [string, string][] = [];
  for (const f of [...releaseFiles(dir), "manifest.json"]) {
    const p = join(dir, f);
    if (f.includes("/_node/")) continue; // vendor code
    if (f.endsWith(".pdf")) out.push([f, execFileSync("pdftotext", ["-layout", p, "-"]).toString()]);
    else if (f.endsWith(".xlsx")) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(p);
      out.push([f, wb.worksheets.map((ws) => ws.getSheetValues().flat().map(String).join(" ")).join("\n")]);
    } else if (f.endsWith(".parquet")) {
      const db = await openMemory();
      out.push([f, (await db.all(`select * from read_parquet(${lit(p)})`).finally(() => db.close())).map((r) => Object.values(r).join(" ")).join("\n")]);
    }
    else out.push([f, readFileSync(p, "utf8")]);
  }
  return out;
}

/** Where any of the needles occurs in the texts. */
function leaks(texts: [string, string][], needles: string[]): string[] {
  return texts.flatMap(([f, t]) => needles.filter((n) => t.includes(n)).map((n) => `${f}: ${n}`));
}

const needles = () => [REVIEWER, "Xylofonvej", "Fortroligt notat", ...new Set(demoComments), ...sampled.map((s) => s.sag_id)];

describe("nothing row-level of the reviews is published", () => {
  it("no comment, reviewer or drawn case id in any file of the release (site, data, CSV, XLSX, PDF)", async () => {
    const texts = await releaseTexts(REL);
    expect(texts.some(([f]) => f === "bilag.pdf")).toBe(true);
    expect(texts.some(([f]) => f.startsWith("site/_file/data/ledelsestilsyn."))).toBe(true);
    expect(demoComments.length).toBeGreaterThan(0);
    expect(leaks(texts, needles())).toEqual([]);
  });

  it("the scan finds a planted comment and case id (so the test above can fail)", async () => {
    const texts = await releaseTexts(REL);
    const [f, t] = texts.find(([f]) => f.startsWith("site/_file/data/ledelsestilsyn."))!;
    const planted = t.replace('"resultater":[', `"resultater":[{"kommentar":${JSON.stringify(COMMENT(sampled[0].sag_id))}},`);
    expect(planted).not.toBe(t);
    expect(leaks([[f, planted]], needles())).toEqual([`${f}: Xylofonvej`, `${f}: Fortroligt notat`, `${f}: ${sampled[0].sag_id}`]);
  });

  it("the release's own scan (counts 1–4, CPR, pseudonyms, case ids, row-level keys) is clean with the reviews in it", async () => {
    expect(await scanRelease(REL)).toEqual([]);
  });
});

describe("the release's files", () => {
  it("tal/ledelsestilsyn.csv, its Parquet twin and a sheet of bilag.xlsx hold the page's cells: figures where shown, – where hidden", async () => {
    const m = JSON.parse(readFileSync(join(REL, "manifest.json"), "utf8"));
    for (const f of ["tal/ledelsestilsyn.csv", "tal/ledelsestilsyn.parquet"]) expect(m.filer).toHaveProperty([f]);
    const f = readdirSync(join(REL, "site", "_file", "data")).find((x) => x.startsWith("ledelsestilsyn."))!;
    const data = JSON.parse(readFileSync(join(REL, "site", "_file", "data", f), "utf8"));
    const lines = readFileSync(join(REL, "tal", "ledelsestilsyn.csv"), "utf8").replace(/^\ufeff/, "").trim().split("\r\n");
    const header = lines[0].split(";");
    expect(header).toContain("Vægtet andel");
    expect(lines.length - 1).toBe(data.resultater.length);
    const col = header.indexOf("Vægtet andel");
    const shown = lines.slice(1).filter((l) => /^\d/.test(l.split(";")[col]));
    expect(shown.length).toBe(data.resultater.filter((r: { andel: number | null }) => r.andel !== null).length);
    expect(lines.slice(1).filter((l) => l.split(";")[col] === "–").length).toBe(data.resultater.filter((r: { andel: number | null }) => r.andel === null).length);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(REL, "bilag.xlsx"));
    expect(wb.worksheets.some((ws) => ws.name.startsWith("Ledelsestilsyn"))).toBe(true);
  });
});

describe("the Ledelsestilsyn page and the PDF section", () => {
  it("/ledelsestilsyn works in Chromium with no network, and shows exactly the loader's shown cells", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const v = watch(page, server.url);
    await open(page, `${server.url}/ledelsestilsyn`);
    expect(v).toEqual({ errors: [], failed: [], outside: [] });
    const f = readdirSync(join(REL, "site", "_file", "data")).find((x) => x.startsWith("ledelsestilsyn."))!;
    const data = JSON.parse(readFileSync(join(REL, "site", "_file", "data", f), "utf8"));
    const k = quarters.at(-1);
    const shown = data.resultater.filter((r: { kvartal: string; andel: number | null }) => r.kvartal === k && r.andel !== null).length;
    const cells = await page.$$eval("table.tilsyn:not(.udvikling) td.celle", (tds) => tds.map((td) => ({ tekst: td.textContent ?? "", graf: !!td.querySelector("svg.interval") })));
    expect(cells.filter((c) => c.graf).length).toBe(shown);
    expect(shown).toBeGreaterThan(10);
    // Hidden cells say so with a dash, and nothing smaller than the threshold is written as n.
    expect(cells.some((c) => c.tekst.trim() === "–")).toBe(true);
    for (const c of cells.filter((c) => c.graf)) expect(Number(/\(([\d.]+)\)/.exec(c.tekst)?.[1].replaceAll(".", ""))).toBeGreaterThanOrEqual(5);
    // The demo's weak spot: the unit's inddragelse roll-up is red.
    const weak = await page.$eval(`table.tilsyn:not(.udvikling) tr.omraade[data-omraade="inddragelse"] td[data-enhed="${WEAK_UNIT}"]`, (td) => td.className);
    expect(weak).toContain("farve-roed");
    const text = await page.textContent("main");
    expect(text).toContain("95 %-interval");
    expect(text).toContain("vægtet");
    await page.close();
  });

  it("the PDF appendix has the Ledelsestilsyn section after the compliance table, within 12 pages", () => {
    const pages = pdfPages(join(REL, "bilag.pdf"));
    expect(pages.length).toBeLessThanOrEqual(12);
    const i = pages.findIndex((p) => /Ledelsestilsyn i \d\. kvt\. \d{4}/.test(p));
    expect(i).toBeGreaterThan(pages.findIndex((p) => /Lovoverholdelse i \d\. kvt\./.test(p)));
    expect(pages.join(" ")).toContain("Sagsgennemgang og register side om side");
    expect(pages[0]).toContain("Ledelsestilsyn");
  });

  it("in print, the section's tables stay inside the printable width and no row is split across PDF pages", async () => {
    const page = await browser.newPage();
    const v = watch(page, server.url);
    await open(page, `${server.url}/bilag?kvartal=${quarters.at(-1)}`);
    expect(v).toEqual({ errors: [], failed: [], outside: [] });
    expect(await page.$$eval("table.tilsyn.kompakt tr", (trs) => trs.length)).toBeGreaterThan(20);
    expect(await outsideBoxes(page)).toEqual([]);
    const rows = await tableRows(page);
    expect(rows.length).toBeGreaterThan(20);
    expect(splitRows(rows, pdfPages(join(REL, "bilag.pdf")))).toEqual([]);
    await page.close();
  });
});
