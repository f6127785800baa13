// The standard "every mart column documented in the model's .json sidecar", over the real models.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discoverModels } from "../../pipelines/runner/models.ts";
import type { Warehouse } from "../../pipelines/db.ts";
import { buildFixture, MODELS_DIR } from "../helpers/fixture.ts";

const marts = discoverModels(MODELS_DIR).filter((m) => m.layer === "marts");
let wh: Warehouse;
beforeAll(async () => {
  wh = await buildFixture({}, { asOf: "2025-10-15" });
});
afterAll(() => wh?.close());

describe("every mart is documented", () => {
  it.each(marts.map((m) => [m.name]))("%s: the table and every column have a description (COMMENT ON)", async (name) => {
    const [table] = await wh.all<{ comment: string | null }>(`select comment from duckdb_tables() where table_name = ?`, [name]);
    expect(table?.comment, `${name}: no "description" in its .json sidecar`).toBeTruthy();
    const columns = await wh.all<{ column_name: string; comment: string | null }>(
      `select column_name, comment from duckdb_columns() where table_name = ? order by column_index`,
      [name],
    );
    expect(columns.filter((c) => !c.comment).map((c) => c.column_name), `${name}: columns without a description in its .json sidecar`).toEqual([]);
    const documented = [...(marts.find((m) => m.name === name)!.sidecar?.columns.keys() ?? [])];
    expect(documented.filter((c) => !columns.some((x) => x.column_name === c)), `${name}: documented columns the table lacks`).toEqual([]);
  });
});
