// `npm run demo:udgivelser`: the demo municipality publishes two consecutive quarters, and the second lists the
// revisions a reload caused. 2026K2 is released from the demo's exports; then a new export arrives in which a
// dozen notifications received in 2026K2 were registered late; it is loaded and built, and 2026K3 is released —
// its revisioner.csv and the PDF's "Revisioner" page list exactly the published 2026K2 figures that moved.
// Everything goes to data/ and udgivelser/demo/ (git-ignored); the demo's own warehouse, never data/warehouse.duckdb.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "../cli.ts";
import { REPO } from "../paths.ts";

const AS_OF = "2026-10-15";
const exports = join(REPO, "data", "demo");
const late = join(REPO, "data", "demo-sene");
const db = join(REPO, "data", "demo-udgivelser.duckdb");
const out = join(REPO, "udgivelser", "demo");

async function libu(...args: string[]): Promise<void> {
  const code = await main(args, { cwd: REPO });
  if (code !== 0) {
    process.stderr.write(`demo:udgivelser: \`libu ${args.join(" ")}\` fejlede (kode ${code})\n`);
    process.exit(code);
  }
}

/**
 * The later export: the same files, and `n` notifications received in 2026K2 registered late — copies of real
 * 2026K2 lines (same child, same day) under new ids. Works on the file's bytes (latin1), whatever its encoding.
 */
export function withLateNotifications(text: string, n: number): string {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const lines = text.split(eol);
  const col = lines[0].toLowerCase().split(";").indexOf("modtaget");
  const inK2 = /^((0[1-9]|[12]\d|3[01])[-./]0[4-6][-./]2026|2026-0[4-6]-\d\d)/;
  const k2 = lines.slice(1).filter((l) => inK2.test(l.split(";")[col] ?? ""));
  const extra = k2.slice(0, n).map((l, i) => l.replace(/^[^;]+/, `U9${String(i + 1).padStart(5, "0")}`));
  const body = lines.at(-1) === "" ? lines.slice(0, -1) : lines;
  return [...body, ...extra, ""].join(eol);
}

if (process.argv[1]?.endsWith("demo.ts")) {
  process.env.OBSERVABLE_TELEMETRY_DISABLE = "true";
  rmSync(db, { force: true });
  rmSync(`${db}.wal`, { force: true });
  rmSync(out, { recursive: true, force: true });
  await libu("demo", "--out", exports);
  await libu("load", exports, "--as-of", AS_OF, "--db", db);
  await libu("build", "--db", db);
  await libu("udgiv", "--db", db, "--kvartal", "2026K2", "--out", out);

  rmSync(late, { recursive: true, force: true });
  mkdirSync(late, { recursive: true });
  for (const f of readdirSync(exports)) copyFileSync(join(exports, f), join(late, f));
  const file = join(late, "underretninger.csv");
  if (!existsSync(file)) throw new Error(`${file}: the demo's notifications are not a CSV file`);
  writeFileSync(file, withLateNotifications(readFileSync(file, "latin1"), 12), "latin1");
  await libu("load", late, "--as-of", AS_OF, "--db", db);
  await libu("build", "--db", db);
  await libu("udgiv", "--db", db, "--kvartal", "2026K3", "--out", out);
  process.stdout.write(`\nTo udgivelser i ${out}; revisionerne efter genindlæsningen: ${join(out, "2026K3", "revisioner.csv")}\n`);
}
