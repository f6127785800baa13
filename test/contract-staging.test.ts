// Staging takes its defaults and the descriptions of the columns it passes on from the contract (contract-staging.ts):
// these tests fail when a staging model or sidecar grows its own copy again.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { contractDescriptions, defaultMacro, defaultMacrosDdl, withContractDescriptions } from "../pipelines/contract-staging.ts";
import { type Table, allTables, tables } from "../pipelines/contract.ts";
import { openMemory } from "../pipelines/db.ts";
import { discoverModels } from "../pipelines/runner/models.ts";
import { readSidecar } from "../pipelines/runner/sidecar.ts";

const root = join(import.meta.dirname, "..");
const staging = (t: Table) => join(root, "models/staging", `stg_${t.name}`);

describe("staging from the contract", () => {
  it("every default of the contract is applied by its staging model through its macro, never as a literal", () => {
    const withDefault = tables.flatMap((t) => t.columns.filter((c) => c.default !== undefined).map((c) => ({ t, c })));
    expect(withDefault.length).toBeGreaterThan(0);
    for (const { t, c } of withDefault) {
      const sql = readFileSync(`${staging(t)}.sql`, "utf8");
      expect(sql, `stg_${t.name}.sql must apply ${defaultMacro(t.name, c.name)}`).toMatch(new RegExp(`${defaultMacro(t.name, c.name)}\\s*\\(${c.name}\\)`));
      expect(sql, `stg_${t.name}.sql retypes the default of ${c.name}`).not.toMatch(new RegExp(`coalesce\\(\\s*${c.name}\\s*,`));
    }
  });

  it("the macros apply the contract's default to an empty cell and pass a value through", async () => {
    const wh = await openMemory();
    try {
      for (const ddl of defaultMacrosDdl(tables)) await wh.run(ddl);
      const [r] = await wh.all<Record<string, unknown>>(
        `select standard_handleplaner_type(null::varchar) as a, standard_handleplaner_type('revision') as b,
           standard_boernesamtaler_undladt(null::boolean) as c, standard_boernesamtaler_undladt(true) as d`,
      );
      expect(r).toEqual({ a: "ny", b: "revision", c: false, d: true });
    } finally {
      wh.close();
    }
  });

  it("no staging sidecar copies a description the contract already gives", () => {
    for (const t of allTables) {
      const sidecar = readSidecar(`${staging(t)}.json`);
      if (!sidecar) continue;
      const fromContract = contractDescriptions(`stg_${t.name}`);
      for (const [name, doc] of sidecar.columns)
        expect(doc.description, `stg_${t.name}.json: ${name}'s description is the contract's — leave it out`).not.toBe(fromContract.get(name));
    }
  });

  it("a staging column listed without a description takes the contract's, with its default", () => {
    const sidecar = withContractDescriptions("stg_handleplaner", readSidecar(`${staging(tables.find((t) => t.name === "handleplaner")!)}.json`));
    expect(sidecar?.columns.get("type")?.description).toBe("ny or revision; empty → ny");
    expect(sidecar?.columns.get("dato")?.description).toBe("date of the plan");
    expect(sidecar?.columns.get("barn_id")?.description).toMatch(/^pseudonym of the child/);
    // The models the runner builds carry them (so COMMENT ON, the dictionary and the documentation check see them).
    const models = discoverModels(join(root, "models"));
    const stg = models.find((m) => m.name === "stg_boernesamtaler")!;
    expect(stg.sidecar?.columns.get("undladt")?.description).toBe("lawfully omitted with a documented reason; empty → false");
    // A description the sidecar writes itself (a derived column) is kept.
    expect(models.find((m) => m.name === "stg_underretninger")!.sidecar?.columns.get("modtaget_dato")?.description).toMatch(/event day/);
    expect(existsSync(join(root, "models/staging/stg_handleplaner.json"))).toBe(true);
  });
});
