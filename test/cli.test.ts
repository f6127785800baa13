import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { main } from "../pipelines/cli.ts";
import { openWarehouse } from "../pipelines/db.ts";
import { createLogger } from "../pipelines/log.ts";

const run = async (argv: string[]) => {
  let out = "";
  let err = "";
  const code = await main(argv, { stdout: { write: (t) => void (out += t) }, stderr: { write: (t) => void (err += t) }, env: {} });
  return { code, out, err };
};

test("an error that quotes a CPR number prints it masked, on one line, with the error's exit code", async () => {
  const dir = mkdtempSync(join(tmpdir(), "libu-cli-"));
  const { code, err } = await run(["load", join(dir, "eksport-010203-1234"), "--as-of", "2026-10-15", "--db", join(dir, "w.duckdb")]);
  expect(code).toBeGreaterThan(0);
  expect(err).toContain("010203-****");
  expect(err).not.toMatch(/010203-?1234/);
  expect(err.trim().split("\n").filter((l) => l.startsWith("libu:"))).toHaveLength(1);
});

test("log lines are CPR-masked", () => {
  let text = "";
  const log = createLogger({ write: (t) => void (text += t) });
  log.info("fil 0102031234.csv");
  log.warn("række med 010203-1234");
  expect(text).toBe("fil 010203-****.csv\nadvarsel: række med 010203-****\n");
});

test("an unknown command exits 2 and says how to get help", async () => {
  const { code, err } = await run(["bogus"]);
  expect(code).toBe(2);
  expect(err).toContain("libu --help");
});

test("libu sql writes dates, timestamps and pseudonyms alike in every format", async () => {
  const db = join(mkdtempSync(join(tmpdir(), "libu-cli-")), "w.duckdb");
  const wh = await openWarehouse(db);
  await wh.run(`create table t as select date '2010-06-17' as d, timestamp '2025-01-05 10:15:00' as ts, uuid '0684e94b-d8e2-5c69-96e9-345e4f086b8e' as barn_id, 12::bigint as n`);
  wh.close();
  const json = await run(["sql", "--db", db, "--format", "json", "select * from t"]);
  expect(json.err).toBe("");
  expect(JSON.parse(json.out)).toEqual([{ d: "2010-06-17", ts: "2025-01-05 10:15:00", barn_id: "0684e94b-d8e2-5c69-96e9-345e4f086b8e", n: 12 }]);
  const csv = await run(["sql", "--db", db, "--format", "csv", "select * from t"]);
  expect(csv.out).toBe("d,ts,barn_id,n\r\n2010-06-17,2025-01-05 10:15:00,0684e94b-d8e2-5c69-96e9-345e4f086b8e,12\r\n");
});

// Users speak Danish (issue 9, deliverable 7): the help of libu and of every command, and Node's English
// argument errors, reach the user in Danish. English words that would betray an untranslated text:
const ENGLISH = /\b(the|runs?|writes?|loads?|builds?|folder|file|usage|unknown|must|default|give|exactly|into|with)\b/i;

test("libu --help and every command's --help are in Danish", async () => {
  const top = await run(["--help"]);
  expect(top.code).toBe(0);
  expect(top.out).toMatch(/^brug: libu <kommando>/);
  const names = [...top.out.matchAll(/^ {2}(\S+) /gm)].map((m) => m[1]);
  expect(names.length).toBeGreaterThan(10);
  for (const name of names) {
    const help = await run([name, "--help"]);
    expect(help.code, name).toBe(0);
    // Option names and file names stay as they are; the prose around them is Danish.
    const prose = help.out.replace(/libu [a-z]+|--[a-z-]+|<[^>]+>|`[^`]*`|\S+\.(json|csv|xlsx|md|duckdb)\b|data_test_results|dist\/|models\//g, "");
    expect(prose, `libu ${name} --help`).not.toMatch(ENGLISH);
  }
});

test("argument errors from the option parser are Danish and name the option", async () => {
  const unknown = await run(["build", "--bad"]);
  expect(unknown.code).toBe(2);
  expect(unknown.err).toMatch(/^libu: ukendt tilvalg --bad — brug: libu build/);
  const missing = await run(["sql", "--format"]);
  expect(missing.err).toMatch(/^libu: --format mangler en værdi — brug: libu sql/);
  for (const r of [unknown, missing]) expect(r.err.replace(/libu [a-z]+|--[a-z-]+|<[^>]+>/g, "")).not.toMatch(ENGLISH);
});
