// `libu udgiv --kvartal <YYYYKn> [--out <folder>] [--note "<tekst>"]` and `libu udgiv --tjek <folder>/<YYYYKn>`.
import { join, relative, resolve } from "node:path";
import type { Command } from "../command.ts";
import { LibuError, UsageError } from "../errors.ts";
import { existsSync } from "node:fs";
import { openWarehouse } from "../db.ts";
import { checkRelease } from "../release/manifest.ts";
import { recordedManifest } from "../release/store.ts";
import { makeRelease } from "../release/release.ts";
import { buildSite } from "../site/build-site.ts";
import { printReport } from "../report/print-report.ts";

export const DEFAULT_OUT = "udgivelser";

export const command: Command = {
  name: "udgiv",
  summary: "laver en fastfrosset kvartalsudgivelse (tal, site, PDF-bilag, Excel) eller tjekker en",
  usage: 'libu udgiv --kvartal <YYYYKn> [--out <mappe>] [--note "<begrundelse>"] [--db <fil>]   |   libu udgiv --tjek <mappe>/<YYYYKn>',
  help: [
    `Skriver udgivelsen til <mappe>/<YYYYKn>/ (standard: ${DEFAULT_OUT}/): alle udgivne tal som CSV og Parquet (skjulte små tal`,
    "som på sitet), det byggede site, PDF-bilaget, et Excel-bilag, revisioner.csv og manifest.json med kontrolsummer.",
    "En udgivelse overskrives aldrig: en rettet udgivelse bliver <YYYYKn>-v2 og kræver --note med begrundelsen.",
    "--tjek genberegner alle kontrolsummer og siger, hvilke filer der er ændret, mangler eller er kommet til. Manifestet selv tjekkes mod manifest.sha256 og mod datavarehusets kontrolsum for udgivelsen (--db).",
  ].join("\n"),
  options: { kvartal: { type: "string" }, out: { type: "string" }, note: { type: "string" }, tjek: { type: "string" } },
  async run({ values, positionals }, ctx) {
    if (positionals.length) throw new UsageError(`uventet argument "${positionals[0]}" — brug: ${this.usage}`);
    if (values.tjek !== undefined) {
      if (values.kvartal !== undefined) throw new UsageError(`brug enten --kvartal eller --tjek, ikke begge — brug: ${this.usage}`);
      const dir = resolve(ctx.cwd, values.tjek as string);
      // The warehouse's record of the manifest's checksum, when it knows the release.
      let recorded: string | null = null;
      if (existsSync(ctx.dbPath)) {
        let wh;
        try {
          wh = await openWarehouse(ctx.dbPath, { readOnly: true });
          recorded = await recordedManifest(wh, dir);
        } catch (e) {
          ctx.log.info(`udgiv --tjek: datavarehuset ${ctx.dbPath} kan ikke læses (${(e as Error).message.split("\n")[0]}); manifestet tjekkes kun mod manifest.sha256`);
        } finally {
          wh?.close();
        }
      }
      let r;
      try {
        r = checkRelease(dir, recorded);
      } catch (e) {
        throw new LibuError((e as Error).message);
      }
      const problems = [
        ...r.aendret.map((f) => `ændret: ${f}`),
        ...r.mangler.map((f) => `mangler: ${f}`),
        ...r.ekstra.map((f) => `ikke i manifestet: ${f}`),
      ];
      if (problems.length) throw new LibuError(`${dir}: udgivelsen er ikke som udgivet (${problems.length} af ${r.filer} filer og manifestet):\n${problems.join("\n")}`, 5);
      const mod = recorded ? "manifest.sha256 og datavarehuset" : "manifest.sha256 (datavarehuset kender ikke udgivelsen)";
      ctx.stdout.write(`${dir}: alle ${r.filer} filer er som udgivet; manifestet er tjekket mod ${mod}\n`);
      return;
    }
    const kvartal = values.kvartal as string | undefined;
    if (!kvartal || !/^\d{4}K[1-4]$/.test(kvartal)) throw new UsageError(`--kvartal skal være et kvartal som 2026K3 — brug: ${this.usage}`);
    const out = resolve(ctx.cwd, (values.out as string | undefined) ?? DEFAULT_OUT);
    const result = await makeRelease({
      dbPath: ctx.dbPath,
      kvartal,
      out,
      note: (values.note as string | undefined) ?? null,
      config: ctx.config,
      log: ctx.log,
      env: ctx.env,
      site: async ({ dbPath, dir, kvartal, published }) => {
        const siteDir = join(dir, "site");
        await ctx.log.timed("udgiv: site bygget", () => buildSite({ dbPath, outDir: siteDir, env: { ...ctx.env, LIBU_CONFIG: ctx.configPath, LIBU_TIL_KVARTAL: kvartal }, log: (line) => ctx.log.info(line), published }));
        await ctx.log.timed("udgiv: PDF-bilag skrevet", () => printReport({ siteDir, kvartal, pdfPath: join(dir, "bilag.pdf") }));
      },
    });
    const shown = relative(ctx.cwd, result.dir) || result.dir;
    const n = result.revisioner.length;
    ctx.stdout.write(
      `${shown}: ${result.udgivelse} udgivet (${Object.keys(result.manifest.filer).length} filer, ${n === 0 ? "ingen revisioner" : n === 1 ? "1 revision" : `${n} revisioner`})\n`,
    );
  },
};
