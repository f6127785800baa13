// `libu load` as a process: the pinned calls of docs/cli.md, atomicity under SIGKILL, and the demo's exports.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { isUtf8 } from "node:buffer";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openWarehouse } from "../../pipelines/db.ts";
import { hasStandaloneCprSql } from "../../pipelines/load/cpr-sql.ts";
import { libuProcess, query, TEST_KEY } from "../helpers/libu.ts";
import { CPR_PATTERN, fixture, repoRoot, tempDir } from "./helpers.ts";

const env = { ...process.env, LIBU_PSEUDONYM_KEY: TEST_KEY };

function npx(args: string[]) {
  return spawnSync("npx", ["--no-install", "libu", ...args], { cwd: repoRoot, env, encoding: "utf8" });
}

/** Every spelling of a CPR number (issue 11): none, `-`, space, `.`, `/`, en dash, ` - `. */
const SPELLINGS = ["0101151234", "010115-1234", "010115 1234", "010115.1234", "010115/1234", "010115\u20131234", "010115 - 1234"];

/**
 * Writes each spelling into the demo's underretninger.csv, in its own encoding and delimiter: into the id and the
 * district of one row each (loaded, masked) and the kilde of another (an unknown code: quarantined). Returns how many
 * rows of each kind.
 */
function plantCprSpellings(folder: string): number {
  const file = join(folder, "underretninger.csv");
  const bytes = readFileSync(file);
  const utf8 = isUtf8(bytes);
  const lines = bytes.toString(utf8 ? "utf8" : "latin1").split("\n");
  const delim = lines[0].includes(";") ? ";" : ",";
  const header = lines[0].replace(/^\ufeff/, "").replace(/\r$/, "").split(delim).map((h) => h.toLowerCase());
  const [id, kilde, distrikt] = ["underretning_id", "kilde", "distrikt"].map((c) => header.indexOf(c));
  expect(Math.min(id, kilde, distrikt)).toBeGreaterThanOrEqual(0);
  const spell = (s: string) => (utf8 ? s : s.replace("\u2013", "\x96")); // Windows-1252's en dash
  let k = 0;
  for (let i = 1; i < lines.length && k < 2 * SPELLINGS.length; i++) {
    if (lines[i].includes('"') || !lines[i].trim()) continue;
    const cells = lines[i].replace(/\r$/, "").split(delim);
    const s = spell(SPELLINGS[k % SPELLINGS.length]);
    if (k < SPELLINGS.length) {
      cells[id] = `${cells[id]}-${s}`;
      cells[distrikt] = `Vest ${s}`;
    } else cells[kilde] = `nabo ${s}`;
    lines[i] = cells.join(delim) + (lines[i].endsWith("\r") ? "\r" : "");
    k++;
  }
  writeFileSync(file, Buffer.from(lines.join("\n"), utf8 ? "utf8" : "latin1"));
  return SPELLINGS.length;
}

describe("the pinned calls of docs/cli.md", () => {
  it("npx libu load <folder> --as-of <date> --db <file>, npx libu build --db <file>, npx libu sql --format csv", () => {
    const db = join(tempDir(), "w.duckdb");
    const load = npx(["load", fixture("basis"), "--as-of", "2025-02-01", "--db", db]);
    expect(load.status, load.stderr).toBe(0);
    expect(load.stdout).toMatch(/^indlæsning 1: 6 tabeller/);
    expect(load.stdout).toMatch(/underretninger\s+underretninger\.csv\s+3\s+3\s+0/);
    if (existsSync(join(repoRoot, "pipelines/commands/build.ts"))) {
      const build = npx(["build", "--db", db]);
      expect(build.status, build.stderr).toBe(0);
    }
    const sql = npx(["sql", "--db", db, "--format", "csv", "select underretning_id, kilde, _linje from src_underretninger order by _linje"]);
    expect(sql.status, sql.stderr).toBe(0);
    expect(sql.stdout).toBe("underretning_id,kilde,_linje\r\nU1,skole,2\r\nU2,politi,3\r\nU3,familie,4\r\n");
  });

  it("exits non-zero with one line per problem and no stack", () => {
    const db = join(tempDir(), "w.duckdb");
    const r = libuProcess(["load", fixture("fejl-mangler-kolonne"), "--as-of", "2025-02-01", "--db", db]);
    expect(r.status).toBe(3);
    expect(r.stderr.trim().split("\n").filter((l) => l.startsWith("libu:"))).toEqual([
      'libu: underretninger.csv, linje 1: mangler den påkrævede kolonne kilde (underretninger); overskriften læst: "underretning_id;cpr;modtaget;fagperson;enhed" — omdøb kolonnerne, eller brug en profil (--profile) der oversætter dem',
    ]);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:/);
    expect(r.stdout + r.stderr).not.toMatch(CPR_PATTERN);
    expect(libuProcess(["load", "--db", db]).status).toBe(2);
  });
});

/** Starts a load that pauses inside its transaction; resolves once it says so. */
function pausedLoad(folder: string, db: string): Promise<ChildProcess> {
  const child = spawn("node", ["bin/libu.js", "load", folder, "--as-of", "2025-02-01", "--db", db, "--accept-rejects"], {
    cwd: repoRoot,
    env: { ...env, LIBU_TEST_PAUSE_IN_LOAD: "120000" },
  });
  return new Promise((resolve, reject) => {
    let err = "";
    child.stderr!.on("data", (d) => {
      err += d;
      if (err.includes("libu-test: paused inside the load transaction")) resolve(child);
    });
    child.on("exit", (code) => reject(new Error(`load exited (${code}) before pausing: ${err}`)));
  });
}

describe("atomicity", () => {
  it("a load SIGKILLed inside its transaction leaves the previous snapshot intact", async () => {
    const db = join(tempDir(), "w.duckdb");
    expect(libuProcess(["load", fixture("basis"), "--as-of", "2025-02-01", "--db", db]).status).toBe(0);
    const before = await query(db, "select * from src_underretninger order by _linje");
    const beforeFiles = await query(db, "select * from load_files order by tabel");

    // A file big enough that DuckDB writes row groups to the database file before the commit.
    const big = tempDir();
    const lines = ["underretning_id;cpr;modtaget;kilde;enhed"];
    for (let i = 0; i < 150_000; i++) lines.push(`X${i};010115-1234;05-01-2025 10:00;skole;Team ${i % 7}`);
    writeFileSync(join(big, "underretninger.csv"), lines.join("\n") + "\n");
    writeFileSync(join(big, "sager.csv"), "sag_id;cpr;oprettet;enhed\nS1;010115-1234;2025-01-01;T\n");

    const child = await pausedLoad(big, db);
    const exited = new Promise((r) => child.on("exit", r));
    child.kill("SIGKILL");
    await exited;

    expect(await query(db, "select * from src_underretninger order by _linje")).toEqual(before);
    expect(await query(db, "select count(*)::integer n from src_sager")).toEqual([{ n: 0 }]);
    expect(await query(db, "select * from load_files order by tabel")).toEqual(beforeFiles);
    expect(await query(db, "select load_id from load_log")).toEqual([{ load_id: 1 }]);
    // And the warehouse takes the next load.
    expect(libuProcess(["load", big, "--as-of", "2025-02-01", "--db", db]).status).toBe(0);
    expect(await query(db, "select count(*)::integer n, max(_load_id) l from src_underretninger")).toEqual([{ n: 150_000, l: 2 }]);
  });
});

describe("the demo's exports", () => {
  it.runIf(existsSync(join(repoRoot, "pipelines/commands/demo.ts")))("load with every deliberate defect quarantined and no CPR number anywhere", async () => {
    const dir = tempDir();
    const db = join(dir, "w.duckdb");
    const demo = libuProcess(["demo", "--out", join(dir, "demo"), "--seed", "7", "--as-of", "2025-06-30"]);
    expect(demo.status, demo.stderr).toBe(0);
    const load = libuProcess(["load", join(dir, "demo"), "--as-of", "2025-06-30", "--db", db]);
    expect(load.status, load.stderr).toBe(0);
    expect(load.stdout + load.stderr).not.toMatch(CPR_PATTERN);
    const counts = await query<{ q: number; l: number; r: number }>(
      db,
      "select sum(raekker_karantaene)::integer q, sum(raekker_indlaest)::integer l, sum(raekker_laest)::integer r from load_files",
    );
    const defects = Number(/(\d+) rækker gjort forkerte med vilje/.exec(demo.stdout + demo.stderr)?.[1]);
    expect(defects).toBeGreaterThan(0);
    expect(counts[0].q).toBe(defects);
    expect(counts[0].q + counts[0].l).toBe(counts[0].r);
    // Again with a CPR number in every spelling planted in the corpus: in the id and district of loaded rows and in
    // the code of quarantined ones (the demo has CPR numbers only in the cpr column), so the scan below can fail.
    const planted = plantCprSpellings(join(dir, "demo"));
    const again = libuProcess(["load", join(dir, "demo"), "--as-of", "2025-06-30", "--db", db, "--accept-rejects"]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout + again.stderr).not.toMatch(CPR_PATTERN);
    const masked = await query<{ n: number }>(db, "select count(*)::integer n from src_underretninger where distrikt like '%-****%' and underretning_id like '%-****'");
    expect(masked).toEqual([{ n: planted }]);
    const quarantined = await query<{ n: number }>(db, "select count(*)::integer n from quarantine where raa_tekst like '%nabo 010115-****%'");
    expect(quarantined).toEqual([{ n: planted }]);
    const cols = await query<{ t: string; c: string }>(
      db,
      "select table_name t, column_name c from information_schema.columns where data_type = 'VARCHAR' and table_schema = 'main'",
    );
    const wh = await openWarehouse(db, { readOnly: true });
    try {
      for (const { t, c } of cols) {
        const hits = await wh.all(`select "${c}" from "${t}" where ${hasStandaloneCprSql(`"${c}"`)} limit 1`);
        expect(hits, `${t}.${c}`).toEqual([]);
      }
    } finally {
      wh.close();
    }
  });
});
