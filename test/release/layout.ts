// Layout checks of the printed appendix in Chromium: every element's box inside the printable width of an A4
// page, and every table row whole on one page of the PDF.
import { execFileSync } from "node:child_process";
import type { Page } from "playwright-core";

/** A4 minus the PDF's side margins (12 mm each, pipelines/report): 186 mm in CSS pixels. */
export const PRINTABLE_WIDTH_PX = Math.floor((186 / 25.4) * 96);

/** Elements whose box leaves the printable width, as `tag.class: left–right`, with the page laid out for print. */
export async function outsideBoxes(page: Page, width = PRINTABLE_WIDTH_PX): Promise<string[]> {
  await page.emulateMedia({ media: "print" });
  await page.setViewportSize({ width, height: 1200 });
  await page.waitForTimeout(200);
  return page.evaluate((w) => {
    const out: string[] = [];
    const root = document.querySelector("#observablehq-main") ?? document.body;
    for (const el of root.querySelectorAll("*")) {
      if (el.closest("svg") && el.tagName.toLowerCase() !== "svg") continue; // a chart is checked as one box
      const style = getComputedStyle(el);
      if (style.display === "none" || style.visibility === "hidden") continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.left < -0.5 || r.right > w + 0.5) {
        const name = `${el.tagName.toLowerCase()}${el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).join(".")}` : ""}`;
        out.push(`${name} "${(el.textContent ?? "").trim().slice(0, 40)}": ${Math.round(r.left)}–${Math.round(r.right)} px (side ${w} px)`);
      }
    }
    return out;
  }, width);
}

/** The text of each page of a PDF (pdftotext), whitespace collapsed. */
export function pdfPages(pdf: string): string[] {
  const n = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf]).toString())?.[1] ?? 0);
  return Array.from({ length: n }, (_, i) =>
    execFileSync("pdftotext", ["-f", String(i + 1), "-l", String(i + 1), pdf, "-"]).toString().replace(/\s+/g, " "),
  );
}

/**
 * Table rows split across pages: a row is whole when one page holds the start of its first cell and its last
 * cell. `rows`: each row's cell texts, read from the page in print layout.
 */
export function splitRows(rows: string[][], pages: string[]): string[] {
  // Without whitespace: the PDF's text wraps cells and spaces symbols (`◐ 75,0 %`) otherwise than the page.
  const norm = (s: string) => s.replace(/\s+/g, "");
  const flat = pages.map(norm);
  return rows
    .map((cells) => cells.map(norm).filter(Boolean))
    .filter((cells) => cells.length > 1)
    .filter((cells) => {
      const first = cells[0].slice(0, 18);
      const last = cells.at(-1)!.split("(")[0].slice(0, 8) || cells.at(-1)!.slice(0, 8);
      return !flat.some((p) => p.includes(first) && p.includes(last));
    })
    .map((cells) => cells.join(" | "));
}

/** Every visible table row's cell texts. */
export async function tableRows(page: Page): Promise<string[][]> {
  return page.evaluate(() =>
    [...document.querySelectorAll("#observablehq-main table tr")]
      .filter((tr) => (tr as HTMLElement).offsetParent !== null)
      .map((tr) => [...tr.children].map((c) => (c as HTMLElement).innerText ?? c.textContent ?? "")),
  );
}
