// `libu run <folder>`: load, build and site in one go, through the same library functions as the three commands.
import { resolve } from "node:path";
import type { Command } from "../command.ts";
import { UsageError } from "../errors.ts";
import { formatReport } from "../load/report.ts";
import { LOAD_FLAGS, loadRequest } from "../load/request.ts";
import { loadWarehouse } from "../load-warehouse.ts";
import { MODELS_DIR } from "../paths.ts";
import { buildWarehouse } from "../runner/build-warehouse.ts";
import { buildSite } from "../site/build-site.ts";

export const command: Command = {
  name: "run",
  summary: "indlæsning, byggeri og site i ét (`libu load`, `libu build` og `libu site`)",
  usage: "libu run <mappe> [--as-of <YYYY-MM-DD>] [--profile <navn|fil>] [--accept-rejects] [--out <mappe>] [--db <fil>]",
  help: "Kører `libu load <mappe>`, `libu build` og `libu site` mod samme datavarehus; stopper ved den første fejl.",
  options: { ...LOAD_FLAGS, out: { type: "string", default: "dist" } },
  async run({ values, positionals }, ctx) {
    if (positionals.length !== 1) throw new UsageError(`giv præcis én mappe — brug: ${this.usage}`);
    const { opts, deps } = loadRequest(positionals[0], values, ctx);
    const report = await loadWarehouse(ctx.dbPath, opts, deps);
    ctx.stdout.write(formatReport(report));
    await buildWarehouse({ dbPath: ctx.dbPath, modelsDir: MODELS_DIR, config: ctx.config, log: ctx.log });
    const outDir = resolve(ctx.cwd, values.out as string);
    await ctx.log.timed(`site: ${outDir}`, () => buildSite({ dbPath: ctx.dbPath, outDir, env: ctx.env, log: (line) => ctx.log.info(line) }));
  },
};
