// Step 1 of a load (load-folder.ts), the files: which export files a folder holds, and for each its bytes, encoding,
// delimiter and header, checked before anything is staged. Problems are collected, not thrown, so that one message
// lists every problem of the folder.
import { isUtf8 } from "node:buffer";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { type Table, allTables, tableByName, tableNames } from "../contract.ts";
import { isReviewWorkbook } from "../tilsyn/workbook-layout.ts";
import { maskCpr } from "../cpr.ts";
import { detect, hasC1Bytes, mixedLineEnds, sampleRows, toUtf8, unsupportedEncoding } from "./detect.ts";
import { decodeMixed, describeRecoded } from "./encoding.ts";
import { delimiterProblem, nulByte, xlsxProblem } from "./file-checks.ts";
import { type Lines, scanLines } from "./lines.ts";
import { matchHeader, normaliseName } from "./header.ts";
import { type Profile, tableForFile, tableProfile } from "./profile.ts";
import { deferred, yieldToLoop } from "./schedule.ts";
import { xlsxToCsv } from "./xlsx.ts";

export interface Prepared {
  table: Table;
  file: string;
  format: "csv" | "xlsx";
  encoding: string | null;
  delimiter: string | null;
  csvPath: string;
  csvDelimiter: string;
  /** What DuckDB decodes the file at csvPath as. */
  readEncoding: "utf-8" | "latin-1";
  /** The first rows, split into cells (for sniffing date formats). */
  sample: string[][];
  width: number;
  header: string[];
  columns: Map<string, number>;
  extras: string[];
  /**
   * The checks the reader does not need to start, left until its read runs (0.35 s of JavaScript on the national
   * set that delayed the first read): the file's checksum and its records, counted without the reader (lines.ts).
   * Memoised.
   */
  whileReading: () => { sha256: string; lines: Lines };
  /** What the load decided about the file, for the report (Danish, one line each). */
  notes: string[];
  mixedLineEnds: boolean;
  sizeBytes: number;
  /** Time spent on this file so far. */
  ms: number;
}

/** The export files of a folder by contract table; unknown or doubled table names are problems. */
export function listFiles(folder: string, profile: Profile | undefined, problems: string[]): { table: Table; path: string }[] {
  const files: { table: Table; path: string }[] = [];
  let reviewWorkbooks = 0;
  for (const name of readdirSync(folder).sort()) {
    const ext = extname(name).toLowerCase();
    if ((ext !== ".csv" && ext !== ".xlsx") || name.startsWith("~$") || name.startsWith(".")) continue;
    if (isReviewWorkbook(name)) {
      reviewWorkbooks++; // the ledelsestilsyn's review workbooks: tilsyn/read-workbooks.ts
      continue;
    }
    const tableName = tableForFile(basename(name, extname(name)), profile);
    const table = tableByName(tableName);
    if (!table) {
      problems.push(`${name}: "${tableName}" er ikke en tabel i eksportkontrakten — giv filen navn efter en af tabellerne: ${tableNames.join(", ")}`);
      continue;
    }
    const other = files.find((f) => f.table === table);
    if (other) problems.push(`${name}: tabellen ${table.name} er givet to gange (også ${basename(other.path)}) — behold én fil pr. tabel`);
    else files.push({ table, path: join(folder, name) });
  }
  if (!files.length && !problems.length && !reviewWorkbooks)
    problems.push(`${folder}: ingen eksportfiler — forventede <tabel>.csv eller <tabel>.xlsx for eksportkontraktens tabeller (${tableNames.join(", ")})`);
  const order: readonly Table[] = allTables;
  return files.sort((a, b) => order.indexOf(a.table) - order.indexOf(b.table));
}

/** Step 1: bytes, checksum, encoding, delimiter and header of one file; problems instead of throwing. */
export async function prepare(
  f: { table: Table; path: string },
  profile: Profile | undefined,
  tmp: string,
  problems: string[],
): Promise<Prepared | undefined> {
  const started = performance.now();
  const file = basename(f.path);
  const renames = tableProfile(profile, f.table.name).kolonner;
  let buf: Buffer;
  try {
    buf = await readFile(f.path);
  } catch (e) {
    problems.push(`${file}: kan ikke læses (${maskCpr((e as Error).message.split("\n")[0])})`);
    return;
  }
  const original = buf;
  await yieldToLoop();
  if (buf.length === 0) {
    problems.push(`${file}: filen er tom — den skal have en overskriftsrække og rækker med data; eksportér den igen`);
    return;
  }
  let format: "csv" | "xlsx" = "csv";
  let encoding: string | null;
  let delimiter: string | null;
  let csvPath = f.path;
  if (extname(f.path).toLowerCase() === ".xlsx") {
    format = "xlsx";
    csvPath = join(tmp, `${f.table.name}.csv`);
    const columnType = (h: string) => {
      const n = normaliseName(h);
      return f.table.columns.find((c) => c.name === (renames[n] ?? n))?.type;
    };
    const notXlsx = xlsxProblem(buf);
    if (notXlsx) {
      problems.push(`${file}: ${notXlsx}`);
      return;
    }
    try {
      const empty = await xlsxToCsv(f.path, csvPath, columnType);
      if (empty) {
        problems.push(`${file}: ${empty}`);
        return;
      }
    } catch (e) {
      problems.push(`${file}: kan ikke læses som en Excel-projektmappe (${maskCpr((e as Error).message.split("\n")[0])})`);
      return;
    }
    buf = readFileSync(csvPath);
    encoding = null;
    delimiter = null;
  } else {
    const bad = unsupportedEncoding(buf);
    if (bad) {
      problems.push(`${file}: ${bad}`);
      return;
    }
    // A NUL byte after the first 64 KB (which unsupportedEncoding looks at) was loaded into a cell.
    const nul = nulByte(buf);
    if (nul) {
      problems.push(`${file}, linje ${nul.line}, byte ${nul.byte}: filen indeholder en NUL-byte, som ikke findes i tekst — filen er beskadiget eller binær; eksportér den igen`);
      return;
    }
  }
  const d = detect(buf);
  await yieldToLoop();
  let readEncoding: "utf-8" | "latin-1" = "utf-8";
  const notes: string[] = [];
  if (format === "csv") {
    encoding = d.encoding;
    delimiter = d.delimiter;
    // Encoding per row (encoding.ts): a file that is UTF-8 in part keeps its UTF-8 lines; a BOM says UTF-8 too.
    if (d.encoding === "windows-1252" || (d.encoding === "utf-8-bom" && !isUtf8(buf.subarray(3)))) {
      const mixed = decodeMixed(buf);
      await yieldToLoop();
      if (mixed && "problem" in mixed) {
        problems.push(`${file}, ${mixed.problem}`);
        return;
      }
      if (mixed) {
        csvPath = join(tmp, `${f.table.name}.csv`);
        writeFileSync(csvPath, mixed.utf8);
        encoding = `utf-8 (${mixed.recoded.length} linjer windows-1252)`;
        notes.push(describeRecoded(mixed.recoded));
        Object.assign(d, detect(mixed.utf8)); // header and sample from the decoded text
      }
    }
    // DuckDB reads Latin-1 itself; only Windows-1252's own characters (€, “, –) need a transcoded copy, which
    // lives in the temporary folder only for this load.
    if (d.encoding === "windows-1252") {
      const c1 = hasC1Bytes(buf);
      await yieldToLoop();
      if (c1) {
        csvPath = join(tmp, `${f.table.name}.csv`);
        writeFileSync(csvPath, toUtf8(buf, d.encoding));
      } else readEncoding = "latin-1";
    }
  }
  if (d.header.every((h) => h.trim() === "")) {
    problems.push(`${file}, linje 1: ingen overskriftsrække — første linje skal give kolonnernes navne`);
    return;
  }
  const wrongDelimiter = delimiterProblem(d.header);
  if (format === "csv" && wrongDelimiter) {
    problems.push(`${file}, linje 1: ${wrongDelimiter}`);
    return;
  }
  const m = matchHeader(file, f.table, d.header, renames, d.head);
  problems.push(...m.problems);
  if (m.problems.length) return;
  const mixed = mixedLineEnds(buf);
  // The bytes are let go once used: the report keeps this object until the load ends.
  const csv = buf;
  const csvDelimiter = d.delimiter;
  const whileReading = deferred(() => ({ sha256: createHash("sha256").update(original).digest("hex"), lines: scanLines(csv, csvDelimiter) }));
  return {
    table: f.table,
    file,
    format,
    encoding: encoding!,
    delimiter: delimiter!,
    csvPath,
    csvDelimiter: d.delimiter,
    readEncoding,
    sample: sampleRows(d.head, d.headIsWhole, d.delimiter),
    width: d.header.length,
    header: d.header,
    columns: m.columns,
    extras: m.extras,
    whileReading,
    notes,
    mixedLineEnds: mixed,
    sizeBytes: buf.length,
    ms: performance.now() - started,
  };
}
