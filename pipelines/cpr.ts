// CPR numbers: the reference rules in TypeScript (used by the demo generator, tests and error masking), and the one
// pattern of a CPR number written inside other text. The loader applies the same rules in SQL
// (pipelines/load/cpr-sql.ts, which builds its regular expressions from the parts below).

/**
 * How a CPR number is written in real exports: DDMMYY, a separator, SSSS. The separator is nothing, `-`, a space,
 * `.`, `/`, an en dash (also `‐`, `‑`, `—`), or one of those with a space (or no-break space) on either side
 * (` - `). One definition for every use: masking in JavaScript and in SQL, the load's check of text columns, the
 * tests' scans. The parts are RE2- and JavaScript-compatible (no look-around).
 */
/** The blanks that may stand on either side of the separator: a space, a no-break space. */
export const CPR_BLANKS = [" ", "\u00a0"];
/** The separators between DDMMYY and SSSS besides none and a blank: hyphen and its look-alikes, `.`, `/`. */
export const CPR_SEPARATORS = ["-", "\u2010", "\u2011", "\u2013", "\u2014", ".", "/"];

const charClass = (chars: string[]) => `[${chars.map((c) => (c === "-" ? "\\-" : c)).join("")}]`;

export const CPR_PARTS = {
  /** The six birth-date digits as DuckDB/RE2 and JavaScript both read them. */
  date: "[0-3][0-9][01][0-9][0-9]{2}",
  separator: `${charClass(CPR_BLANKS)}?${charClass(CPR_SEPARATORS)}?${charClass(CPR_BLANKS)}?`,
  serial: "[0-9]{4}",
} as const;

const core = `(${CPR_PARTS.date})${CPR_PARTS.separator}${CPR_PARTS.serial}`;

/** Anything shaped like a CPR number inside other text, in any spelling (not part of a longer run of digits). */
const CPR_IN_TEXT = new RegExp(`(?<![0-9])${core}(?![0-9])`, "g");

/**
 * A CPR-shaped number standing on its own, for scans of output (warehouse, stdout, files): bounded by
 * non-alphanumerics, so that digit runs inside a pseudonym (a UUID's hex) do not count.
 */
export const CPR_STANDALONE = new RegExp(`(?<![0-9A-Za-z])${CPR_PARTS.date}${CPR_PARTS.separator}${CPR_PARTS.serial}(?![0-9A-Za-z])`);

/** True when `text` holds a CPR-shaped number in any spelling. */
export function hasCpr(text: string): boolean {
  CPR_IN_TEXT.lastIndex = 0;
  return CPR_IN_TEXT.test(text);
}

/** Masks every CPR-shaped number, whatever its spelling, as `DDMMYY-****` (quarantine, error messages, logs, report). */
export function maskCpr(text: string): string {
  return text.replace(CPR_IN_TEXT, "$1-****");
}

/** The CPR office's century rule from the 7th digit and the two-digit year. */
export function cprCentury(seventh: number, yy: number): number {
  if (seventh <= 3) return 1900;
  if (seventh === 4 || seventh === 9) return yy <= 36 ? 2000 : 1900;
  return yy <= 57 ? 2000 : 1800;
}

export interface CprFacts {
  /** ISO birth date. */
  foedselsdato: string;
  koen: "dreng" | "pige";
}

/** Birth date and sex from a CPR number, or null when it is not a valid one (no modulus-11 check). */
export function parseCpr(value: string): CprFacts | null {
  const m = /^\s*(\d{2})(\d{2})(\d{2})-?(\d)(\d{2})(\d)\s*$/.exec(value);
  if (!m) return null;
  const [dd, mm, yy, seventh, last] = [+m[1], +m[2], +m[3], +m[4], +m[6]];
  const year = cprCentury(seventh, yy) + yy;
  const d = new Date(Date.UTC(year, mm - 1, dd));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== mm - 1 || d.getUTCDate() !== dd) return null;
  return { foedselsdato: d.toISOString().slice(0, 10), koen: last % 2 === 1 ? "dreng" : "pige" };
}
