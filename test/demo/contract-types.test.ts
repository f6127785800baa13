// The demo is typed by the contract (issue 9, deliverable 3): a table added to the contract is a compile error in
// the demo until the demo writes it (its formats, its rows, its id prefix), and the demo's facts about codes are
// the seeds'. The type check runs the TypeScript compiler on the demo with a contract that has one table more.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { day } from "../../pipelines/demo/dates.ts";
import { DEFAULT_SEED, simulateKommune } from "../../pipelines/demo/generate.ts";
import { measureGroups, professionalSources, seedRows } from "../../pipelines/demo/seeds.ts";
import { measureTypes } from "../../pipelines/demo/story.ts";

const root = join(import.meta.dirname, "../..");
const contractPath = join(root, "pipelines/contract.ts");
const END_OF_CASE_TABLES = "] as const satisfies readonly Table[];";

/** The compiler's errors for the demo generator, with pipelines/contract.ts replaced by `contract`. */
function demoErrors(contract: string): { file: string; text: string }[] {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    allowImportingTsExtensions: true,
    esModuleInterop: true,
    skipLibCheck: true,
    types: ["node"],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (f) => (f === contractPath ? contract : readFile(f));
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang, onError, create) =>
    f === contractPath ? ts.createSourceFile(f, contract, lang) : getSourceFile(f, lang, onError, create);
  const program = ts.createProgram([join(root, "pipelines/demo/generate.ts"), join(root, "pipelines/bench/steps.ts")], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ({
    file: d.file ? d.file.fileName.slice(root.length + 1) : "",
    text: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
  }));
}

describe("the demo and the contract", () => {
  it("a table added to the contract is a compile error in the demo until the demo handles it", () => {
    const contract = readFileSync(contractPath, "utf8");
    expect(contract.indexOf(END_OF_CASE_TABLES)).toBeGreaterThan(0);
    // As it is: no error (so the errors below are the new table's).
    expect(demoErrors(contract)).toEqual([]);
    const withNewTable = contract.replace(
      END_OF_CASE_TABLES,
      `  { name: "samvaer", description: "test", key: "samvaer_id", columns: [c("samvaer_id", "text", true, "unique id")], dateOrder: [] },\n${END_OF_CASE_TABLES}`,
    );
    const errors = demoErrors(withNewTable);
    const where = (file: string) => errors.filter((e) => e.file === file && /samvaer/.test(e.text));
    // The file formats of the demo and of the national set, the rows, and the id prefixes must all name it.
    expect(where("pipelines/demo/formats.ts").length, JSON.stringify(errors, null, 1)).toBe(2);
    expect(where("pipelines/demo/rows.ts").length, JSON.stringify(errors, null, 1)).toBeGreaterThanOrEqual(2);
    expect(errors.every((e) => e.file.startsWith("pipelines/demo/")), JSON.stringify(errors, null, 1)).toBe(true);
  }, 120_000);

  it("a column added to a table is a compile error where the demo builds that table's rows", () => {
    const contract = readFileSync(contractPath, "utf8");
    const withNewColumn = contract.replace(`c("lukket", "date", false, "case closed"),`, `c("lukket", "date", false, "case closed"),\n      c("ny_kolonne", "text", false, "test"),`);
    expect(withNewColumn).not.toBe(contract);
    const errors = demoErrors(withNewColumn);
    expect(errors.some((e) => e.file === "pipelines/demo/rows.ts" && /ny_kolonne/.test(e.text)), JSON.stringify(errors, null, 1)).toBe(true);
  }, 120_000);

  it("takes the professionals and the measure groups from the seeds, and the exported fagperson agrees with kilder", () => {
    const kilder = seedRows("kilder");
    expect(professionalSources().sort()).toEqual(kilder.filter((r) => r.fagperson === "true").map((r) => r.kode).sort());
    const groups = measureGroups();
    for (const t of Object.values(measureTypes)) expect(t.gruppe, t.kode).toBe(groups.get(t.kode));
    const { rows } = simulateKommune(DEFAULT_SEED, day("2026-10-15"));
    const fagperson = new Map(kilder.map((r) => [r.kode, r.fagperson === "true"]));
    // A notification's fagperson, where exported, is its source's (only "andet" is sometimes a professional).
    const disagree = rows.underretninger.filter((r) => r.fagperson !== null && r.kilde !== "andet" && fagperson.has(String(r.kilde)) && r.fagperson !== fagperson.get(String(r.kilde)));
    expect(disagree).toEqual([]);
    expect(rows.underretninger.some((r) => r.fagperson === true)).toBe(true);
  });
});
