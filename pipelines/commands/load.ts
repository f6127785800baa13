// `libu load <folder>`: loads a folder of case-system exports into the warehouse (contract.md).
import type { Command } from "../command.ts";
import { pseudonymKey } from "../config.ts";
import { UsageError } from "../errors.ts";
import { formatReport } from "../load/report.ts";
import { loadWarehouse } from "../load-warehouse.ts";

/** Test hook: with LIBU_TEST_PAUSE_IN_LOAD set, the load announces itself on stderr and waits inside its transaction. */
const PAUSE_ENV = "LIBU_TEST_PAUSE_IN_LOAD";

export const command: Command = {
  name: "load",
  summary: "loads case-system exports (CSV/XLSX) into the warehouse atomically; prints the load report",
  usage: "libu load <folder> [--as-of <YYYY-MM-DD>] [--profile <name|file>] [--accept-rejects] [--db <file>]",
  help: [
    "Each <table>.csv or <table>.xlsx in <folder> replaces that table's previous snapshot; other tables keep theirs.",
    "--as-of        udtræksdatoen; uden den bruges mappens libu-manifest.json, ellers dagens dato (og det siges); datoer efter den sættes i karantæne",
    "--profile      a source profile from data/profiles/<name>.json (or a path) mapping a system's export to the contract",
    "--accept-rejects  load even when more than 5 % of a table's rows are quarantined",
    "Bad rows go to the quarantine table (CPR masked); file-level problems fail the whole load and change nothing.",
  ].join("\n"),
  options: {
    "as-of": { type: "string" },
    profile: { type: "string" },
    "accept-rejects": { type: "boolean" },
  },
  async run({ values, positionals }, ctx) {
    if (positionals.length !== 1) throw new UsageError(`give exactly one folder — usage: ${this.usage}`);
    const pseudonym = pseudonymKey(ctx.config, ctx.env);
    const report = await loadWarehouse(
      ctx.dbPath,
      {
        folder: positionals[0],
        asOf: values["as-of"] as string | undefined,
        profile: values.profile as string | undefined,
        acceptRejects: !!values["accept-rejects"],
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
