// How the load's work is ordered in time, and nothing about what it checks or writes: which file goes first, the
// overlap of JavaScript's checks with DuckDB's staging, the event-loop yields between byte scans and the deferral
// of checks the reader does not need to start. Changing this file changes the load's speed, never its result.

/**
 * Lets the event loop run between the byte scans of prepare() (files.ts): it runs while DuckDB stages the previous
 * file, and a blocked event loop leaves DuckDB idle between statements (measured: about 0.8 s of the national load).
 */
export const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

/**
 * `compute`, run once on first call and memoised; its closure is let go after the run (prepare() defers the file's
 * checksum and blank lines this way, 0.35 s of JavaScript on the national set that delayed the first read, and the
 * file's bytes are freed with the closure).
 */
export function deferred<T>(compute: () => T): () => T {
  let f: (() => T) | undefined = compute;
  let value: T;
  return () => {
    if (f) {
      value = f();
      f = undefined;
    }
    return value;
  };
}

/**
 * The order in which files are checked and staged, as indexes into `sizes` (bytes per file, in the contract's
 * order). Largest files first: DuckDB keeps the blocks of the staging tables already written in memory, so the
 * biggest file's temporary tables come while there are few (smallest first raised the national load's peak from
 * 0.9 to 1.2 GB). But the first file's checks are the only ones nothing hides (DuckDB waits for them): so a file of
 * an eighth of the largest's size or more, the smallest such, goes first, and the largest file is checked while that
 * one is staged (national: 0.1 s of waiting instead of 0.5 s).
 */
export function stagingOrder(sizes: number[]): number[] {
  const bySize = sizes.map((size, i) => ({ i, size })).sort((a, b) => b.size - a.size || a.i - b.i);
  const opener = [...bySize].reverse().find((x) => x.size >= (bySize[0]?.size ?? 0) / 8);
  return opener ? [opener.i, ...bySize.filter((x) => x !== opener).map((x) => x.i)] : [];
}

/**
 * Checks and stages the files in `order`, overlapped: while DuckDB stages one file on its own threads, JavaScript
 * checks the next. `check(i)` resolves to the file ready to stage, or undefined; a file is staged only while
 * `mayStage()` holds (asked once that file's check is done), but every file is checked.
 */
export async function overlapped<P>(
  order: number[],
  check: (i: number) => Promise<P | undefined>,
  stage: (p: P, i: number) => Promise<void>,
  mayStage: () => boolean,
): Promise<void> {
  let next = order.length ? check(order[0]) : undefined;
  for (let k = 0; k < order.length; k++) {
    const p = await next;
    const staging = p && mayStage() ? stage(p, order[k]) : undefined;
    next = k + 1 < order.length ? check(order[k + 1]) : undefined;
    await staging;
  }
}
