// `libu rekey <folder>`: a new pseudonymisation key for the warehouse (issue 11): like `libu load`, but the folder must
// hold every table that has rows, and the new key's fingerprint replaces the old one in the same transaction.
import type { Command } from "../command.ts";
import { pseudonymKey } from "../config.ts";
import { openWarehouse } from "../db.ts";
import { UsageError } from "../errors.ts";
import { loadFolder } from "../load/load-folder.ts";
import { formatReport } from "../load/report.ts";

/** Test hook: with LIBU_TEST_PAUSE_IN_LOAD set, the load announces itself on stderr and waits inside its transaction. */
const PAUSE_ENV = "LIBU_TEST_PAUSE_IN_LOAD";

export const command: Command = {
  name: "rekey",
  summary: "skifter lagerets pseudonymiseringsnøgle: indlæser alle tabeller igen fra <mappe> med den nye nøgle",
  usage: "libu rekey <mappe> [--as-of <YYYY-MM-DD>] [--profile <navn|fil>] [--accept-rejects] [--db <fil>]",
  help: [
    "Når nøglen (LIBU_PSEUDONYM_KEY eller konfigurationens pseudonymKey) er skiftet: <mappe> skal rumme alle tabeller med rækker,",
    "og de indlæses alle igen med den nye nøgle i én transaktion; den nye nøgles fingeraftryk gemmes samtidig.",
    "--as-of, --profile og --accept-rejects som for `libu load`.",
  ].join("\n"),
  options: {
    "as-of": { type: "string" },
    profile: { type: "string" },
    "accept-rejects": { type: "boolean" },
  },
  async run({ values, positionals }, ctx) {
    if (positionals.length !== 1) throw new UsageError(`giv præcis én mappe — brug: ${this.usage}`);
    const pseudonym = pseudonymKey(ctx.config, ctx.env);
    const wh = await openWarehouse(ctx.dbPath);
    try {
      const report = await loadFolder(
        wh,
        {
          folder: positionals[0],
          asOf: values["as-of"] as string | undefined,
          profile: values.profile as string | undefined,
          acceptRejects: !!values["accept-rejects"],
          rekey: true,
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
    } finally {
      wh.close();
    }
  },
};
