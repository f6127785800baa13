import { describe, expect, it } from "vitest";
import { discoverModels, orderModels, stripCommentsAndStrings } from "../../pipelines/runner/models.ts";
import { BuildError } from "../../pipelines/errors.ts";
import { tempModels } from "./helpers.ts";

describe("model discovery and order", () => {
  it("orders models by the tables their SQL reads, not by layer or name", () => {
    const dir = tempModels({
      "staging/stg_b.sql": "select 1 as x",
      "intermediate/int_a.sql": "select * from int_c",
      "intermediate/int_c.sql": "select * from stg_b",
      "marts/mart_z.sql": "select * from int_a join stg_b using (x)",
    });
    const models = orderModels(discoverModels(dir));
    expect(models.map((m) => m.name)).toEqual(["stg_b", "int_c", "int_a", "mart_z"]);
    expect(models.find((m) => m.name === "mart_z")!.dependsOn).toEqual(["int_a", "stg_b"]);
  });

  it("ignores table names in comments and string literals", () => {
    expect(stripCommentsAndStrings("select 'int_a' -- int_b\n/* int_c */ from x")).not.toMatch(/int_/);
    const dir = tempModels({
      "intermediate/int_a.sql": "-- reads int_b? no\nselect 'int_b' as navn",
      "intermediate/int_b.sql": "select * from int_a",
    });
    expect(orderModels(discoverModels(dir)).map((m) => m.name)).toEqual(["int_a", "int_b"]);
  });

  it("names the cycle when models depend on each other", () => {
    const dir = tempModels({
      "intermediate/int_a.sql": "select * from int_b",
      "intermediate/int_b.sql": "select * from int_c",
      "intermediate/int_c.sql": "select * from int_a",
    });
    expect(() => orderModels(discoverModels(dir))).toThrow(BuildError);
    expect(() => orderModels(discoverModels(dir))).toThrow(/i ring: int_a → int_b → int_c → int_a/);
  });

  it("refuses a model defined twice", () => {
    const dir = tempModels({ "staging/x.sql": "select 1", "marts/x.sql": "select 2" });
    expect(() => discoverModels(dir)).toThrow(/modellen x er defineret to gange/);
  });

  it("reads the sidecar beside each model", () => {
    const dir = tempModels({
      "staging/stg_a.sql": "select 1 as x",
      "staging/stg_a.json": { description: "A", columns: { x: { description: "x", tests: ["not_null"] } } },
    });
    const [m] = discoverModels(dir);
    expect(m.sidecar?.description).toBe("A");
    expect(m.sidecar?.tests).toEqual([{ kind: "not_null", column: "x", severity: "error" }]);
  });
});
