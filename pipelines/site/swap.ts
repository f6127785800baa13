// A site folder replaced whole (issue 11): the new site is built into a temporary folder beside --out and swapped
// in only when it is complete, so a failed or stopped build leaves the previous site as it was. The swap is two
// renames in the same folder (the old site aside, the new one in) and the old one is removed after; a process killed
// between the two renames leaves the old site aside, and the next build puts it back before it starts.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { LibuError } from "../errors.ts";
import { pidAlive } from "./alive.ts";

const NEW = "ny";
const OLD = "gammel";
const aside = (outDir: string, kind: string, pid: number) => join(dirname(outDir), `.${basename(outDir)}.${kind}-${pid}`);

/** Temporary folders of builds of `outDir` whose process is gone: a new one is removed, an old site put back. */
export function cleanStale(outDir: string): void {
  const parent = dirname(outDir);
  if (!existsSync(parent)) return;
  const prefix = `.${basename(outDir)}.`;
  for (const name of readdirSync(parent)) {
    const m = name.startsWith(prefix) ? new RegExp(`^(${NEW}|${OLD})-(\\d+)$`).exec(name.slice(prefix.length)) : null;
    if (!m || pidAlive(Number(m[2]))) continue;
    const path = join(parent, name);
    if (m[1] === OLD && !existsSync(outDir)) renameSync(path, outDir);
    else rmSync(path, { recursive: true, force: true });
  }
}

/** The empty temporary folder the new site of `outDir` is built into (beside it, so that the swap is a rename). */
export function tempFolder(outDir: string): string {
  if (existsSync(outDir) && !statSync(outDir).isDirectory())
    throw new LibuError(`${outDir}: --out er en fil, ikke en mappe — vælg en mappe til sitet med --out <mappe>`);
  const dir = aside(outDir, NEW, process.pid);
  try {
    mkdirSync(dirname(outDir), { recursive: true });
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
  } catch (e) {
    throw new LibuError(`${dirname(outDir)}: sitet kan ikke bygges her (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}) — vælg en mappe der kan skrives i med --out <mappe>`);
  }
  return dir;
}

/** Puts the complete site in `built` at `outDir`; the previous site there (if any) is removed after. */
export function swapIn(built: string, outDir: string): void {
  const old = aside(outDir, OLD, process.pid);
  const hadOld = existsSync(outDir);
  if (hadOld) renameSync(outDir, old);
  try {
    renameSync(built, outDir);
  } catch (e) {
    if (hadOld) renameSync(old, outDir);
    throw new LibuError(`${outDir}: det nye site kunne ikke sættes på plads (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); det forrige site er der stadig`);
  }
  if (hadOld) rmSync(old, { recursive: true, force: true });
}
