// `libu run <folder>`: load, build and site in one go, through the three commands themselves.
import type { Command } from "../command.ts";
import { UsageError } from "../errors.ts";

export const command: Command = {
  name: "run",
  summary: "load, build and site in one go",
  usage: "libu run <folder> [--as-of <YYYY-MM-DD>] [--profile <name|file>] [--accept-rejects] [--out <folder>] [--db <file>]",
  help: "Runs `libu load <folder>`, `libu build` and `libu site` against the same warehouse; stops at the first failure.",
  options: {
    "as-of": { type: "string" },
    profile: { type: "string" },
    "accept-rejects": { type: "boolean" },
    out: { type: "string", default: "dist" },
  },
  async run({ values, positionals }, ctx) {
    if (positionals.length !== 1) throw new UsageError(`give exactly one folder — usage: ${this.usage}`);
    const [load, build, site] = await Promise.all(["load", "build", "site"].map(async (n) => (await import(`./${n}.ts`)).command as Command));
    await load.run(
      { values: { "as-of": values["as-of"], profile: values.profile, "accept-rejects": values["accept-rejects"] }, positionals },
      ctx,
    );
    await build.run({ values: {}, positionals: [] }, ctx);
    await site.run({ values: { out: values.out }, positionals: [] }, ctx);
  },
};
