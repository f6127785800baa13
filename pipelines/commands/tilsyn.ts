// `libu tilsyn <udtraek|arbejdsark>`: the ledelsestilsyn (issue 13) — draw the quarter's case sample per unit, and
// write the review workbooks. The answers come back through `libu load` (the table sagsgennemgange).
import type { Command } from "../command.ts";
import { openWarehouse } from "../db.ts";
import { UsageError } from "../errors.ts";
import { DEFAULT_ANDEL_RISIKO, DEFAULT_ANTAL, draw } from "../tilsyn/draw.ts";

const number = (v: string | boolean | undefined, flag: string, fallback?: number): number | undefined => {
  if (v === undefined) return fallback;
  const n = Number(String(v).replace(",", "."));
  if (typeof v !== "string" || v.trim() === "" || !Number.isFinite(n)) throw new UsageError(`${flag} skal være et tal, ikke "${v}"`);
  return n;
};

export const command: Command = {
  name: "tilsyn",
  summary: "ledelsestilsyn: træk stikprøven af sager og skriv arbejdsarkene til gennemgangen",
  usage:
    "libu tilsyn udtraek --periode <YYYYKn> [--antal 20] [--andel-risiko 0.5] [--seed <n>] [--ny] [--db <file>]\n" +
    "       libu tilsyn arbejdsark --periode <YYYYKn> --out <mappe> [--db <file>]",
  help:
    "udtraek: trækker for hver enhed en stikprøve af de sager, der var aktive i kvartalet — et risikolag (sager, registret\n" +
    "markerer) og et tilfældigt lag af resten, fordelt efter --andel-risiko — og gemmer den i tilsyn_stikproeve med hver\n" +
    "sags inklusionssandsynlighed og seedet. Samme seed og samme lager giver samme stikprøve. En ny stikprøve for et\n" +
    "kvartal, der allerede har én, kræver --ny.\n" +
    "arbejdsark: skriver én Excel-projektmappe pr. enhed til gennemgangen (internt: sags-id'er; filerne kan kun læses af\n" +
    "ejeren og må aldrig ligge i sitets mappe). De udfyldte ark (sagsgennemgang_*.xlsx) eller en sagsgennemgange.csv\n" +
    "indlæses med `libu load <mappe>` som tabellen sagsgennemgange.",
  options: {
    periode: { type: "string" },
    antal: { type: "string" },
    "andel-risiko": { type: "string" },
    seed: { type: "string" },
    ny: { type: "boolean" },
    out: { type: "string" },
  },
  async run({ values, positionals }, ctx) {
    const [sub, ...rest] = positionals;
    if (rest.length) throw new UsageError(`uventet argument "${rest[0]}" — brug: ${this.usage}`);
    if (!values.periode) throw new UsageError(`--periode <YYYYKn> mangler — brug: ${this.usage}`);
    const periode = values.periode as string;
    if (sub === "udtraek") {
      const wh = await openWarehouse(ctx.dbPath);
      try {
        const result = await draw(wh, {
          periode,
          antal: number(values.antal, "--antal", DEFAULT_ANTAL)!,
          andelRisiko: number(values["andel-risiko"], "--andel-risiko", DEFAULT_ANDEL_RISIKO)!,
          seed: number(values.seed, "--seed"),
          ny: !!values.ny,
        });
        const total = result.units.reduce((s, u) => s + u.udtrukket, 0);
        ctx.log.info(`tilsyn: stikprøve for ${periode} trukket med seed ${result.seed}: ${total} sager i ${result.units.length} enheder`);
        for (const u of result.units)
          ctx.log.info(`  ${u.enhed}: ${u.udtrukket} af ${u.population} sager (${u.udtrukketRisiko} af ${u.risiko} i risikolaget)`);
      } finally {
        wh.close();
      }
      return;
    }
    if (sub === "arbejdsark") {
      if (!values.out) throw new UsageError(`--out <mappe> mangler — brug: ${this.usage}`);
      const { writeWorkbooks } = await import("../tilsyn/workbooks.ts");
      await writeWorkbooks(ctx, periode, values.out as string);
      return;
    }
    throw new UsageError(`${sub ? `ukendt delkommando "${sub}"` : "delkommando mangler"} — brug: ${this.usage}`);
  },
};
