import { describe, expect, it } from "vitest";
import { formatSql, unformatted } from "../../pipelines/format-sql.ts";
import { MODELS_DIR } from "../../pipelines/paths.ts";
import { tempModels } from "./helpers.ts";

describe("SQL formatting", () => {
  it("every models/**/*.sql is formatted (fix with `npm run format:sql`)", () => {
    expect(unformatted(MODELS_DIR, MODELS_DIR)).toEqual([]);
  });

  it("lower-cases keywords, keeps DuckDB's union all by name, ends with one newline", () => {
    expect(formatSql("SELECT a FROM x UNION ALL BY NAME SELECT a FROM y")).toBe(
      "select\n  a\nfrom\n  x\nunion all by name\nselect\n  a\nfrom\n  y\n",
    );
  });

  it("finds the unformatted files", () => {
    const dir = tempModels({ "staging/ok.sql": "select\n  1\n", "marts/bad.sql": "SELECT 1" });
    expect(unformatted(dir)).toEqual(["marts/bad.sql"]);
  });
});
