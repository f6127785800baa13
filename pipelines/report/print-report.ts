// Prints one quarter's Kvartalsrapport (front page with the compliance table) from a built site to A4 PDF with
// headless Chromium: the same report as on screen.
import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { chromium } from "playwright-core";
import { LibuError } from "../errors.ts";
import { serve } from "../serve.ts";
import { CHROMIUM_ARGS, findChromium } from "./chromium.ts";

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
export async function printReport({ siteDir, kvartal, pdfPath, executablePath, path = "/bilag" }: ReportOptions): Promise<void> {
  if (executablePath && !existsSync(executablePath)) throw new LibuError(`${executablePath}: Chromium findes ikke her (Debian: apt-get install chromium)`);
  executablePath ??= findChromium();
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
      throw new LibuError(`rapportsiden blev ikke færdig${errors.length ? `: ${errors[0]}` : ""}`);
    }
    const shown = await page.evaluate(() => document.body.dataset.klar);
    if (shown !== kvartal) {
      const options = await page.evaluate(() => [...document.querySelectorAll(".kvartal-vaelger option")].map((o) => o.textContent));
      throw new LibuError(`ingen tal for ${kvartal} i datavarehuset — kvartaler med tal: ${options.length ? options.join(", ") : "ingen"}`);
    }
    if (outside.length) throw new LibuError(`rapportsiden bad om ${outside[0]} uden for sitet — den udskrives ikke`);
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
