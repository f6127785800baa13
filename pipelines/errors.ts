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
