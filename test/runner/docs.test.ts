import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dataDictionary } from "../../pipelines/runner/docs.ts";
import { main } from "../../pipelines/cli.ts";
import { MODELS_DIR } from "../helpers/fixture.ts";
import { baseModels, tempModels } from "./helpers.ts";

describe("libu docs", () => {
  it("writes every table with its description, columns, types and tests", async () => {
    const models = tempModels({ ...baseModels, "tests/positive.sql": "-- Numbers are positive.\n-- model: mart_tal\nselect * from mart_tal where n <= 0" });
    let out = "";
    const code = await main(["docs", "--out", "-", "--models", models], { stdout: { write: (t) => void (out += t) }, stderr: { write: () => {} }, env: {} });
    expect(code).toBe(0);
    expect(out).toMatch(/^# Data dictionary$/m);
    expect(out).toContain("### `src_underretninger`");
    expect(out).toContain("| `barn_id` | uuid | pseudonym of the child: keyed SHA-256 of the CPR number, first 128 bits as a UUID |  |");
    expect(out).toContain("### `cfg_udviklingsplan`");
    expect(out).toContain("## Staging\n\nOne model per source table: defaults applied, derived columns, seed attributes joined.\n\n### `stg_tal`\n\nnumbers\n");
    expect(out).toContain("| `n` | integer | a number | not_null, unique |");
    expect(out).toContain("| `dobbelt` | integer | twice the number | check: dobbelt = 2 * n |");
    expect(out).toContain("| `n` | integer | the number | → stg_tal.n |");
    expect(out).toContain("### `mart_tal`\n\nnumbers doubled\n\nCustom tests (below): `positive`\n");
    expect(out).toContain("| `positive` | `mart_tal` | error | Numbers are positive. |");
    expect(out).toContain("### `data_test_results`");
    // Layers in order: load, seeds, config, staging, intermediate, marts.
    const at = (s: string) => out.indexOf(s);
    expect(at("## Load tables")).toBeLessThan(at("## Seeds"));
    expect(at("## Configuration")).toBeLessThan(at("## Staging"));
    expect(at("## Staging")).toBeLessThan(at("## Marts"));
  });

  it("models/DATA_DICTIONARY.md is current (regenerate with `npx libu docs`)", async () => {
    const committed = readFileSync(join(MODELS_DIR, "DATA_DICTIONARY.md"), "utf8");
    const current = await dataDictionary(MODELS_DIR);
    expect(committed === current, "models/DATA_DICTIONARY.md is out of date: run `npx libu docs` and commit it").toBe(true);
  });
});
