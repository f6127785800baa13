// `libu site`: builds the static site (Observable Framework, root `dashboards/`) from the warehouse.
import { resolve } from "node:path";
import type { Command, Context } from "../command.ts";
import { buildSite } from "../site/build-site.ts";

export const command: Command = {
  name: "site",
  summary: "builds the static dashboard site from the warehouse",
  usage: "libu site [--db <file>] [--out <folder>]",
  help: "The site (Observable Framework) goes to --out (default dist/). Only suppressed aggregates reach it.",
  options: { out: { type: "string", default: "dist" } },
  async run({ values }, ctx: Context) {
    const outDir = resolve(ctx.cwd, values.out as string);
    await ctx.log.timed(`site: ${outDir}`, () => buildSite({ dbPath: ctx.dbPath, outDir, env: { ...ctx.env, LIBU_CONFIG: ctx.configPath } }));
  },
};
