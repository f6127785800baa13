// Encoding per row, not per file (issue 11, deliverable 2). A UTF-8 file with a few rows in Windows-1252 (a row
// pasted from an older system, a file cut inside a character) used to be read whole as Windows-1252, so every æ ø å
// of every row came out as Ã¦ Ã¸ Ã¥ and each unit became a new unit. Here the file's valid UTF-8 lines are kept as
// they are; a line that is not valid UTF-8 is decoded as Windows-1252 only when that is unambiguous (the line holds
// no valid UTF-8 multi-byte character at all), and reported; anything else refuses the file with line and byte.
import { isUtf8 } from "node:buffer";
import { toUtf8 } from "./detect.ts";

export interface MixedDecoding {
  /** The whole file as UTF-8 (no BOM). */
  utf8: Buffer;
  /** Line numbers (1-based) decoded as Windows-1252. */
  recoded: number[];
}

/** A valid UTF-8 multi-byte character starts at `i` (its length), else 0. */
function utf8CharAt(b: Buffer, i: number): number {
  const c = b[i];
  const cont = (k: number) => i + k < b.length && (b[i + k] & 0xc0) === 0x80;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) return cont(1) && cont(2) && isUtf8(b.subarray(i, i + 3)) ? 3 : 0;
  if (c >= 0xf0 && c <= 0xf4) return cont(1) && cont(2) && cont(3) && isUtf8(b.subarray(i, i + 4)) ? 4 : 0;
  return 0;
}

/** True when `b` holds at least one valid UTF-8 multi-byte character (utf8CharAt byte by byte: for short lines). */
function hasUtf8CharSlow(b: Buffer): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] >= 0xc2 && utf8CharAt(b, i)) return true;
  return false;
}

/** A lead byte and its continuation bytes, over bytes read as Latin-1 (one byte, one character). */
const CANDIDATE = /[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}/g;
/** Bytes looked at a time (cut at a line break: no candidate spans one). */
const CHUNK = 8 << 20;

/**
 * True when `b` holds at least one valid UTF-8 multi-byte character. For a whole file: V8's regular expression
 * finds the byte patterns of one over the bytes read as Latin-1, and only those are checked (utf8CharAt). The
 * byte-by-byte loop took about 10 s over the national set's Windows-1252 files.
 */
function hasUtf8Char(b: Buffer): boolean {
  if (b.length < 4096) return hasUtf8CharSlow(b);
  for (let start = 0; start < b.length; ) {
    const nl = start + CHUNK >= b.length ? -1 : b.indexOf(0x0a, start + CHUNK);
    const end = nl < 0 ? b.length : nl + 1;
    const text = b.toString("latin1", start, end);
    CANDIDATE.lastIndex = 0;
    for (let m = CANDIDATE.exec(text); m; m = CANDIDATE.exec(text)) {
      if (utf8CharAt(b, start + m.index)) return true;
      CANDIDATE.lastIndex = m.index + 1;
    }
    start = end;
  }
  return false;
}

/** The first byte of `line` that does not start a valid UTF-8 character (offset within the line). */
function firstBadByte(line: Buffer): number {
  for (let i = 0; i < line.length; ) {
    if (line[i] < 0x80) i++;
    else {
      const n = utf8CharAt(line, i);
      if (!n) return i;
      i += n;
    }
  }
  return -1;
}

/**
 * Decodes bytes that are not valid UTF-8 as a whole but are UTF-8 in part (a BOM, or valid multi-byte characters
 * somewhere): valid lines as UTF-8, the others as Windows-1252 where unambiguous. Returns a problem (Danish, without
 * the file name) when a line mixes both or the file ends inside a character. `undefined` when the bytes hold no
 * UTF-8 at all (a Windows-1252 file, decoded whole as today).
 */
export function decodeMixed(buf: Buffer): MixedDecoding | { problem: string } | undefined {
  const bom = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  const body = bom ? buf.subarray(3) : buf;
  if (!bom && !hasUtf8Char(body)) return undefined;
  const parts: Buffer[] = [];
  const recoded: number[] = [];
  let line = 1;
  for (let start = 0; start < body.length; line++) {
    const nl = body.indexOf(0x0a, start);
    const end = nl < 0 ? body.length : nl + 1;
    const bytes = body.subarray(start, end);
    if (isUtf8(bytes)) parts.push(bytes);
    else {
      const bad = firstBadByte(bytes);
      const offset = (bom ? 3 : 0) + start + bad + 1; // 1-based, like the line
      if (nl < 0 && (bytes.length - bad <= 3) && bytes[bad] >= 0xc2 && !hasUtf8Char(bytes.subarray(bad)) && isCutChar(bytes.subarray(bad)))
        return { problem: `linje ${line}, byte ${offset}: filen slutter midt i et UTF-8-tegn — den er nok afkortet; eksportér den igen` };
      if (hasUtf8Char(bytes))
        return {
          problem:
            `linje ${line}, byte ${offset}: linjen blander UTF-8 og et andet tegnsæt, så æ, ø og å kan ikke læses sikkert — ` +
            "gem filen som UTF-8 (eller hele filen som Windows-1252) og indlæs igen",
        };
      parts.push(toUtf8(bytes, "windows-1252"));
      recoded.push(line);
    }
    start = end;
  }
  return { utf8: Buffer.concat(parts), recoded };
}

/** A lead byte of a multi-byte character followed only by (fewer than needed) continuation bytes. */
function isCutChar(tail: Buffer): boolean {
  const c = tail[0];
  const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
  if (tail.length >= need) return false;
  for (let k = 1; k < tail.length; k++) if ((tail[k] & 0xc0) !== 0x80) return false;
  return true;
}

/** The load report's words for the recoded lines: count and the first few. */
export function describeRecoded(recoded: number[]): string {
  const first = recoded.slice(0, 5).join(", ");
  return `${recoded.length} ${recoded.length === 1 ? "linje" : "linjer"} var ikke UTF-8 og er læst som Windows-1252 (linje ${first}${recoded.length > 5 ? ", …" : ""})`;
}
