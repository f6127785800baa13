// The ledelsestilsyn's draw (issue 13, deliverables 2 and 8): the strata, the sizes, the seeded order (recomputed
// here from md5 in JavaScript, independently of the SQL), the exact inclusion probabilities, the refusal of a
// second draw without --ny, and the questions fixed for each drawn case.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Warehouse } from "../../pipelines/db.ts";
import { allocate, draw } from "../../pipelines/tilsyn/draw.ts";
import { buildFixture, measure } from "../helpers/fixture.ts";

const PERIODE = "2025K3";
const nord = Array.from({ length: 30 }, (_, i) => `S${String(i + 1).padStart(2, "0")}`);
const syd = ["S31", "S32", "S33"];
/** Nord's first ten cases have a placement without consent active in the quarter: the risk stratum. */
const risikoNord = nord.slice(0, 10);

let wh: Warehouse;
beforeAll(async () => {
  const sag = (id: string, i: number, enhed: string, extra: Record<string, unknown> = {}) => ({
    sag_id: id,
    barn_id: `b${i + 1}`,
    foedselsdato: "2012-06-15",
    oprettet: "2024-01-10",
    lukket: null,
    enhed,
    sagsbehandler_id: `${enhed}-1`,
    ...extra,
  });
  wh = await buildFixture(
    {
      sager: [
        ...nord.map((id, i) => sag(id, i, "Nord")),
        ...syd.map((id, i) => sag(id, 30 + i, "Syd")),
        // Closed before the quarter / opened after it: not in the population.
        sag("S90", 40, "Nord", { lukket: "2025-06-30" }),
        sag("S91", 41, "Nord", { oprettet: "2025-10-01" }),
      ],
      foranstaltninger: [
        ...risikoNord.map((_, i) => measure(`F${i + 1}`, `b${i + 1}`, "plejefamilie", "2025-08-01", null, { samtykke: false })),
        // Nord's case 11: a preventive measure started in the quarter (foranstaltning, no placement, no risk).
        measure("F11", "b11", "familiebehandling", "2025-08-01", null),
      ],
      handleplaner: risikoNord.map((_, i) => ({ handleplan_id: `H${i + 1}`, barn_id: `b${i + 1}`, dato: "2025-07-15", enhed: "Nord" })),
    },
    { asOf: "2025-10-15" },
  );
});
afterAll(() => wh?.close());

const sample = (seed?: number) =>
  wh.all<{ enhed: string; sag_id: string; stratum: string; inklusionssandsynlighed: number; seed: bigint }>(
    `select enhed, sag_id, stratum, inklusionssandsynlighed, seed from tilsyn_stikproeve where periode = '${PERIODE}'
     ${seed === undefined ? "" : `and seed = ${seed}`} order by enhed, stratum, sag_id`,
  );

/** The first n ids by md5("seed:periode:sag_id") — the draw's order, computed without SQL. */
const expected = (ids: string[], seed: number, n: number) =>
  [...ids]
    .sort((a, b) => {
      const ka = createHash("md5").update(`${seed}:${PERIODE}:${a}`).digest("hex");
      const kb = createHash("md5").update(`${seed}:${PERIODE}:${b}`).digest("hex");
      return ka < kb ? -1 : ka > kb ? 1 : a < b ? -1 : 1;
    })
    .slice(0, n)
    .sort();

describe("allocate", () => {
  test("splits antal by the risk share, and fills from the other stratum when one is short", () => {
    expect(allocate(20, 0.5, 39, 195)).toEqual({ risiko: 10, tilfaeldig: 10 });
    expect(allocate(20, 0.5, 3, 195)).toEqual({ risiko: 3, tilfaeldig: 17 }); // few risk cases
    expect(allocate(20, 0.5, 50, 4)).toEqual({ risiko: 16, tilfaeldig: 4 }); // few others
    expect(allocate(20, 0.5, 5, 10)).toEqual({ risiko: 5, tilfaeldig: 10 }); // population below antal: all
    expect(allocate(20, 0, 50, 50)).toEqual({ risiko: 0, tilfaeldig: 20 });
    expect(allocate(20, 1, 50, 50)).toEqual({ risiko: 20, tilfaeldig: 0 });
    expect(allocate(5, 0.5, 50, 50)).toEqual({ risiko: 3, tilfaeldig: 2 }); // 2.5 rounds up
  });
});

describe("libu tilsyn udtraek", () => {
  test("draws per unit and stratum in the seeded order with inclusion probability n_h / N_h", async () => {
    const result = await draw(wh, { periode: PERIODE, antal: 8, andelRisiko: 0.5, seed: 7 });
    expect(result.seed).toBe(7);
    expect(result.units).toEqual([
      { enhed: "Nord", population: 30, risiko: 10, udtrukket: 8, udtrukketRisiko: 4 },
      { enhed: "Syd", population: 3, risiko: 0, udtrukket: 3, udtrukketRisiko: 0 },
    ]);
    const rows = await sample(7);
    const ids = (enhed: string, stratum: string) => rows.filter((r) => r.enhed === enhed && r.stratum === stratum).map((r) => r.sag_id);
    expect(ids("Nord", "risiko")).toEqual(expected(risikoNord, 7, 4));
    expect(ids("Nord", "tilfaeldig")).toEqual(expected(nord.slice(10), 7, 4));
    // Syd has fewer cases than antal: all of them, each certain.
    expect(ids("Syd", "tilfaeldig")).toEqual(syd);
    const p = (enhed: string, stratum: string) => [...new Set(rows.filter((r) => r.enhed === enhed && r.stratum === stratum).map((r) => r.inklusionssandsynlighed))];
    expect(p("Nord", "risiko")).toEqual([4 / 10]);
    expect(p("Nord", "tilfaeldig")).toEqual([4 / 20]);
    expect(p("Syd", "tilfaeldig")).toEqual([1]);
    expect(rows.every((r) => r.seed === 7n)).toBe(true);
  });

  test("a second draw for the quarter is refused without --ny; with --ny and the same seed it is the same sample", async () => {
    const before = await sample();
    await expect(draw(wh, { periode: PERIODE, antal: 8, andelRisiko: 0.5, seed: 7 })).rejects.toThrow(/allerede udtrukket.*--ny/);
    await draw(wh, { periode: PERIODE, antal: 8, andelRisiko: 0.5, seed: 7, ny: true });
    expect(await sample()).toEqual(before);
    await draw(wh, { periode: PERIODE, antal: 8, andelRisiko: 0.5, seed: 8, ny: true });
    const other = await sample();
    expect(other.map((r) => r.sag_id)).not.toEqual(before.map((r) => r.sag_id));
    expect(other.filter((r) => r.enhed === "Nord" && r.stratum === "risiko").map((r) => r.sag_id)).toEqual(expected(risikoNord, 8, 4));
    await draw(wh, { periode: PERIODE, antal: 8, andelRisiko: 0.5, seed: 7, ny: true });
  });

  test("fixes the questions that apply to each drawn case", async () => {
    const q = await wh.all<{ sag_id: string; spoergsmaal: string[] }>(
      `select sag_id, list(spoergsmaal_id order by spoergsmaal_id) as spoergsmaal from tilsyn_stikproeve_spoergsmaal
       where periode = '${PERIODE}' group by sag_id order by sag_id`,
    );
    const alle = ["bisidder", "barnets_perspektiv", "journalisering", "netvaerk_inddraget"].sort();
    for (const r of q) {
      const risk = risikoNord.includes(r.sag_id);
      expect(r.spoergsmaal.includes("boerne_ungeudvalg"), r.sag_id).toBe(risk); // placement without consent only
      expect(r.spoergsmaal.includes("samvaer_besluttet"), r.sag_id).toBe(risk); // placements only
      expect(r.spoergsmaal.includes("plan_foreligger"), r.sag_id).toBe(risk || r.sag_id === "S11"); // measures
      expect(r.spoergsmaal.includes("udredning_frist"), r.sag_id).toBe(false); // no investigation
      for (const a of alle) expect(r.spoergsmaal, r.sag_id).toContain(a);
    }
    expect(q.length).toBe((await sample()).length);
  });

  test("refuses a quarter it cannot draw from, naming the ones it can", async () => {
    await expect(draw(wh, { periode: "2019K1", antal: 8, andelRisiko: 0.5, seed: 1 })).rejects.toThrow(/2019K1 .*2025K3/);
    await expect(draw(wh, { periode: "2025-3", antal: 8, andelRisiko: 0.5, seed: 1 })).rejects.toThrow(/--periode/);
    await expect(draw(wh, { periode: PERIODE, antal: 8, andelRisiko: 1.5, seed: 1 })).rejects.toThrow(/--andel-risiko/);
  });
});
