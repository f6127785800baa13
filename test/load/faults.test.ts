// Faults get one clear Danish line and lose nothing (issue 11, deliverable 7): a busy warehouse, Ctrl+C / SIGTERM,
// a warehouse where none can be written.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openWarehouse } from "../../pipelines/db.ts";
import { diskFullError } from "../../pipelines/errors.ts";
import { cleanError } from "../../pipelines/load/query.ts";
import { libuProcess, query, TEST_KEY } from "../helpers/libu.ts";
import { CPR_PATTERN, fixture, repoRoot, tempDir } from "./helpers.ts";

const env = { ...process.env, LIBU_PSEUDONYM_KEY: TEST_KEY };

/** A load that pauses inside its transaction (holding the warehouse's lock); resolves once it says so. */
function pausedLoad(folder: string, db: string): Promise<{ child: ChildProcess; stderr: () => string }> {
  const child = spawn("node", ["bin/libu.js", "load", folder, "--as-of", "2025-02-01", "--db", db], {
    cwd: repoRoot,
    env: { ...env, LIBU_TEST_PAUSE_IN_LOAD: "120000" },
  });
  let err = "";
  return new Promise((resolve, reject) => {
    child.stderr!.on("data", (d) => {
      err += d;
      if (err.includes("libu-test: paused inside the load transaction")) resolve({ child, stderr: () => err });
    });
    child.on("exit", (code) => reject(new Error(`load exited (${code}) before pausing: ${err}`)));
  });
}

const exited = (child: ChildProcess) => new Promise<number | null>((r) => child.on("exit", (code) => r(code)));

describe("a busy warehouse", () => {
  it("gives one Danish line with the other run's PID, for load and for the read-only libu sql", async () => {
    const db = join(tempDir(), "w.duckdb");
    expect(libuProcess(["load", fixture("basis"), "--as-of", "2025-02-01", "--db", db]).status).toBe(0);
    const { child } = await pausedLoad(fixture("basis2"), db);
    try {
      for (const args of [["load", fixture("basis"), "--as-of", "2025-02-01"], ["sql", "select 1"]]) {
        const r = libuProcess([...args, "--db", db]);
        expect(r.status, args[0]).not.toBe(0);
        expect(r.stderr.trim(), args[0]).toBe(`libu: ${db}: lageret bruges af en anden kørsel (PID ${child.pid}); prøv igen når den er færdig`);
      }
    } finally {
      child.kill("SIGKILL");
      await exited(child);
    }
  });

  it("libu sql opens read-only beside another reader", async () => {
    const db = join(tempDir(), "w.duckdb");
    expect(libuProcess(["load", fixture("basis"), "--as-of", "2025-02-01", "--db", db]).status).toBe(0);
    const reader = await openWarehouse(db, { readOnly: true });
    try {
      const r = libuProcess(["sql", "--db", db, "--format", "csv", "select count(*) as n from src_underretninger"]);
      expect(r.stderr).toBe("");
      expect(r.stdout).toBe("n\r\n3\r\n");
    } finally {
      reader.close();
    }
  });
});

describe("Ctrl+C and SIGTERM", () => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`${signal} stops the load with one line saying nothing changed, and nothing did`, async () => {
      const db = join(tempDir(), "w.duckdb");
      expect(libuProcess(["load", fixture("basis"), "--as-of", "2025-02-01", "--db", db]).status).toBe(0);
      const before = await query(db, "select * from src_underretninger order by _linje");
      const { child, stderr } = await pausedLoad(fixture("basis2"), db);
      const done = exited(child);
      child.kill(signal);
      expect(await done).toBe(signal === "SIGINT" ? 130 : 143);
      const last = stderr().trim().split("\n").at(-1);
      expect(last).toBe(`libu: indlæsningen blev stoppet (${signal === "SIGINT" ? "Ctrl+C" : "SIGTERM"}); intet er ændret i lageret`);
      expect(await query(db, "select * from src_underretninger order by _linje")).toEqual(before);
      expect(await query(db, "select count(*)::integer as n from load_log")).toEqual([{ n: 1 }]);
    });
  }
});

describe("a warehouse that cannot be written", () => {
  it("says where and what to do instead of ENOENT", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "fil"), "x");
    const db = join(dir, "fil", "w.duckdb");
    const r = libuProcess(["load", fixture("basis"), "--as-of", "2025-02-01", "--db", db]);
    expect(r.status).not.toBe(0);
    expect(r.stderr.trim()).toMatch(/^libu: .*w\.duckdb: mappen til lageret kan ikke oprettes .* vælg et andet sted med --db <fil>$/);
    expect(r.stderr).not.toMatch(/unexpected|uventet fejl|ENOENT|ENOTDIR/);
    expect(r.stdout + r.stderr).not.toMatch(CPR_PATTERN);
  });
});

describe("a folder that cannot be written", () => {
  // /sys refuses new files even to root (EPERM), where chmod would not stop a test run as root.
  it("a new warehouse in a read-only folder says so (it was 'unexpected error: ENOENT mkdir')", () => {
    const r = libuProcess(["load", fixture("basis"), "--as-of", "2025-02-01", "--db", "/sys/libu-test/w.duckdb"]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toBe("libu: /sys/libu-test/w.duckdb: lageret kan ikke skrives her (ingen adgang, eller mappen er skrivebeskyttet) — vælg et andet sted med --db <fil>\n");
  });

  it("a site into a read-only folder says so, in one line", async () => {
    const db = join(tempDir(), "tomt.duckdb");
    (await openWarehouse(db)).close();
    const r = libuProcess(["site", "--db", db, "--out", "/sys/libu-test/dist"]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toBe("libu: /sys/libu-test: sitet kan ikke bygges her (EPERM) — vælg en mappe der kan skrives i med --out <mappe>\n");
  });
});

describe("a full disk", () => {
  it("Node's ENOSPC and DuckDB's 'No space left on device' become one Danish line naming the place", () => {
    const node = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", path: "/tmp/libu-load-x/underretninger.csv" });
    expect(diskFullError(node, "underretninger.csv", { unchanged: true })?.message).toBe(
      "underretninger.csv: der er ikke mere plads på disken (/tmp/libu-load-x/underretninger.csv); intet er ændret — frigør plads, eller brug et drev med plads: TMPDIR for midlertidige filer, --db for lageret, --out for output",
    );
    const duck = new Error('IO Error: Could not write file "/data/w.duckdb.wal": No space left on device');
    expect(cleanError(duck, "load").message).toMatch(/^load: der er ikke mere plads på disken \(\/data\/w\.duckdb\.wal\); intet er ændret — /);
    expect(diskFullError(new Error("Conversion Error"), "x")).toBeUndefined();
  });
});

