// docs/kpis.md is the KPI registry as a document: generated, current, and saying what the registry says.
import { csvParse } from "d3-dsv";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { kpiMarkdown } from "../pipelines/kpi-doc.ts";
import { DOCS_DIR, MODELS_DIR, SEEDS_DIR } from "../pipelines/paths.ts";

const registry = () => csvParse(readFileSync(join(SEEDS_DIR, "kpi_definitioner.csv"), "utf8"));

test("docs/kpis.md is generated from the KPI registry (run `npx libu docs` after changing the seed)", () => {
  expect(readFileSync(join(DOCS_DIR, "kpis.md"), "utf8")).toBe(kpiMarkdown(MODELS_DIR));
});

test("every KPI of the registry is there, in order, with its exact definition and legal references", () => {
  const md = kpiMarkdown(MODELS_DIR);
  let at = -1;
  for (const r of registry().sort((a, b) => Number(a.nr) - Number(b.nr))) {
    const heading = md.indexOf(`## ${r.nr}. ${r.navn}\n`);
    expect(heading, r.kpi).toBeGreaterThan(at);
    at = heading;
    const section = md.slice(heading, md.indexOf("\n## ", heading + 1) >>> 0);
    expect(section).toContain(`> ${r.beskrivelse.trim()}`);
    if (r.lov_sel) expect(section).toContain(r.lov_sel);
    if (r.lov_bl) expect(section).toContain(r.lov_bl);
  }
});

test("a change in the registry changes the document (the drift test can fail)", () => {
  const models = mkdtempSync(join(tmpdir(), "libu-kpi-doc-"));
  cpSync(join(MODELS_DIR, "seeds"), join(models, "seeds"), { recursive: true });
  const file = join(models, "seeds", "kpi_definitioner.csv");
  writeFileSync(file, readFileSync(file, "utf8").replace("SEL § 50", "SEL § 50 a"));
  expect(kpiMarkdown(models)).not.toBe(kpiMarkdown(MODELS_DIR));
  expect(kpiMarkdown(models)).toContain("SEL § 50 a");
});
