// A whole release through the fixed CLI call — the site built once, the PDF appendix printed from it — on the
// site's fixture warehouse, after an earlier release and a reload: the appendix's content and layout in
// Chromium (nothing outside the printable width, no table row split, at most 12 A4 pages, page numbers), the
// committee's name from the configuration, the revisions, and a scan of every file.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { dsvFormat } from "d3-dsv";
import { join, resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as fmt from "../../dashboards/components/format.js";
import { main } from "../../pipelines/cli.ts";
import { defaults } from "../../pipelines/config.ts";
import { openWarehouse } from "../../pipelines/db.ts";
import { createLogger } from "../../pipelines/log.ts";
import { makeRelease } from "../../pipelines/release/release.ts";
import { serve, type RunningServer } from "../../pipelines/serve.ts";
import { launch, open, watch } from "../site/browser.ts";
import { writeFixtureWarehouse } from "../site/fixture-warehouse.ts";
import { outsideBoxes, pdfPages, splitRows, tableRows } from "./layout.ts";
import { scanRelease } from "./scan-release.ts";

const DIR = resolve(".tmp/test-appendix");
const DB = join(DIR, "fixture.duckdb");
const OUT = join(DIR, "udgivelser");
const CONFIG = join(DIR, "libu.config.json");
const REL = join(OUT, "2025K3");

let server: RunningServer;
let browser: Browser;
let cli: { code: number; out: string; err: string };
let pages: string[];

async function run(argv: string[]) {
  let out = "";
  let err = "";
  const code = await main(argv, { stdout: { write: (t) => void (out += t) }, stderr: { write: (t) => void (err += t) }, env: { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true" }, cwd: DIR });
  return { code, out, err };
}

beforeAll(async () => {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  await writeFixtureWarehouse(DB);
  writeFileSync(CONFIG, JSON.stringify({ kommune: "Fiktiv Kommune", udvalg: "Socialudvalget" }));
  // The previous quarter's release, then a reload that moves two of its figures.
  await makeRelease({ dbPath: DB, kvartal: "2025K2", out: OUT, config: { ...defaults, udvalg: "Socialudvalget" }, log: createLogger({ write: () => {} }, true) });
  const wh = await openWarehouse(DB);
  await wh.run(`update mart_kpi_kvartal set taeller = taeller + 2, naevner = naevner + 2 where kpi = 'bfu_rettidig_4m' and kvartal = '2025K2' and (enhed = 'Team Nord' or niveau = 'kommune')`);
  wh.close();
  cli = await run(["udgiv", "--db", DB, "--kvartal", "2025K3", "--out", OUT, "--config", CONFIG]);
  pages = cli.code === 0 ? pdfPages(join(REL, "bilag.pdf")) : [];
  server = await serve(join(REL, "site"));
  browser = await launch();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function bilag(): Promise<{ page: Page; v: ReturnType<typeof watch> }> {
  const page = await browser.newPage();
  const v = watch(page, server.url);
  await open(page, `${server.url}/bilag?kvartal=2025K3`);
  return { page, v };
}

describe("the fixed call `npx libu udgiv --db <file> --kvartal <YYYYKn> --out <folder>`", () => {
  it("writes the release with its site, PDF and XLSX, and --tjek finds it whole", async () => {
    expect(cli.code, cli.err).toBe(0);
    expect(cli.out).toContain("2025K3 udgivet");
    const m = JSON.parse(readFileSync(join(REL, "manifest.json"), "utf8"));
    for (const f of ["bilag.pdf", "bilag.xlsx", "revisioner.csv", "site/index.html", "site/bilag.html", "tal/kpi.csv", "tal/kpi.parquet"]) expect(m.filer).toHaveProperty([f]);
    expect(m.udvalg).toBe("Socialudvalget");
    const tjek = await run(["udgiv", "--db", DB, "--tjek", REL]);
    expect(tjek.code, tjek.err).toBe(0);
  });

  it("holds no count 1–4, CPR-shaped string, pseudonym or case id in any file, the site and the PDF included", async () => {
    expect(await scanRelease(REL)).toEqual([]);
  });
});

describe("the PDF appendix", () => {
  it("has the front page with municipality, quarter, as-of date and the committee from the configuration", () => {
    expect(pages[0]).toContain("Bilag til Socialudvalget");
    expect(pages[0]).toContain("Fiktiv Kommune");
    expect(pages[0]).toContain("3. kvt. 2025");
    expect(pages[0]).toContain("15. oktober 2025");
    expect(pages[0]).toMatch(/Udgivet \d+\. \w+ \d{4}/);
  });

  it("holds every section, in at most 12 A4 pages, each with its page number", () => {
    expect(pages.length).toBeGreaterThanOrEqual(8);
    expect(pages.length).toBeLessThanOrEqual(12);
    const all = pages.join(" ");
    for (const s of ["Kort fortalt", "Hovedtal", "Lovoverholdelse", "Udviklingsplan", "Underretninger", "Anbragte børn efter anbringelsestype", "Indsatstrappen", "Revisioner", "Metode"])
      expect(all, s).toContain(s);
    pages.forEach((p, i) => expect(p, `side ${i + 1}`).toContain(`Side ${i + 1} af ${pages.length}`));
  });

  it("explains the signs <5 and – once, with the method page's text (tegnforklaring)", () => {
    const metode = pages.filter((p) => p.includes("Metode") && p.includes("står for et skjult tal"));
    expect(metode).toHaveLength(1);
    // pdftotext breaks the lines where the page does: compare without whitespace.
    const norm = (s: string) => s.replace(/\s+/g, "");
    expect(norm(metode[0])).toContain(norm(fmt.tegnforklaring(5)));
    expect(norm(metode[0]).split(norm("står for et skjult tal")).length).toBe(2);
  });

  it("lists the revisions the reload caused", () => {
    const rev = pages.find((p) => p.includes("Revisioner") && p.includes("udgivne tal er ændret"));
    expect(rev).toBeDefined();
    expect(rev).toContain("Team Nord");
    expect(rev).toContain("2. kvt. 2025");
    expect(readFileSync(join(REL, "revisioner.csv"), "utf8").trim().split("\r\n")).toHaveLength(3);
  });

  it("in Chromium: every element inside the printable width, no table row split across pages, no error", async () => {
    const { page, v } = await bilag();
    expect(await outsideBoxes(page)).toEqual([]);
    const rows = await tableRows(page);
    expect(rows.length).toBeGreaterThan(30);
    expect(splitRows(rows, pages)).toEqual([]);
    expect(v.errors).toEqual([]);
    expect(v.outside).toEqual([]);
  });

  it("the layout check finds a box past the page edge (so the test above can fail)", async () => {
    const { page } = await bilag();
    await page.evaluate(() => {
      const wide = document.createElement("div");
      wide.style.width = "2000px";
      wide.textContent = "for bred";
      document.querySelector(".bilag")!.append(wide);
    });
    expect((await outsideBoxes(page)).some((b) => b.includes("for bred"))).toBe(true);
    expect(splitRows([["Række der ikke findes", "x y z"]], pages)).toHaveLength(1);
  });
});

describe("the release's site knows what was published", () => {
  async function front(k: string): Promise<Page> {
    const page = await browser.newPage();
    await open(page, `${server.url}/?kvartal=${k}`);
    return page;
  }
  const tile = (page: Page, kpi: string) => page.locator(`.tile[data-kpi="${kpi}"] [data-vaerdi]`).innerText();

  it("marks the published quarters in the selector and the others foreløbig", async () => {
    const page = await front("2025K3");
    const labels = await page.locator(".kvartal-vaelger select option").allInnerTexts();
    expect(labels.slice(0, 3)).toEqual(["3. kvt. 2025 (udgivet)", "2. kvt. 2025 (udgivet)", "1. kvt. 2025 (foreløbig)"]);
    expect(await page.locator(".udgivelse").innerText()).toMatch(/er udgivet .*Dagens tal er de samme som de udgivne/);
    const foreloebig = await front("2025K1");
    expect(await foreloebig.locator(".udgivelse.foreloebig").innerText()).toContain("Foreløbige tal");
    // Every page's selector says the same, not just the front page's and the appendix's.
    for (const side of ["lovoverholdelse", "underretninger", "anbringelser", "sagsbehandling", "udviklingsplan", "datakvalitet", "metode"]) {
      const p = await browser.newPage();
      await open(p, `${server.url}/${side}?kvartal=2025K3`);
      expect((await p.locator(".kvartal-vaelger select option").allInnerTexts()).slice(0, 3), side).toEqual(["3. kvt. 2025 (udgivet)", "2. kvt. 2025 (udgivet)", "1. kvt. 2025 (foreløbig)"]);
      await p.close();
    }
  });

  it("shows a published quarter as published, and where today's figures differ", async () => {
    const page = await front("2025K2");
    expect(await page.locator(".udgivelse").innerText()).toContain("2 tal er siden ændret");
    const wh = await openWarehouse(DB, { readOnly: true });
    const [pub] = await wh.all<{ vist: string }>(`select vist from udgivne_tal where udgivelse = '2025K2' and kpi = 'bfu_rettidig_4m' and kvartal = '2025K2' and niveau = 'kommune'`);
    wh.close();
    const today = await tile(page, "bfu_rettidig_4m");
    expect(today).not.toBe(pub.vist);
    await page.locator(".udgivelse input.som-udgivet").check();
    expect(await tile(page, "bfu_rettidig_4m")).toBe(pub.vist);
    await page.locator(".udgivelse input.som-udgivet").uncheck();
    expect(await tile(page, "bfu_rettidig_4m")).toBe(today);
  });

  it("offers every CSV download an XLSX twin with the same cells, numbers as numbers", async () => {
    const page = await browser.newPage();
    await open(page, `${server.url}/lovoverholdelse?kvartal=2025K3`);
    expect(await page.locator(".csv-knap").count()).toBe(await page.locator(".xlsx-knap").count());
    const [csvDl] = await Promise.all([page.waitForEvent("download"), page.locator(".krav-blok .csv-knap").click()]);
    const [xlsxDl] = await Promise.all([page.waitForEvent("download"), page.locator(".krav-blok .xlsx-knap").click()]);
    expect(xlsxDl.suggestedFilename()).toBe(csvDl.suggestedFilename().replace(/\.csv$/, ".xlsx"));
    const csv = dsvFormat(";").parseRows(readFileSync((await csvDl.path())!, "utf8").replace(/^\ufeff/, "").replaceAll("\r\n", "\n").trimEnd());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await xlsxDl.path())!);
    const ws = wb.worksheets[0];
    let numbers = 0;
    const cells: string[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => {
      cells.push(csv[0].map((_, i) => {
        const c = row.getCell(i + 1);
        if (typeof c.value === "number") numbers++;
        return String(c.value ?? "");
      }));
    });
    expect(numbers).toBeGreaterThan(10);
    expect(cells.length).toBe(csv.length);
    // A number cell reads back as the CSV's text through its Danish format (0.0 % → 84,3 %, #,##0 → 1.234).
    for (const [i, row] of csv.entries()) for (const [j, text] of row.entries()) {
      const v = ws.getRow(i + 1).getCell(j + 1).value;
      if (typeof v === "number") expect(xlsxText(v, ws.getRow(i + 1).getCell(j + 1).numFmt), `${i},${j}`).toBe(text);
      else expect(v === null ? "" : String(v), `${i},${j}`).toBe(text);
    }
  });
});

/** A number through the Danish reading of its format code (the ones the writer uses). */
function xlsxText(v: number, numFmt: string): string {
  const m = /^0(?:\.(0+))? %$/.exec(numFmt);
  const dec = (f: string) => (f.split(".")[1] ?? "").length;
  const dk = (x: number, d: number) => {
    const [i, f] = Math.abs(x).toFixed(d).split(".");
    return `${x < 0 ? "−" : ""}${i.replace(/\B(?=(\d{3})+(?!\d))/g, ".")}${f ? `,${f}` : ""}`;
  };
  if (m) return `${dk(v * 100, m[1]?.length ?? 0)} %`;
  return dk(v, dec(numFmt));
}
