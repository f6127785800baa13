// Drawing up and writing the worklists (issue 12): compute them for the date, read every list once, and write
// one CSV per list or one workbook for the municipality and one per unit. A unit's rows are taken from the lists
// already read, grouped in one pass (one query per list, not one per list and unit: 200 units made that 1,800
// queries).
import { UsageError } from "../errors.ts";
import type { Warehouse } from "../db.ts";
import { type Settings, computeWorklists, readWorklist } from "./compute.ts";
import { type Worklist, worklists } from "./lists.ts";
import { type ListData, type WorkbookMeta, prepareOutFolder, workbookPath, writeCsv, writeWorkbook } from "./write.ts";

export interface DrawUpOptions {
  modelsDir: string;
  out: string;
  format: "xlsx" | "csv";
  kommune: string;
  dato?: string;
  horisont?: number;
  /** Only this unit's rows (and no municipal workbook). */
  enhed?: string;
}

export interface DrawnUp {
  settings: Settings;
  /** Every list as written (one unit's rows with `enhed`). */
  lists: ListData[];
  files: string[];
  /** The output folder existed and others than its owner may read it. */
  widelyReadable: boolean;
  computeMs: number;
  writeMs: number;
}

/** Every unit's rows of every list, in the lists' order, in one pass (a list with levels: its unit level's rows). */
function byUnit(all: ListData[]): Map<string, ListData[]> {
  const units = new Map<string, ListData[]>();
  all.forEach((d, i) => {
    for (const r of d.rows) {
      if (typeof r.enhed !== "string" || (d.list.levels && r.niveau !== "enhed")) continue;
      let lists = units.get(r.enhed);
      if (!lists) units.set(r.enhed, (lists = all.map((x) => ({ ...x, rows: [] }))));
      lists[i].rows.push(r);
    }
  });
  return units;
}

/** The units that have a row on some list (a caseworker's unit included), sorted: each gets a workbook. */
const unitNames = (units: Map<string, ListData[]>) => [...units.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

export async function drawUpWorklists(wh: Warehouse, opts: DrawUpOptions): Promise<DrawnUp> {
  const start = performance.now();
  const settings = await computeWorklists(wh, { modelsDir: opts.modelsDir, dato: opts.dato, horisont: opts.horisont });
  const all: ListData[] = [];
  for (const list of worklists) all.push({ list, ...(await readWorklist(wh, list.name)) });
  const computeMs = performance.now() - start;
  const perUnit = byUnit(all);
  const units = unitNames(perUnit);
  if (opts.enhed !== undefined && !perUnit.has(opts.enhed)) {
    throw new UsageError(`--enhed "${opts.enhed}" findes ikke i listerne; enheder: ${units.join(", ")}`);
  }
  const lists = opts.enhed === undefined ? all : perUnit.get(opts.enhed)!;
  const { widelyReadable } = prepareOutFolder(opts.out);
  const files: string[] = [];
  const writeStart = performance.now();
  if (opts.format === "csv") {
    for (const data of lists) files.push(writeCsv(opts.out, data));
  } else {
    const meta: WorkbookMeta = { kommune: opts.kommune, dato: settings.dato, horisont: settings.horisont };
    const books: [WorkbookMeta, ListData[]][] = opts.enhed === undefined ? [[meta, all]] : [];
    for (const unit of opts.enhed === undefined ? units : [opts.enhed]) books.push([{ ...meta, enhed: unit }, perUnit.get(unit)!]);
    for (const [m, data] of books) {
      const path = workbookPath(opts.out, m);
      await writeWorkbook(path, m, data);
      files.push(path);
    }
  }
  return { settings, lists, files, widelyReadable, computeMs, writeMs: performance.now() - writeStart };
}
