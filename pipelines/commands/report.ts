// `libu report --kvartal 2025K3 --pdf <file>`: the Kvartalsrapport of one quarter as PDF, from a site built
// for the purpose (or one given with --site).
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Command } from "../command.ts";
import { LibuError, UsageError } from "../errors.ts";
import { onInterrupt } from "../interrupt.ts";
import { printReport } from "../report/print-report.ts";
import { buildSite } from "../site/build-site.ts";

export const command: Command = {
  name: "report",
  summary: "kvartalsrapporten til udvalget som PDF",
  usage: "libu report --kvartal <YYYYKn> --pdf <fil> [--db <fil>] [--site <mappe>]",
  help: "Bygger sitet fra datavarehuset i en midlertidig mappe (eller bruger --site, en mappe bygget af `libu site`)\nog udskriver kvartalets Kvartalsrapport med Chromium uden skærm ($LIBU_CHROMIUM, ellers de sædvanlige stier på Linux, macOS og Windows).",
  options: { kvartal: { type: "string" }, pdf: { type: "string" }, site: { type: "string" } },
  async run({ values, positionals }, ctx) {
    if (positionals.length) throw new UsageError(`uventet argument "${positionals[0]}" — brug: ${this.usage}`);
    const kvartal = values.kvartal as string | undefined;
    if (!kvartal || !/^\d{4}K[1-4]$/.test(kvartal)) throw new UsageError(`--kvartal skal være et kvartal som 2025K3 — brug: ${this.usage}`);
    if (!values.pdf) throw new UsageError(`--pdf <fil> mangler — brug: ${this.usage}`);
    const pdfPath = resolve(ctx.cwd, values.pdf as string);
    let siteDir = values.site ? resolve(ctx.cwd, values.site as string) : null;
    let temp: string | null = null;
    // Stopped (Ctrl+C, SIGTERM): the temporary site goes with it (interrupt.ts).
    const offInterrupt = onInterrupt(() => temp && rmSync(temp, { recursive: true, force: true }));
    try {
      if (!siteDir) {
        temp = mkdtempSync(join(tmpdir(), "libu-report-"));
        siteDir = join(temp, "site");
        await ctx.log.timed("sitet er bygget", () => buildSite({ dbPath: ctx.dbPath, outDir: siteDir!, env: { ...ctx.env, LIBU_CONFIG: ctx.configPath } }));
      } else if (!existsSync(join(siteDir, "index.html"))) {
        throw new LibuError(`${siteDir}: her er intet bygget site — kør først \`libu site --out ${values.site}\``);
      }
      await ctx.log.timed(`rapport ${kvartal}: ${pdfPath}`, () => printReport({ siteDir: siteDir!, kvartal, pdfPath }));
    } finally {
      offInterrupt();
      if (temp) rmSync(temp, { recursive: true, force: true });
    }
  },
};
