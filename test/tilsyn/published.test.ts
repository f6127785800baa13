// What the ledelsestilsyn publishes (pipelines/tilsyn/published.ts), hand-computed: a cell is hidden when it has
// fewer than 5 answers or when its compliant or non-compliant cases are 1–4; complementary suppression in both
// identities (municipality = Σ units, roll-up = Σ questions); a hidden cell carries no n, share, interval or weight.
import { describe, expect, test } from "vitest";
import { primary, suppressTilsyn, type TilsynRow } from "../../pipelines/tilsyn/published.ts";

function row(niveau: "kommune" | "enhed", enhed: string | null, spoergsmaal_id: string | null, n: number, n_ja: number, omraade = "inddragelse"): TilsynRow {
  return { periode: "2025K3", niveau, enhed, omraade, spoergsmaal_id, n, n_ja, andel: n_ja / n, ci_nedre: 0.1, ci_oevre: 0.9, andel_vaegtet: n_ja / n };
}
const states = (rows: TilsynRow[]) => suppressTilsyn(rows, 5).map((r) => `${r.enhed ?? "K"}:${r.spoergsmaal_id ?? "*"}:${r.undertrykt ?? "vist"}`);

describe("primary suppression of a review cell", () => {
  test.each([
    [4, 2, "lille_n"],
    [4, 0, "lille_n"],
    [20, 18, "lille_antal"], // "2 cases did not comply"
    [20, 16, "lille_antal"],
    [20, 3, "lille_antal"],
    [20, 15, null],
    [20, 20, null],
    [20, 0, null],
    [10, 5, null],
    [5, 5, null],
  ])("n %i, compliant %i → %s", (n, ja, want) => {
    expect(primary({ n, n_ja: ja }, 5)).toBe(want);
  });

  test("the threshold is the configured one", () => {
    expect(primary({ n: 20, n_ja: 17 }, 3)).toBe(null);
    expect(primary({ n: 20, n_ja: 17 }, 5)).toBe("lille_antal");
    expect(primary({ n: 20, n_ja: 18 }, 5)).toBe("lille_antal");
    expect(() => suppressTilsyn([], 0)).toThrow(/threshold/);
  });
});

describe("complementary suppression", () => {
  test("one hidden unit beside a shown municipality: the smallest other unit is hidden too", () => {
    const rows = [row("kommune", null, "bisidder", 70, 40), row("enhed", "A", "bisidder", 20, 10), row("enhed", "B", "bisidder", 30, 12), row("enhed", "C", "bisidder", 20, 18)];
    expect(states(rows)).toEqual(["K:bisidder:vist", "A:bisidder:komplementaer", "B:bisidder:vist", "C:bisidder:lille_antal"]);
  });

  test("two hidden units whose non-compliant cases add up to 1–4: a third is hidden", () => {
    const rows = [
      row("kommune", null, "bisidder", 100, 67),
      row("enhed", "A", "bisidder", 20, 18),
      row("enhed", "B", "bisidder", 20, 19),
      row("enhed", "C", "bisidder", 30, 15),
      row("enhed", "D", "bisidder", 30, 15),
    ];
    expect(states(rows)).toEqual(["K:bisidder:vist", "A:bisidder:lille_antal", "B:bisidder:lille_antal", "C:bisidder:komplementaer", "D:bisidder:vist"]);
  });

  test("two hidden units with 5 or more of each kind between them protect each other", () => {
    const rows = [row("kommune", null, "bisidder", 64, 38), row("enhed", "A", "bisidder", 4, 2), row("enhed", "B", "bisidder", 20, 16), row("enhed", "C", "bisidder", 40, 20)];
    // Hidden A + B: 18 compliant, 6 not — no small sum to recover.
    expect(states(rows)).toEqual(["K:bisidder:vist", "A:bisidder:lille_n", "B:bisidder:lille_antal", "C:bisidder:vist"]);
  });

  test("a roll-up is the sum of its questions: one hidden question hides another of the omraade", () => {
    const rows = [row("enhed", "A", null, 60, 38), row("enhed", "A", "bisidder", 20, 18), row("enhed", "A", "partshoering", 25, 10), row("enhed", "A", "netvaerk_inddraget", 15, 10)];
    expect(states(rows)).toEqual(["A:*:vist", "A:bisidder:lille_antal", "A:partshoering:vist", "A:netvaerk_inddraget:komplementaer"]);
  });

  test("both identities together, until no group leaks", () => {
    // Unit A's question q2 is small; hiding A:q1 (its roll-up group) then leaves K:q1 = A:q1 + B:q1 with one hidden part.
    const rows = [
      row("kommune", null, null, 100, 60),
      row("kommune", null, "bisidder", 50, 30),
      row("kommune", null, "partshoering", 50, 30),
      row("enhed", "A", null, 40, 28),
      row("enhed", "A", "bisidder", 20, 10),
      row("enhed", "A", "partshoering", 20, 18),
      row("enhed", "B", null, 60, 32),
      row("enhed", "B", "bisidder", 30, 20),
      row("enhed", "B", "partshoering", 30, 12),
    ];
    const out = suppressTilsyn(rows, 5);
    const hidden = new Set(out.filter((r) => r.undertrykt).map((r) => `${r.enhed ?? "K"}:${r.spoergsmaal_id ?? "*"}`));
    expect(hidden).toEqual(new Set(["A:partshoering", "A:bisidder", "B:bisidder", "B:partshoering"]));
    // No shown total minus its shown parts leaves a single hidden cell or a small count.
    const shown = (k: string) => !hidden.has(k);
    expect(shown("K:bisidder") && shown("B:bisidder") && !shown("A:bisidder")).toBe(false);
  });
});

describe("what a cell carries", () => {
  test("a shown cell has n, the share, the interval and the weighted share; a hidden one none of them", () => {
    const [shown, hidden] = suppressTilsyn([{ ...row("enhed", "A", "bisidder", 20, 10), andel_vaegtet: 0.61 }, row("enhed", "B", "bisidder", 20, 18)], 5);
    expect(shown).toEqual({ kvartal: "2025K3", niveau: "enhed", enhed: "A", omraade: "inddragelse", spoergsmaal_id: "bisidder", n: 20, andel: 0.5, ci_nedre: 0.1, ci_oevre: 0.9, andel_vaegtet: 0.61, undertrykt: null });
    expect(hidden).toEqual({ kvartal: "2025K3", niveau: "enhed", enhed: "B", omraade: "inddragelse", spoergsmaal_id: "bisidder", n: null, andel: null, ci_nedre: null, ci_oevre: null, andel_vaegtet: null, undertrykt: "lille_antal" });
    expect(Object.keys(hidden)).not.toContain("n_ja");
  });
});
