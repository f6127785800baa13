// What the ledelsestilsyn publishes, through the one published system (pipelines/published/tilsyn.ts), hand-computed:
// a cell is hidden when it has fewer than 5 answers or when its compliant or non-compliant cases are 1–4; the
// audit then hides more in both identities (municipality = Σ units, roll-up = Σ questions) until no hidden count
// can be narrowed; a hidden cell carries no n, share, interval or weight.
import { describe, expect, test } from "vitest";
import { audit } from "../../pipelines/disclosure/audit.ts";
import { dropFalseIdentities, SystemBuilder } from "../../pipelines/disclosure/system.ts";
import { addTilsynCells, publishedTilsynRows } from "../../pipelines/published/tilsyn.ts";
import { suppressSystem } from "../../pipelines/suppress.ts";
import type { TilsynRow } from "../../pipelines/tilsyn/published.ts";

function row(niveau: "kommune" | "enhed", enhed: string | null, spoergsmaal_id: string | null, n: number, n_ja: number, omraade = "inddragelse"): TilsynRow {
  return { periode: "2025K3", niveau, enhed, omraade, spoergsmaal_id, n, n_ja, andel: n_ja / n, ci_nedre: 0.1, ci_oevre: 0.9, andel_vaegtet: n_ja / n };
}

async function publish(rows: TilsynRow[], g = 5) {
  const b = new SystemBuilder();
  const cells = addTilsynCells(b, rows);
  const sys = b.build(g);
  // The fixtures leave out rows the mart would have (a municipality, a roll-up), as publishedSystem does.
  dropFalseIdentities(sys);
  await suppressSystem(sys);
  return { out: publishedTilsynRows(sys, cells), sys };
}
const at = (out: Awaited<ReturnType<typeof publish>>["out"], enhed: string, q: string) => out.find((r) => r.enhed === enhed && r.spoergsmaal_id === q)!;
const states = (out: Awaited<ReturnType<typeof publish>>["out"]) => out.map((r) => `${r.enhed ?? "K"}:${r.spoergsmaal_id ?? "*"}:${r.undertrykt ?? "vist"}`);

describe("primary suppression of a review cell", () => {
  test.each([
    [4, 2, "lille_n"],
    [4, 0, "lille_n"],
    [20, 18, "komplementaer"], // "2 cases did not comply": hidden as `–`, the reason says no more
    [20, 16, "komplementaer"],
    [20, 3, "komplementaer"],
    [20, 15, null],
    [20, 20, null],
    [20, 0, null],
    [10, 5, null],
    [5, 5, null],
  ])("n %i, compliant %i → %s", async (n, ja, want) => {
    const { out } = await publish([row("enhed", "A", "bisidder", n, ja)]);
    expect(at(out, "A", "bisidder").undertrykt).toBe(want);
  });

  test("the threshold is the configured one", async () => {
    expect(at((await publish([row("enhed", "A", "bisidder", 20, 17)], 3)).out, "A", "bisidder").undertrykt).toBe(null);
    expect(at((await publish([row("enhed", "A", "bisidder", 20, 17)], 5)).out, "A", "bisidder").undertrykt).toBe("komplementaer");
    await expect(publish([], 0)).rejects.toThrow(/threshold/);
  });
});

describe("complementary suppression by the audit", () => {
  test("one hidden unit beside a shown municipality: another unit is hidden too, and nothing can be narrowed", async () => {
    const rows = [row("kommune", null, "bisidder", 70, 40), row("enhed", "A", "bisidder", 20, 10), row("enhed", "B", "bisidder", 30, 12), row("enhed", "C", "bisidder", 20, 18)];
    const { out, sys } = await publish(rows);
    const s = states(out);
    expect(s).toContain("C:bisidder:komplementaer");
    expect(s.filter((x) => x.endsWith(":komplementaer")).length).toBeGreaterThanOrEqual(2);
    expect((await audit(sys)).leaks).toEqual([]);
  });

  test("a roll-up is the sum of its questions: one hidden question hides another of the omraade (or the roll-up)", async () => {
    const rows = [row("enhed", "A", null, 60, 38), row("enhed", "A", "bisidder", 20, 18), row("enhed", "A", "partshoering", 25, 10), row("enhed", "A", "netvaerk_inddraget", 15, 10)];
    const { out, sys } = await publish(rows);
    expect(out.filter((r) => r.undertrykt).length).toBeGreaterThanOrEqual(2);
    expect((await audit(sys)).leaks).toEqual([]);
  });

  test("both identities together, on a unit × question grid with a question no one answered in one unit", async () => {
    const rows = [
      row("kommune", null, null, 100, 60),
      row("kommune", null, "bisidder", 50, 30),
      row("kommune", null, "partshoering", 50, 30),
      row("enhed", "A", null, 20, 18),
      row("enhed", "A", "partshoering", 20, 18),
      row("enhed", "B", null, 80, 42),
      row("enhed", "B", "bisidder", 50, 30),
      row("enhed", "B", "partshoering", 30, 12),
    ];
    const { out, sys } = await publish(rows);
    // A's missing bisidder row (0 answers) is a cell; the audit's bounds include every true value.
    expect(sys.cells.some((c) => c.key === "tilsyn|2025K3|A|inddragelse|bisidder" && c.missing)).toBe(true);
    expect(out.find((r) => r.enhed === "A" && r.spoergsmaal_id === "partshoering")?.undertrykt).toBe("komplementaer");
    expect((await audit(sys)).leaks).toEqual([]);
  });
});

describe("what a cell carries", () => {
  test("a shown cell has n, the share, the interval and the weighted share; a hidden one none of them", async () => {
    const { out } = await publish([{ ...row("enhed", "A", "bisidder", 20, 10), andel_vaegtet: 0.61 }, row("enhed", "B", "bisidder", 20, 18), row("enhed", "C", "bisidder", 30, 15)]);
    const [shown, hidden] = [at(out, "A", "bisidder"), at(out, "B", "bisidder")];
    expect(shown).toEqual({ kvartal: "2025K3", niveau: "enhed", enhed: "A", omraade: "inddragelse", spoergsmaal_id: "bisidder", n: 20, andel: 0.5, ci_nedre: 0.1, ci_oevre: 0.9, andel_vaegtet: 0.61, undertrykt: null });
    expect(hidden).toEqual({ kvartal: "2025K3", niveau: "enhed", enhed: "B", omraade: "inddragelse", spoergsmaal_id: "bisidder", n: null, andel: null, ci_nedre: null, ci_oevre: null, andel_vaegtet: null, undertrykt: "komplementaer" });
    expect(Object.keys(hidden)).not.toContain("n_ja");
  });
});
