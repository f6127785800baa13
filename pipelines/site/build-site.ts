// Builds the static site (Observable Framework, root `dashboards/`) from a warehouse into a folder. The data
// loaders read $LIBU_DB read-only and emit suppressed aggregates only. `libu site`, `libu run` and `libu report` call it.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { LibuError } from "../errors.ts";
import { DASHBOARDS_DIR, NODE_MODULES, REPO } from "../paths.ts";

const CACHE = join(DASHBOARDS_DIR, ".observablehq", "cache");
const LOCK = join(DASHBOARDS_DIR, ".observablehq", "build.lock");
/** The loaders' outputs the pages need; a build without them is a failed build. */
const DATA_FILES = ["kpi", "underretninger", "anbringelser", "datakvalitet", "udgivelser", "ledelsestilsyn"];

export interface SiteOptions {
  dbPath: string;
  outDir: string;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * One build at a time: Framework keeps loader outputs in dashboards/.observablehq/cache, shared by every
 * build, and we empty it before each build so that no figure from another warehouse can leak in.
 */
async function withLock<T>(work: () => Promise<T>): Promise<T> {
  mkdirSync(dirname(LOCK), { recursive: true });
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      const owner = Number((readdirSync(LOCK)[0] ?? "").replace("pid-", ""));
      const age = Date.now() - statSync(LOCK).mtimeMs;
      if ((owner && !pidAlive(owner)) || (!owner && age > 5000)) rmSync(LOCK, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new LibuError(`${LOCK}: another site build is running (pid ${owner}); wait for it or remove the folder`);
      else await new Promise((r) => setTimeout(r, 300));
    }
  }
  mkdirSync(join(LOCK, `pid-${process.pid}`));
  try {
    return await work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

function clearLoaderCache(): void {
  if (!existsSync(CACHE)) return;
  // Keep `_node` (the bundled client libraries: version-keyed, no data); drop every loader output.
  for (const entry of readdirSync(CACHE)) if (entry !== "_node") rmSync(join(CACHE, entry), { recursive: true, force: true });
}

export async function buildSite({ dbPath, outDir, env = process.env, log = () => {} }: SiteOptions): Promise<void> {
  if (!existsSync(dbPath)) throw new LibuError(`${dbPath}: no warehouse here yet — run \`libu load <folder>\` and \`libu build\` first`);
  await withLock(async () => {
    clearLoaderCache();
    rmSync(outDir, { recursive: true, force: true });
    const bin = join(NODE_MODULES, "@observablehq", "framework", "dist", "bin", "observable.js");
    const child = spawn(process.execPath, [bin, "build"], {
      cwd: REPO,
      env: {
        ...env,
        LIBU_DB: dbPath,
        LIBU_SITE_OUT: outDir,
        OBSERVABLE_TELEMETRY_DISABLE: "true",
        // Framework runs `.ts` loaders with `tsx` from PATH.
        PATH: [join(NODE_MODULES, ".bin"), env.PATH ?? ""].join(delimiter),
        NO_COLOR: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const code = await new Promise<number>((ok, fail) => {
      child.on("error", fail);
      child.on("close", (c) => ok(c ?? 1));
    });
    const plain = output.replace(/\x1b\[[0-9;]*m/g, "");
    const errors = plain.split("\n").filter((l) => /\berror\b|Error:/i.test(l));
    const missing = DATA_FILES.filter((f) => !existsSync(join(outDir, "_file", "data")) || !readdirSync(join(outDir, "_file", "data")).some((n) => n.startsWith(`${f}.`)));
    if (code !== 0 || errors.length || missing.length) {
      const tail = (errors.length ? errors : plain.trim().split("\n").slice(-15)).join("\n");
      throw new LibuError(`site build failed${missing.length ? ` (no data for: ${missing.join(", ")})` : ""}:\n${tail}`);
    }
    log(plain.split("\n").filter((l) => /built \d+ pages?|^\s*\d+ files?/i.test(l)).join("\n"));
  });
}
