// The seam between the models and the site, as two comparisons a test can make between the fixture warehouse
// (test/site/fixture-warehouse.ts, which the site's own tests run against) and a warehouse built by the real
// loader and runner: the tables' columns, and the shape of every data loader's JSON.

/**
 * Every table of the fixture (columns by table, runner/comments.ts tableColumns) must be in the real warehouse with
 * exactly the same column names; src_ tables are left out (the site never reads them).
 */
export function schemaDiff(fixture: Map<string, string[]>, real: Map<string, string[]>): string[] {
  const out: string[] = [];
  for (const [table, cols] of fixture) {
    if (table.startsWith("src_")) continue;
    const have = real.get(table);
    if (!have) {
      out.push(`${table}: in the fixture, not built by the models`);
      continue;
    }
    for (const c of cols) if (!have.includes(c)) out.push(`${table}.${c}: in the fixture, not in the model`);
    for (const c of have) if (!cols.includes(c)) out.push(`${table}.${c}: in the model, not in the fixture`);
  }
  return out;
}

interface Shape {
  /** Every key path with a value (`kpi[].taeller`). */
  paths: Set<string>;
  /** Array paths that are empty: nothing below them can be compared. */
  empty: Set<string>;
}

export function shapeOf(json: unknown): Shape {
  const paths = new Set<string>();
  const empty = new Set<string>();
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) {
      if (!v.length) empty.add(path);
      for (const x of v) walk(x, `${path}[]`);
    } else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        paths.add(`${path}.${k}`);
        walk(x, `${path}.${k}`);
      }
    }
  };
  walk(json, "");
  return { paths, empty };
}

/** Key paths one output has and the other lacks, where both could have them (no empty array above the path). */
export function shapeDiff(fixture: Shape, real: Shape): string[] {
  const comparable = (p: string, other: Shape) => ![...other.empty].some((e) => p.startsWith(`${e}[]`));
  return [
    ...[...fixture.paths].filter((p) => !real.paths.has(p) && comparable(p, real)).map((p) => `${p}: in the fixture's output only`),
    ...[...real.paths].filter((p) => !fixture.paths.has(p) && comparable(p, fixture)).map((p) => `${p}: in the real warehouse's output only`),
  ];
}
