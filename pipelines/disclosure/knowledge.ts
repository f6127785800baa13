// What the attacker knows of the published system, before any arithmetic: a cell's domain, which `<g` may
// stand for 0, and the protected quantities the audit (audit.ts) bounds.
//
// What the attacker knows of a cell (its domain): a shown figure is exact (a shown share with its
// denominator gives the numerator); `<g` is 0 … g−1 where a zero would carry the sign too (a table part with
// another hidden cell, see zeroSigned) and 1 … g−1 elsewhere; `–` is at least g (else it would be `<g`);
// a hidden share's numerator is 0 … its denominator; a missing row is 0 (it is no cell at all); a neutral `–`
// (protect.ts' last resort) is anything from 0 (or 1) up.
import type { Cell, Field, PublishedCells } from "./system.ts";
import { groupsByCell, sizeOf, truth } from "./system.ts";

/** Upper bound of a hidden figure (no published figure comes near it). */
const BIG = 1_000_000;

export interface Target {
  /** The cell the quantity belongs to (for reports and for choosing what to hide next). */
  cell: number;
  label: string;
  terms: { cell: number; field: Field; coef: number }[];
  /** Subtracted from Σ coef·x (a revision: the new figure minus the previous release's). */
  offset: number;
  /** Exact value of the quantity: 1 … g−1, or −(g−1) … −1 for a revision downwards. */
  value: number;
}

/**
 * The cells whose `<g` may stand for 0: a cell a table may leave out (grid) in a part that has another hidden
 * cell of a non-zero figure — there a zero would be published as `<g` too — and every signed zero itself.
 * Elsewhere a zero is shown (or its row is missing), so `<g` is 1 … g−1. A hidden cell that is itself a signed
 * zero does not count for the others: had this cell been 0, that zero might not have been signed either (so the
 * attacker is given the more, never the less).
 */
export function zeroSigned(sys: PublishedCells, zerosShown = false): Set<number> {
  const out = new Set<number>();
  if (zerosShown) return out;
  const size = (i: number) => sizeOf(sys.cells[i]);
  // A zero hidden by complementary suppression carries `<g` too.
  sys.cells.forEach((c, i) => {
    if (c.state !== "shown" && size(i) === 0) out.add(i);
  });
  for (const members of sys.groups) {
    const hidden = members.filter((i) => sys.cells[i].state !== "shown" && size(i) !== 0);
    for (const i of members) {
      const c = sys.cells[i];
      if (!c.grid || c.state === "shown") continue;
      if (size(i) === 0 || hidden.some((j) => j !== i)) out.add(i);
    }
  }
  return out;
}

/** zeroSigned for one cell, reading only its own groups (for an audit of a small part of a large system). */
export function isZeroSigned(sys: PublishedCells, i: number, zerosShown = false): boolean {
  if (zerosShown) return false;
  const size = (j: number) => sizeOf(sys.cells[j]);
  const c = sys.cells[i];
  if (c.state === "shown") return false;
  if (size(i) === 0) return true;
  if (!c.grid) return false;
  return groupsByCell(sys)[i].some((g) => sys.groups[g].some((j) => j !== i && sys.cells[j].state !== "shown" && size(j) !== 0));
}

/** The fields of a cell that are unknown to the attacker, with their bounds. */
export function unknowns(c: Cell, g: number, partOfTable: boolean): { field: Field; lo: number; hi: number; integer: boolean }[] {
  if (c.state === "shown") return [];
  const low = partOfTable ? 0 : 1;
  if (c.neutral) {
    if (c.kind === "count") return [{ field: "n", lo: low, hi: BIG, integer: true }];
    return [
      { field: "n", lo: 0, hi: BIG, integer: true },
      { field: "d", lo: c.kind === "ratio" ? 0 : low, hi: BIG, integer: c.kind !== "ratio" },
    ];
  }
  if (c.kind === "count") return [{ field: "n", lo: c.state === "small" ? low : g, hi: c.state === "small" ? g - 1 : BIG, integer: true }];
  const ratio = c.kind === "ratio";
  const d = c.state === "small" ? { lo: ratio ? 0 : low, hi: ratio ? g : g - 1 } : { lo: g, hi: BIG };
  return [
    { field: "n", lo: 0, hi: BIG, integer: true },
    { field: "d", ...d, integer: !ratio },
  ];
}

/** What the attacker knows of a cell's field: [lo, hi] (equal for a shown figure). */
export function domainOf(c: Cell, field: Field, g: number, partOfTable: boolean): [number, number] {
  const u = unknowns(c, g, partOfTable).find((x) => x.field === field);
  if (u) return [u.lo, u.hi];
  const v = truth(c, field);
  return [v, v];
}

/** The protected quantities: hidden counts and denominators of 1 … g−1, category shares' numerators and complements, revisions. */
export function targets(sys: PublishedCells, only?: number): Target[] {
  const g = sys.threshold;
  const small = (v: number) => v >= 1 && v <= g - 1;
  const out: Target[] = [];
  const each = (c: Cell, i: number) => {
    const one = (label: string, terms: Target["terms"], value: number, offset = 0) => out.push({ cell: i, label, terms, offset, value });
    if (c.kind === "count" && c.protectN && c.state !== "shown" && small(c.n)) one(`${c.key}`, [{ cell: i, field: "n", coef: 1 }], c.n);
    if (c.kind !== "count" && c.protectD && c.state !== "shown" && small(c.d ?? 0)) one(`${c.key} (nævner)`, [{ cell: i, field: "d", coef: 1 }], c.d ?? 0);
    if (c.category && c.d !== null) {
      if (small(c.n)) one(`${c.key} (tæller)`, [{ cell: i, field: "n", coef: 1 }], c.n);
      if (small(c.d - c.n)) one(`${c.key} (nævner − tæller)`, [{ cell: i, field: "d", coef: 1 }, { cell: i, field: "n", coef: -1 }], c.d - c.n);
    }
    for (const prev of sys.previous) {
      const p = prev[c.key];
      if (!p) continue;
      for (const field of ["n", "d"] as Field[]) {
        const before = p[field];
        const protectedField = field === "n" ? c.protectN || c.kind === "count" : c.protectD;
        if (before === null || before === undefined || !protectedField) continue;
        const delta = truth(c, field) - before;
        if (small(Math.abs(delta))) one(`${c.key} (${field === "n" ? "" : "nævner, "}revision)`, [{ cell: i, field, coef: 1 }], delta, before);
      }
    }
  };
  if (only === undefined) sys.cells.forEach(each);
  else each(sys.cells[only], only);
  return out;
}
