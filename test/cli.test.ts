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
