// `libu udgiv`: one frozen quarterly release in `<out>/<YYYYKn>/` (or `<YYYYKn>-v2`, …, with a note). Everything is
// written to a hidden folder beside it and renamed into place at the end, so a failed release leaves nothing
// behind — neither a folder nor rows in the warehouse.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Config } from "../config.ts";
import { type Warehouse, openWarehouse } from "../db.ts";
import { LibuError } from "../errors.ts";
import { critical } from "../interrupt.ts";
import type { Logger } from "../log.ts";
import { REPO } from "../paths.ts";
import { tableCsv, writeParquet } from "./files.ts";
import { type Manifest, canonicalJson, fileHashes, sha256, writeManifest } from "./manifest.ts";
import { publishedFigures, publishedSystem, publishedTables, type PublishedSystem } from "./published.ts";
import { siteData, slowRounds } from "../published/system.ts";
import type { Audited } from "../site/build-site.ts";
import { REVISION_COLUMNS, type Revision, revisions } from "./revisions.ts";
import { figuresJson, forgetRelease, ownReleaseFigures, previousReleases, recordManifest, recordRelease, releases } from "./store.ts";
import { csvFormatRows } from "d3-dsv";
import { writeXlsx } from "../xlsx/index.ts";
import { appendixWorkbook } from "./xlsx.ts";

export const QUARTER = /^\d{4}K[1-4]$/;

export interface ReleaseOptions {
  dbPath: string;
  kvartal: string;
  out: string;
  note?: string | null;
  config: Config;
  log: Logger;
  env?: NodeJS.ProcessEnv;
  /**
   * The site and PDF steps (tests of the figures alone may leave them out). `published`: the release's own
   * published system, so the site prints the figures the release has just audited instead of auditing again.
   */
  site?: (wh: { dbPath: string; dir: string; kvartal: string; published: Audited }) => Promise<void>;
  now?: Date;
}

export interface ReleaseResult {
  udgivelse: string;
  dir: string;
  manifest: Manifest;
  revisioner: Revision[];
}

/** The release's name: `2026K3` the first time, then `2026K3-v2`, … (which require a note). */
export function nextReleaseName(out: string, kvartal: string, note: string | null | undefined): { name: string; version: number } {
  if (!existsSync(join(out, kvartal))) return { name: kvartal, version: 1 };
  let v = 2;
  while (existsSync(join(out, `${kvartal}-v${v}`))) v++;
  if (!note?.trim())
    throw new LibuError(
      `${join(out, kvartal)}: ${kvartal} er allerede udgivet, og en udgivelse overskrives aldrig — en rettet udgivelse bliver ${kvartal}-v${v} og kræver --note "<begrundelse>"`,
    );
  return { name: `${kvartal}-v${v}`, version: v };
}

function gitCommit(): string {
  try {
    return execFileSync("git", ["rev-parse", "HEAD"], { cwd: REPO, stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
  } catch {
    return "ukendt";
  }
}

async function loads(wh: Warehouse): Promise<Manifest["indlaesninger"]> {
  const [{ n }] = await wh.all<{ n: bigint }>(
    `select count(*) as n from duckdb_tables() where schema_name = 'main' and table_name in ('load_log', 'load_files')`,
  );
  if (Number(n) < 2) return [];
  const log = await wh.all<Record<string, unknown>>(
    `select load_id, as_of::varchar as as_of, strftime(startet, '%Y-%m-%dT%H:%M:%S') as startet, mappe from load_log order by load_id`,
  );
  const files = await wh.all<Record<string, unknown>>(`select load_id, tabel, fil, sha256 from load_files order by load_id, tabel, fil`);
  return log.map((l) => ({
    load_id: Number(l.load_id),
    as_of: (l.as_of as string | null) ?? null,
    startet: (l.startet as string | null) ?? null,
    mappe: (l.mappe as string | null) ?? null,
    filer: files
      .filter((f) => Number(f.load_id) === Number(l.load_id))
      .map((f) => ({ tabel: String(f.tabel), fil: String(f.fil), sha256: String(f.sha256 ?? "") })),
  }));
}

export function revisionsCsv(rows: Revision[]): string {
  return csvFormatRows([[...REVISION_COLUMNS], ...rows.map((r) => REVISION_COLUMNS.map((c) => String(r[c] ?? "")))]).replaceAll("\n", "\r\n") + "\r\n";
}

export async function makeRelease(opts: ReleaseOptions): Promise<ReleaseResult> {
  const { kvartal, config, log } = opts;
  if (!QUARTER.test(kvartal)) throw new LibuError(`--kvartal skal være et kvartal som 2026K3, ikke "${kvartal}"`);
  const out = resolve(opts.out);
  const { name, version } = nextReleaseName(out, kvartal, opts.note);
  const dir = join(out, name);
  const tmp = join(out, `.${name}.under-udgivelse-${process.pid}`);

  // 1. The figures, read once, read-only.
  const wh = await openWarehouse(opts.dbPath, { readOnly: true });
  let sys: PublishedSystem;
  let revs: Revision[];
  let figures: ReturnType<typeof publishedFigures>;
  let manifestBase: Omit<Manifest, "filer" | "oprettet" | "revisioner">;
  try {
    sys = await log.timed("udgiv: tal beregnet", async () => publishedSystem(wh, await previousReleases(wh), slowRounds((line) => log.info(line))));
    if (!sys.kpi.kvartaler.includes(kvartal))
      throw new LibuError(`ingen tal for ${kvartal} i datavarehuset — kvartaler med tal: ${sys.kpi.kvartaler.join(", ") || "ingen"}`);
    const seneste = sys.kpi.meta.seneste_kvartal;
    if (seneste && kvartal > seneste) throw new LibuError(`${kvartal} er ikke afsluttet i data (seneste afsluttede kvartal er ${seneste})`);
    const own = await ownReleaseFigures(wh);
    // A quarter's earlier version is compared too (a -v2 lists what changed since the first release).
    for (const k of own.keys()) if (k > kvartal) own.delete(k);
    figures = publishedFigures(sys, kvartal);
    revs = revisions(own, figures, config.revisionsgraenser);
    const pkg = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8"));
    manifestBase = {
      udgivelse: name,
      kvartal,
      version,
      kommune: sys.kpi.meta.kommune,
      udvalg: config.udvalg,
      as_of: sys.kpi.meta.as_of,
      note: opts.note?.trim() || null,
      libu: { version: String(pkg.version), commit: gitCommit() },
      indlaesninger: await loads(wh),
      kpi_register_sha256: sha256(canonicalJson(sys.kpi.definitioner)),
      konfiguration_sha256: sha256(canonicalJson(config)),
      diskretionsgraense: sys.kpi.meta.diskretionsgraense,
      revisionsgraenser: { ...config.revisionsgraenser },
    };
  } finally {
    wh.close();
  }

  // From here the warehouse records the release and the folder is written: Ctrl+C / SIGTERM wait until the release
  // is whole (or undone on an error), then say so (interrupt.ts); before here nothing has changed.
  return critical(async () => {
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(join(tmp, "tal"), { recursive: true });
    let recorded = false;
    try {
      // 2. The figures as files.
      const oprettet = (opts.now ?? new Date()).toISOString().slice(0, 19);
      const tables = publishedTables(sys, kvartal);
      await log.timed("udgiv: tabeller skrevet (CSV, Parquet og Excel)", async () => {
        const info = { ...manifestBase, kommune: manifestBase.kommune };
        await writeXlsx(join(tmp, "bilag.xlsx"), appendixWorkbook(tables, { ...info, udgivelse: name }, new Date(`${oprettet}Z`)), { mode: 0o644 });
        for (const t of tables) {
          writeFileSync(join(tmp, "tal", `${t.name}.csv`), tableCsv(t));
          await writeParquet(t, join(tmp, "tal", `${t.name}.parquet`), join(tmp, `.${t.name}.json`));
          rmSync(join(tmp, `.${t.name}.json`), { force: true });
        }
      });
      writeFileSync(join(tmp, "revisioner.csv"), revisionsCsv(revs));

      // 3. Recorded in the warehouse before the site is built, so the release's own site knows it is published.
      // The audit's cells (for the next release's audit) go to the warehouse only.
      const cellsJson = sys.celler ? join(out, `.${name}.celler-${process.pid}.json`) : null;
      if (cellsJson) writeFileSync(cellsJson, Object.entries(sys.celler!).map(([noegle, c]) => JSON.stringify({ noegle, n: c.n, d: c.d })).join("\n") + "\n");
      const figuresFile = join(out, `.${name}.tal-${process.pid}.json`);
      writeFileSync(figuresFile, figuresJson(figures));
      const rw = await openWarehouse(opts.dbPath);
      try {
        await recordRelease(
          rw,
          { udgivelse: name, kvartal, version, mappe: dir, oprettet, as_of: manifestBase.as_of, note: manifestBase.note, diskretionsgraense: manifestBase.diskretionsgraense, commit: manifestBase.libu.commit },
          figuresFile,
          cellsJson,
        );
        recorded = true;
      } finally {
        rw.close();
        if (cellsJson) rmSync(cellsJson, { force: true });
        rmSync(figuresFile, { force: true });
      }

      // 4. The site, built once, and the PDF printed from it.
      // The release's figures are recorded now, so an audit run here would add them to the earlier releases: a
      // revision of 0 against every shown figure, so nothing would change but the time it takes.
      if (opts.site) await opts.site({ dbPath: opts.dbPath, dir: tmp, kvartal, published: { data: siteData(sys), rapport: sys.rapport } });

      // 5. The manifest last: the checksum of every file.
      const manifest: Manifest = { ...manifestBase, oprettet, revisioner: revs.length, filer: fileHashes(tmp) };
      const manifestHash = writeManifest(tmp, manifest);
      const mw = await openWarehouse(opts.dbPath);
      try {
        await recordManifest(mw, name, dir, manifestHash);
      } finally {
        mw.close();
      }
      if (existsSync(dir)) throw new LibuError(`${dir}: findes allerede (en anden udgivelse blev skrevet samtidig) — intet er ændret`);
      renameSync(tmp, dir);
      return { udgivelse: name, dir, manifest, revisioner: revs };
    } catch (e) {
      rmSync(tmp, { recursive: true, force: true });
      if (recorded) {
        const rw = await openWarehouse(opts.dbPath);
        try {
          await forgetRelease(rw, name, dir);
        } finally {
          rw.close();
        }
      }
      throw e;
    }
  });
}

export { releases };
