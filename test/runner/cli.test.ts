// `libu build` and `libu test` through the CLI's main(), against a temp warehouse file.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../pipelines/cli.ts";
import { openWarehouse } from "../../pipelines/db.ts";
import { baseModels, tempModels } from "./helpers.ts";

async function run(argv: string[]) {
  let out = "";
  let err = "";
  const code = await main(argv, {
    stdout: { write: (t: string) => void (out += t) },
    stderr: { write: (t: string) => void (err += t) },
    env: {},
    cwd: tmpdir(),
  });
  return { code, out, err };
}

const failingMart = { ...baseModels, "marts/mart_tal.sql": "select n, n * 2 + 1 as dobbelt from stg_tal" };

describe("libu build / libu test", () => {
  it("build exits 0 with terse timed lines; test exits 0 and prints the results", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "libu-cli-")), "w.duckdb");
    const models = tempModels(baseModels);
    const built = await run(["build", "--db", db, "--models", models]);
    expect(built.code).toBe(0);
    expect(built.err).toMatch(/^ {2}stg_tal: 3 rækker \(\d+ ms\)$/m);
    expect(built.err).toMatch(/^datatests: 6 ok, 0 fejl, 0 advarsler$/m);
    expect(built.err).toMatch(/^build: 2 modeller, 6 datatests \(\d+(\.\d)? m?s\)$/m);
    const tested = await run(["test", "--db", db, "--models", models]);
    expect(tested.code).toBe(0);
    expect(tested.out).toMatch(/^ok {7}not_null stg_tal\.n$/m);
    expect(tested.err).toMatch(/datatests: 6 ok, 0 fejl, 0 advarsler/);
  });

  it("build exits 4 with one line naming the failing test, and keeps the previous marts", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "libu-cli-")), "w.duckdb");
    expect((await run(["build", "--db", db, "--models", tempModels(baseModels)])).code).toBe(0);
    const failed = await run(["build", "--db", db, "--models", tempModels(failingMart)]);
    expect(failed.code).toBe(4);
    const libuLines = failed.err.split("\n").filter((l) => l.startsWith("libu:"));
    expect(libuLines).toEqual([
      "libu: datatesten expression på mart_tal.dobbelt fejlede: 3 rækker fejler: dobbelt = 2 * n; de forrige tabeller beholdes",
    ]);
    const wh = await openWarehouse(db, { readOnly: true });
    try {
      expect(await wh.all("select dobbelt from mart_tal order by n")).toEqual([{ dobbelt: 2 }, { dobbelt: 4 }, { dobbelt: 6 }]);
      expect(await wh.all("select status, fejl from data_test_results where test = 'expression'")).toEqual([{ status: "fejl", fejl: 3 }]);
    } finally {
      wh.close();
    }
  });

  it("build exits 4 naming the model whose SQL fails", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "libu-cli-")), "w.duckdb");
    const r = await run(["build", "--db", db, "--models", tempModels({ ...baseModels, "marts/mart_tal.sql": "selec n from stg_tal" })]);
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/^libu: modellen mart_tal \(.*mart_tal\.sql\) fejlede: .*syntax error.*$/m);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack without --debug
  });

  it("test exits 4 on an error-severity failure and 0 when only warnings fail", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "libu-cli-")), "w.duckdb");
    const models = tempModels(baseModels);
    expect((await run(["build", "--db", db, "--models", models])).code).toBe(0);
    // Same tables, stricter tests: libu test runs them against the warehouse as built.
    const strict = tempModels({
      ...baseModels,
      "tests/tre_fejler.sql": "-- model: mart_tal\n-- severity: warn\nselect * from mart_tal where n = 3",
    });
    const warned = await run(["test", "--db", db, "--models", strict]);
    expect(warned.code).toBe(0);
    expect(warned.out).toMatch(/^advarsel tre_fejler mart_tal — 1 række\(r\)/m);
    const erroring = tempModels({ ...baseModels, "tests/tre_fejler.sql": "-- model: mart_tal\nselect * from mart_tal where n = 3" });
    const failed = await run(["test", "--db", db, "--models", erroring]);
    expect(failed.code).toBe(4);
    expect(failed.out).toMatch(/^FEJL {5}tre_fejler mart_tal/m);
    expect(failed.err).toMatch(/^libu: datatesten tre_fejler på mart_tal fejlede: 1 række fejler: tre_fejler$/m);
  });

  it("test refuses a warehouse that does not exist instead of creating an empty one", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "libu-cli-")), "missing.duckdb");
    const r = await run(["test", "--db", db, "--models", tempModels(baseModels)]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/missing\.duckdb: her er intet datavarehus endnu — kør først `libu load <mappe>` og `libu build`/);
  });
});
