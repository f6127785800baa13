// The load a command asks for (`libu load`, `libu rekey`, `libu run`): its flags and context turned into the load's
// options and dependencies in one place, so the three commands make the same request.
import type { Context } from "../command.ts";
import { pseudonymKey } from "../config.ts";
import type { LoadDeps, LoadOptions } from "./load-folder.ts";
import { isAbsolute, relative } from "node:path";

/** Test hook: with LIBU_TEST_PAUSE_IN_LOAD set, the load announces itself on stderr and waits inside its transaction. */
const PAUSE_ENV = "LIBU_TEST_PAUSE_IN_LOAD";

/** The flags every loading command takes (its help describes them). */
export const LOAD_FLAGS = {
  "as-of": { type: "string" },
  profile: { type: "string" },
  "accept-rejects": { type: "boolean" },
} as const;

/** The load of `folder` that the parsed flags (LOAD_FLAGS, and `libu load`'s --proev) and the context ask for. */
export function loadRequest(
  folder: string,
  values: Record<string, string | boolean | undefined>,
  ctx: Pick<Context, "config" | "configPath" | "env" | "log" | "cwd" | "stderr">,
): { opts: LoadOptions; deps: LoadDeps } {
  const pause = ctx.env[PAUSE_ENV];
  return {
    opts: {
      folder,
      asOf: values["as-of"] as string | undefined,
      profile: values.profile as string | undefined,
      acceptRejects: !!values["accept-rejects"],
      proev: !!values.proev,
      dataFra: ctx.config,
      configFile: shownPath(ctx.configPath, ctx.cwd),
    },
    deps: {
      log: ctx.log,
      pseudonym: pseudonymKey(ctx.config, ctx.env),
      cwd: ctx.cwd,
      beforeCommit: pause
        ? async () => {
            ctx.stderr.write("libu-test: paused inside the load transaction\n");
            await new Promise((r) => setTimeout(r, Number(pause) || 60_000));
          }
        : undefined,
    },
  };
}

/** A file as the user would write it: relative to the working folder when it lies below it, else in full. */
function shownPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}
