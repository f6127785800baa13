// Every row accounted for, against the file itself (issue 11, deliverable 1). The bytes are split into records here,
// independently of DuckDB's reader: a line break ends a record unless it is inside a quoted field, and a quoted field
// opens only at the start of a field (RFC 4180; a quote inside an unquoted field is text). The load then checks that
// the reader's rows plus its unreadable lines are exactly these records. A quoted field that runs over more than a
// few lines, grows longer than any value of the contract, or never closes is an unclosed quote: the file fails with
// the line where it opened, instead of the reader swallowing the rows after it into one value, or dropping them.
import { MAX_CELL_LENGTH } from "../contract.ts";

/** A quoted field may hold line breaks (Excel's Alt+Enter), but not more than this many. */
export const MAX_FIELD_LINES = 10;

export interface Lines {
  /** Data records (not counting the header, blank lines or the continuation lines of a quoted line break). */
  records: number;
  /** Lines (1-based, header = 1) that are blank. */
  blankLines: number[];
  /** Lines (1-based) that continue a record begun on an earlier line (a quoted line break). */
  continuationLines: number[];
  /** An unclosed quote: the line and byte where it opened, and how far it ran. */
  unclosedQuote?: { line: number; byte: number; toLine: number | null; length: number };
}

const NL = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/** Splits CSV bytes (UTF-8 or Windows-1252: the bytes that matter are ASCII in both) into records. */
export function scanLines(bytes: Buffer, delimiter: string): Lines {
  const delim = delimiter.charCodeAt(0);
  const blankLines: number[] = [];
  const continuationLines: number[] = [];
  let records = 0;
  let line = 1;
  let start = 0;
  const hasQuotes = bytes.indexOf(QUOTE) >= 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(NL, start);
    if (end < 0) end = bytes.length;
    const len = end - start;
    if (len === 0 || (len === 1 && bytes[start] === CR)) {
      blankLines.push(line);
      line++;
      start = end + 1;
      continue;
    }
    if (line > 1) records++;
    const q = hasQuotes ? bytes.indexOf(QUOTE, start) : -1;
    if (q < 0 || q >= end) {
      line++;
      start = end + 1;
      continue;
    }
    // A line with quotes: walk it field by field; a quoted field may carry the record over line breaks.
    let i = start;
    let atFieldStart = true;
    let recordEnd = -1;
    while (recordEnd < 0) {
      if (i >= bytes.length) {
        recordEnd = bytes.length;
        break;
      }
      const b = bytes[i];
      if (atFieldStart && b === QUOTE) {
        const open = i;
        const openLine = line;
        i++;
        for (;;) {
          const nextQuote = bytes.indexOf(QUOTE, i);
          const nextNl = bytes.indexOf(NL, i);
          if (nextNl >= 0 && (nextQuote < 0 || nextNl < nextQuote)) {
            // A line break inside the quoted field.
            line++;
            continuationLines.push(line);
            i = nextNl + 1;
            if (line - openLine > MAX_FIELD_LINES || i - open > MAX_CELL_LENGTH * 4)
              return unclosed(openLine, open, bytes, i, line, { records, blankLines, continuationLines });
            continue;
          }
          if (nextQuote < 0) return unclosed(openLine, open, bytes, bytes.length, null, { records, blankLines, continuationLines });
          if (bytes[nextQuote + 1] === QUOTE) {
            i = nextQuote + 2;
            continue;
          }
          i = nextQuote + 1;
          if (line > openLine && i - open > MAX_CELL_LENGTH * 4)
            return unclosed(openLine, open, bytes, i, line, { records, blankLines, continuationLines });
          break;
        }
        atFieldStart = false;
        continue;
      }
      if (b === NL) recordEnd = i;
      else {
        atFieldStart = b === delim;
        i++;
      }
    }
    line++;
    start = recordEnd + 1;
  }
  return { records, blankLines, continuationLines };
}

function unclosed(line: number, byte: number, bytes: Buffer, upTo: number, toLine: number | null, sofar: Omit<Lines, "unclosedQuote">): Lines {
  return { ...sofar, unclosedQuote: { line, byte, toLine, length: Math.min(upTo, bytes.length) - byte } };
}

/** The file-level problem of an unclosed quote (Danish, without the file name). */
export function describeUnclosedQuote(u: NonNullable<Lines["unclosedQuote"]>): string {
  const where = u.toLine === null ? "lukkes aldrig" : `ikke er lukket ${u.toLine - u.line} linjer senere (linje ${u.toLine})`;
  return (
    `linje ${u.line}: et anførselstegn (") åbner et felt, der ${where}, så rækkerne efter ville blive slugt af feltet — ` +
    "ret anførselstegnet i linjen (eller fjern det), eller eksportér filen igen"
  );
}

/**
 * The file-level problem when the reader's rows and unreadable lines are not the file's records (Danish, without
 * the file name); undefined when they are.
 */
export function accountingProblem(expected: number, read: number, rejected: number): string | undefined {
  if (read + rejected === expected) return undefined;
  return (
    `filen har ${expected} rækker, men læseren fandt ${read} (og ${rejected} ulæselige linjer), så ${Math.abs(expected - read - rejected)} ` +
    `rækker ville ${expected > read + rejected ? "gå tabt" : "komme til"} — intet er indlæst; tjek filen for anførselstegn og linjeskift midt i felter, eller eksportér den igen`
  );
}

/**
 * The first line (1-based) with a quote inside an unquoted field (`Team Øst"erå`): text by RFC 4180's lenient reading,
 * but DuckDB's reader can stop on it without saying where. Undefined when there is none.
 */
export function strayQuoteLine(bytes: Buffer, delimiter: string): number | undefined {
  const delim = delimiter.charCodeAt(0);
  let line = 1;
  let inQuote = false;
  let atFieldStart = true;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (inQuote) {
      if (c === QUOTE) {
        if (bytes[i + 1] === QUOTE) i++;
        else inQuote = false;
      } else if (c === NL) line++;
      continue;
    }
    if (c === NL) {
      line++;
      atFieldStart = true;
      continue;
    }
    if (c === QUOTE) {
      if (!atFieldStart) return line;
      inQuote = true;
    }
    atFieldStart = c === delim;
  }
  return undefined;
}
