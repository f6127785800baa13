// Writing the worklists: `<out>/<liste>.csv` per list, or one workbook per unit and one for the whole
// municipality. Internal files: the folder is created for its owner only (0700) and every file is written
// for its owner only (0600), whatever the umask.
import { existsSync, mkdirSync, realpathSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { toCsv } from "../commands/sql.ts";
import { UsageError } from "../errors.ts";
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, type XlsxColumn, type XlsxSheet, writeFileAtomic, writeXlsx } from "../xlsx/index.ts";
import { type Worklist, columns, worklists } from "./lists.ts";

export interface ListData {
  list: Worklist;
  columns: string[];
  rows: Record<string, unknown>[];
}

/** The real path of `path`, or of its nearest existing parent joined with the rest (for a folder yet to be made). */
function realish(path: string): string {
  let p = resolve(path);
  const rest: string[] = [];
  while (!existsSync(p) && dirname(p) !== p) {
    rest.unshift(p.slice(dirname(p).length + 1));
    p = dirname(p);
  }
  return join(realpathSync(p), ...rest);
}

const inside = (child: string, parent: string) => {
  const rel = relative(realish(parent), realish(child));
  return rel === "" || (!rel.startsWith("..") && !rel.startsWith("/"));
};

/** Refuses an output folder inside a folder the site is built from or into: the lists must never be published. */
export function checkOutFolder(out: string, siteFolders: string[]): void {
  for (const site of siteFolders) {
    if (inside(out, site)) {
      throw new UsageError(`--out ${out}: mappen ligger i sitets mappe ${site}, og arbejdslisterne må aldrig offentliggøres — vælg en mappe uden for den`);
    }
  }
}

/** Creates the folder for its owner only; an existing folder keeps its mode (the files are the owner's anyway). */
export function prepareOutFolder(out: string): { widelyReadable: boolean } {
  if (!existsSync(out)) {
    mkdirSync(out, { recursive: true, mode: PRIVATE_DIR_MODE });
    return { widelyReadable: false };
  }
  if (!statSync(out).isDirectory()) throw new UsageError(`--out ${out}: findes og er ikke en mappe`);
  return { widelyReadable: (statSync(out).mode & 0o077) !== 0 };
}

export function writeCsv(out: string, data: ListData): string {
  const path = join(out, `${data.list.name}.csv`);
  writeFileAtomic(path, toCsv(data.columns, data.rows), PRIVATE_FILE_MODE);
  return path;
}

const danishDate = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;

function counts(data: ListData): { overskredet: number; forfalder: number } {
  const n = (s: string) => data.rows.filter((r) => r.status === s).length;
  return { overskredet: n("overskredet"), forfalder: n("forfalder") };
}

function xlsxColumns(names: string[]): XlsxColumn[] {
  return names.map((key) => {
    const c = columns[key];
    if (!c) throw new Error(`worklists: no Danish header for column ${key} (pipelines/worklists/lists.ts)`);
    return { key, header: c.header, kind: c.kind, decimals: c.decimals };
  });
}

export interface WorkbookMeta {
  kommune: string;
  /** The unit, or undefined for the municipality's workbook. */
  enhed?: string;
  dato: string;
  horisont: number;
}

/** A file name from a unit's name: letters and digits kept (æ, ø, å too), the rest a hyphen. */
export function fileSlug(name: string): string {
  return name.normalize("NFC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "") || "enhed";
}

export function workbookPath(out: string, meta: WorkbookMeta): string {
  return join(out, `arbejdslister-${meta.enhed === undefined ? "kommune" : `enhed-${fileSlug(meta.enhed)}`}-${meta.dato}.xlsx`);
}

/** One workbook: a front sheet with the date and the counts, then a sheet per list sorted as the list says. */
export async function writeWorkbook(path: string, meta: WorkbookMeta, lists: ListData[]): Promise<void> {
  const who = meta.enhed ?? `${meta.kommune}, hele kommunen`;
  const front: XlsxSheet = {
    kind: "table",
    name: "Forside",
    title: [
      `Arbejdslister — ${who}`,
      `Pr. ${danishDate(meta.dato)}; forfalder = fristen falder inden for ${meta.horisont} dage.`,
      "Internt: indeholder sagsnumre. Må kun gives til enhedens leder og de sagsbehandlere, det angår; må ikke offentliggøres.",
    ],
    columns: [
      { key: "liste", header: "Liste" },
      { key: "overskredet", header: "Overskredet", kind: "integer" },
      { key: "forfalder", header: "Forfalder", kind: "integer" },
      { key: "raekker", header: "Rækker", kind: "integer" },
    ],
    rows: lists.map((d) => ({ liste: d.list.title, ...(d.list.deadlines ? counts(d) : {}), raekker: d.rows.length })),
    freezeHeader: false,
    autoFilter: false,
  };
  const sheets: XlsxSheet[] = [
    front,
    ...lists.map(
      (d): XlsxSheet => ({
        kind: "table",
        name: d.list.sheet,
        title: [`${d.list.title} — ${who}, pr. ${danishDate(meta.dato)}`],
        columns: xlsxColumns(d.columns),
        rows: d.rows,
        emptyText: "Ingen på listen.",
      }),
    ),
  ];
  await writeXlsx(path, { title: `Arbejdslister ${who} ${meta.dato}`, subject: "Internt — må ikke offentliggøres", sheets }, { mode: PRIVATE_FILE_MODE });
}

export { worklists };
