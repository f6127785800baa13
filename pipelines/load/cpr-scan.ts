// The load's check of every text and id column for CPR numbers (issue 11, deliverable 4), done on the file's bytes
// in JavaScript while DuckDB reads the file: a regular expression per cell in SQL cost seconds on the national set,
// V8's over the whole file a fraction of that, and the SQL masks only the rows found (none, as a rule). A match is
// attributed to its field by counting the delimiters before it on its line (quotes honoured); a match in any field
// but the CPR column's marks its row, whose text columns are then masked before they are stored.
import { CPR_BLANKS, CPR_PARTS, CPR_SEPARATORS } from "../cpr.ts";

/** The characters of `chars` as they look in a latin1-decoded buffer of UTF-8 or Windows-1252 bytes. */
function byteForms(chars: string[], encoding: "utf-8" | "windows-1252"): string[] {
  const forms = new Set<string>();
  for (const c of chars) {
    if (c.charCodeAt(0) < 0x80) forms.add(c);
    else if (encoding === "utf-8") forms.add(Buffer.from(c, "utf8").toString("latin1"));
    else {
      // Windows-1252: en/em dash are 0x96/0x97, the no-break space 0xA0; the Unicode hyphens have no byte.
      const cp1252: Record<string, string> = { "\u2013": "\x96", "\u2014": "\x97", "\u00a0": "\xa0" };
      if (cp1252[c]) forms.add(cp1252[c]);
    }
  }
  return [...forms];
}

const escape = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");
const alternation = (forms: string[]) => `(?:${forms.map(escape).join("|")})`;

/** CPR_PARTS over latin1-decoded bytes (one byte, one character), digit-bounded like maskCpr. */
export function cprBytePattern(encoding: "utf-8" | "windows-1252"): RegExp {
  const blank = alternation(byteForms(CPR_BLANKS, encoding));
  const sep = alternation(byteForms(CPR_SEPARATORS, encoding));
  return new RegExp(`(?<![0-9])${CPR_PARTS.date}${blank}?${sep}?${blank}?${CPR_PARTS.serial}(?![0-9])`, "g");
}

export interface CprOutside {
  /** Lines (1-based) whose row holds a CPR-shaped number outside the CPR column. */
  lines: number[];
  /** How many such numbers. */
  count: number;
}

/**
 * Rows with a CPR-shaped number in a field other than `cprField` (0-based; undefined when the table has none).
 * `recordStart(line)` maps a line to the line its record starts on (a quoted line break continues a record).
 */
export function cprOutsideColumn(
  bytes: Buffer,
  delimiter: string,
  cprField: number | undefined,
  encoding: "utf-8" | "windows-1252",
  recordStart: (line: number) => number = (l) => l,
): CprOutside {
  const text = bytes.toString("latin1");
  const re = cprBytePattern(encoding);
  const lines = new Set<number>();
  let count = 0;
  let line = 1;
  let pos = 0; // text before pos has been counted into line
  let lineStart = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    for (let nl = text.indexOf("\n", pos); nl >= 0 && nl < m.index; nl = text.indexOf("\n", nl + 1)) {
      line++;
      lineStart = nl + 1;
    }
    pos = m.index;
    if (line === 1) continue; // the header: masked where it is shown (header.ts)
    const start = recordStart(line);
    if (start === line && cprField !== undefined && fieldAt(text, lineStart, m.index, delimiter) === cprField) continue;
    lines.add(start);
    count++;
  }
  return { lines: [...lines].sort((a, b) => a - b), count };
}

/** The 0-based field of position `at` on a line starting at `from` (quotes honoured). */
function fieldAt(text: string, from: number, at: number, delimiter: string): number {
  let field = 0;
  let quoted = false;
  let fieldStart = true;
  for (let i = from; i < at; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else quoted = false;
      }
    } else if (c === '"' && fieldStart) quoted = true;
    else if (c === delimiter) {
      field++;
      fieldStart = true;
      continue;
    }
    fieldStart = false;
  }
  return field;
}
