// Writing the tables: CSV streamed in chunks (bounded memory at national scale), XLSX through exceljs with
// fixed timestamps so that the same seed gives the same bytes.
import ExcelJS from "exceljs";
import { closeSync, openSync, writeFileSync, writeSync } from "node:fs";
import type { Table } from "../contract.ts";
import { type CsvFormat, type XlsxFormat, formatCell, quote } from "./formats.ts";
import type { Row } from "./rows.ts";

// Windows-1252 differs from Latin-1 only in 0x80–0x9F; Node has no encoder for it, so here is one.
const cp1252Extra: Record<string, number> = {
  "€": 0x80, "‚": 0x82, "ƒ": 0x83, "„": 0x84, "…": 0x85, "†": 0x86, "‡": 0x87, "ˆ": 0x88, "‰": 0x89, "Š": 0x8a,
  "‹": 0x8b, "Œ": 0x8c, "Ž": 0x8e, "‘": 0x91, "’": 0x92, "“": 0x93, "”": 0x94, "•": 0x95, "–": 0x96, "—": 0x97,
  "˜": 0x98, "™": 0x99, "š": 0x9a, "›": 0x9b, "œ": 0x9c, "ž": 0x9e, "Ÿ": 0x9f,
};

export function encodeWindows1252(text: string): Buffer {
  if (!/[\u0080-\u009f\u0100-\uffff]/.test(text)) return Buffer.from(text, "latin1");
  const out = Buffer.alloc(text.length);
  let n = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) out[n++] = code;
    else if (cp1252Extra[ch] !== undefined) out[n++] = cp1252Extra[ch];
    else throw new Error(`cannot write "${ch}" in Windows-1252`);
  }
  return out.subarray(0, n);
}

const CHUNK = 1 << 20;

/** A CSV file written in ~1 MB chunks: header from the contract, rows appended as they come. */
export class CsvWriter {
  private fd: number;
  private parts: string[] = [];
  private pending = 0;
  rows = 0;
  bytes = 0;

  constructor(
    readonly path: string,
    private table: Table,
    private format: CsvFormat,
  ) {
    this.fd = openSync(path, "w");
    if (format.encoding === "utf-8-bom") this.put("\ufeff");
    this.put(table.columns.map((c) => quote(c.name, format.delimiter)).join(format.delimiter) + format.newline);
  }

  private put(text: string) {
    this.parts.push(text);
    this.pending += text.length;
    if (this.pending >= CHUNK) this.flush();
  }

  private flush() {
    if (this.parts.length === 0) return;
    const text = this.parts.join("");
    const buf = this.format.encoding === "windows-1252" ? encodeWindows1252(text) : Buffer.from(text, "utf8");
    writeSync(this.fd, buf);
    this.bytes += buf.length;
    this.parts = [];
    this.pending = 0;
  }

  write(rows: Row[]) {
    const { delimiter, newline } = this.format;
    const cols = this.table.columns;
    for (const row of rows) {
      let line = "";
      for (let i = 0; i < cols.length; i++) {
        if (i > 0) line += delimiter;
        line += quote(formatCell(cols[i], row[cols[i].name], this.format), delimiter);
      }
      this.put(line + newline);
      this.rows++;
    }
  }

  close(): { rows: number; bytes: number } {
    this.flush();
    closeSync(this.fd);
    return { rows: this.rows, bytes: this.bytes };
  }
}

/** A fixed moment for the workbook's metadata and the zip entries (reproducible files). */
const FIXED = new Date(Date.UTC(2020, 0, 1));

/** An XLSX file (first sheet, header in the first row): dates as real Excel date cells, numbers as numbers. */
export async function writeXlsx(path: string, table: Table, format: XlsxFormat, rows: Row[]): Promise<{ rows: number; bytes: number }> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "libu demo";
  wb.lastModifiedBy = "libu demo";
  wb.created = FIXED;
  wb.modified = FIXED;
  const ws = wb.addWorksheet(format.sheet);
  ws.columns = table.columns.map((c) => ({
    header: c.name,
    key: c.name,
    width: Math.max(12, c.name.length + 2),
    style: c.type === "date" ? { numFmt: "dd-mm-yyyy" } : c.type === "decimal" ? { numFmt: "0.0" } : {},
  }));
  for (const row of rows) {
    const cells: Record<string, unknown> = {};
    for (const c of table.columns) {
      const v = row[c.name];
      if (v === null || v === undefined) continue;
      if ((c.type === "date" || c.type === "timestamp") && typeof v === "number") {
        cells[c.name] = new Date((c.type === "date" ? v * 1440 : v) * 60_000);
      } else if (c.type === "bool" && typeof v === "boolean") cells[c.name] = v ? "ja" : "nej";
      else cells[c.name] = v;
    }
    ws.addRow(cells);
  }
  ws.getRow(1).font = { bold: true };
  const buf = normaliseZipTimes(Buffer.from(await wb.xlsx.writeBuffer()));
  writeFileSync(path, buf);
  return { rows: rows.length, bytes: buf.length };
}

/**
 * exceljs (through JSZip) stamps every zip entry with the current time; overwrite those DOS date/time fields in
 * the local and central headers with a fixed date. The CRCs cover only the contents, so the file stays valid.
 */
export function normaliseZipTimes(buf: Buffer): Buffer {
  const dosTime = 0;
  const dosDate = ((2020 - 1980) << 9) | (1 << 5) | 1;
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error("xlsx: no zip directory found");
  const entries = buf.readUInt16LE(eocd + 10);
  let o = buf.readUInt32LE(eocd + 16);
  for (let e = 0; e < entries; e++) {
    if (buf.readUInt32LE(o) !== 0x02014b50) throw new Error("xlsx: bad zip central header");
    buf.writeUInt16LE(dosTime, o + 12);
    buf.writeUInt16LE(dosDate, o + 14);
    const local = buf.readUInt32LE(o + 42);
    if (buf.readUInt32LE(local) !== 0x04034b50) throw new Error("xlsx: bad zip local header");
    buf.writeUInt16LE(dosTime, local + 10);
    buf.writeUInt16LE(dosDate, local + 12);
    o += 46 + buf.readUInt16LE(o + 28) + buf.readUInt16LE(o + 30) + buf.readUInt16LE(o + 32);
  }
  return buf;
}
