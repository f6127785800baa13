// `libu demo` without the command line: simulate one municipality (or 98 for the national benchmark set),
// spoil a few rows on purpose (defects.ts), and write one file per contract table.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { tables } from "../contract.ts";
import { CprIssuer } from "./cpr-gen.ts";
import { writeExportManifest } from "../load/manifest.ts";
import { type Day, addYears, isoDate, quarterStart } from "./dates.ts";
import { type Defect, applyDefects } from "./defects.ts";
import { type CsvFormat, type FileFormat, kommuneFormats, nationalFormats } from "./formats.ts";
import { type Municipality, demoKommune, nationalMunicipalities } from "./municipality.ts";
import { Rng } from "./random.ts";
import { type TableRows, toRows } from "./rows.ts";
import { type Simulation, simulate } from "./simulate/index.ts";
import { CsvWriter, writeXlsx } from "./write.ts";

export type Scale = "kommune" | "national";

export interface DemoOptions {
  out: string;
  seed: number;
  scale: Scale;
  asOf: Day;
  /** Progress for long runs: called after each municipality of the national set. */
  onProgress?: (done: number, total: number) => void;
}

export interface WrittenFile {
  table: string;
  file: string;
  rows: number;
  bytes: number;
  format: string;
}

export interface DemoResult {
  files: WrittenFile[];
  defects: Defect[];
  municipalities: number;
  /** Children aged 0–17 on 1 January of the as-of year (the befolkning row). */
  children: number;
  windowStart: Day;
  ms: number;
  /** The manifest written beside the files (as-of date, seed, scale). */
  manifest?: string;
}

/** Data from the first day of the quarter four (kommune) or five (national) years before the as-of date. */
export const windowStartFor = (scale: Scale, asOf: Day) => quarterStart(addYears(asOf, scale === "kommune" ? -4 : -5));

export const DEFAULT_SEED = 2026;

const describe = (f: FileFormat) =>
  f.kind === "xlsx" ? "xlsx" : `${f.delimiter} ${f.encoding} ${f.dates}`;

/** The simulated municipality and its rows, without writing (tests look at both). */
export function simulateKommune(seed: number, asOf: Day, muni: Municipality = demoKommune): { sim: Simulation; rows: TableRows; defects: Defect[] } {
  const rng = new Rng(seed);
  const cprs = new CprIssuer(rng.fork());
  const sim = simulate({ muni, rng: rng.fork(), cprs, windowStart: windowStartFor("kommune", asOf), asOf });
  const rows = toRows(sim);
  const defects = applyDefects(rows, rng.fork(), asOf);
  return { sim, rows, defects };
}

export async function generateDemo(opts: DemoOptions): Promise<DemoResult> {
  const started = performance.now();
  mkdirSync(opts.out, { recursive: true });
  const result = await (opts.scale === "kommune" ? writeKommune(opts, started) : writeNational(opts, started));
  // The as-of date travels with the files: `libu load` reads it when --as-of is not given. So does data_fra, the day
  // after the go-live (simulate/index.ts): the measures active then are registered from the go-live day, so that
  // day's "new" records are migrated ones, and the go-live quarter is not reported.
  const manifest = writeExportManifest(opts.out, {
    asOf: isoDate(opts.asOf),
    dataFra: isoDate(result.windowStart + 1),
    source: "libu demo",
    seed: opts.seed,
    scale: opts.scale,
  });
  return { ...result, manifest };
}

async function writeKommune(opts: DemoOptions, started: number): Promise<DemoResult> {
  const { sim, rows, defects } = simulateKommune(opts.seed, opts.asOf);
  const files: WrittenFile[] = [];
  for (const table of tables) {
    const format = kommuneFormats[table.name];
    const file = join(opts.out, `${table.name}.${format.kind}`);
    let written: { rows: number; bytes: number };
    if (format.kind === "xlsx") written = await writeXlsx(file, table, format, rows[table.name]);
    else {
      const w = new CsvWriter(file, table, format);
      w.write(rows[table.name]);
      written = w.close();
    }
    files.push({ table: table.name, file, ...written, format: describe(format) });
  }
  const children = sim.population[sim.population.length - 1].antal;
  return { files, defects, municipalities: 1, children, windowStart: sim.windowStart, ms: performance.now() - started };
}

async function writeNational(opts: DemoOptions, started: number): Promise<DemoResult> {
  const rng = new Rng(opts.seed);
  const cprs = new CprIssuer(rng.fork());
  const munis = nationalMunicipalities(rng.fork());
  const windowStart = windowStartFor("national", opts.asOf);
  const writers = new Map<string, CsvWriter>();
  for (const table of tables) {
    const format: CsvFormat = nationalFormats[table.name];
    writers.set(table.name, new CsvWriter(join(opts.out, `${table.name}.csv`), table, format));
  }
  const defects: Defect[] = [];
  const population = new Map<number, number>();
  munis.forEach((muni, i) => {
    const sim = simulate({ muni, rng: rng.fork(), cprs, windowStart, asOf: opts.asOf });
    const rows = toRows(sim, { idWidth: 7 });
    defects.push(...applyDefects(rows, rng.fork(), opts.asOf));
    for (const table of tables) if (table.name !== "befolkning") writers.get(table.name)!.write(rows[table.name]);
    for (const p of sim.population) population.set(p.aar, (population.get(p.aar) ?? 0) + p.antal);
    opts.onProgress?.(i + 1, munis.length);
  });
  // One country-wide population row per year (the table has no municipality column).
  const befolkning = [...population].map(([aar, antal]) => ({ aar, antal_0_17: antal }));
  writers.get("befolkning")!.write(befolkning);
  const files: WrittenFile[] = tables.map((t) => {
    const w = writers.get(t.name)!;
    return { table: t.name, file: w.path, ...w.close(), format: describe(nationalFormats[t.name]) };
  });
  const children = befolkning[befolkning.length - 1].antal_0_17;
  return { files, defects, municipalities: munis.length, children, windowStart, ms: performance.now() - started };
}
