// The built site in headless Chromium, against the fixture warehouse: pages load offline and cleanly, the
// figures are the mart's after suppression and in Danish form, the quarter selector works, the PDF holds the
// headline figures, and nothing under the output folder is row-level, a pseudonym, a CPR number or a small count.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as fmt from "../../dashboards/components/format.js";
import { main } from "../../pipelines/cli.ts";
import { buildSite } from "../../pipelines/site/build-site.ts";
import { openWarehouse } from "../../pipelines/db.ts";
import { serve, type RunningServer } from "../../pipelines/serve.ts";
import { suppressFigure, type Art } from "../../pipelines/suppress.ts";
import { publishedSystem } from "../../pipelines/published/system.ts";
import type { KpiRow, PublishedKpiRow } from "../../pipelines/published/kpi.ts";
import { siteParts } from "../../pipelines/published/handover.ts";
import { FIXTURE_QUARTERS, FIXTURE_UNITS, writeFixtureWarehouse } from "./fixture-warehouse.ts";
import { launch, open, watch } from "./browser.ts";
import { smallCounts } from "./scan.ts";

const DIR = resolve(".tmp/test-site");
const DB = join(DIR, "fixture.duckdb");
const SITE = join(DIR, "dist");
const PAGES = ["", "lovoverholdelse", "underretninger", "anbringelser", "sagsbehandling", "udviklingsplan", "datakvalitet", "metode", "bilag"];
const LATEST = FIXTURE_QUARTERS.at(-1)!;

let server: RunningServer;
let browser: Browser;
let published: PublishedKpiRow[];
/** The front page's KPIs, in the registry's headline order. */
let HOVEDTAL: string[];
/** Each figure suppressed on its own (primary suppression only): what the audit must improve on. */
let primaryOnly: PublishedKpiRow[];

/** The published figure as the site should show it: the published system's, computed here from the warehouse. */
function expected(kpi: string, kvartal: string, enhed: string | null = null): string {
  const r = published.find((p) => p.kpi === kpi && p.kvartal === kvartal && p.enhed === enhed);
  return r ? fmt.vaerdi(r, 5) : "–";
}

beforeAll(async () => {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  await writeFixtureWarehouse(DB);
  const wh = await openWarehouse(DB, { readOnly: true });
  const rows = await wh.all<KpiRow>("select kpi, kvartal, niveau, enhed, taeller, naevner from mart_kpi_kvartal");
  const defs = await wh.all<{ kpi: string; art: Art }>("select kpi, art from mart_kpi_definitioner");
  HOVEDTAL = (await wh.all<{ kpi: string }>("select kpi from mart_kpi_definitioner where hovedtal_nr is not null order by hovedtal_nr")).map((d) => d.kpi);
  published = (await publishedSystem(wh)).kpi.kpi;
  wh.close();
  const art = new Map(defs.map((d) => [d.kpi, d.art]));
  primaryOnly = rows.map((r) => ({ kpi: r.kpi, art: art.get(r.kpi)!, kvartal: r.kvartal, niveau: r.niveau, enhed: r.enhed, ...suppressFigure({ art: art.get(r.kpi)!, taeller: Number(r.taeller ?? 0), naevner: r.naevner === null ? null : Number(r.naevner) }, 5) }));
  mkdirSync(SITE);
  writeFileSync(join(SITE, "forrige-site.txt"), "det forrige site"); // replaced whole by the build (swap.test.ts)
  await buildSite({ dbPath: DB, outDir: SITE, env: { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true" } });
  server = await serve(SITE);
  browser = await launch();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function visit(path: string): Promise<{ page: Page; v: ReturnType<typeof watch> }> {
  const page = await browser.newPage();
  const v = watch(page, server.url);
  await open(page, `${server.url}/${path}`);
  return { page, v };
}

const tileText = (page: Page, kpi: string) => page.locator(`.tile[data-kpi="${kpi}"] [data-vaerdi]`).innerText();

it("the new site replaced the previous one whole, and no temporary folder is left beside it", () => {
  expect(existsSync(join(SITE, "forrige-site.txt"))).toBe(false);
  expect(existsSync(join(SITE, "index.html"))).toBe(true);
  expect(readdirSync(DIR).filter((n) => n.startsWith(".dist."))).toEqual([]);
});

describe("every page", () => {
  for (const p of PAGES)
    it(`/${p} loads with no console error, no failed request and nothing outside localhost; charts are labelled`, async () => {
      const { page, v } = await visit(p);
      await page.waitForLoadState("networkidle");
      expect(v.errors).toEqual([]);
      expect(v.failed).toEqual([]);
      expect(v.outside).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("da");
      expect(await page.locator("body").getAttribute("data-klar")).toBe(LATEST);
      // Every chart has an aria label and a description.
      const unlabelled = await page.evaluate(() =>
        [...document.querySelectorAll("figure.figur")].filter((f) => !f.querySelector("svg[aria-label][aria-description]")).length,
      );
      expect(unlabelled).toBe(0);
      // The quarter selector is there, defaulting to the latest complete quarter.
      // (marked foreløbig where the page knows the releases: none in this warehouse)
      expect(await page.locator(".kvartal-vaelger select option:checked").innerText()).toMatch(new RegExp(`^${fmt.kvartal(LATEST)}( \\(foreløbig\\))?$`));
      // No unit name was parsed as markup anywhere.
      expect(await page.locator("main b, main strong").count()).toBe(0);
      // Danish throughout, Framework's own tooltips included.
      expect(await page.locator("[title*='Toggle']").count()).toBe(0);
      expect(await page.locator("#observablehq-sidebar-toggle").getAttribute("title")).toMatch(/^Vis eller skjul menuen/);
      // No value that failed to format.
      expect(await page.locator("main").innerText()).not.toMatch(/\bNaN\b|undefined|\bnull\b|\[object|Infinity/);
      await page.close();
    });
});

describe("Kvartalsrapport", () => {
  it("shows the mart's headline figures after suppression, in Danish form", async () => {
    const { page } = await visit("");
    for (const kpi of HOVEDTAL) expect(await tileText(page, kpi), kpi).toBe(expected(kpi, LATEST));
    const share = await tileText(page, "bfu_rettidig_4m");
    expect(share).toMatch(/^\d{1,3},\d %$/);
    const text = await page.locator("main").innerText();
    expect(text).toContain(fmt.kvartal(LATEST));
    expect(text).toContain("15. oktober 2025");
    // The written summary compares with the previous quarter.
    expect(text).toContain(`fra ${expected("bfu_rettidig_4m", "2025K2")} til ${expected("bfu_rettidig_4m", LATEST)}`);
    expect(text).not.toMatch(/\d\.\d %/); // no English decimals in shares
    await page.close();
  });

  it("writes the summary as Danish sentences, naming the compared quarters once", async () => {
    const { page } = await visit("");
    const lead = await page.locator(".opsummering p").innerText();
    expect(lead).toContain(`${fmt.kvartal(LATEST)} sammenlignet med kvartalet før (${fmt.kvartal("2025K2")}) og med samme kvartal året før (${fmt.kvartal("2024K3")})`);
    const items = await page.locator(".opsummering li").allInnerTexts();
    expect(items.length).toBeGreaterThan(0);
    for (const t of items) {
      expect(t).toMatch(/^[A-ZÆØÅ]/);
      expect(t).toMatch(/\.$/);
      expect(t, "no KPI id in the prose").not.toMatch(/[a-z]+_[a-z0-9]+/);
    }
    const bfu = items.find((t) => t.startsWith("Andelen af børnefaglige undersøgelser afsluttet inden for fire måneder "));
    expect(bfu).toBeDefined();
    expect(bfu).toMatch(/ (steg|faldt) fra \d{1,3},\d % til \d{1,3},\d %|lå uændret på /);
    // A figure and its unit are never split over two lines.
    expect(await page.locator(".opsummering .udelelig", { hasText: "%" }).count()).toBeGreaterThan(0);
    await page.close();
  });

  it("changes the figures with the quarter selector and keeps the quarter in the address", async () => {
    const { page } = await visit("");
    await page.selectOption(".kvartal-vaelger select", { label: `${fmt.kvartal("2024K2")} (foreløbig)` });
    await page.waitForSelector('body[data-klar="2024K2"]');
    for (const kpi of HOVEDTAL) expect(await tileText(page, kpi), kpi).toBe(expected(kpi, "2024K2"));
    expect(new URL(page.url()).searchParams.get("kvartal")).toBe("2024K2");
    // The links to the other pages carry the quarter.
    expect(await page.locator('a[href*="lovoverholdelse"]').first().getAttribute("href")).toContain("kvartal=2024K2");
    await page.close();
  });

  it("opens the quarter named in the address", async () => {
    const { page } = await visit("?kvartal=2023K4");
    expect(await page.locator("body").getAttribute("data-klar")).toBe("2023K4");
    expect(await tileText(page, "anbragte_antal")).toBe(expected("anbragte_antal", "2023K4"));
    await page.close();
  });
});

describe("Lovoverholdelse", () => {
  it("shows every cell as the suppressed mart figure, the markup-named unit as text", async () => {
    const { page } = await visit("lovoverholdelse");
    const cells = await page.evaluate(() =>
      [...document.querySelectorAll("table.krav tbody tr")].flatMap((tr) =>
        [...tr.querySelectorAll("td.celle")].map((td) => ({
          kpi: (tr as HTMLElement).dataset.kpi!,
          enhed: (td as HTMLElement).dataset.enhed!,
          text: td.childNodes[td.childNodes.length - (td.querySelector(".n") ? 2 : 1)].textContent,
        })),
      ),
    );
    expect(cells.length).toBe(8 * (FIXTURE_UNITS.length + 1));
    for (const c of cells) expect(c.text, `${c.kpi} ${c.enhed}`).toBe(expected(c.kpi, LATEST, c.enhed === "Hele kommunen" ? null : c.enhed));
    // The planted small unit: its share of 4 cases is hidden, and so is a second unit's (complementary).
    expect(expected("bfu_rettidig_4m", LATEST, "<b>Team</b>")).toBe("–");
    const hiddenUnits = FIXTURE_UNITS.filter((u) => expected("bfu_rettidig_4m", LATEST, u) === "–");
    expect(hiddenUnits.length).toBe(2);
    // The eight-quarter trends cross 1 January 2024 and mark the change of law.
    expect(await page.locator("figure.figur svg text", { hasText: "Barnets Lov" }).count()).toBe(8);
    const headers = await page.locator("table.krav thead th").allInnerTexts();
    expect(headers).toContain("<b>Team</b>");
    expect(await page.locator("table.krav b").count()).toBe(0);
    await page.close();
  });

  it("fits the compliance table on a 1280 px screen, and tells the trends' series apart by symbol too", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await open(page, `${server.url}/lovoverholdelse`);
    const overflow = await page.evaluate(() => {
      const box = document.querySelector(".krav-blok > div")!;
      return box.scrollWidth - box.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    // Each multi-series trend has a legend of coloured symbols (black-and-white print), one per series.
    const legends = await page.evaluate(() =>
      [...document.querySelectorAll("figure.figur")].map((f) => f.querySelectorAll('[class*="-swatch"] svg path').length),
    );
    expect(legends.length).toBe(8);
    for (const n of legends) expect(n).toBe(1 + 4);
    await page.close();
  });

  it("downloads exactly the table shown as CSV", async () => {
    const { page } = await visit("lovoverholdelse");
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator(".krav-blok .csv-knap").click()]);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trim().split("\r\n");
    expect(lines.length).toBe(1 + 8);
    expect(lines[0]).toContain("<b>Team</b>: andel");
    const bfu = lines.find((l) => l.startsWith("Børnefaglige undersøgelser afsluttet"))!;
    expect(bfu).toContain(expected("bfu_rettidig_4m", LATEST, null));
    expect(bfu.split(";")).toContain("–");
    await page.close();
  });
});

describe("Metode", () => {
  it("explains the signs <5 and – with the one text every page's footnote and the PDF use (tegnforklaring)", async () => {
    const { page } = await visit("metode");
    const text = (await page.locator("main").innerText()).replace(/\s+/g, " ");
    expect(text).toContain(fmt.tegnforklaring(5));
    // The footnote of another page says the same, in the same words.
    const other = await visit("anbringelser");
    expect((await other.page.locator("p.fodnote").first().innerText()).replace(/\s+/g, " ")).toContain(fmt.tegnforklaring(5));
  });
});

describe("Datakvalitet", () => {
  it("shows counts in Danish form and small counts as <5", async () => {
    const { page } = await visit("datakvalitet");
    const text = await page.locator("main").innerText();
    expect(text).toContain("2.400");
    expect(text).toContain("<5");
    expect(text).not.toMatch(/\b2400\b/);
    // Rows read minus rows loaded would give the hidden quarantine count (3) back: rows loaded are hidden too.
    const row = await page.locator("table.tabel tbody tr", { hasText: "underretninger.csv" }).first().locator("td").allInnerTexts();
    expect(row.slice(-3)).toEqual(["2.400", "–", "<5"]);
    expect(text).not.toContain("2.397");
    await page.close();
  });
});

describe("the PDF", () => {
  it("holds the chosen quarter's headline figures and the compliance table", async () => {
    const pdf = join(DIR, "rapport.pdf");
    const err: string[] = [];
    const code = await main(["report", "--kvartal", "2025K2", "--pdf", pdf, "--site", SITE, "--db", DB], {
      stdout: { write: () => {} },
      stderr: { write: (t) => void err.push(t) },
    });
    expect(err.join("")).not.toContain("libu:");
    expect(code).toBe(0);
    const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    expect(text).toContain("2. kvt. 2025");
    expect(text).toContain("Lovoverholdelse");
    for (const kpi of HOVEDTAL) expect(text, kpi).toContain(expected(kpi, "2025K2"));
    expect(text).not.toContain("Kvartal 1. kvt."); // no selector in print
  });

  it("refuses a quarter without figures", async () => {
    const err: string[] = [];
    const code = await main(["report", "--kvartal", "2019K1", "--pdf", join(DIR, "x.pdf"), "--site", SITE], {
      stdout: { write: () => {} },
      stderr: { write: (t) => void err.push(t) },
    });
    expect(code).not.toBe(0);
    expect(err.join("")).toMatch(/ingen tal for 2019K1/);
  });
});

describe("the pages' source", () => {
  it("imports every library from node_modules: no npm: imports, no implicit Plot/Inputs/d3/htl", () => {
    const dir = resolve("dashboards");
    const sources = [...readdirSync(dir).filter((f) => f.endsWith(".md")).map((f) => join(dir, f)), ...readdirSync(join(dir, "components")).filter((f) => f.endsWith(".js")).map((f) => join(dir, "components", f))];
    for (const f of sources) {
      const text = readFileSync(f, "utf8");
      expect(text, f).not.toMatch(/["']npm:|["']jsr:|from ["']htl["']/);
      for (const lib of ["Plot", "Inputs", "d3"])
        if (new RegExp(`\\b${lib}\\.`).test(text)) expect(text, `${f} uses ${lib} without importing it`).toMatch(new RegExp(`import \\* as ${lib} from "(@observablehq/(plot|inputs)|d3-[a-z]+)"`));
      expect(text, f).not.toMatch(/\binnerHTML\b|\bhtml`/);
    }
  });
});

describe("the output folder", () => {
  const files = () => {
    const out: string[] = [];
    const walk = (d: string) => {
      for (const n of readdirSync(d)) {
        const p = join(d, n);
        if (statSync(p).isDirectory()) walk(p);
        else out.push(p);
      }
    };
    walk(SITE);
    return out;
  };
  it("holds no CPR number, no pseudonym and no row-level data", () => {
    // exceljs's bundle (the XLSX downloads) holds a GUID and long numbers of its own: vendor code, the same for
    // every warehouse, not data.
    for (const f of files().filter((f) => !f.includes(`${join("_node", "exceljs@")}`))) {
      const text = readFileSync(f, "utf8");
      // DDMMYY-NNNN or ten digits with a valid day and month, not inside a longer number or a decimal.
      expect(text, f).not.toMatch(/(?<![\d.])(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{2}-?\d{4}(?!\d)/);
      expect(text, f).not.toMatch(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i);
      // Nothing that would load from a CDN or a font host.
      expect(text, f).not.toMatch(/cdn\.jsdelivr|unpkg\.com|fonts\.googleapis|fonts\.gstatic|esm\.sh/);
      if (f.endsWith(".json")) expect(text, f).not.toMatch(/"(barn_id|cpr|foedselsdato|sag_id|raa_tekst|_linje)"/);
    }
  });

  it("holds no count between 1 and 4 in any data file", () => {
    const json = files().filter((f) => f.endsWith(".json") && f.includes(`${join("_file", "data")}`));
    expect(json.length).toBe(6);
    const small = json.flatMap((f) => smallCounts(JSON.parse(readFileSync(f, "utf8")), f.slice(SITE.length)));
    expect(small).toEqual([]);
  });

  it("the scan finds small counts where suppression is off (so the test above can fail)", async () => {
    const raw = join(DIR, "unsuppressed.duckdb");
    await writeFixtureWarehouse(raw);
    const wh = await openWarehouse(raw);
    await wh.run("update mart_meta set diskretionsgraense = 1");
    wh.close();
    const { withWarehouse } = await import("../../dashboards/data/_kilde.ts");
    const parts = (db: string) => withWarehouse((wh) => siteParts(wh, {}), db);
    expect(smallCounts((await parts(raw)).kpi).length).toBeGreaterThan(0);
    expect(smallCounts((await parts(raw)).datakvalitet).length).toBeGreaterThan(0);
    expect(smallCounts((await parts(DB)).kpi)).toEqual([]);
  });

  it("publishes a placement share (KPIs 16, 17) only where the placement table shows its group's count", () => {
    const read = (name: string) => JSON.parse(readFileSync(files().find((f) => new RegExp(`_file/data/${name}\\.[^/]+\\.json$`).test(f))!, "utf8"));
    const kpi = read("kpi");
    const anb = read("anbringelser");
    const key = (kvartal: string, enhed: string | null, gruppe: string) => `${kvartal}|${enhed ?? ""}|${gruppe}`;
    const shown = new Set(
      anb.anbringelser.filter((r: { anbragte: number | null }) => r.anbragte !== null).map((r: { kvartal: string; niveau: string; enhed: string | null; gruppe: string }) => key(r.kvartal, r.niveau === "kommune" ? null : r.enhed, r.gruppe)),
    );
    const gruppe: Record<string, string> = { anbringelse_familiebaseret_andel: "familiebaseret", anbringelse_institution_andel: "institution" };
    const leaks = (rows: PublishedKpiRow[]) => rows.filter((r) => gruppe[r.kpi] && r.vaerdi !== null && !shown.has(key(r.kvartal, r.enhed, gruppe[r.kpi])));
    // share × denominator is the group's count, and the third group is the rest: hidden cells would be recoverable.
    expect(leaks(primaryOnly).length, "the fixture has shares the placement table hides (so this test can fail)").toBeGreaterThan(0);
    // A shown share tells its group's count exactly: allowed only where that count is not a small one (`–`, ≥ 5).
    const small = new Set(
      anb.anbringelser.filter((r: { anbragte: number | null; undertrykt: string | null }) => r.anbragte === null && r.undertrykt !== "komplementaer").map((r: { kvartal: string; niveau: string; enhed: string | null; gruppe: string }) => key(r.kvartal, r.niveau === "kommune" ? null : r.enhed, r.gruppe)),
    );
    expect(leaks(kpi.kpi).filter((r) => small.has(key(r.kvartal, r.enhed, gruppe[r.kpi]))).map((r) => `${r.kpi} ${r.kvartal} ${r.enhed}`)).toEqual([]);
    expect(kpi.kpi.filter((r: PublishedKpiRow) => gruppe[r.kpi] && r.vaerdi !== null).length).toBeGreaterThan(0);
  });

  it("never holds the small fixture counts that suppression hides", () => {
    const kpi = JSON.parse(readFileSync(files().find((f) => /_file\/data\/kpi\.[^/]+\.json$/.test(f))!, "utf8"));
    const team = kpi.kpi.filter((r: PublishedKpiRow) => r.enhed === "<b>Team</b>" && r.kvartal === LATEST && r.art === "antal");
    expect(team.length).toBeGreaterThan(0);
    for (const r of team) expect(r.vaerdi).toBeNull();
  });
});
