// `libu report --kvartal 2025K3 --pdf <file>`: the Kvartalsrapport of one quarter as PDF, from a site built
// for the purpose (or one given with --site).
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Command } from "../command.ts";
import { LibuError, UsageError } from "../errors.ts";
import { printReport } from "../report/print-report.ts";
import { buildSite } from "../site/build-site.ts";

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
