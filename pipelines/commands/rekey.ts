// `libu rekey <folder>`: a new pseudonymisation key for the warehouse (issue 11): like `libu load`, but the folder must
// hold every table that has rows, and the new key's fingerprint replaces the old one in the same transaction.
import type { Command } from "../command.ts";
import { UsageError } from "../errors.ts";
import { formatReport } from "../load/report.ts";
import { LOAD_FLAGS, loadRequest } from "../load/request.ts";
import { loadWarehouse } from "../load-warehouse.ts";

export const command: Command = {
  name: "rekey",
  summary: "skifter lagerets pseudonymiseringsnøgle: indlæser alle tabeller igen fra <mappe> med den nye nøgle",
  usage: "libu rekey <mappe> [--as-of <YYYY-MM-DD>] [--profile <navn|fil>] [--accept-rejects] [--db <fil>]",
  help: [
    "Når nøglen (LIBU_PSEUDONYM_KEY eller konfigurationens pseudonymKey) er skiftet: <mappe> skal rumme alle tabeller med rækker,",
    "og de indlæses alle igen med den nye nøgle i én transaktion; den nye nøgles fingeraftryk gemmes samtidig.",
    "--as-of, --profile og --accept-rejects som for `libu load`.",
  ].join("\n"),
  options: LOAD_FLAGS,
  async run({ values, positionals }, ctx) {
    if (positionals.length !== 1) throw new UsageError(`giv præcis én mappe — brug: ${this.usage}`);
    const { opts, deps } = loadRequest(positionals[0], values, ctx);
    const report = await loadWarehouse(ctx.dbPath, { ...opts, rekey: true }, deps);
    ctx.stdout.write(formatReport(report));
  },
};
