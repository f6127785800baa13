// Encoding and delimiter of a CSV export, detected from its bytes (contract.md, "File format").
// Whole-buffer checks only: the rows themselves are read by DuckDB.
import { isUtf8 } from "node:buffer";

export type Encoding = "utf-8" | "utf-8-bom" | "windows-1252";
export type Delimiter = ";" | ",";

export interface Detected {
  encoding: Encoding;
  /** The file as UTF-8 without BOM is needed only for windows-1252 (transcoded by the caller). */
  delimiter: Delimiter;
  /** The header line's raw cells, unquoted. */
  header: string[];
}

/** A reason the bytes are not a CSV file in a supported encoding, or null. */
export function unsupportedEncoding(buf: Buffer): string | null {
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)))
    return "unknown encoding (UTF-16); save the file as UTF-8 or Windows-1252";
  // NUL bytes never occur in text in the supported encodings: a binary file or UTF-16 without BOM.
  if (buf.subarray(0, 65536).includes(0)) return "unknown encoding (binary data or UTF-16); save the file as UTF-8 or Windows-1252";
  return null;
}

export function detectEncoding(buf: Buffer): Encoding {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return "utf-8-bom";
  // Latin-1/Windows-1252 text with æ ø å is (practically) never valid UTF-8.
  return isUtf8(buf) ? "utf-8" : "windows-1252";
}

/** The file's text as UTF-8 bytes without BOM (only Windows-1252 needs a new buffer). */
export function toUtf8(buf: Buffer, encoding: Encoding): Buffer {
  if (encoding === "windows-1252") return Buffer.from(new TextDecoder("windows-1252").decode(buf), "utf8");
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

/** Detects everything about a CSV export from its (already encoding-checked) bytes. */
export function detect(buf: Buffer): Detected & { utf8: Buffer } {
  const encoding = detectEncoding(buf);
  const utf8 = toUtf8(buf, encoding);
  const head = firstLine(utf8.subarray(0, 1 << 16).toString("utf8"));
  const delimiter = detectDelimiter(head);
  return { encoding, delimiter, header: splitCsvLine(head, delimiter), utf8 };
}

/**
 * Numbers (1-based, header = 1) of the blank lines of UTF-8 CSV text. DuckDB's reader skips them but counts
 * them in its line numbers, so row n of its output is not line n + 1 when there are any.
 */
export function blankLines(utf8: Buffer): number[] {
  const nl = 0x0a;
  if (utf8.indexOf("\n\n") < 0 && utf8.indexOf("\n\r\n") < 0) return [];
  const blanks: number[] = [];
  let line = 1;
  let start = 0;
  for (let end = utf8.indexOf(nl, 0); end >= 0; end = utf8.indexOf(nl, start)) {
    const len = end - start;
    if (len === 0 || (len === 1 && utf8[start] === 0x0d)) blanks.push(line);
    line++;
    start = end + 1;
  }
  return blanks;
}
