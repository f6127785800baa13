// Headless Chromium (findChromium: $LIBU_CHROMIUM or the usual paths) for the site tests and screenshots, with the flags that keep it off the network.
import { chromium, type Browser, type Page } from "playwright-core";
import { CHROMIUM_ARGS, findChromium } from "../../pipelines/report/chromium.ts";


export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
}

export interface Visit {
  errors: string[];
  failed: string[];
  outside: string[];
}

/** Watches a page: console errors, page errors, failed requests and requests that leave `origin`. */
export function watch(page: Page, origin: string): Visit {
  const v: Visit = { errors: [], failed: [], outside: [] };
  page.on("console", (m) => {
    if (m.type() === "error") v.errors.push(m.text());
  });
  page.on("pageerror", (e) => v.errors.push(String(e)));
  page.on("requestfailed", (r) => v.failed.push(`${r.url()} ${r.failure()?.errorText}`));
  page.on("response", (r) => {
    if (r.status() >= 400) v.failed.push(`${r.url()} ${r.status()}`);
  });
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:") && u !== "about:blank") v.outside.push(u);
  });
  return v;
}

/** Opens `url` and waits until the page has rendered its quarter (`body[data-klar]`). */
export async function open(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: "load" });
  await page.waitForSelector("body[data-klar]", { timeout: 30_000 });
}
