import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { contractMarkdown } from "../pipelines/contract-doc.ts";
import { DOCS_DIR, MODELS_DIR } from "../pipelines/paths.ts";

test("docs/contract.md is generated from the contract and the seeds (run `npx libu docs` after changing them)", () => {
  expect(readFileSync(join(DOCS_DIR, "contract.md"), "utf8")).toBe(contractMarkdown(MODELS_DIR));
});

test("the contract document lists every accepted code of a code list", () => {
  const md = contractMarkdown(MODELS_DIR);
  expect(md).toContain("`barnet_selv`");
  expect(md).toContain("`sikret_institution`");
});

test("the contract document lists every rule and reason of the quarantine, from the contract", () => {
  const md = contractMarkdown(MODELS_DIR);
  expect(md).toContain("| 0 | `ulaeselig_linje` | linjen kan ikke læses |");
  expect(md).toContain("| 7 | `gentaget_svar` | spørgsmålet er allerede besvaret for sagen; det første svar beholdes |");
});
