// `libu report --kvartal 2025K3 --pdf <file>`: the Kvartalsrapport (front page with the compliance table) of
// one quarter, printed to A4 PDF by headless Chromium from the built site, the same report as on screen.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { chromium } from "playwright-core";
import type { Command } from "../command.ts";
import { LibuError, UsageError } from "../errors.ts";
import { serve } from "../serve.ts";
import { buildSite } from "./site.ts";

export const CHROMIUM = "/usr/bin/chromium";
/** Keeps Chromium off the network: on a closed network it would otherwise try Google's hosts. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface ReportOptions {
  /** A built site (`libu site`). */
  siteDir: string;
  kvartal: string;
  pdfPath: string;
  executablePath?: string;
  /** The page printed: the committee appendix (dashboards/bilag.md) unless another is named. */
  path?: string;
}

/** Prints the front page for `kvartal` to `pdfPath`. Fails if the site has no figures for that quarter. */
export async function printReport({ siteDir, kvartal, pdfPath, executablePath = CHROMIUM, path = "/bilag" }: ReportOptions): Promise<void> {
  if (!existsSync(executablePath)) throw new LibuError(`${executablePath}: Chromium is not installed (Debian: apt-get install chromium)`);
  const server = await serve(siteDir);
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const outside: string[] = [];
    const errors: string[] = [];
    page.on("request", (r) => {
      if (!r.url().startsWith(server.url) && !/^(data|blob|about):/.test(r.url())) outside.push(r.url());
    });
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`${server.url}${path}?kvartal=${encodeURIComponent(kvartal)}`, { waitUntil: "load" });
    try {
      await page.waitForSelector("body[data-klar]", { timeout: 60_000 });
    } catch {
      throw new LibuError(`the report page did not finish rendering${errors.length ? `: ${errors[0]}` : ""}`);
    }
    const shown = await page.evaluate(() => document.body.dataset.klar);
    if (shown !== kvartal) {
      const options = await page.evaluate(() => [...document.querySelectorAll(".kvartal-vaelger option")].map((o) => o.textContent));
      throw new LibuError(`no figures for ${kvartal} in the warehouse — quarters with figures: ${options.length ? options.join(", ") : "none"}`);
    }
    if (outside.length) throw new LibuError(`the report page asked for ${outside[0]} outside the site — refusing to print`);
    await page.emulateMedia({ media: "print" });
    const title = await page.evaluate(() => document.body.dataset.pdfTitel ?? document.querySelector("h1")?.textContent ?? "");
    mkdirSync(dirname(pdfPath), { recursive: true });
    await page.pdf({
      path: pdfPath,
      format: "A4",
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: `<div style="font-size:8px;width:100%;padding:0 12mm;color:#444;font-family:sans-serif">${escapeHtml(title)}</div>`,
      footerTemplate: `<div style="font-size:8px;width:100%;padding:0 12mm;color:#444;font-family:sans-serif;text-align:right">Side <span class="pageNumber"></span> af <span class="totalPages"></span></div>`,
      margin: { top: "16mm", bottom: "16mm", left: "12mm", right: "12mm" },
    });
  } finally {
    await browser.close();
    await server.close();
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const command: Command = {
  name: "report",
  summary: "the quarterly report for the committee as a PDF",
  usage: "libu report --kvartal <YYYYKn> --pdf <file> [--db <file>] [--site <folder>]",
  help: "Builds the site from the warehouse into a temporary folder (or uses --site, a folder built by `libu site`)\nand prints the Kvartalsrapport for the quarter with headless Chromium (/usr/bin/chromium).",
  options: { kvartal: { type: "string" }, pdf: { type: "string" }, site: { type: "string" } },
  async run({ values, positionals }, ctx) {
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}" — usage: ${this.usage}`);
    const kvartal = values.kvartal as string | undefined;
    if (!kvartal || !/^\d{4}K[1-4]$/.test(kvartal)) throw new UsageError(`--kvartal must be a quarter like 2025K3 — usage: ${this.usage}`);
    if (!values.pdf) throw new UsageError(`--pdf <file> is required — usage: ${this.usage}`);
    const pdfPath = resolve(ctx.cwd, values.pdf as string);
    let siteDir = values.site ? resolve(ctx.cwd, values.site as string) : null;
    let temp: string | null = null;
    try {
      if (!siteDir) {
        temp = mkdtempSync(join(tmpdir(), "libu-report-"));
        siteDir = join(temp, "site");
        await ctx.log.timed("site built", () => buildSite({ dbPath: ctx.dbPath, outDir: siteDir!, env: { ...ctx.env, LIBU_CONFIG: ctx.configPath } }));
      } else if (!existsSync(join(siteDir, "index.html"))) {
        throw new LibuError(`${siteDir}: no built site here — run \`libu site --out ${values.site}\` first`);
      }
      await ctx.log.timed(`report ${kvartal}: ${pdfPath}`, () => printReport({ siteDir: siteDir!, kvartal, pdfPath }));
    } finally {
      if (temp) rmSync(temp, { recursive: true, force: true });
    }
  },
};
