// The models ↔ site seam tested for real (issue 9, deliverable 5). The site's tests run against a hand-built
// fixture warehouse; here the site's data loaders run, as Framework runs them, against a warehouse built by the
// real loader and runner from the demo export, and both are compared: every table the fixture has must be built
// by the models with the same columns, and every loader's JSON must have the same shape. A mart column renamed
// in a model therefore fails this test even though the site's tests still pass.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { libu } from "../helpers/libu.ts";
import { DEFAULT_AS_OF } from "../../pipelines/commands/demo.ts";
import { openWarehouse } from "../../pipelines/db.ts";
import { DASHBOARDS_DIR, NODE_MODULES } from "../../pipelines/paths.ts";
import { writeFixtureWarehouse } from "./fixture-warehouse.ts";
import { tableColumns } from "../../pipelines/runner/comments.ts";
import { schemaDiff, shapeDiff, shapeOf } from "./seam.ts";

const LOADERS = ["kpi", "underretninger", "anbringelser", "datakvalitet", "ledelsestilsyn", "udgivelser"];

let root: string;
let real: string;
let fixture: string;

const run = (args: string[]) => libu(args, { cwd: root });

/** A data loader run as Framework runs it: tsx, the warehouse in LIBU_DB, JSON on stdout. */
function runLoader(name: string, db: string): unknown {
  const tsx = join(NODE_MODULES, ".bin", "tsx");
  const out = execFileSync(tsx, [join(DASHBOARDS_DIR, "data", `${name}.json.ts`)], {
    env: { ...process.env, LIBU_DB: db },
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(out);
}

async function columns(db: string) {
  const wh = await openWarehouse(db, { readOnly: true });
  try {
    return await tableColumns(wh);
  } finally {
    wh.close();
  }
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "libu-seam-"));
  real = join(root, "demo.duckdb");
  fixture = join(root, "fixture.duckdb");
  await run(["demo", "--out", join(root, "demo")]);
  await run(["load", join(root, "demo"), "--as-of", DEFAULT_AS_OF, "--db", real]);
  await run(["build", "--db", real]);
  await writeFixtureWarehouse(fixture);
}, 240_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("the models ↔ site seam", () => {
  it("every table of the site's fixture warehouse is built by the models, with the same columns", async () => {
    expect(schemaDiff(await columns(fixture), await columns(real))).toEqual([]);
  });

  it.each(LOADERS)("data loader %s gives the same shape on the real warehouse as on the fixture", (name) => {
    const onReal = runLoader(name, real);
    const onFixture = runLoader(name, fixture);
    expect(shapeDiff(shapeOf(onFixture), shapeOf(onReal))).toEqual([]);
  }, 120_000);

  it("fails when a mart column is renamed (so the tests above can fail)", async () => {
    const renamed = async (name: string, sql: string) => {
      const db = join(root, `${name}.duckdb`);
      copyFileSync(real, db);
      const wh = await openWarehouse(db);
      await wh.run(sql);
      wh.close();
      return db;
    };
    const placements = await renamed("ophoerte", "alter table mart_anbringelser_kvartal rename column ophoerte to afsluttede");
    expect(schemaDiff(await columns(fixture), await columns(placements))).toEqual([
      "mart_anbringelser_kvartal.ophoerte: in the fixture, not in the model",
      "mart_anbringelser_kvartal.afsluttede: in the model, not in the fixture",
    ]);
    expect(() => runLoader("anbringelser", placements)).toThrow(); // a loader naming the column fails outright
    // One passing the table's columns through changes its output's shape.
    const registry = await renamed("emne", "alter table mart_kpi_definitioner rename column emne to subjekt");
    expect(shapeDiff(shapeOf(runLoader("kpi", fixture)), shapeOf(runLoader("kpi", registry)))).toEqual([
      ".definitioner[].emne: in the fixture's output only",
      ".definitioner[].subjekt: in the real warehouse's output only",
    ]);
  }, 120_000);
});
