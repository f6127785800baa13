import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { contractMarkdown } from "../pipelines/contract-doc.ts";

const root = join(import.meta.dirname, "..");

test("data/CONTRACT.md is generated from the contract and the seeds (run `npx libu docs` after changing them)", () => {
  expect(readFileSync(join(root, "data/CONTRACT.md"), "utf8")).toBe(contractMarkdown(join(root, "models")));
});

test("the contract document lists every accepted code of a code list", () => {
  const md = contractMarkdown(join(root, "models"));
  expect(md).toContain("`barnet_selv`");
  expect(md).toContain("`sikret_institution`");
});
