// The leaks of issue 10, each as a small published system: the attacker's audit finds it as the site used to
// publish it (so each case fails before the fix), and the suppression rules close it (the audit then finds
// nothing, and its bounds never exclude the true value).
import { describe, expect, it } from "vitest";
import { audit, type Leak } from "../../pipelines/disclosure/audit.ts";
import { SystemBuilder, type Cell, type PublishedCells, type State } from "../../pipelines/disclosure/system.ts";
import { planStatus } from "../../pipelines/published/plan.ts";
import type { PublishedKpiRow } from "../../pipelines/published/kpi.ts";
import { suppressSystem } from "../../pipelines/suppress.ts";
import { slowRounds } from "../../pipelines/published/system.ts";

type Spec = [key: string, n: number, state?: State, extra?: Partial<Cell>];

/** A system of count cells (and shares via extra) with identities given as [total, parts] sums. */
function system(cells: Spec[], sums: [string, string[]][], more: (b: SystemBuilder) => void = () => {}, previous: PublishedCells["previous"] = []) {
  const b = new SystemBuilder();
  for (const [key, n, state = "shown", extra = {}] of cells)
    b.add({ key, kind: "count", n, d: null, cost: key.startsWith("kommune") ? 1e6 + n : n, protectN: true, grid: true, state, why: state === "shown" ? null : state === "small" ? "lille_antal" : "komplementaer", ...extra });
  for (const [total, parts] of sums) {
    b.relate(`${total} = Σ`, [[total, "n"]], "=", parts.map((p) => [p, "n"]));
    b.group([total, ...parts].map((k) => b.find(k)!));
  }
  more(b);
  return b.build(5, previous);
}

const labels = (leaks: Leak[]) => leaks.map((l) => `${l.target.label} ${l.lo}–${l.hi}`).sort();

/** Suppresses with the rules, then checks the audit is clean and the result keeps its shown cells exact. */
async function fixed(sys: PublishedCells) {
  await suppressSystem(sys);
  const after = await audit(sys);
  expect(labels(after.leaks)).toEqual([]);
  return sys;
}

describe("the stopping rule and the signs", () => {
  it("39 − 12 − 21 = 6 between a `–` and a `<5` gives the `<5` away (the old rule called two hidden cells ≥ 5 safe)", async () => {
    const sys = system(
      [["kommune", 39], ["A", 12], ["B", 21], ["Kærhøj", 1, "small"], ["C", 5, "hidden"]],
      [["kommune", ["A", "B", "Kærhøj", "C"]]],
    );
    expect(labels((await audit(sys)).leaks)).toEqual(["Kærhøj 1–1"]);
    await fixed(sys);
  });
  it("two `<5` cells that sum to 8 are both 4", async () => {
    const sys = system([["kommune", 40], ["A", 32], ["B", 4, "small"], ["C", 4, "small"]], [["kommune", ["A", "B", "C"]]]);
    expect(labels((await audit(sys)).leaks)).toEqual(["B 4–4", "C 4–4"]);
    await fixed(sys);
  });
  it("the primary rule alone leaves a single hidden unit to subtraction; the rules hide a second", async () => {
    const sys = system([["kommune", 60], ["A", 30], ["B", 3], ["C", 12], ["D", 15]], [["kommune", ["A", "B", "C", "D"]]]);
    await fixed(sys);
    expect(sys.cells.map((c) => c.state)).toEqual(["shown", "shown", "small", "hidden", "shown"]);
  });
  it("a zero in a group with a hidden cell carries the same sign, so four `<5` reasons of a `<5` total are not each 1", async () => {
    // Quarantine: four reasons with one row each, three reasons with none, and a total of 4.
    const reasons: Spec[] = ["r1", "r2", "r3", "r4"].map((k) => [k, 1, "small"]);
    const zeros: Spec[] = ["r5", "r6", "r7"].map((k) => [k, 0]);
    const sys = system([["total", 4, "small"], ...reasons, ...zeros], [["total", ["r1", "r2", "r3", "r4", "r5", "r6", "r7"]]]);
    // As published before (a zero is a 0 and `<5` is 1–4): each reason is 1.
    expect(labels((await audit(sys, { zerosShown: true })).leaks)).toEqual(["r1 1–1", "r2 1–1", "r3 1–1", "r4 1–1", "total 4–4"]);
    await suppressSystem(sys);
    expect(sys.cells.filter((c) => c.key.startsWith("r") && c.n === 0).map((c) => c.state)).toEqual(["small", "small", "small"]);
    expect(labels((await audit(sys)).leaks)).toEqual([]);
  });
});

describe("the neutral sign, the last resort", () => {
  it("where every linked figure is hidden and the signs themselves narrow a count, `–` whatever the range frees it", async () => {
    // Two table parts, K = A + B and C = B + E, with every figure hidden. E is a part the table never leaves out
    // (a zero there would be shown), so its `<5` is 1–4; the others' `<5` is 0–4. Then B ≤ C − E ≤ 3, and K's `–`
    // (at least 5) gives A = K − B ≥ 2, B = K − A ≥ 1, C ≥ 2 and E ≤ 3: narrowed by the signs alone, with nothing left to hide.
    const sys = system(
      [["K", 5, "hidden"], ["A", 2, "small"], ["B", 3, "small"], ["C", 4, "small"], ["E", 1, "small", { grid: false }]],
      [["K", ["A", "B"]], ["C", ["B", "E"]]],
    );
    expect(labels((await audit(sys)).leaks)).toEqual(["A 2–4", "B 1–3", "C 2–4", "E 1–3"]);
    const report = await suppressSystem(sys);
    expect(report.neutral).toBeGreaterThan(0);
    expect(sys.cells.filter((c) => c.neutral).map((c) => c.key)).toContain("A");
    // Published as `–` like any cell hidden for the others' sake, and the audit finds nothing.
    expect(sys.cells.filter((c) => c.neutral).every((c) => c.state === "hidden" && c.why === "komplementaer")).toBe(true);
    expect(labels((await audit(sys)).leaks)).toEqual([]);
    // The same cells without the neutral sign (`<5` for the small ones, `–` at least 5): narrowed again.
    for (const c of sys.cells) if (c.neutral) [c.neutral, c.state, c.why] = [false, c.n >= 5 ? "hidden" : "small", c.n >= 5 ? "komplementaer" : "lille_antal"];
    expect(labels((await audit(sys)).leaks)).toEqual(["A 2–4", "B 1–3", "C 2–4", "E 1–3"]);
  });
});

describe("linked KPIs are one system", () => {
  const kpi8 = () =>
    system(
      [
        ["kpi7|Nord", 13, "shown", { kind: "share", d: 15, protectN: false, protectD: true, grid: false }],
        ["kpi8|Nord", 0, "small", { kind: "share", d: 2, protectN: false, protectD: true, grid: false, why: "lille_naevner" }],
      ],
      [],
      (b) => b.relate("KPI 8's population is KPI 7's population minus its numerator", [["kpi8|Nord", "d"]], "=", [["kpi7|Nord", "d"], ["kpi7|Nord", "n", -1]]),
    );
  it("“86,7 % (15)” for KPI 7 gives KPI 8's hidden denominator: 2 overdue investigations", async () => {
    expect(labels((await audit(kpi8())).leaks)).toEqual(["kpi8|Nord (nævner) 2–2"]);
    const sys = await fixed(kpi8());
    expect(sys.cells[0].state).toBe("hidden");
  });
  it("the unit × placement-group table falls to a rectangle: eget værelse in two units pinned to 1 each", async () => {
    // Row margins (KPI 15 per unit) and column margins (the municipality's groups) are published.
    const sys = system(
      [
        ["kommune|fam", 22], ["kommune|inst", 13], ["kommune|eget", 2, "small"],
        ["A|fam", 10], ["A|inst", 6, "hidden"], ["A|eget", 1, "small"], ["A", 17],
        ["B|fam", 12], ["B|inst", 7, "hidden"], ["B|eget", 1, "small"], ["B", 20],
      ],
      [["A", ["A|fam", "A|inst", "A|eget"]], ["B", ["B|fam", "B|inst", "B|eget"]], ["kommune|inst", ["A|inst", "B|inst"]], ["kommune|eget", ["A|eget", "B|eget"]], ["kommune|fam", ["A|fam", "B|fam"]]],
    );
    // As the site published it (`<5` = 1–4): pinned to 1 each; with zeros signed too it is still narrowed to 0–2.
    const leaks = labels((await audit(sys, { zerosShown: true })).leaks);
    expect(leaks).toContain("A|eget 1–1");
    expect(leaks).toContain("B|eget 1–1");
    expect(labels((await audit(sys)).leaks)).toContain("A|eget 0–2");
    await fixed(sys);
  });
  it("stock against flows: placed 40 → 44 with `<5` new placements says there were 4", async () => {
    const sys = system([["anbragte|K1", 40], ["anbragte|K2", 44], ["nye|K2", 4, "small"]], [], (b) =>
      b.relate("placed now ≤ placed before + new placements", [["anbragte|K2", "n"]], "<=", [["anbragte|K1", "n"], ["nye|K2", "n"]]),
    );
    expect(labels((await audit(sys)).leaks)).toEqual(["nye|K2 4–4"]);
    await fixed(sys);
  });
});

describe("shares about children in a category", () => {
  it("90 % of 10 placed without consent says one child was placed with consent: hidden by rule 2", async () => {
    const sys = system([["kpi18|Nord", 9, "shown", { kind: "share", d: 10, category: true, protectN: true, protectD: true, grid: false }]], []);
    expect(labels((await audit(sys)).leaks)).toEqual(["kpi18|Nord (nævner − tæller) 1–1"]);
    await fixed(sys);
    expect(sys.cells[0].state).toBe("hidden");
  });
});

describe("releases", () => {
  it("a revision of 1–4 between two releases is itself a small count: the new figure is hidden", async () => {
    const sys = system([["kommune", 43], ["A", 23], ["B", 20]], [["kommune", ["A", "B"]]], () => {}, [{ kommune: { n: 40, d: null }, A: { n: 23, d: null }, B: { n: 17, d: null } }]);
    expect(labels((await audit(sys)).leaks)).toEqual(["B (revision) 3–3", "kommune (revision) 3–3"]);
    await fixed(sys);
  });
});

describe("the suppression loop", () => {
  it("two revised figures in one column free each other: the unchanged unit stays shown", async () => {
    // Unit B and the municipality moved by 3 since the release; A did not. Hiding both revised figures is enough
    // (their difference is A's, which says nothing of the move); the unit listed first must not be given a
    // complementary cell before the municipality's own revision is hidden.
    const sys = system([["A", 23], ["B", 20], ["kommune", 43]], [["kommune", ["A", "B"]]], () => {}, [{ kommune: { n: 40, d: null }, A: { n: 23, d: null }, B: { n: 17, d: null } }]);
    await fixed(sys);
    expect(sys.cells.map((c) => `${c.key} ${c.state}`)).toEqual(["A shown", "B hidden", "kommune hidden"]);
  });
  it("settles every unit of a long column in the same round, not one unit per round", async () => {
    // Twelve units each moved by 2 since the release (the municipality by 24, not small): every unit is a leak,
    // and each unit is every other's neighbour through the column's total.
    const units = Array.from({ length: 12 }, (_, i): [string, number, number] => [`E${i + 1}`, 20 + i, 18 + i]);
    const total = (k: 1 | 2) => units.reduce((a, u) => a + u[k], 0);
    const sys = system(
      [...units.map(([u, n]): Spec => [u, n]), ["kommune", total(1)]],
      [["kommune", units.map(([u]) => u)]],
      () => {},
      [{ kommune: { n: total(2), d: null }, ...Object.fromEntries(units.map(([u, , was]) => [u, { n: was, d: null }])) }],
    );
    const report = await suppressSystem(sys);
    expect(labels((await audit(sys)).leaks)).toEqual([]);
    expect(sys.cells.map((c) => c.state)).toEqual([...units.map(() => "hidden"), "shown"]);
    // One round to hide, one whole audit to find nothing (the loop of before took 13).
    expect(report.rounds).toBe(2);
  });
});

describe("the development plan", () => {
  const row = (kvartal: string, vaerdi: number | null): PublishedKpiRow => ({ kpi: "k", art: "andel", kvartal, niveau: "kommune", enhed: null, vaerdi, naevner: vaerdi === null ? null : 20, undertrykt: vaerdi === null ? "komplementaer" : null });
  const plan = { kpi: "k", periode: "2025", kvartal: "2025K2", niveau: "kommune", enhed: null, maal: 0.9, retning: "hoejere_bedre", status: "forbedring" };
  it("never says “bedre end kvartalet før” when the quarter before is hidden", () => {
    expect(planStatus([plan], [row("2025K2", 0.8), row("2025K1", null)])[0].status).toBe("ikke_opfyldt");
    expect(planStatus([plan], [row("2025K2", 0.8), row("2025K1", 0.7)])[0].status).toBe("forbedring");
    expect(planStatus([plan], [row("2025K2", null), row("2025K1", 0.7)])[0].status).toBe("undertrykt");
  });
});

describe("a trial's audit (`only`) reads only the linked part of the system", () => {
  it("finds exactly what the whole audit finds for that cell, on a grid of two quarters × three units × three groups with linked shares", async () => {
    // Counts n(q, u, g) with unit and group margins and the municipality's total, some of them small or hidden,
    // and two unlinked islands (a share and a stock/flow pair) that a trial of another cell must never see.
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const cells: Spec[] = [];
    const sums: [string, string[]][] = [];
    for (const q of ["K1", "K2"]) {
      const units = ["A", "B", "C"];
      const groups = ["fam", "inst", "eget"];
      const n = new Map<string, number>();
      for (const u of units) for (const g of groups) n.set(`${q}|${u}|${g}`, Math.floor(rnd() * 9));
      const state = (v: number): State => (v >= 1 && v <= 4 ? "small" : rnd() < 0.2 ? "hidden" : "shown");
      for (const [k, v] of n) cells.push([k, v, state(v)]);
      for (const u of units) {
        const parts = groups.map((g) => `${q}|${u}|${g}`);
        const total = parts.reduce((s, p) => s + n.get(p)!, 0);
        cells.push([`${q}|${u}`, total, state(total)]);
        sums.push([`${q}|${u}`, parts]);
      }
      for (const g of groups) {
        const parts = units.map((u) => `${q}|${u}|${g}`);
        cells.push([`kommune|${q}|${g}`, parts.reduce((s, p) => s + n.get(p)!, 0)]);
        sums.push([`kommune|${q}|${g}`, parts]);
      }
    }
    const sys = system(
      [...cells, ["kpi18|Nord", 9, "shown", { kind: "share", d: 10, category: true, protectN: true, protectD: true, grid: false }], ["stock|K1", 40], ["stock|K2", 44], ["nye|K2", 4, "small"]],
      sums,
      (b) => b.relate("placed now ≤ placed before + new placements", [["stock|K2", "n"]], "<=", [["stock|K1", "n"], ["nye|K2", "n"]]),
    );
    const whole = labels((await audit(sys)).leaks);
    expect(whole.length).toBeGreaterThan(2);
    const byTrial: string[] = [];
    for (let i = 0; i < sys.cells.length; i++) byTrial.push(...labels((await audit(sys, { only: i })).leaks));
    expect(byTrial.sort()).toEqual(whole);
  });
});

describe("a long suppression loop is never silent", () => {
  it("passes every tenth round's line to the user, and nothing before", () => {
    const seen: string[] = [];
    const log = slowRounds((l) => seen.push(l));
    for (let r = 1; r <= 25; r++) log(`tjek af diskretion, runde ${r}: 3.075 skjulte små tal, 863 kan regnes ud eller indsnævres (900 ms)`);
    log("  skjuler kpi|x for kpi|y");
    expect(seen).toEqual([10, 20].map((r) => `tjek af diskretion, runde ${r}: 3.075 skjulte små tal, 863 kan regnes ud eller indsnævres (900 ms) — stadig i gang`));
  });
});
