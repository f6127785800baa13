// Ctrl+C and SIGTERM (issue 11): the command stops with one Danish line saying what was stopped and that nothing
// changed. That is true because every command that writes does so in one transaction (load, build) or into a
// temporary place that is swapped in at the end (site): a process that stops before the commit leaves the previous
// state. The commit itself is a critical section: a signal that arrives during it waits for it, and then says so.
import type { Output } from "./log.ts";

const cleanups = new Set<() => void>();
let inCritical = 0;
let pending: NodeJS.Signals | undefined;
let active: { what: string; unchanged: string; stderr: Output; exit: (code: number) => void } | undefined;

const exitCode = (signal: NodeJS.Signals) => (signal === "SIGINT" ? 130 : 143);
const signalName = (signal: NodeJS.Signals) => (signal === "SIGINT" ? "Ctrl+C" : signal);

/** Runs `cleanup` (synchronously: the process exits right after) if the command is stopped; returns its removal. */
export function onInterrupt(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/** Runs `work` (a commit) without being stopped half-way: a signal waits for it. */
export async function critical<T>(work: () => Promise<T>): Promise<T> {
  inCritical++;
  try {
    return await work();
  } finally {
    inCritical--;
    if (!inCritical && pending && active) {
      const { what, stderr, exit } = active;
      stderr.write(`libu: ${what} blev stoppet (${signalName(pending)}) lige efter at ændringerne var gemt\n`);
      exit(exitCode(pending));
    }
  }
}

function stop(signal: NodeJS.Signals) {
  if (!active) return;
  if (inCritical) {
    pending ??= signal;
    return;
  }
  for (const c of cleanups) {
    try {
      c();
    } catch {
      // the exit goes on
    }
  }
  active.stderr.write(`libu: ${active.what} blev stoppet (${signalName(signal)}); ${active.unchanged}\n`);
  active.exit(exitCode(signal));
}

/**
 * Handles SIGINT and SIGTERM while `work` runs (`what`: "indlæsningen", …; `unchanged`: what stayed as it was). `exit` is process.exit
 * unless a test passes its own.
 */
export async function whileInterruptible<T>(
  { what, unchanged }: { what: string; unchanged: string },
  stderr: Output,
  work: () => Promise<T>,
  exit: (code: number) => void = (code) => process.exit(code),
): Promise<T> {
  active = { what, unchanged, stderr, exit };
  pending = undefined;
  const onInt = () => stop("SIGINT");
  const onTerm = () => stop("SIGTERM");
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  try {
    return await work();
  } finally {
    process.off("SIGINT", onInt);
    process.off("SIGTERM", onTerm);
    active = undefined;
    cleanups.clear();
  }
}

const nothing = "intet er ændret";
/** What each command that writes is called when it is stopped, and what is left as it was. */
export const interruptible: Record<string, { what: string; unchanged: string }> = {
  load: { what: "indlæsningen", unchanged: `${nothing} i lageret` },
  rekey: { what: "nøgleskiftet", unchanged: `${nothing} i lageret` },
  build: { what: "byggeriet af modellerne", unchanged: `${nothing} i lageret` },
  test: { what: "datatestene", unchanged: `${nothing} i lageret` },
  site: { what: "byggeriet af sitet", unchanged: `${nothing}; det forrige site er der stadig` },
  run: { what: "kørslen", unchanged: "det trin der var i gang, er ikke gemt; de færdige trin er" },
  report: { what: "rapporten", unchanged: "ingen PDF er skrevet, og de midlertidige filer er fjernet" },
  udgiv: { what: "udgivelsen", unchanged: "intet er udgivet, og lageret er som før" },
};
