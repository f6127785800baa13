// The attacker inside the build: bounds every protected hidden quantity by integer programming over all
// published equations and every published sign, as someone reading only the site's data files could.
// A protected quantity whose exact value is 1 … g−1 is safe when the attacker's bounds still reach 1 and
// g−1 (it is neither pinned nor narrowed below the range the sign `<g` already gives away).
// Safety criterion (issue 10): every protected quantity whose exact value is 1 … g−1 must keep an interval
// that still reaches both 1 and g−1 — neither pinned nor narrowed below the range 1–4 that `<5` gives.
//
// Speed: the hidden cells fall apart into small connected components (a shown cell is a constant and
// joins nothing); each component is one HiGHS model, kept in memory while its objective is changed for
// each quantity, and every solution found is checked against all the component's other quantities.
import type { Field, PublishedCells, Term } from "./system.ts";
import { identitiesByCell, truth } from "./system.ts";
import { isZeroSigned, targets, unknowns, zeroSigned, type Target } from "./knowledge.ts";
import { loadHighs, lpText, UnionFind, type Highs, type Row, type Var } from "./lp.ts";

export interface Leak {
  target: Target;
  lo: number;
  hi: number;
  /** Identities (indexes) that the linear relaxation's proof of the narrowed bound uses: where to hide next. */
  binding: number[];
}

export interface AuditResult {
  leaks: Leak[];
  targets: number;
  components: number;
  solves: number;
  ms: number;
}

const varKey = (cell: number, field: Field) => cell * 2 + (field === "n" ? 0 : 1);

/**
 * For each leak, the identities the linear relaxation needs to prove the narrowed side (rows with a
 * non-zero dual): hiding a shown cell of one of them is what can widen the bound.
 */
function explain(
  highs: Highs,
  cvars: Var[],
  crows: Row[],
  local: Map<number, number>,
  varOf: (cell: number, field: Field) => Var | undefined,
  found: Leak[],
  g: number,
): number {
  let solves = 0;
  const model = highs.createModel({ format: "lp", data: lpText(cvars, crows, false) });
  try {
    model.options.set({ output_flag: false, time_limit: 10 });
    const colOf = cvars.map((v) => model.getColByName(v.name) as number);
    const rowOf = crows.map((_, i) => (model as unknown as { getRowByName(n: string): number }).getRowByName(`r${i}`));
    let costed: number[] = [];
    for (const leak of found) {
      const [reachLo] = leak.target.value > 0 ? [1, g - 1] : [-(g - 1), -1];
      const side = leak.lo > reachLo ? "min" : "max";
      for (const c of costed) model.changeColCost(c, 0);
      costed = [];
      for (const x of leak.target.terms) {
        const v = varOf(x.cell, x.field);
        if (!v) continue;
        const c = colOf[local.get(v.key)!];
        model.changeColCost(c, x.coef);
        costed.push(c);
      }
      model.changeObjectiveSense(side === "min" ? highs.constants.objectiveSense.minimize : highs.constants.objectiveSense.maximize);
      model.run();
      solves++;
      if (model.getModelStatus() !== 7) continue;
      const duals = model.getSolution().rowDual;
      leak.binding = [...new Set(crows.filter((r, i) => r.source >= 0 && Math.abs(duals[rowOf[i]] ?? 0) > 1e-9).map((r) => r.source))];
    }
  } finally {
    model.dispose();
  }
  return solves;
}

export interface AuditOptions {
  /** As the site published before issue 10: zeros shown as 0, so `<g` is 1 … g−1 everywhere (for tests of the old leaks). */
  zerosShown?: boolean;
  /** Seconds per solve; a solve that does not finish counts as a leak (the audit could not prove it safe). */
  timeLimit?: number;
  /** Results of components already audited, by their model text (the suppression loop re-audits only what changed). */
  cache?: Map<string, Leak[]>;
  /** Only the component of this cell's quantities (the suppression loop's trials). */
  only?: number;
}

/**
 * The cells linked to `start` through identities whose terms are unknown to the attacker (a superset of the
 * component its quantities fall in: a cell counts as a whole), and every identity touching them, in order.
 */
function reach(sys: PublishedCells, start: number): { cells: Set<number>; identities: number[] } {
  const byCell = identitiesByCell(sys);
  const unknown = (cell: number, field: Field) => sys.cells[cell].state !== "shown" && (field === "n" || sys.cells[cell].kind !== "count");
  const cells = new Set([start]);
  const ids = new Set<number>();
  const queue = [start];
  while (queue.length) {
    const i = queue.pop()!;
    for (const k of byCell[i]) {
      ids.add(k);
      const terms = sys.identities[k].terms;
      if (!terms.some((t) => t.cell === i && unknown(t.cell, t.field))) continue;
      for (const t of terms)
        if (unknown(t.cell, t.field) && !cells.has(t.cell)) {
          cells.add(t.cell);
          queue.push(t.cell);
        }
    }
  }
  return { cells, identities: [...ids].sort((a, b) => a - b) };
}

/** Bounds every protected quantity; returns those the attacker can pin or narrow. */
export async function audit(sys: PublishedCells, opts: AuditOptions = {}): Promise<AuditResult> {
  const started = Date.now();
  const g = sys.threshold;
  const highs = await loadHighs();
  const whole = opts.only === undefined ? zeroSigned(sys, opts.zerosShown) : null;
  const inTable = (i: number) => (whole ? whole.has(i) : isZeroSigned(sys, i, opts.zerosShown));

  // Unknown variables and the constants the shown cells give.
  // A trial (`only`) needs only the cells its quantity is linked to through unknowns; the rest of a large system
  // is never read. The rows keep the whole system's order, so a component's model text is the same either way.
  const scope = opts.only === undefined ? null : reach(sys, opts.only);
  const vars = new Map<number, Var>();
  const varOf = (cell: number, field: Field) => vars.get(varKey(cell, field));
  // The scope's cells in the system's order (the model text is the same as the whole audit's component).
  const inScope = scope ? [...scope.cells].sort((a, b) => a - b) : sys.cells.map((_, i) => i);
  for (const i of inScope) {
    const c = sys.cells[i];
    for (const u of unknowns(c, g, inTable(i))) {
      const key = varKey(i, u.field);
      // The exact value is always one the attacker must allow: else the audit would be unsound (a bug here).
      const v = truth(c, u.field);
      if (v < u.lo - 1e-9 || v > u.hi + 1e-9) throw new Error(`disclosure audit: ${c.key} (${u.field} = ${v}, ${c.state}) lies outside what its sign says (${u.lo}–${u.hi})`);
      vars.set(key, { key, name: `x${key}`, lo: u.lo, hi: u.hi, integer: u.integer });
    }
  }
  const rows: { terms: { key: number; coef: number }[]; op: "=" | "<="; rhs: number; source: number }[] = [];
  const addRow = (terms: Term[], op: "=" | "<=", source: number) => {
    let rhs = 0;
    const unknown: { key: number; coef: number }[] = [];
    for (const t of terms) {
      const v = varOf(t.cell, t.field);
      if (v) unknown.push({ key: v.key, coef: t.coef });
      else rhs -= t.coef * truth(sys.cells[t.cell], t.field);
    }
    if (unknown.length) rows.push({ terms: unknown, op, rhs, source });
  };
  if (scope) for (const i of scope.identities) addRow(sys.identities[i].terms, sys.identities[i].op, i);
  else sys.identities.forEach((id, i) => addRow(id.terms, id.op, i));
  for (const i of inScope) {
    // A hidden share's numerator is at most its denominator.
    if (sys.cells[i].kind === "share" && sys.cells[i].state !== "shown") addRow([{ cell: i, field: "n", coef: 1 }, { cell: i, field: "d", coef: -1 }], "<=", -1);
  }

  const uf = new UnionFind();
  for (const r of rows) for (const t of r.terms.slice(1)) uf.union(r.terms[0].key, t.key);

  const all = targets(sys, opts.only);
  const leaks: Leak[] = [];
  const byComponent = new Map<number, Target[]>();
  for (const t of all) {
    const unknownTerms = t.terms.filter((x) => varOf(x.cell, x.field));
    if (unknownTerms.length === 0) {
      leaks.push({ target: t, lo: t.value, hi: t.value, binding: [] });
      continue;
    }
    const root = uf.find(varKey(unknownTerms[0].cell, unknownTerms[0].field));
    const list = byComponent.get(root) ?? [];
    list.push(t);
    byComponent.set(root, list);
  }
  const rowsBy = new Map<number, typeof rows>();
  for (const r of rows) {
    const root = uf.find(r.terms[0].key);
    const list = rowsBy.get(root) ?? [];
    list.push(r);
    rowsBy.set(root, list);
  }
  const varsBy = new Map<number, Var[]>();
  for (const v of vars.values()) {
    const root = uf.find(v.key);
    const list = varsBy.get(root) ?? [];
    list.push(v);
    varsBy.set(root, list);
  }

  let solves = 0;
  for (const [root, ts] of byComponent) {
    const cvars = varsBy.get(root) ?? [];
    const local = new Map(cvars.map((v, i) => [v.key, i]));
    const crows: Row[] = (rowsBy.get(root) ?? []).map((r) => ({ terms: r.terms.map((t) => ({ v: local.get(t.key)!, coef: t.coef })), op: r.op, rhs: r.rhs, source: r.source }));
    const text = lpText(cvars, crows);
    const signature = `${text}\n${ts.map((t) => `${t.label}:${t.value}:${t.offset}`).join("\n")}`;
    const cached = opts.cache?.get(signature);
    if (cached) {
      leaks.push(...cached.map((l) => ({ ...l, target: ts.find((t) => t.label === l.target.label) ?? l.target })));
      continue;
    }
    const found: Leak[] = [];
    const need = ts.map((t) => {
      const [reachLo, reachHi] = t.value > 0 ? [1, g - 1] : [-(g - 1), -1];
      // The exact values are one solution: the quantity's own value already reaches an end of its range.
      return { t, reachLo, reachHi, lo: t.value, hi: t.value, needLo: t.value > reachLo, needHi: t.value < reachHi };
    });
    const model = highs.createModel({ format: "lp", data: text });
    try {
      model.options.set({ output_flag: false, time_limit: opts.timeLimit ?? 10 });
      const colOf = cvars.map((v) => model.getColByName(v.name) as number);
      const value = (sol: ArrayLike<number>, t: Target) =>
        t.terms.reduce((s, x) => {
          const v = varOf(x.cell, x.field);
          return s + x.coef * (v ? sol[colOf[local.get(v.key)!]] : truth(sys.cells[x.cell], x.field));
        }, 0) - t.offset;
      let costed: number[] = [];
      for (const n of need) {
        for (const sense of ["min", "max"] as const) {
          if (sense === "min" ? !n.needLo : !n.needHi) continue;
          for (const c of costed) model.changeColCost(c, 0);
          costed = [];
          for (const x of n.t.terms) {
            const v = varOf(x.cell, x.field);
            if (!v) continue;
            const c = colOf[local.get(v.key)!];
            model.changeColCost(c, x.coef);
            costed.push(c);
          }
          model.changeObjectiveSense(sense === "min" ? highs.constants.objectiveSense.minimize : highs.constants.objectiveSense.maximize);
          // Stop as soon as a solution reaches the end of the range: the quantity is not narrowed on that side.
          const constant = n.t.terms.reduce((s, x) => s + (varOf(x.cell, x.field) ? 0 : x.coef * truth(sys.cells[x.cell], x.field)), 0) - n.t.offset;
          model.options.set({ objective_target: (sense === "min" ? n.reachLo : n.reachHi) - constant });
          model.run();
          solves++;
          const status = model.getModelStatus();
          // Optimal, time limit or objective target reached (then the bound is reached, which is all that matters).
          const sol = status === 7 || status === 12 || status === 13 ? model.getSolution().colValue : null;
          if (status === 8) throw new Error(`disclosure audit: the published system has no solution around ${n.t.label} (an identity is not true of the data)`);
          if (!sol || sol.length === 0) {
            // Not proved either way: counts as narrowed.
            if (sense === "min") n.lo = n.reachLo + 1;
            else n.hi = n.reachHi - 1;
          } else {
            // Every solution found also bounds the other quantities of the component.
            for (const m of need) {
              const v = Math.round(value(sol, m.t) * 1e6) / 1e6;
              m.lo = Math.min(m.lo, v);
              m.hi = Math.max(m.hi, v);
              if (m.lo <= m.reachLo) m.needLo = false;
              if (m.hi >= m.reachHi) m.needHi = false;
            }
            if (status === 7) {
              if (sense === "min") n.needLo = false;
              else n.needHi = false;
            }
          }
          if (sense === "min") n.needLo = false;
          else n.needHi = false;
        }
      }
    } finally {
      model.dispose();
    }
    for (const n of need) if (n.lo > n.reachLo || n.hi < n.reachHi) found.push({ target: n.t, lo: n.lo, hi: n.hi, binding: [] });
    if (found.length) solves += explain(highs, cvars, crows, local, varOf, found, g);
    opts.cache?.set(signature, found);
    leaks.push(...found);
  }
  return { leaks, targets: all.length, components: byComponent.size, solves, ms: Date.now() - started };
}
