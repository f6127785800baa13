// Builds the static site (Observable Framework, root `dashboards/`) from a warehouse into a folder. The published
// system is built, suppressed and audited once, here (pipelines/published/system.ts, against the earlier releases)
// or by the release that builds its own site (`published`), and handed to the data loaders, which print its parts:
// suppressed aggregates only. A build whose figures the audit cannot prove safe fails before Framework starts.
// `libu site`, `libu run`, `libu report` and `libu udgiv` call it.
// The site is built into a temporary folder beside the output folder and swapped in only when complete (swap.ts):
// a failed or stopped build leaves the previous site as it was.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { openWarehouse } from "../db.ts";
import { writeHandover } from "../published/handover.ts";
import { publishedSystem, rapportLinje, siteData, slowRounds, type SiteData } from "../published/system.ts";
import { previousReleases } from "../release/store.ts";
import { LibuError } from "../errors.ts";
import { onInterrupt } from "../interrupt.ts";
import { DASHBOARDS_DIR, NODE_MODULES, REPO } from "../paths.ts";
import { pidAlive } from "./alive.ts";
import { NO_NETWORK_PRELOAD, pinClientVersions } from "./offline.ts";
import { cleanStale, swapIn, tempFolder } from "./swap.ts";

const CACHE = join(DASHBOARDS_DIR, ".observablehq", "cache");
const LOCK = join(DASHBOARDS_DIR, ".observablehq", "build.lock");
/** The loaders' outputs the pages need; a build without them is a failed build. */
const DATA_FILES = ["kpi", "underretninger", "anbringelser", "datakvalitet", "udgivelser", "ledelsestilsyn"];

export interface SiteOptions {
  dbPath: string;
  outDir: string;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  /**
   * The published system, already suppressed and audited against the same releases (a release computes it
   * before it builds its site): the site prints it instead of computing and auditing it a second time.
   */
  published?: Audited;
}

/** The site's parts of an audited published system and the line that says what the suppression cost. */
export interface Audited {
  data: SiteData;
  rapport: string;
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
      else if (Date.now() > deadline) throw new LibuError(`${LOCK}: et andet site bygges allerede fra denne mappe (PID ${owner}); vent til det er færdigt, eller fjern mappen hvis kørslen er væk`);
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

/** A data loader's error saying the warehouse is busy (db.ts openError; every loader says it: say it once). */
const BUSY = /lageret bruges af en anden kørsel \(PID (\w+)\)/;

export async function buildSite({ dbPath, outDir, env = process.env, log = () => {}, published }: SiteOptions): Promise<void> {
  if (!existsSync(dbPath)) throw new LibuError(`${dbPath}: her er intet lager endnu — kør først \`libu load <mappe>\` og \`libu build\``);
  const { data, rapport } = published ?? (await audited(dbPath, outDir, log));
  const handover = writeHandover(data);
  env = { ...env, LIBU_PUBLISHED: handover.file };
  try {
    await framework(dbPath, outDir, env, log);
  } finally {
    handover.remove();
  }
  log(rapport);
}

/** Builds, suppresses and audits the published system (against the earlier releases) for a site. */
async function audited(dbPath: string, outDir: string, log: (line: string) => void): Promise<Audited> {
  // A warehouse that a load or build is writing: one line now, not one error per data loader later.
  const wh = await openWarehouse(dbPath, { readOnly: true });
  try {
    const pub = await publishedSystem(wh, { previous: await previousReleases(wh), log: slowRounds(log) });
    return { data: siteData(pub), rapport: rapportLinje(pub.rapport) };
  } catch (e) {
    if (e instanceof LibuError) throw e;
    throw new LibuError(`byggeriet af sitet fejlede (de offentliggjorte tal kunne ikke beregnes); det forrige site i ${outDir} er der stadig:\n${(e as Error).message}`);
  } finally {
    wh.close();
  }
}

async function framework(dbPath: string, outDir: string, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
  await withLock(async () => {
    clearLoaderCache();
    pinClientVersions(CACHE);
    cleanStale(outDir);
    const building = tempFolder(outDir);
    let child: ChildProcess | undefined;
    const offInterrupt = onInterrupt(() => {
      child?.kill("SIGTERM");
      rmSync(building, { recursive: true, force: true });
    });
    try {
      child = spawnFramework(dbPath, building, env);
      const { code, output } = await finished(child);
      const plain = output.replace(/\x1b\[[0-9;]*m/g, "");
      const busy = BUSY.exec(plain);
      if (busy) throw new LibuError(`${dbPath}: lageret bruges af en anden kørsel (PID ${busy[1]}); prøv igen når den er færdig — det forrige site er der stadig`);
      const errors = plain.split("\n").filter((l) => /\berror\b|Error:/i.test(l));
      const data = join(building, "_file", "data");
      const missing = DATA_FILES.filter((f) => !existsSync(data) || !readdirSync(data).some((n) => n.startsWith(`${f}.`)));
      if (code !== 0 || errors.length || missing.length) {
        const tail = (errors.length ? errors : plain.trim().split("\n").slice(-15)).join("\n");
        throw new LibuError(
          `byggeriet af sitet fejlede${missing.length ? ` (ingen data til: ${missing.join(", ")})` : ""}; det forrige site i ${outDir} er der stadig:\n${tail}`,
        );
      }
      swapIn(building, outDir);
      log(plain.split("\n").filter((l) => /built \d+ pages?|^\s*\d+ files?/i.test(l)).join("\n"));
    } finally {
      offInterrupt();
      rmSync(building, { recursive: true, force: true });
    }
  });
}

function spawnFramework(dbPath: string, outDir: string, env: NodeJS.ProcessEnv): ChildProcess {
  const bin = join(NODE_MODULES, "@observablehq", "framework", "dist", "bin", "observable.js");
  // Without the network (offline.ts): a fetch in the build fails with a line naming the address.
  return spawn(process.execPath, ["--import", pathToFileURL(NO_NETWORK_PRELOAD).href, bin, "build"], {
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
}

async function finished(child: ChildProcess): Promise<{ code: number; output: string }> {
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const code = await new Promise<number>((ok, fail) => {
    child.on("error", fail);
    child.on("close", (c) => ok(c ?? 1));
  });
  return { code, output };
}
