// Running the CLI from a test, one way: in-process through `main` (what most tests want: fast, output captured)
// or as the user runs it, `node bin/libu.js` in a child process (exit codes, signals, the real environment).
// Both use the test key, never a real one; `query` reads a warehouse the commands wrote.
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { join } from "node:path";
import { expect } from "vitest";
import { main } from "../../pipelines/cli.ts";
import { openWarehouse } from "../../pipelines/db.ts";
import { REPO } from "../../pipelines/paths.ts";

/** The pseudonymisation key of every test: public, and only ever used on generated data. */
export const TEST_KEY = "test-nøgle-kun-til-tests";

export interface LibuRun {
  /** Folder the command runs in (relative paths resolve against it); default the repository. */
  cwd?: string;
  /** The command's whole environment besides the key (default: none, so nothing of the developer's leaks in). */
  env?: NodeJS.ProcessEnv;
  /** The exit code the test expects (default 0); anything else fails with the command's stderr. */
  code?: number;
}

/** `libu <args>` in-process; asserts the exit code and returns what it wrote to stdout and stderr. */
export async function libu(args: string[], run: LibuRun = {}): Promise<{ out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, {
    stdout: { write: (t) => void out.push(t) },
    stderr: { write: (t) => void err.push(t) },
    env: { ...run.env, LIBU_PSEUDONYM_KEY: TEST_KEY },
    cwd: run.cwd ?? REPO,
  });
  expect(code, `libu ${args.join(" ")}: ${err.join("")}`).toBe(run.code ?? 0);
  return { out: out.join(""), err: err.join("") };
}

/** `node bin/libu.js <args>` as a child process in the repository, with the test key added to this process's environment. */
export function libuProcess(args: string[], extraEnv: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [join(REPO, "bin/libu.js"), ...args], {
    cwd: REPO,
    env: { ...process.env, LIBU_PSEUDONYM_KEY: TEST_KEY, ...extraEnv },
    encoding: "utf8",
  });
}

/** The rows of `sql` in the warehouse file `db`, opened read-only; BIGINTs become numbers. */
export async function query<T = Record<string, unknown>>(db: string, sql: string): Promise<T[]> {
  const wh = await openWarehouse(db, { readOnly: true });
  try {
    return (await wh.all<Record<string, unknown>>(sql)).map(
      (r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])) as T,
    );
  } finally {
    wh.close();
  }
}
