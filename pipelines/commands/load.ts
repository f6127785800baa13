// `libu load <folder>`: loads a folder of case-system exports into the warehouse (docs/contract.md).
import type { Command } from "../command.ts";
import { pseudonymKey } from "../config.ts";
import { UsageError } from "../errors.ts";
import { formatReport } from "../load/report.ts";
import { loadWarehouse } from "../load-warehouse.ts";

/** Test hook: with LIBU_TEST_PAUSE_IN_LOAD set, the load announces itself on stderr and waits inside its transaction. */
const PAUSE_ENV = "LIBU_TEST_PAUSE_IN_LOAD";

export const command: Command = {
  name: "load",
  summary: "indlæser sagssystemets eksportfiler (CSV/XLSX) i datavarehuset, alt eller intet, og skriver indlæsningsrapporten",
  usage: "libu load <mappe> [--as-of <YYYY-MM-DD>] [--profile <navn|fil>] [--accept-rejects] [--proev] [--db <fil>]",
  help: [
    "Hver <tabel>.csv eller <tabel>.xlsx i <mappe> erstatter tabellens forrige udtræk; de andre tabeller beholder deres.",
    "--as-of           udtræksdatoen; uden den bruges mappens libu-manifest.json, ellers dagens dato (og det siges); datoer efter den sættes i karantæne",
    "--profile         en kildeprofil fra data/profiles/<navn>.json (eller en sti), der oversætter et systems eksport til kontrakten",
    "--accept-rejects  indlæs også når mere end 5 % af en tabels rækker sættes i karantæne",
    "--proev           prøvekørsel: alt undtagen indlæsningen — rapporten med antal og op til tre eksempler (CPR maskeret)",
    "                  pr. regel og kolonne; lageret ændres ikke",
    "Fejlbehæftede rækker går i karantænetabellen (CPR maskeret); fejl i en hel fil stopper indlæsningen, og intet ændres.",
  ].join("\n"),
  options: {
    "as-of": { type: "string" },
    profile: { type: "string" },
    "accept-rejects": { type: "boolean" },
    proev: { type: "boolean" },
  },
  async run({ values, positionals }, ctx) {
    if (positionals.length !== 1) throw new UsageError(`giv præcis én mappe — brug: ${this.usage}`);
    const pseudonym = pseudonymKey(ctx.config, ctx.env);
    const report = await loadWarehouse(
      ctx.dbPath,
      {
        folder: positionals[0],
        asOf: values["as-of"] as string | undefined,
        profile: values.profile as string | undefined,
        acceptRejects: !!values["accept-rejects"],
        proev: !!values.proev,
        dataFra: ctx.config,
      },
      {
        log: ctx.log,
        pseudonym,
        cwd: ctx.cwd,
        beforeCommit: ctx.env[PAUSE_ENV]
          ? async () => {
              ctx.stderr.write("libu-test: paused inside the load transaction\n");
              await new Promise((r) => setTimeout(r, Number(ctx.env[PAUSE_ENV]) || 60_000));
            }
          : undefined,
      },
    );
    ctx.stdout.write(formatReport(report));
  },
};
