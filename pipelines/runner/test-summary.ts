// How the data tests' results are told to the user: one summary line, then each failing test.
import type { Logger } from "../log.ts";
import { type DataTestResult, describeFailure } from "./runner.ts";

/** `datatests: 300 ok, 1 fejl, 2 advarsler` */
export function testSummary(results: DataTestResult[]): string {
  const failed = results.filter((r) => r.status === "fejl");
  const errors = failed.filter((r) => r.alvor === "error").length;
  return `datatests: ${results.length - failed.length} ok, ${errors} fejl, ${failed.length - errors} advarsler`;
}

/** Terse lines: the summary, then each failing test (warnings too). */
export function reportTests(log: Logger, results: DataTestResult[]) {
  log.info(testSummary(results));
  for (const r of results.filter((x) => x.status === "fejl"))
    (r.alvor === "error" ? log.info : log.warn)(`  ${describeFailure(r)} (${r.alvor})`);
}
