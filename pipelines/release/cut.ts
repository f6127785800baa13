// A release of 2026K2 shows nothing after 2026K2, even when the warehouse already has 2026K3: `libu udgiv` sets
// LIBU_TIL_KVARTAL for the site build, and every loader's output is cut at that quarter here (after suppression:
// a subset of published figures is published).
const QUARTER = /^\d{4}K[1-4]$/;

/** `data` without any row, list entry or key of a quarter after `til`; `seneste_kvartal` at most `til`. */
export function cutAtQuarter<T>(data: T, til: string | undefined | null): T {
  if (!til || !QUARTER.test(til)) return data;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      return v
        .filter((x) => !(typeof x === "string" && QUARTER.test(x) && x > til))
        .filter((x) => !(x && typeof x === "object" && typeof (x as { kvartal?: unknown }).kvartal === "string" && (x as { kvartal: string }).kvartal > til))
        .map(walk);
    }
    if (v && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        if (QUARTER.test(k) && k > til) continue;
        out[k] = k === "seneste_kvartal" && typeof x === "string" && x > til ? til : walk(x);
      }
      return out;
    }
    return v;
  };
  return walk(data) as T;
}
