// Encoding and delimiter of a CSV export, detected from its bytes (docs/contract.md, "File format").
// Whole-buffer checks only: the rows themselves are read by DuckDB.
import { isUtf8 } from "node:buffer";

export type Encoding = "utf-8" | "utf-8-bom" | "windows-1252";
export type Delimiter = ";" | ",";

export interface Detected {
  encoding: Encoding;
  delimiter: Delimiter;
  /** The header line's raw cells, unquoted. */
  header: string[];
}

/** A reason the bytes are not a CSV file in a supported encoding, or null. */
export function unsupportedEncoding(buf: Buffer): string | null {
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)))
    return "ukendt tegnsæt (UTF-16) — gem filen som UTF-8 eller Windows-1252";
  // NUL bytes never occur in text in the supported encodings: a binary file or UTF-16 without BOM.
  if (buf.subarray(0, 65536).includes(0)) return "ukendt tegnsæt (binære data eller UTF-16) — gem filen som UTF-8 eller Windows-1252";
  return null;
}

export function detectEncoding(buf: Buffer): Encoding {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return "utf-8-bom";
  // Latin-1/Windows-1252 text with æ ø å is (practically) never valid UTF-8.
  return isUtf8(buf) ? "utf-8" : "windows-1252";
}

/** Windows-1252's characters at 0x80–0x9F (the five unassigned bytes kept as the C1 controls, like WHATWG). */
const CP1252_C1 = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

/** The file's text as UTF-8 bytes without BOM (only Windows-1252 needs a new buffer). */
export function toUtf8(buf: Buffer, encoding: Encoding): Buffer {
  // Node 20's TextDecoder("windows-1252") decodes 0x80–0x9F as Latin-1 (€ came out as U+0080): map them here.
  if (encoding === "windows-1252")
    return Buffer.from(buf.toString("latin1").replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80]), "utf8");
  return encoding === "utf-8-bom" ? buf.subarray(3) : buf;
}

/** The first line (up to the first line break outside quotes) of UTF-8 text. */
export function firstLine(text: string): string {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) return text.slice(0, i);
  }
  return text;
}

/** `;` or `,`: whichever occurs more often outside quotes in the header line. */
export function detectDelimiter(headerLine: string): Delimiter {
  let semi = 0;
  let comma = 0;
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ";") semi++;
    else if (!quoted && ch === ",") comma++;
  }
  return comma > semi ? "," : ";";
}

/** Splits one CSV line on `delimiter`, honouring double-quote quoting ("" = a quote). */
export function splitCsvLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) cells.push(cell), (cell = "");
    else cell += ch;
  }
  cells.push(cell);
  return cells;
}

/**
 * True when Windows-1252 bytes include 0x80–0x9F, where Windows-1252 (€, “, –, …) differs from Latin-1. Without
 * them DuckDB can read the file itself as Latin-1, and no transcoded copy of the whole file is needed.
 */
export function hasC1Bytes(buf: Buffer): boolean {
  const c1 = (b: number) => (b & 0xe0) === 0x80;
  // Four bytes at a time (a byte-by-byte loop cost a second per 100 MB): x has a zero byte where a byte is 0x80–0x9F.
  const start = (4 - (buf.byteOffset % 4)) % 4;
  if (buf.length < start + 4) return buf.some(c1);
  for (let i = 0; i < start; i++) if (c1(buf[i])) return true;
  const words = new Uint32Array(buf.buffer, buf.byteOffset + start, Math.floor((buf.length - start) / 4));
  for (let i = 0; i < words.length; i++) {
    const x = (words[i] & 0xe0e0e0e0) ^ 0x80808080;
    if (((x - 0x01010101) & ~x & 0x80808080) !== 0) return true;
  }
  for (let i = start + words.length * 4; i < buf.length; i++) if (c1(buf[i])) return true;
  return false;
}

/** Detects everything about a CSV export from its (already encoding-checked) bytes; only the head is decoded. */
export function detect(buf: Buffer): Detected & { head: string; headIsWhole: boolean } {
  const encoding = detectEncoding(buf);
  const head = toUtf8(buf.subarray(0, 1 << 18), encoding).toString("utf8");
  const delimiter = detectDelimiter(firstLine(head.slice(0, 1 << 16)));
  return { encoding, delimiter, header: splitCsvLine(firstLine(head), delimiter), head, headIsWhole: buf.length <= 1 << 18 };
}

/** Up to `n` data rows from the head of the file, split into cells (a sample for sniffing date formats). */
export function sampleRows(head: string, headIsWhole: boolean, delimiter: string, n = 1000): string[][] {
  const lines = head.split("\n");
  if (!headIsWhole) lines.pop(); // cut off
  return lines
    .slice(1)
    .map((l) => l.replace(/\r$/, ""))
    .filter((l) => l !== "")
    .slice(0, n)
    .map((l) => splitCsvLine(l, delimiter));
}

/**
 * True when some lines end in \r\n and others in \n alone (DuckDB's strict reader stops on such a file). Line
 * breaks inside quoted cells (Excel's Alt+Enter in a \r\n file) do not count.
 */
export function mixedLineEnds(buf: Buffer): boolean {
  if (buf.indexOf(0x0d) < 0) return false; // \n only: one native scan instead of a look at every line end
  const kinds = new Set<string>();
  for (let i = buf.indexOf(0x0a); i >= 0 && kinds.size < 2; i = buf.indexOf(0x0a, i + 1)) kinds.add(i > 0 && buf[i - 1] === 0x0d ? "crlf" : "lf");
  if (kinds.size < 2 || buf.indexOf(0x22) < 0) return kinds.size === 2;
  // Quotes present: look again, outside quoted cells only ("" inside a cell toggles twice).
  kinds.clear();
  let quoted = false;
  for (let i = 0; i < buf.length && kinds.size < 2; i++) {
    const b = buf[i];
    if (b === 0x22) quoted = !quoted;
    else if (b === 0x0a && !quoted) kinds.add(i > 0 && buf[i - 1] === 0x0d ? "crlf" : "lf");
  }
  return kinds.size === 2;
}

/**
 * Numbers (1-based, header = 1) of the blank lines of CSV bytes (UTF-8 or Windows-1252: a line break is the same
 * byte in both). DuckDB's reader skips them but counts them in its line numbers, so row n of its output is not
 * line n + 1 when there are any.
 */
export function blankLines(bytes: Buffer): number[] {
  const nl = 0x0a;
  if (bytes.indexOf("\n\n") < 0 && bytes.indexOf("\n\r\n") < 0) return [];
  const blanks: number[] = [];
  let line = 1;
  let start = 0;
  for (let end = bytes.indexOf(nl, 0); end >= 0; end = bytes.indexOf(nl, start)) {
    const len = end - start;
    if (len === 0 || (len === 1 && bytes[start] === 0x0d)) blanks.push(line);
    line++;
    start = end + 1;
  }
  return blanks;
}
