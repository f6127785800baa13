import { describe, expect, it } from "vitest";
import { parseSidecar } from "../../pipelines/runner/sidecar.ts";

describe("sidecar format", () => {
  it("normalises column tests, table tests and severities", () => {
    const s = parseSidecar(
      {
        description: "t",
        severity: "warn",
        columns: {
          a: { description: "A", tests: ["not_null", "unique", { accepted_values: ["x", "y"], severity: "error" }] },
          b: "B only described",
          c: { description: "C", tests: [{ relationships: { to: "p", field: "id" }, where: "c <> ''" }] },
        },
        tests: [{ unique: ["a", "c"] }, { expression: "a <> c", severity: "error" }],
      },
      "x.json",
    );
    expect(s.columns.get("b")).toEqual({ description: "B only described" });
    expect(s.materialized).toBe("table");
    expect(s.tests).toEqual([
      { kind: "not_null", column: "a", severity: "warn" },
      { kind: "unique", columns: ["a"], severity: "warn" },
      { kind: "accepted_values", column: "a", values: ["x", "y"], severity: "error" },
      { kind: "relationships", column: "c", to: "p", field: "id", severity: "warn", where: "c <> ''" },
      { kind: "unique", columns: ["a", "c"], severity: "warn" },
      { kind: "expression", expression: "a <> c", severity: "error" },
    ]);
  });

  it.each([
    [{ colums: {} }, /ukendt nøgle "colums"/],
    [{ columns: { a: { tests: ["not_nul"] } } }, /ukendt test "not_nul"/],
    [{ columns: { a: { tests: [{ accepted_values: [] }] } } }, /ikke-tom liste/],
    [{ columns: { a: { tests: [{ relationships: { to: "p" } }] } } }, /"to": "<tabel>", "field"/],
    [{ tests: [{ not_null: true }] }, /præcis én af unique, expression/],
    [{ columns: { a: { tests: [{ not_null: true, severity: "fatal" }] } } }, /"error" eller "warn"/],
    [{ severity: "info" }, /severity skal være "error" eller "warn"/],
    [{ materialized: "ephemeral" }, /"materialized" skal være "table" eller "view"/],
  ])("rejects %j with a message naming the file", (raw, message) => {
    expect(() => parseSidecar(raw, "models/marts/m.json")).toThrow(message);
    expect(() => parseSidecar(raw, "models/marts/m.json")).toThrow(/^models\/marts\/m\.json: /);
  });
});
