// Issue 13, deliverable 8: on a synthetic population with a known true share, the weighted estimator
// (Σ w·y / Σ w, w = 1 / inklusionssandsynlighed) is unbiased over many seeded draws, and the plain share of the
// sample is not (the risk stratum, where compliance is lower, is over-sampled). The draw is the real one
// (strata + drawQuery over a table named like the model it reads); the estimate is mart_tilsyn_kvartal's formula.
import { afterAll, beforeAll, expect, test } from "vitest";
import { openMemory, type Warehouse } from "../../pipelines/db.ts";
import { drawQuery, strata } from "../../pipelines/tilsyn/draw.ts";

const DRAWS = 400;
/**
 * Tolerance for the mean over the draws: the weighted estimate's standard deviation per draw is about 0.08 here,
 * so the mean of 400 draws has a standard error of about 0.004; 0.015 is almost four of them.
 */
const TOLERANCE = 0.015;

let wh: Warehouse;
let truth: number;
beforeAll(async () => {
  wh = await openMemory();
  // One unit of 200 cases: 40 flagged (half of them compliant), 160 others (90 % compliant). True share 0.82.
  await wh.run(`create table int_tilsyn_population as
    select '2025K3' as periode, 'Nord' as enhed, 'S' || lpad(i::varchar, 3, '0') as sag_id, i <= 40 as risiko,
      case when i <= 40 then i % 2 = 0 else i % 10 <> 0 end as overholdt
    from range(1, 201) t(i)`);
  [{ truth }] = await wh.all<{ truth: number }>("select avg(overholdt::int) as truth from int_tilsyn_population");
});
afterAll(() => wh?.close());

test("the weighted estimate is unbiased over many draws; the plain share is not", async () => {
  expect(truth).toBeCloseTo(0.82, 10);
  const sizes = await strata(wh, "2025K3", 20, 0.5);
  expect(sizes.map((s) => [s.stratum, s.population, s.udtrukket])).toEqual([
    ["risiko", 40, 10],
    ["tilfaeldig", 160, 10],
  ]);
  let plain = 0;
  let weighted = 0;
  for (let seed = 1; seed <= DRAWS; seed++) {
    const [r] = await wh.all<{ plain: number; weighted: number; n: bigint }>(
      `with s as (${drawQuery("2025K3", seed, sizes)})
       select count(*) as n, avg(p.overholdt::int) as plain,
         sum(p.overholdt::int / s.inklusionssandsynlighed) / sum(1 / s.inklusionssandsynlighed) as weighted
       from s join int_tilsyn_population as p using (sag_id)`,
    );
    expect(r.n).toBe(20n);
    plain += r.plain / DRAWS;
    weighted += r.weighted / DRAWS;
  }
  expect(Math.abs(weighted - truth)).toBeLessThan(TOLERANCE);
  // The plain share's expectation is 0.5 · 0.5 + 0.5 · 0.9 = 0.70: biased by 0.12.
  expect(Math.abs(plain - 0.7)).toBeLessThan(TOLERANCE);
  expect(truth - plain).toBeGreaterThan(0.1);
});
