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
  summary: "skriver en realistisk, opdigtet kommune (eller et landsdækkende sæt til målinger) som eksportfiler",
  usage: "libu demo [--out <mappe>] [--seed <n>] [--scale kommune|national] [--as-of <YYYY-MM-DD>]",
  help: [
    "Kun opdigtede data: CPR-numrene har den rigtige form, men er opfundet. Samme seed giver byte for byte de samme filer.",
    `Standard: --out data/demo (data/national for --scale national), --seed ${DEFAULT_SEED}, --as-of ${DEFAULT_AS_OF}.`,
    "Et dusin rækker pr. kommune er gjort forkerte med vilje (pipelines/demo/defects.ts), så karantænen har noget at vise.",
    "Skriver også libu-manifest.json (as-of-dato, data_fra, seed, skala) ved filerne; libu load bruger as-of-datoen, når --as-of ikke er angivet.",
    "data_fra er dagen efter den opdigtede overgang til sagssystemet: kvartalet med de flyttede foranstaltninger rapporteres ikke.",
  ].join("\n"),
  options: {
    out: { type: "string" },
    seed: { type: "string" },
    scale: { type: "string", default: "kommune" },
    "as-of": { type: "string" },
  },
  async run({ values, positionals }, ctx) {
    if (positionals.length > 0) throw new UsageError(`uventet argument "${positionals[0]}" — brug: ${this.usage}`);
    const scale = values.scale as string;
    if (scale !== "kommune" && scale !== "national") throw new UsageError(`--scale skal være kommune eller national, ikke "${scale}"`);
    const seedText = (values.seed as string | undefined) ?? String(DEFAULT_SEED);
    if (!/^\d{1,10}$/.test(seedText) || Number(seedText) > 0xffffffff) throw new UsageError(`--seed skal være et helt tal fra 0 til 4294967295, ikke "${seedText}"`);
    const asOfText = (values["as-of"] as string | undefined) ?? DEFAULT_AS_OF;
    let asOf: number;
    try {
      asOf = day(asOfText);
    } catch {
      throw new UsageError(`--as-of skal være en dato ÅÅÅÅ-MM-DD, ikke "${asOfText}"`);
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
      (f) => `${shown(f.file).padEnd(34)} ${String(f.rows).padStart(9)} rækker ${(f.bytes / 1e6).toFixed(1).padStart(7)} MB  ${f.format}`,
    );
    const rows = result.files.reduce((s, f) => s + f.rows, 0);
    lines.push(
      `demo: ${result.municipalities === 1 ? "1 kommune" : `${result.municipalities} kommuner`}, ${result.children} børn på 0–17 år, ` +
        `${rows} rækker fra ${isoDate(result.windowStart)} til ${asOfText}, ${result.defects.length} rækker gjort forkerte med vilje, seed ${seedText} ` +
        `(${formatDuration(result.ms)})`,
    );
    ctx.stdout.write(`${lines.join("\n")}\n`);
  },
};
