// `libu site`: builds the static site (Observable Framework, root `dashboards/`) from the warehouse.
import { resolve } from "node:path";
import type { Command, Context } from "../command.ts";
import { buildSite } from "../site/build-site.ts";

export const command: Command = {
  name: "site",
  summary: "bygger det statiske site med kvartalets tal fra datavarehuset",
  usage: "libu site [--db <fil>] [--out <mappe>]",
  help: "Sitet (Observable Framework) skrives til --out (standard dist/). Kun aggregerede tal, små tal skjult, når frem til det.\nEt fejlet eller afbrudt byggeri lader det forrige site stå.",
  options: { out: { type: "string", default: "dist" } },
  async run({ values }, ctx: Context) {
    const outDir = resolve(ctx.cwd, values.out as string);
    await ctx.log.timed(`site: ${outDir}`, () => buildSite({ dbPath: ctx.dbPath, outDir, env: { ...ctx.env, LIBU_CONFIG: ctx.configPath }, log: (line) => ctx.log.info(line) }));
  },
};
