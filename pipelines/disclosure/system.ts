// The published system as data: every figure a build publishes is a cell (its exact value from the
// warehouse, and what is shown of it), and every identity between figures is a linear equation or
// inequality over the cells' fields. The attacker's audit (audit.ts) and the suppression loop
// (protect.ts) read only this, so a table or an identity added here is protected and audited alike.

/** What is published of a cell: its value, the sign `<g` (a small count or denominator), or `–` (hidden, ≥ g). */
export type State = "shown" | "small" | "hidden";

/** Why a figure is not shown (the site's `undertrykt`). */
export type Undertrykt = "lille_antal" | "lille_naevner" | "komplementaer";

export type CellKind = "count" | "share" | "ratio";

export interface Cell {
  /** Stable across builds and releases: table, KPI/dimension, quarter, unit, … joined by `|`. */
  key: string;
  kind: CellKind;
  /** Exact value: the count, or the numerator (internal; never published unless shown). */
  n: number;
  /** Exact denominator for shares and ratios, else null. */
  d: number | null;
  state: State;
  /** Why a cell is not shown (set when state is not "shown"). */
  why: Undertrykt | null;
  /** Cost of hiding it (the suppression loop hides the cheapest neighbour first): municipality figures cost most. */
  cost: number;
  /** A share about children in a category (kpi_definitioner.kategoriandel): numerator and complement are protected. */
  category?: boolean;
  /** The numerator is a count of children or records (counts: always; shares: only category shares). */
  protectN: boolean;
  /** The denominator is a count of children or records (shares), not a full-time-equivalent sum (ratios). */
  protectD?: boolean;
  /**
   * One of a table's parts whose zero is published with the sign `<g` when its part has a hidden cell (a row
   * that the table leaves out when it is 0): there `<g` means 0 … g−1.
   */
  grid?: boolean;
  /** The table has no row for it (a true 0): published only when it carries a sign. */
  missing?: boolean;
  /**
   * Hidden with a sign that says nothing of its range (`–`, "komplementaer", for a small figure too): where the
   * signs `<g` and `–` themselves would pin a hidden count, whatever else is hidden (protect.ts, last resort).
   */
  neutral?: boolean;
}

export type Field = "n" | "d";

export interface Term {
  cell: number;
  field: Field;
  coef: number;
}

/** Σ coef·x op 0. */
export interface Identity {
  name: string;
  terms: Term[];
  op: "=" | "<=";
}

/** One earlier release's published figures: per cell key, the published numerator and denominator (null if hidden). */
export type PreviousRelease = Record<string, { n: number | null; d: number | null }>;

export interface PublishedCells {
  cells: Cell[];
  identities: Identity[];
  /**
   * The table parts (cell indexes) whose zeros carry the sign of their hidden cells: a table's rows that may be
   * missing (a missing row is 0) and, where it is published, their total.
   */
  groups: number[][];
  threshold: number;
  previous: PreviousRelease[];
}

/** Collects cells by key and identities between them; builders for each table call it. */
export class SystemBuilder {
  readonly cells: Cell[] = [];
  readonly identities: Identity[] = [];
  readonly groups: number[][] = [];
  private readonly index = new Map<string, number>();

  add(cell: Omit<Cell, "why" | "state"> & { state?: State; why?: Undertrykt | null }): number {
    const have = this.index.get(cell.key);
    if (have !== undefined) throw new Error(`published cell ${cell.key} is defined twice`);
    this.cells.push({ state: "shown", why: null, ...cell });
    this.index.set(cell.key, this.cells.length - 1);
    return this.cells.length - 1;
  }

  find(key: string): number | undefined {
    return this.index.get(key);
  }

  /** `left op Σ right` with left and right as [cell key, field, coef]; a key with no cell is a known zero. */
  relate(name: string, left: [string, Field][], op: "=" | "<=", right: [string, Field, number?][]): void {
    const terms: Term[] = [];
    for (const [key, field] of left) {
      const c = this.index.get(key);
      if (c !== undefined) terms.push({ cell: c, field, coef: 1 });
    }
    for (const [key, field, coef = 1] of right) {
      const c = this.index.get(key);
      if (c !== undefined) terms.push({ cell: c, field, coef: -coef });
    }
    if (terms.length) this.identities.push({ name, terms, op });
  }

  /** A table part whose zeros are signed together (cells by index; at least two). */
  group(cells: number[]): void {
    if (cells.length > 1) this.groups.push(cells);
  }

  build(threshold: number, previous: PreviousRelease[] = []): PublishedCells {
    return { cells: this.cells, identities: this.identities, groups: this.groups, threshold, previous };
  }
}

/** What a cell counts: the count, or a share's or ratio's denominator (0: the table has no row for it). */
export const sizeOf = (c: Cell): number => (c.kind === "count" ? c.n : (c.d ?? 0));

/** Why a cell carries the sign `<g`: a small count, or a small denominator. */
export const smallWhy = (c: Cell): Undertrykt => (c.kind === "count" ? "lille_antal" : "lille_naevner");

/** The exact value of a cell's field. */
export function truth(c: Cell, f: Field): number {
  return f === "n" ? c.n : (c.d ?? 0);
}

/** The identities that fail on the exact values (must be none: an identity that is not true would make the audit unsound). */
export function falseIdentities(sys: PublishedCells): Identity[] {
  return sys.identities.filter((id) => {
    const s = id.terms.reduce((a, t) => a + t.coef * truth(sys.cells[t.cell], t.field), 0);
    return id.op === "=" ? Math.abs(s) > 1e-6 : s > 1e-6;
  });
}

/**
 * Leaves out the identities the data does not satisfy (an attacker cannot use them either: they contradict the
 * published figures) and returns their names. The marts built by the models satisfy all of them (the demo test
 * says so); hand-made fixtures and older warehouses may not.
 */
export function dropFalseIdentities(sys: PublishedCells): string[] {
  const wrong = new Set(falseIdentities(sys));
  if (wrong.size) sys.identities = sys.identities.filter((id) => !wrong.has(id));
  return [...new Set([...wrong].map((w) => w.name))];
}

const byCellCache = new WeakMap<object, number[][]>();

/**
 * For each cell, the indexes of the items of `list` (the table parts, the identities) it belongs to. Cached per
 * list: the lists never change while the suppression loop hides cells.
 */
export function byCell<T>(sys: PublishedCells, list: T[], cellsOf: (item: T) => Iterable<number>): number[][] {
  let by = byCellCache.get(list as object);
  if (!by) {
    by = sys.cells.map(() => []);
    list.forEach((item, k) => {
      for (const c of new Set(cellsOf(item))) by![c].push(k);
    });
    byCellCache.set(list as object, by);
  }
  return by;
}

/** The table parts each cell belongs to (by index). */
export const groupsByCell = (sys: PublishedCells) => byCell(sys, sys.groups, (members) => members);

/** The identities each cell appears in (by index). */
export const identitiesByCell = (sys: PublishedCells) => byCell(sys, sys.identities, (id) => id.terms.map((t) => t.cell));
