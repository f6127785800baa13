// CPR numbers: the reference rules in TypeScript (used by the demo generator, tests and error masking).
// The loader applies the same rules in SQL (pipelines/load/cpr-sql.ts) over whole tables.

/** Anything shaped like a CPR number (DDMMYY-SSSS or DDMMYYSSSS) inside other text. */
const CPR_IN_TEXT = /(?<![0-9])([0-3][0-9][01][0-9][0-9]{2})-?[0-9]{4}(?![0-9])/g;

/** Masks every CPR-shaped number as `DDMMYY-****` (quarantine raw text, error messages, logs). */
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
