// The worklists on the default demo (issue 12): the fixed call of docs/cli.md, the consistency with the KPIs on a
// quarter's last day (per unit and for the municipality), the files' permissions, no CPR number or pseudonym
// in any file, the refusal of the site's folder, and no case id of the demo in the built site or the PDF.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { csvParse } from "d3-dsv";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_AS_OF } from "../../pipelines/commands/demo.ts";
import { REPO } from "../../pipelines/paths.ts";
import { libu, query } from "../helpers/libu.ts";
import { worklistNames } from "../../pipelines/worklists/lists.ts";

let root: string;
let db: string;

const run = (args: string[], code = 0) => libu(args, { cwd: root, code, env: { PATH: process.env.PATH } });

/** Every cell's value and every sheet's name of a workbook, as text (the raw XML holds exceljs's own numbers). */
async function workbookText(path: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const parts: string[] = [];
  wb.eachSheet((sheet) => {
    parts.push(sheet.name);
    sheet.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cell.value;
        parts.push(v instanceof Date ? v.toISOString() : typeof v === "object" && v !== null ? JSON.stringify(v) : String(v));
      }),
    );
  });
  return parts.join("\n");
}

const readCsv = (dir: string, name: string) => csvParse(readFileSync(join(dir, `${name}.csv`), "utf8"));

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "libu-lists-"));
  db = join(root, "demo.duckdb");
  await run(["demo", "--out", join(root, "demo")]);
  await run(["load", join(root, "demo"), "--as-of", DEFAULT_AS_OF, "--db", db]);
  await run(["build", "--db", db]);
}, 240_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("libu arbejdslister on the demo", () => {
  it("the fixed call writes <liste>.csv for every list with enhed, status and frist, readable by the owner only", async () => {
    const out = join(root, "lister");
    const { out: printed } = await run(["arbejdslister", "--db", db, "--dato", "2026-09-30", "--format", "csv", "--out", out]);
    expect(readdirSync(out).sort()).toEqual(worklistNames.map((n) => `${n}.csv`).sort());
    expect(statSync(out).mode & 0o777).toBe(0o700);
    for (const name of worklistNames) {
      const rows = readCsv(out, name);
      expect(rows.columns, name).toEqual(expect.arrayContaining(["enhed", "status", "frist"]));
      expect(statSync(join(out, `${name}.csv`)).mode & 0o777, name).toBe(0o600);
      expect(printed).toContain(name);
    }
  }, 120_000);

  it("on a quarter's last day the overdue rows equal KPI 9, KPI 13's and KPI 14's denominator minus numerator, per unit and for the municipality", async () => {
    const out = join(root, "konsistens");
    await run(["arbejdslister", "--db", db, "--dato", "2026-09-30", "--format", "csv", "--out", out]);
    const kpis = await query<{ kpi: string; enhed: string | null; taeller: number; naevner: number | null }>(
      db,
      `select kpi, enhed, taeller, naevner from mart_kpi_kvartal where kvartal = '2026K3'
       and kpi in ('bfu_aaben_overskredet', 'opfoelgning_rettidig', 'tilsyn_2_besoeg_12m')`,
    );
    const cases: [string, string][] = [
      ["undersoegelser", "bfu_aaben_overskredet"],
      ["opfoelgninger", "opfoelgning_rettidig"],
      ["tilsyn", "tilsyn_2_besoeg_12m"],
    ];
    for (const [list, kpi] of cases) {
      const overdue = readCsv(out, list).filter((r) => r.status === "overskredet");
      const expected = (enhed: string | null) => {
        const row = kpis.find((k) => k.kpi === kpi && k.enhed === enhed);
        if (!row) return 0;
        return row.naevner === null ? row.taeller : row.naevner - row.taeller;
      };
      expect(overdue.length, `${list} kommune`).toBe(expected(null));
      expect(overdue.length, `${list} has overdue rows to compare`).toBeGreaterThan(0);
      const units = new Set([...kpis.filter((k) => k.kpi === kpi && k.enhed).map((k) => k.enhed!), ...overdue.map((r) => r.enhed)]);
      for (const unit of units) expect(overdue.filter((r) => r.enhed === unit).length, `${list} ${unit}`).toBe(expected(unit));
    }
  }, 120_000);

  it("the demo's lists look like a real municipality's at its as-of date: a handful of overdue items per unit and list, a few caseworkers clearly behind; one printed line per list", async () => {
    const out = join(root, "realisme");
    const { out: printed } = await run(["arbejdslister", "--db", db, "--format", "csv", "--out", out]);
    const deadlineLists = worklistNames.filter((n) => n !== "gentagne_underretninger" && n !== "sagsbehandlere");
    let overdueTotal = 0;
    for (const name of deadlineLists) {
      const rows = readCsv(out, name);
      const over = rows.filter((r) => r.status === "overskredet");
      const due = rows.filter((r) => r.status === "forfalder");
      overdueTotal += over.length;
      // `npm start` prints this line per list.
      expect(printed, name).toMatch(new RegExp(`^${name} +${over.length} overskredet, ${due.length} forfalder$`, "m"));
      const perUnit = new Map<string, number>();
      for (const r of over) perUnit.set(r.enhed!, (perUnit.get(r.enhed!) ?? 0) + 1);
      // Notifications are handled within days: never more than five overdue per unit (the demo once kept every
      // unacknowledged notification since go-live: 9–32 per unit). The other lists: tens at most, not hundreds.
      const limit = name.startsWith("underretninger_") ? 5 : 20;
      for (const [unit, n] of perUnit) expect(n, `${name} ${unit}`).toBeLessThanOrEqual(limit);
    }
    expect(overdueTotal).toBeGreaterThan(20);
    const workers = readCsv(out, "sagsbehandlere").map((r) => Number(r.overskredet));
    const behind = workers.filter((n) => n >= 5).length;
    expect(behind, "caseworkers with five or more overdue items").toBeGreaterThanOrEqual(2);
    expect(behind, "only a few are behind").toBeLessThanOrEqual(workers.length / 5);
    expect(workers.filter((n) => n <= 2).length, "most are on top of their deadlines").toBeGreaterThanOrEqual(workers.length / 2);
  }, 120_000);

  it("writes one workbook per unit and one for the municipality, 0600, with no CPR number and no pseudonym in any file", async () => {
    const out = join(root, "xlsx");
    await run(["arbejdslister", "--db", db, "--out", out]);
    const csvOut = join(root, "csv-scan");
    await run(["arbejdslister", "--db", db, "--format", "csv", "--out", csvOut]);
    const units = await query<{ enhed: string }>(db, "select distinct enhed from stg_sager");
    const files = readdirSync(out);
    expect(files.filter((f) => f.includes("-kommune-"))).toHaveLength(1);
    expect(files.filter((f) => f.includes("-enhed-")).length).toBe(units.length);
    const pseudonyms = (await query<{ b: string }>(db, "select distinct cast(barn_id as varchar) as b from stg_underretninger")).map((r) => r.b);
    const cprs = readFileSync(join(root, "demo", "underretninger.csv"), "utf8").match(/\b\d{6}-?\d{4}\b/g) ?? [];
    expect(cprs.length).toBeGreaterThan(0);
    for (const [dir, list] of [[out, files], [csvOut, readdirSync(csvOut)]] as const) {
      for (const f of list) {
        const path = join(dir, f);
        expect(statSync(path).mode & 0o777, f).toBe(0o600);
        const text = f.endsWith(".xlsx") ? await workbookText(path) : readFileSync(path, "utf8");
        expect(text.match(/\b\d{6}-?\d{4}\b/g) ?? [], f).toEqual([]);
        for (const p of pseudonyms) if (text.includes(p)) throw new Error(`${f} holds the pseudonym ${p}`);
        for (const c of cprs.slice(0, 200)) if (text.includes(c.replace("-", ""))) throw new Error(`${f} holds a CPR number`);
      }
    }
  }, 180_000);

  it("refuses an output folder inside the site's folder and a bad date", async () => {
    const { err } = await run(["arbejdslister", "--db", db, "--format", "csv", "--out", join(root, "dist", "lister")], 2);
    expect(err).toMatch(/sitets mappe/);
    expect((await run(["arbejdslister", "--db", db, "--format", "csv", "--out", join(REPO, "dashboards", "x")], 2)).err).toMatch(/sitets mappe/);
    expect((await run(["arbejdslister", "--db", db, "--dato", "2026-02-30", "--out", join(root, "y")], 2)).err).toMatch(/--dato/);
  });

  it("the site and the PDF hold no case id of the demo", async () => {
    const site = join(root, "site");
    await run(["site", "--db", db, "--out", site]);
    const pdf = join(root, "rapport.pdf");
    await run(["report", "--db", db, "--kvartal", "2026K3", "--pdf", pdf]);
    const ids = (
      await query<{ id: string }>(
        db,
        `select sag_id as id from stg_sager union select undersoegelse_id from stg_undersoegelser
         union select foranstaltning_id from stg_foranstaltninger union select underretning_id from stg_underretninger`,
      )
    ).map((r) => r.id);
    expect(ids.length).toBeGreaterThan(1000);
    const texts: [string, string][] = [["rapport.pdf", execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" })]];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else texts.push([p, readFileSync(p, "latin1")]);
      }
    };
    walk(site);
    const pattern = new RegExp(`\\b(${ids.map((i) => i.replace(/[^A-Za-z0-9]/g, "")).join("|")})\\b`);
    for (const [file, text] of texts) expect(text.match(pattern)?.[0], file).toBeUndefined();
  }, 600_000);
});
