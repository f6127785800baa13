import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { main } from "../pipelines/cli.ts";
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
