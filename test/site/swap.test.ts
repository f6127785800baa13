// The site is built into a temporary folder beside --out and swapped in only when complete (issue 11, deliverable 7):
// a failed build, a busy warehouse or a SIGTERM leaves the previous site as it was, and no temporary folder behind.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { openWarehouse } from "../../pipelines/db.ts";
import { buildSite } from "../../pipelines/site/build-site.ts";
import { cleanStale, swapIn, tempFolder } from "../../pipelines/site/swap.ts";
import { fixture, repoRoot, tempDir, TEST_KEY } from "../load/helpers.ts";
import { writeFixtureWarehouse } from "./fixture-warehouse.ts";

const env = { ...process.env, LIBU_PSEUDONYM_KEY: TEST_KEY, OBSERVABLE_TELEMETRY_DISABLE: "true" };

/** A previous site: one page whose text we can recognise. */
function previousSite(out: string): void {
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "index.html"), "det forrige site");
}
const stillPrevious = (out: string) => readFileSync(join(out, "index.html"), "utf8") === "det forrige site" && readdirSync(out).length === 1;
/** What lies beside the output folder apart from itself (temporary folders of a build). */
const beside = (out: string) => readdirSync(dirname(out)).filter((n) => n.startsWith(`.${basename(out)}.`));
/** The PID of a process that has exited. */
const deadPid = () => spawnSync("node", ["-e", "0"]).pid!;
const exited = (child: ChildProcess) => new Promise<number | null>((r) => child.on("exit", (code) => r(code)));

describe("the swap", () => {
  it("replaces the previous site whole, and removes it", () => {
    const out = join(tempDir(), "dist");
    previousSite(out);
    const built = tempFolder(out);
    writeFileSync(join(built, "index.html"), "det nye site");
    swapIn(built, out);
    expect(readFileSync(join(out, "index.html"), "utf8")).toBe("det nye site");
    expect(beside(out)).toEqual([]);
  });

  it("puts back a previous site left aside by a killed build, and removes a killed build's half site", () => {
    const out = join(tempDir(), "dist");
    const pid = deadPid();
    previousSite(join(dirname(out), `.dist.gammel-${pid}`));
    mkdirSync(join(dirname(out), `.dist.ny-${pid}`));
    cleanStale(out);
    expect(stillPrevious(out)).toBe(true);
    expect(beside(out)).toEqual([]);
  });

  it("leaves the folders of a build that is still running alone", () => {
    const out = join(tempDir(), "dist");
    mkdirSync(join(dirname(out), `.dist.ny-${process.pid}`), { recursive: true });
    cleanStale(out);
    expect(beside(out)).toEqual([`.dist.ny-${process.pid}`]);
  });

  it("refuses an --out that is a file, in Danish", () => {
    const out = join(tempDir(), "dist");
    writeFileSync(out, "x");
    expect(() => tempFolder(out)).toThrow(/dist: --out er en fil, ikke en mappe — vælg en mappe til sitet med --out <mappe>/);
  });
});

describe("a site build that fails", () => {
  it("keeps the previous site and leaves no temporary folder (before the fix it emptied --out first)", async () => {
    const dir = tempDir();
    const db = join(dir, "brudt.duckdb");
    const wh = await openWarehouse(db); // a page mart without its columns: the KPI data loader fails
    await wh.run("create table mart_kpi_kvartal as select 1 as x");
    wh.close();
    const out = join(dir, "dist");
    previousSite(out);
    await expect(buildSite({ dbPath: db, outDir: out, env })).rejects.toThrow(
      new RegExp(`^byggeriet af sitet fejlede .*det forrige site i ${out} er der stadig`),
    );
    expect(stillPrevious(out)).toBe(true);
    expect(beside(out)).toEqual([]);
  }, 240_000);

  it("on a busy warehouse says so in one line and keeps the previous site", async () => {
    const dir = tempDir();
    const db = join(dir, "w.duckdb");
    const out = join(dir, "dist");
    previousSite(out);
    const libu = (args: string[], extra: NodeJS.ProcessEnv = {}) => spawn("node", ["bin/libu.js", ...args], { cwd: repoRoot, env: { ...env, ...extra } });
    expect(await exited(libu(["load", fixture("basis"), "--as-of", "2025-02-01", "--db", db]))).toBe(0);
    const load = libu(["load", fixture("basis2"), "--as-of", "2025-02-01", "--db", db], { LIBU_TEST_PAUSE_IN_LOAD: "120000" });
    await new Promise<void>((ok, fail) => {
      let err = "";
      load.stderr!.on("data", (d) => (err += d) && err.includes("paused inside the load transaction") && ok());
      load.on("exit", () => fail(new Error(err)));
    });
    try {
      const r = spawnSync("node", ["bin/libu.js", "site", "--db", db, "--out", out], { cwd: repoRoot, env, encoding: "utf8" });
      expect(r.status).not.toBe(0);
      expect(r.stderr.trim()).toBe(`libu: ${db}: lageret bruges af en anden kørsel (PID ${load.pid}); prøv igen når den er færdig`);
      expect(stillPrevious(out)).toBe(true);
      expect(beside(out)).toEqual([]);
    } finally {
      load.kill("SIGKILL");
      await exited(load);
    }
  }, 120_000);
});

describe("a site build that is stopped", () => {
  it("SIGTERM says the site was stopped and the previous one is still there, and it is", async () => {
    const dir = tempDir();
    const db = join(dir, "fixture.duckdb");
    await writeFixtureWarehouse(db);
    const out = join(dir, "dist");
    previousSite(out);
    const child = spawn("node", ["bin/libu.js", "site", "--db", db, "--out", out], { cwd: repoRoot, env });
    let err = "";
    child.stderr!.on("data", (d) => (err += d));
    const done = exited(child);
    // Wait until Framework is writing into the temporary folder, then stop the command.
    const deadline = Date.now() + 120_000;
    while (!beside(out).some((n) => existsSync(join(dirname(out), n, "_file")) || existsSync(join(dirname(out), n, "_observablehq"))) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    child.kill("SIGTERM");
    expect(await done).toBe(143);
    expect(err.trim().split("\n").at(-1)).toBe("libu: byggeriet af sitet blev stoppet (SIGTERM); intet er ændret; det forrige site er der stadig");
    expect(stillPrevious(out)).toBe(true);
    await new Promise((r) => setTimeout(r, 1000)); // Framework, stopped too, writes nothing more
    expect(beside(out)).toEqual([]);
  }, 240_000);
});

describe("a report that is stopped", () => {
  it("SIGTERM says no PDF was written and leaves no temporary site behind", async () => {
    const dir = tempDir();
    const db = join(dir, "fixture.duckdb");
    await writeFixtureWarehouse(db);
    const tmp = join(dir, "tmp");
    mkdirSync(tmp);
    const pdf = join(dir, "rapport.pdf");
    const child = spawn("node", ["bin/libu.js", "report", "--db", db, "--kvartal", "2025K3", "--pdf", pdf], { cwd: repoRoot, env: { ...env, TMPDIR: tmp } });
    let err = "";
    child.stderr!.on("data", (d) => (err += d));
    const done = exited(child);
    // Wait until the report's temporary site is being built, then stop the command.
    const deadline = Date.now() + 120_000;
    while (!readdirSync(tmp).some((n) => n.startsWith("libu-report-") && readdirSync(join(tmp, n)).length) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    child.kill("SIGTERM");
    expect(await done).toBe(143);
    expect(err.trim().split("\n").at(-1)).toBe("libu: rapporten blev stoppet (SIGTERM); ingen PDF er skrevet, og de midlertidige filer er fjernet");
    expect(existsSync(pdf)).toBe(false);
    await new Promise((r) => setTimeout(r, 1000));
    expect(readdirSync(tmp).filter((n) => n.startsWith("libu-report-"))).toEqual([]);
  }, 240_000);
});
