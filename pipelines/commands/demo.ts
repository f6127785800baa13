// `libu demo`: writes a synthetic municipality (or the national benchmark set) as canonical export files.
import { relative, resolve } from "node:path";
import type { Command } from "../command.ts";
import { day, isoDate } from "../demo/dates.ts";
import { DEFAULT_SEED, type Scale, generateDemo } from "../demo/generate.ts";
import { UsageError } from "../errors.ts";
import { formatDuration } from "../log.ts";

/** Fixed so the default output is the same every day; 2026K3 is then the latest complete quarter. */
export const DEFAULT_AS_OF = "2026-10-15";

export const command: Command = {
  name: "demo",
  summary: "writes a realistic synthetic municipality (or a national-scale set for benchmarks) as export files",
  usage: "libu demo [--out <folder>] [--seed <n>] [--scale kommune|national] [--as-of <YYYY-MM-DD>]",
  help: [
    "Synthetic data only: CPR numbers are valid in form but invented. The same seed gives byte-identical files.",
    `Defaults: --out data/demo (data/national for --scale national), --seed ${DEFAULT_SEED}, --as-of ${DEFAULT_AS_OF}.`,
    "A dozen rows per municipality are spoiled on purpose (pipelines/demo/defects.ts) so the quarantine has work.",
    "Skriver også libu-manifest.json (as-of-dato, seed, skala) ved filerne; libu load bruger datoen, når --as-of ikke er angivet.",
  ].join("\n"),
  options: {
    out: { type: "string" },
    seed: { type: "string" },
    scale: { type: "string", default: "kommune" },
    "as-of": { type: "string" },
  },
  async run({ values, positionals }, ctx) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}" — usage: ${this.usage}`);
    const scale = values.scale as string;
    if (scale !== "kommune" && scale !== "national") throw new UsageError(`--scale must be kommune or national, not "${scale}"`);
    const seedText = (values.seed as string | undefined) ?? String(DEFAULT_SEED);
    if (!/^\d{1,10}$/.test(seedText) || Number(seedText) > 0xffffffff) throw new UsageError(`--seed must be a whole number from 0 to 4294967295, not "${seedText}"`);
    const asOfText = (values["as-of"] as string | undefined) ?? DEFAULT_AS_OF;
    let asOf: number;
    try {
      asOf = day(asOfText);
    } catch {
      throw new UsageError(`--as-of must be a date YYYY-MM-DD, not "${asOfText}"`);
    }
    const out = resolve(ctx.cwd, (values.out as string | undefined) ?? (scale === "national" ? "data/national" : "data/demo"));
    const result = await generateDemo({
      out,
      seed: Number(seedText),
      scale: scale as Scale,
      asOf,
      onProgress: (done, total) => ctx.log.progress("kommuner", done, total),
    });
    // What was written is the command's result: stdout, one terse line per file and a summary.
    const shown = (f: string) => relative(ctx.cwd, f) || f;
    const lines = result.files.map(
      (f) => `${shown(f.file).padEnd(34)} ${String(f.rows).padStart(9)} rows ${(f.bytes / 1e6).toFixed(1).padStart(7)} MB  ${f.format}`,
    );
    const rows = result.files.reduce((s, f) => s + f.rows, 0);
    lines.push(
      `demo: ${result.municipalities === 1 ? "1 municipality" : `${result.municipalities} municipalities`}, ${result.children} children aged 0–17, ` +
        `${rows} rows from ${isoDate(result.windowStart)} to ${asOfText}, ${result.defects.length} deliberately defective rows, seed ${seedText} ` +
        `(${formatDuration(result.ms)})`,
    );
    ctx.stdout.write(`${lines.join("\n")}\n`);
  },
};
