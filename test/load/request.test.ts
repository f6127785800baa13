// The load request of `libu load`, `libu rekey` and `libu run` (pipelines/load/request.ts): one mapping of their flags
// and context to the load's options and dependencies.
import { describe, expect, it } from "vitest";
import { defaults } from "../../pipelines/config.ts";
import { createLogger } from "../../pipelines/log.ts";
import { loadRequest } from "../../pipelines/load/request.ts";

function context(env: NodeJS.ProcessEnv) {
  const stderr: string[] = [];
  const out = { write: (t: string) => void stderr.push(t) };
  return { stderr, ctx: { config: { ...defaults, dataFra: "2024-01-02" }, configPath: "/x/kommune/libu.json", env, log: createLogger(out, true), cwd: "/x", stderr: out } };
}

describe("loadRequest", () => {
  it("maps the flags and the context to the load's options and dependencies", () => {
    const { ctx } = context({ LIBU_PSEUDONYM_KEY: "hemmelig" });
    const { opts, deps } = loadRequest("eksport", { "as-of": "2026-10-15", profile: "p", "accept-rejects": true }, ctx);
    expect(opts).toEqual({ folder: "eksport", asOf: "2026-10-15", profile: "p", acceptRejects: true, proev: false, dataFra: ctx.config, configFile: "kommune/libu.json" });
    expect(deps).toEqual({ log: ctx.log, pseudonym: { key: "hemmelig", demo: false }, cwd: "/x", beforeCommit: undefined });
    expect(loadRequest("eksport", { proev: true }, ctx).opts).toMatchObject({ asOf: undefined, profile: undefined, acceptRejects: false, proev: true });
  });

  it("names the configuration's file as the user would write it: below the working folder relative, else in full", () => {
    const { ctx } = context({ LIBU_PSEUDONYM_KEY: "hemmelig" });
    expect(loadRequest("eksport", {}, { ...ctx, configPath: "/etc/libu/kbh.json" }).opts.configFile).toBe("/etc/libu/kbh.json");
    expect(loadRequest("eksport", {}, { ...ctx, configPath: "/x/libu.config.json" }).opts.configFile).toBe("libu.config.json");
  });

  it("pauses inside the transaction only when the test hook's variable is set, and says so", async () => {
    const { stderr, ctx } = context({ LIBU_PSEUDONYM_KEY: "hemmelig", LIBU_TEST_PAUSE_IN_LOAD: "1" });
    const { beforeCommit } = loadRequest("eksport", {}, ctx).deps;
    expect(beforeCommit).toBeTypeOf("function");
    await beforeCommit!();
    expect(stderr).toEqual(["libu-test: paused inside the load transaction\n"]);
  });

  it("no key, no load: the configuration's rule for the pseudonymisation key applies", () => {
    expect(() => loadRequest("eksport", {}, context({}).ctx)).toThrow(/ingen pseudonymiseringsnøgle/);
  });
});
