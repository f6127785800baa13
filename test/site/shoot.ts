// Screenshots of the built site, to look at: `tsx test/site/shoot.ts <site folder> <png folder> [kvartal]`.
import { mkdirSync } from "node:fs";
import { serve } from "../../pipelines/serve.ts";
import { launch, open, watch } from "./browser.ts";

const [site, outDir, kvartal] = process.argv.slice(2);
const pages = ["", "lovoverholdelse", "underretninger", "anbringelser", "sagsbehandling", "udviklingsplan", "datakvalitet", "metode"];
mkdirSync(outDir, { recursive: true });
const srv = await serve(site);
const browser = await launch();
try {
  for (const p of pages) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const v = watch(page, srv.url);
    await open(page, `${srv.url}/${p}${kvartal ? `?kvartal=${kvartal}` : ""}`);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${outDir}/${p || "index"}.png`, fullPage: true });
    console.log(p || "index", JSON.stringify(v));
    await page.close();
  }
} finally {
  await browser.close();
  await srv.close();
}
