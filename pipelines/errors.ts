// Typed errors carry their exit code; the CLI prints `message` as one line and no stack unless --debug.

export class LibuError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = "LibuError";
  }
}

/** Bad usage of the command line (unknown option, missing argument). */
export class UsageError extends LibuError {
  constructor(message: string) {
    super(message, 2);
    this.name = "UsageError";
  }
}

/** A file-level problem with the input: the whole load fails and nothing changes. One line per problem. */
export class InputError extends LibuError {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"), 3);
    this.name = "InputError";
  }
}

/** A model or an error-severity data test failed; the previous marts stay in place. */
export class BuildError extends LibuError {
  constructor(message: string) {
    super(message, 4);
    this.name = "BuildError";
  }
}

/**
 * A full disk — ENOSPC from Node, "No space left on device" from DuckDB (the warehouse, its spill files, the load's
 * temporary copies) — as one Danish line naming the place, or undefined for any other error. `unchanged`: the
 * command writes atomically, so nothing changed.
 */
export function diskFullError(e: unknown, what: string, opts: { where?: string; unchanged?: boolean } = {}): LibuError | undefined {
  const err = e as NodeJS.ErrnoException;
  const msg = String(err?.message ?? e);
  if (err?.code !== "ENOSPC" && !/No space left on device|\bENOSPC\b/i.test(msg)) return undefined;
  const where = err?.path ?? /"([^"]+)"/.exec(msg)?.[1] ?? opts.where;
  return new LibuError(
    `${what}: der er ikke mere plads på disken${where ? ` (${where})` : ""}${opts.unchanged ? "; intet er ændret" : ""} — ` +
      "frigør plads, eller brug et drev med plads: TMPDIR for midlertidige filer, --db for lageret, --out for output",
  );
}
