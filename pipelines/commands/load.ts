// `libu load <folder>`: loads a folder of case-system exports into the warehouse (docs/contract.md).
import type { Command } from "../command.ts";
import { UsageError } from "../errors.ts";
import { formatReport } from "../load/report.ts";
import { LOAD_FLAGS, loadRequest } from "../load/request.ts";
import { loadWarehouse } from "../load-warehouse.ts";

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
  options: { ...LOAD_FLAGS, proev: { type: "boolean" } },
  async run({ values, positionals }, ctx) {
    if (positionals.length !== 1) throw new UsageError(`giv præcis én mappe — brug: ${this.usage}`);
    const { opts, deps } = loadRequest(positionals[0], values, ctx);
    const report = await loadWarehouse(ctx.dbPath, opts, deps);
    ctx.stdout.write(formatReport(report));
  },
};
