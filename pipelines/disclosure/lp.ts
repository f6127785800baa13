// The integer programmes of the audit: HiGHS (WebAssembly) loaded once, a model's variables and rows, and the
// LP text HiGHS reads; connected components by union–find.
import * as highsModule from "highs";

// The package's types describe its CommonJS build; Node loads its ES module build, whose default export is the loader.
type Loader = typeof highsModule.default.default;
const loadHighsModule = ((highsModule.default as unknown as { default?: Loader }).default ?? highsModule.default) as unknown as Loader;
export type Highs = Awaited<ReturnType<typeof loadHighsModule>>;
let highsPromise: Promise<Highs> | null = null;

/** HiGHS (WebAssembly), loaded once per process. */
export function loadHighs(): Promise<Highs> {
  highsPromise ??= loadHighsModule();
  return highsPromise;
}

export interface Var {
  key: number;
  name: string;
  lo: number;
  hi: number;
  integer: boolean;
}

export interface Row {
  terms: { v: number; coef: number }[];
  op: "=" | "<=";
  rhs: number;
  /** The identity it comes from (−1: a share's numerator ≤ its denominator). */
  source: number;
}

export class UnionFind {
  private readonly parent = new Map<number, number>();
  find(x: number): number {
    let p = this.parent.get(x) ?? x;
    if (p !== x) {
      p = this.find(p);
      this.parent.set(x, p);
    }
    return p;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra, rb);
  }
}

const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toPrecision(15));

export function lpText(vars: Var[], rows: Row[], integer = true): string {
  const term = (coef: number, name: string) => `${coef < 0 ? "-" : "+"} ${num(Math.abs(coef))} ${name}`;
  const lines = ["Maximize", ` obj: 0 ${vars[0].name}`, "Subject To"];
  rows.forEach((r, i) => {
    const lhs = r.terms.map((t) => term(t.coef, vars[t.v].name)).join(" ");
    lines.push(` r${i}: ${lhs} ${r.op === "=" ? "=" : "<="} ${num(r.rhs)}`);
  });
  lines.push("Bounds");
  for (const v of vars) lines.push(` ${num(v.lo)} <= ${v.name} <= ${num(v.hi)}`);
  const ints = integer ? vars.filter((v) => v.integer).map((v) => v.name) : [];
  if (ints.length) lines.push("Generals", ...chunks(ints, 20).map((c) => ` ${c.join(" ")}`));
  lines.push("End");
  return lines.join("\n");
}

function chunks<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}
