// One benchmark step per child process (`npm run bench` starts them), so each step's peak memory is its own:
// it prints one line `BENCH {json}` with the step's time, rows and maxRSS from process.resourceUsage().
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runDataTests } from "../runner/data-tests.ts";
import { buildModels } from "../runner/runner.ts";
import { loadConfig, pseudonymKey, resolveConfigPath } from "../config.ts";
import { tables } from "../contract.ts";
import { openWarehouse } from "../db.ts";
import { day } from "../demo/dates.ts";
import { kommuneFormats, nationalFormats } from "../demo/formats.ts";
import { generateDemo } from "../demo/generate.ts";
import { loadFolder } from "../load/load-folder.ts";
import { createLogger } from "../log.ts";
import { drawUpWorklists } from "../worklists/draw-up.ts";
import { releaseFiles } from "../release/manifest.ts";
import { publishedSystem } from "../published/system.ts";
import { MODELS_DIR, REPO } from "../paths.ts";
import { readCsvSql } from "./read-csv.ts";
import { statSync } from "node:fs";

export interface StepArgs {
  folder: string;
  db: string;
  asOf: string;
  set: "national" | "demo";
  seed?: number;
}

export interface StepResult {
  ms: number;
  rows: number;
  maxRssMb: number;
  /** User + system CPU time of the step's process (the machine is shared: wall time alone misleads). */
  cpuMs: number;
  detail?: Record<string, number | string>;
}

const quiet = createLogger({ write: () => {} }, true);

async function step(name: string, a: StepArgs): Promise<Omit<StepResult, "maxRssMb" | "cpuMs">> {
  const start = performance.now();
  switch (name) {
    case "generate": {
      const r = await generateDemo({ out: a.folder, seed: a.seed ?? 2026, scale: a.set === "national" ? "national" : "kommune", asOf: day(a.asOf) });
      return { ms: performance.now() - start, rows: r.files.reduce((s, f) => s + f.rows, 0), detail: { bytes: r.files.reduce((s, f) => s + f.bytes, 0) } };
    }
    case "read_csv": {
      const wh = await openWarehouse(a.db);
      let rows = 0;
      const formats = a.set === "national" ? nationalFormats : kommuneFormats;
      try {
        for (const t of tables) {
          const f = formats[t.name];
          const file = join(a.folder, `${t.name}.csv`);
          if (f.kind !== "csv" || !existsSync(file)) continue;
          await wh.run(readCsvSql(t, file, f, `bare_${t.name}`));
          const [{ n }] = await wh.all<{ n: bigint }>(`select count(*) as n from bare_${t.name}`);
          rows += Number(n);
        }
      } finally {
        wh.close();
      }
      return { ms: performance.now() - start, rows };
    }
    case "load": {
      const config = loadConfig(resolveConfigPath(undefined, process.env, REPO));
      const wh = await openWarehouse(a.db);
      try {
        const report = await loadFolder(wh, { folder: a.folder, asOf: a.asOf, acceptRejects: false }, { log: quiet, pseudonym: pseudonymKey(config, process.env), cwd: REPO });
        const sum = (k: "rowsRead" | "rowsLoaded" | "rowsQuarantined") => report.tables.reduce((s, t) => s + t[k], 0);
        return { ms: performance.now() - start, rows: sum("rowsRead"), detail: { loaded: sum("rowsLoaded"), quarantined: sum("rowsQuarantined") } };
      } finally {
        wh.close();
      }
    }
    case "build": {
      const config = loadConfig(resolveConfigPath(undefined, process.env, REPO));
      const wh = await openWarehouse(a.db);
      try {
        const result = await buildModels(wh, { modelsDir: MODELS_DIR, config, log: quiet }, runDataTests);
        const modelsMs = result.models.reduce((s, m) => s + m.ms, 0);
        const rows = result.models.reduce((s, m) => s + m.rows, 0);
        return { ms: performance.now() - start, rows, detail: { models: result.models.length, modelsMs: Math.round(modelsMs), tests: result.tests.length } };
      } finally {
        wh.close();
      }
    }
    case "arbejdslister": {
      // The worklists as of the as-of date, computed over the read-only warehouse and written in both formats
      // (issue 12: under 10 s on the national set): every unit's workbook and the municipality's, then the CSVs.
      const out = mkdtempSync(join(tmpdir(), "libu-bench-lister-"));
      const wh = await openWarehouse(a.db, { readOnly: true });
      try {
        const config = loadConfig(resolveConfigPath(undefined, process.env, REPO));
        const xlsx = await drawUpWorklists(wh, { modelsDir: MODELS_DIR, out: join(out, "xlsx"), format: "xlsx", kommune: config.kommune });
        const csv = await drawUpWorklists(wh, { modelsDir: MODELS_DIR, out: join(out, "csv"), format: "csv", kommune: config.kommune });
        const rows = xlsx.lists.reduce((s, l) => s + l.rows.length, 0);
        return {
          ms: performance.now() - start,
          rows,
          detail: { workbooks: xlsx.files.length, computeMs: Math.round(xlsx.computeMs), xlsxMs: Math.round(xlsx.computeMs + xlsx.writeMs), csvMs: Math.round(csv.computeMs + csv.writeMs) },
        };
      } finally {
        wh.close();
        rmSync(out, { recursive: true, force: true });
      }
    }
    case "diskretion": {
      // The published system (what the site, the PDF and a release print), suppressed and then audited as an
      // attacker would: what the build's audit costs in time and in figures not shown.
      const wh = await openWarehouse(a.db, { readOnly: true });
      try {
        const { rapport: r } = await publishedSystem(wh);
        return {
          ms: performance.now() - start,
          rows: r.cells,
          detail: { hidden: r.hidden, primary: r.primary, zeros: r.zeros, extra: r.complementary, municipality: r.complementaryMunicipality, neutral: r.neutral, rounds: r.rounds, solves: r.solves, targets: r.targets, auditMs: r.ms },
        };
      } finally {
        wh.close();
      }
    }
    case "udgiv": {
      // A whole release through the CLI (figures, site built once, PDF printed from it, XLSX, manifest), under
      // GNU time for the peak memory of the largest process of the tree (Framework's build and Chromium included).
      const out = mkdtempSync(join(tmpdir(), "libu-bench-udgiv-"));
      try {
        const wh = await openWarehouse(a.db, { readOnly: true });
        const [{ k }] = await wh.all<{ k: string }>(`select seneste_kvartal as k from mart_meta`);
        wh.close();
        const child = spawnSync("/usr/bin/time", ["-f", "MAXRSS %M", process.execPath, join(REPO, "bin", "libu.js"), "udgiv", "--db", a.db, "--kvartal", k, "--out", out], {
          cwd: REPO,
          encoding: "utf8",
          env: { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true" },
        });
        if (child.status !== 0) throw new Error(child.stderr.trim().split("\n").slice(-3).join(" "));
        const dir = join(out, k);
        const files = releaseFiles(dir);
        const bytes = files.reduce((s, f) => s + statSync(join(dir, f)).size, 0);
        const largestMb = Math.round(Number(/MAXRSS (\d+)/.exec(child.stderr)?.[1] ?? 0) / 1024);
        return { ms: performance.now() - start, rows: files.length, detail: { kvartal: k, bytes, largestMb } };
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    }
  }
  throw new Error(`unknown bench step ${name}`);
}

const [name, json] = process.argv.slice(2);
step(name, JSON.parse(json) as StepArgs).then(
  (r) => {
    const usage = process.resourceUsage();
    const maxRssMb = Math.round(usage.maxRSS / 1024);
    const cpuMs = Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000);
    process.stdout.write(`BENCH ${JSON.stringify({ ...r, maxRssMb, cpuMs })}\n`);
  },
  (e) => {
    process.stderr.write(`bench step ${name} failed: ${(e as Error).message}\n`);
    process.exitCode = 1;
  },
);
