// `npm start`: the demo from nothing — generate a synthetic municipality, load it, build the models and the
// site, and serve the site on localhost. Uses its own warehouse (data/demo.duckdb), never data/warehouse.duckdb.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { main } from "./cli.ts";
import { DATA_DIR, REPO } from "./paths.ts";
import { demoTilsyn } from "./demo/tilsyn.ts";
import { serve } from "./serve.ts";

process.env.OBSERVABLE_TELEMETRY_DISABLE = "true";
const db = join(DATA_DIR, "demo.duckdb");
const demoDir = join(DATA_DIR, "demo");
const dist = join(REPO, "dist");

async function step(args: string[]): Promise<void> {
  const code = await main(args, { cwd: REPO });
  if (code !== 0) {
    process.stderr.write(`npm start: \`libu ${args.join(" ")}\` failed (exit ${code})\n`);
    process.exit(code);
  }
}

const { DEFAULT_AS_OF } = (await import("./commands/demo.ts")) as { DEFAULT_AS_OF?: string };
rmSync(db, { force: true });
rmSync(`${db}.wal`, { force: true });
await step(["demo", "--out", demoDir]);
// No --as-of: the load takes the demo's date from the libu-manifest.json that `libu demo` wrote beside the files.
await step(["load", demoDir, "--db", db]);
await step(["build", "--db", db]);
// The ledelsestilsyn: samples, review workbooks filled as leaders would, loaded back (internal: data/demo/tilsyn).
const tilsynDir = join(demoDir, "tilsyn");
rmSync(tilsynDir, { recursive: true, force: true });
await demoTilsyn(step, db, tilsynDir, DEFAULT_AS_OF);
// The worklists as the unit leaders get them (internal: data/demo/arbejdslister); one line per list.
const listsDir = join(demoDir, "arbejdslister");
rmSync(listsDir, { recursive: true, force: true });
await step(["arbejdslister", "--db", db, "--out", listsDir]);
await step(["site", "--db", db, "--out", dist]);

const wanted = Number(process.env.PORT ?? 3000);
let server;
for (let port = wanted; ; port++) {
  try {
    server = await serve(dist, { port });
    break;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EADDRINUSE" || port > wanted + 20) throw e;
  }
}
process.stdout.write(`\nKvartalsrapporten kører på ${server.url}/  (Ctrl+C stopper)\n`);
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => server.close().then(() => process.exit(0)));
