// `npm run bench`: how fast the national-scale set loads, next to DuckDB's bare typed read_csv of the same
// files, and how fast the models build on it. Each step runs in its own child process (pipelines/bench/steps.ts)
// so its peak memory (maxRSS) is its own. Prints a small table and writes it, with the machine, to BENCHMARKS.md.
//
//   npm run bench [-- --set national|demo] [--as-of YYYY-MM-DD] [--regenerate] [--repeat N]
//
// The machine is shared: a neighbour's work only ever slows a step down. So the bare read and the load run
// alternately, --repeat times (default 3), and each is reported by its fastest run, with every run listed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, freemem, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { tables } from "./contract.ts";
import type { StepArgs, StepResult } from "./bench/steps.ts";
import { DEFAULT_AS_OF } from "./commands/demo.ts";
import { formatDuration } from "./log.ts";
import { DATA_DIR, REPO } from "./paths.ts";

const stepsFile = join(import.meta.dirname, "bench/steps.ts");

/** The targets the benchmark checks (issue 2). */
export const targets = { loadVsReadCsv: 1.5, peakMemoryMb: 1536, buildVsLoad: 1, udgivMs: { demo: 30_000, national: 180_000 }, arbejdslisterMs: 10_000, diskretionMs: { demo: 20_000 } };

function runStep(name: string, args: StepArgs): StepResult {
  process.stderr.write(`bench: ${name} …\n`);
  const child = spawnSync(process.execPath, ["--import", "tsx", stepsFile, name, JSON.stringify(args)], {
    cwd: REPO,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true" },
  });
  const line = child.stdout.split("\n").find((l) => l.startsWith("BENCH "));
  if (child.status !== 0 || !line) throw new Error(`bench step ${name} failed:\n${child.stderr.trim()}`);
  return JSON.parse(line.slice(6)) as StepResult;
}

/** The fastest of repeated runs, with the highest peak memory of them (memory is not helped by a quiet machine). */
function fastest(runs: StepResult[]): StepResult {
  const best = runs.reduce((a, b) => (b.ms < a.ms ? b : a));
  return { ...best, maxRssMb: Math.max(...runs.map((r) => r.maxRssMb)) };
}

const runsNote = (runs: StepResult[]) => (runs.length > 1 ? `fastest of ${runs.map((r) => formatDuration(r.ms)).join(", ")}` : "");

const mb = (n: number) => `${n.toLocaleString("en-US")} MB`;
const rate = (rows: number, ms: number) => (ms > 0 ? Math.round(rows / (ms / 1000)).toLocaleString("en-US") : "–");

function machine(): string {
  const c = cpus();
  const duck = JSON.parse(readFileSync(join(REPO, "node_modules/@duckdb/node-api/package.json"), "utf8")).version;
  const load = loadavg().map((x) => x.toFixed(1)).join(" / ");
  return `${c.length} cores (${c[0]?.model.trim() ?? "?"}), ${Math.round(totalmem() / 2 ** 30)} GB RAM (${Math.round(freemem() / 2 ** 30)} GB free), Node ${process.version}, @duckdb/node-api ${duck}; load average at start ${load}`;
}

async function main() {
  const { values } = parseArgs({
    options: {
      set: { type: "string", default: "national" },
      "as-of": { type: "string", default: DEFAULT_AS_OF },
      regenerate: { type: "boolean" },
      repeat: { type: "string", default: "3" },
    },
  });
  const set = values.set === "demo" ? "demo" : "national";
  const asOf = values["as-of"] as string;
  const folder = join(DATA_DIR, set);
  const machineLine = machine();
  const tmp = mkdtempSync(join(tmpdir(), "libu-bench-"));
  const rows: { step: string; r: StepResult | null; note: string }[] = [];
  try {
    const present = tables.every((t) => existsSync(join(folder, `${t.name}.csv`)) || existsSync(join(folder, `${t.name}.xlsx`)));
    if (!present || values.regenerate) {
      const g = runStep("generate", { folder, db: "", asOf, set });
      rows.push({ step: `generate (libu demo --scale ${set === "demo" ? "kommune" : "national"})`, r: g, note: `${(Number(g.detail?.bytes) / 1e6).toFixed(0)} MB written` });
    } else rows.push({ step: "generate", r: null, note: `${folder.replace(REPO + "/", "")} present; --regenerate to time it` });
    const repeat = Math.max(1, Number(values.repeat) || 1);
    const bares: StepResult[] = [];
    const loads: StepResult[] = [];
    for (let i = 0; i < repeat; i++) {
      rmSync(join(tmp, "bare.duckdb"), { force: true });
      rmSync(join(tmp, "warehouse.duckdb"), { force: true });
      bares.push(runStep("read_csv", { folder, db: join(tmp, "bare.duckdb"), asOf, set }));
      loads.push(runStep("load", { folder, db: join(tmp, "warehouse.duckdb"), asOf, set }));
    }
    const bare = fastest(bares);
    const load = fastest(loads);
    rows.push({ step: "DuckDB read_csv, typed (CSV files)", r: bare, note: runsNote(bares) });
    rows.push({ step: "libu load (loadFolder)", r: load, note: `${load.detail?.quarantined} quarantined; ${runsNote(loads)}` });
    let build: StepResult | null = null;
    try {
      build = runStep("build", { folder, db: join(tmp, "warehouse.duckdb"), asOf, set });
      rows.push({ step: "libu build (buildModels + data tests)", r: build, note: `models alone ${formatDuration(Number(build.detail?.modelsMs))}` });
    } catch (e) {
      rows.push({ step: "libu build", r: null, note: `failed: ${(e as Error).message.split("\n").slice(1, 2).join(" ")}` });
    }

    let lister: StepResult | null = null;
    if (build) {
      try {
        lister = runStep("arbejdslister", { folder, db: join(tmp, "warehouse.duckdb"), asOf, set });
        const d = lister.detail ?? {};
        rows.push({ step: "libu arbejdslister (xlsx, then csv)", r: lister, note: `${d.workbooks} workbooks; computed ${formatDuration(Number(d.computeMs))}; xlsx ${formatDuration(Number(d.xlsxMs))}, csv ${formatDuration(Number(d.csvMs))} (each with the computing)` });
      } catch (e) {
        rows.push({ step: "libu arbejdslister", r: null, note: `failed: ${(e as Error).message.split("\n").slice(1, 2).join(" ")}` });
      }
    }

    let diskretion: StepResult | null = null;
    if (build) {
      try {
        diskretion = runStep("diskretion", { folder, db: join(tmp, "warehouse.duckdb"), asOf, set });
        const d = diskretion.detail ?? {};
        const n = (k: string) => Number(d[k]).toLocaleString("en-US");
        rows.push({
          step: "suppression and the attacker's audit (published system)",
          r: diskretion,
          note: `${n("hidden")} of ${diskretion.rows.toLocaleString("en-US")} figures hidden: ${n("primary")} small, ${n("zeros")} signed zeros, ${n("extra")} extra (${n("municipality")} municipality-level), ${n("neutral")} neutral signs; ${n("targets")} protected, ${d.rounds} rounds, ${n("solves")} integer programmes`,
        });
      } catch (e) {
        rows.push({ step: "suppression and the attacker's audit", r: null, note: `failed: ${(e as Error).message.split("\n").slice(1, 2).join(" ")}` });
      }
    }

    let udgiv: StepResult | null = null;
    if (build) {
      try {
        udgiv = runStep("udgiv", { folder, db: join(tmp, "warehouse.duckdb"), asOf, set });
        rows.push({ step: `libu udgiv --kvartal ${udgiv.detail?.kvartal} (whole release)`, r: udgiv, note: `${udgiv.rows} files, ${(Number(udgiv.detail?.bytes) / 1e6).toFixed(1)} MB; largest process (Framework/Chromium) ${mb(Number(udgiv.detail?.largestMb))}` });
      } catch (e) {
        rows.push({ step: "libu udgiv", r: null, note: `failed: ${(e as Error).message.split("\n").slice(1, 2).join(" ")}` });
      }
    }

    const table = [
      "| step | time | CPU time | rows | rows/s | peak memory | note |",
      "|---|---:|---:|---:|---:|---:|---|",
      ...rows.map(({ step, r, note }) =>
        r
          ? `| ${step} | ${formatDuration(r.ms)} | ${formatDuration(r.cpuMs)} | ${r.rows.toLocaleString("en-US")} | ${rate(r.rows, r.ms)} | ${mb(r.maxRssMb)} | ${note} |`
          : `| ${step} | | | | | | ${note} |`,
      ),
    ];
    const ratio = load.ms / bare.ms;
    const checks = [
      `load / read_csv = ${ratio.toFixed(2)} (target ≤ ${targets.loadVsReadCsv}): ${ratio <= targets.loadVsReadCsv ? "met" : "NOT met"}; in CPU time ${(load.cpuMs / bare.cpuMs).toFixed(2)}`,
      `peak memory of the load = ${mb(load.maxRssMb)} (target < ${mb(targets.peakMemoryMb)}): ${load.maxRssMb < targets.peakMemoryMb ? "met" : "NOT met"}`,
      build
        ? `build / load = ${(build.ms / load.ms).toFixed(2)} (target ≤ ${targets.buildVsLoad}): ${build.ms <= load.ms * targets.buildVsLoad ? "met" : "NOT met"}`
        : "build: not measured",
      lister
        ? `worklists (libu arbejdslister) = xlsx ${formatDuration(Number(lister.detail?.xlsxMs))}, csv ${formatDuration(Number(lister.detail?.csvMs))} (target < ${formatDuration(targets.arbejdslisterMs)}): xlsx ${Number(lister.detail?.xlsxMs) < targets.arbejdslisterMs ? "met" : "NOT met"}, csv ${Number(lister.detail?.csvMs) < targets.arbejdslisterMs ? "met" : "NOT met"}`
        : "worklists: not measured",
      diskretion
        ? `suppression and audit = ${formatDuration(diskretion.ms)}${set === "demo" ? ` (target < ${formatDuration(targets.diskretionMs.demo)} added to the site build): ${diskretion.ms < targets.diskretionMs.demo ? "met" : "NOT met"}` : " (no target: it must finish)"}`
        : "suppression and audit: not measured",
      udgiv
        ? `release (libu udgiv) = ${formatDuration(udgiv.ms)} (target < ${formatDuration(targets.udgivMs[set])}): ${udgiv.ms < targets.udgivMs[set] ? "met" : "NOT met"}`
        : "release: not measured",
    ];
    const when = new Date().toISOString().slice(0, 16).replace("T", " ");
    const section = [`## ${when} UTC — ${set} set`, "", `Machine: ${machineLine}.`, "", ...table, "", ...checks.map((c) => `- ${c}`), ""].join("\n");
    process.stdout.write(`${table.join("\n")}\n\n${checks.join("\n")}\n`);
    writeBenchmarks(section);
    process.stderr.write("bench: results written to BENCHMARKS.md\n");
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const header = `# Benchmarks

\`npm run bench\` generates the national-scale set if \`data/national/\` is empty (\`libu demo --scale national\`:
98 synthetic municipalities, five years, CSV only), then runs each step in its own process and records its wall
time, CPU time and peak memory (maxRSS): DuckDB's bare typed \`read_csv\` of the same CSV files (the yardstick),
\`loadFolder\` (the whole load: detection, validation, quarantine, pseudonymisation, one transaction) and
\`buildModels\` with the data tests; then the worklists (\`libu arbejdslister\`), the published system's
suppression and attacker's audit on its own (what it hides and what it costs), and a whole release (\`libu udgiv\`:
figures, site, PDF, XLSX). CPU time counts the step's process only, DuckDB's threads included. The bare
read and the load run alternately \`--repeat\` times (default 3) and are compared by their fastest runs: the machine
is shared, and a neighbour's work only ever slows a step down (every run's time is listed in the note).

Targets: load within ${targets.loadVsReadCsv}× of the bare read_csv, peak memory under 1.5 GB, build no slower than
load, worklists under ${formatDuration(targets.arbejdslisterMs)}, the audit under ${formatDuration(targets.diskretionMs.demo)} on the demo, a release under
${formatDuration(targets.udgivMs.demo)} (demo) and ${formatDuration(targets.udgivMs.national)} (national set). The machine is shared by several engineers (see the
load average): compare runs on the same machine only. Newest run first.
`;

function writeBenchmarks(section: string) {
  const path = join(REPO, "BENCHMARKS.md");
  const old = existsSync(path) ? readFileSync(path, "utf8") : "";
  const i = old.indexOf("\n## ");
  const runs = i >= 0 ? old.slice(i + 1) : "";
  writeFileSync(path, `${header}\n${section}\n${runs}`);
}

main().catch((e) => {
  process.stderr.write(`bench: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
