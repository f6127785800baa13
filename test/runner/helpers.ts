// A tiny models folder in a temp directory, for runner tests that must not depend on the real models.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** Writes `files` (path relative to the models folder → text) and returns the folder. */
export function tempModels(files: Record<string, string | object>): string {
  const dir = mkdtempSync(join(tmpdir(), "libu-models-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), typeof content === "string" ? content : JSON.stringify(content));
  }
  return dir;
}

/** A minimal valid project: one staging model, one mart, both documented and tested. */
export const baseModels: Record<string, string | object> = {
  "staging/stg_tal.sql": "select * from (values (1, 'a'), (2, 'b'), (3, 'c')) as t(n, bogstav)",
  "staging/stg_tal.json": {
    description: "numbers",
    columns: { n: { description: "a number", tests: ["not_null", "unique"] }, bogstav: "a letter" },
  },
  "marts/mart_tal.sql": "select n, n * 2 as dobbelt from stg_tal",
  "marts/mart_tal.json": {
    description: "numbers doubled",
    columns: {
      n: { description: "the number", tests: [{ relationships: { to: "stg_tal", field: "n" } }] },
      dobbelt: { description: "twice the number", tests: [{ expression: "dobbelt = 2 * n" }] },
    },
  },
};
