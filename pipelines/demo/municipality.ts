// Who the synthetic municipality is: units, school districts, caseworker staffing, and how good each unit is
// at meeting the law's deadlines. Everything the story depends on is a named parameter here, not a constant
// buried in the simulation.
import type { Rng } from "./random.ts";

export interface UnitSpec {
  name: string;
  /** Districts whose children (under `youthAge`) this unit serves; empty for the youth unit. */
  districts: number[];
  /** Serves every child from this age (the youth unit); undefined for district units. */
  fromAge?: number;
  /** Added to every compliance probability (a well-run unit is positive). */
  quality: number;
  /** Added on top of `quality` for the four-month investigation deadline. */
  bfu: number;
  /** Caseworker positions at full scale. */
  positions: number;
  /** Mean years a caseworker stays (turnover). */
  tenureYears: number;
}

export interface Municipality {
  /** Prefix that makes ids unique across municipalities in the national set ("" for one municipality). */
  idPrefix: string;
  name: string;
  units: UnitSpec[];
  districts: string[];
  /** Relative district sizes. */
  districtWeights: number[];
  /** 1 = about 10,000 children aged 0–17, 1,200–1,800 notifications a year, 35 caseworkers. */
  scale: number;
}

/** The demo municipality: four units (three by district for 0–13-year-olds, one youth unit), five districts. */
export const demoKommune: Municipality = {
  idPrefix: "",
  name: "Demo Kommune",
  districts: ["Ålykke", "Bøgely", "Østervang", "Søndermose", "Kærhøj"],
  districtWeights: [0.24, 0.21, 0.2, 0.19, 0.16],
  units: [
    { name: "Familieenheden Ålykke", districts: [0, 1], quality: 0.04, bfu: 0.03, positions: 10, tenureYears: 6 },
    { name: "Team Øst", districts: [2], quality: -0.01, bfu: 0.0, positions: 7, tenureYears: 4.5 },
    { name: "Børneenheden Søndermose", districts: [3, 4], quality: -0.07, bfu: -0.06, positions: 9, tenureYears: 2.5 },
    { name: "Ungeenheden Kærhøj", districts: [], fromAge: 14, quality: 0.0, bfu: -0.04, positions: 9, tenureYears: 4 },
  ],
  scale: 1,
};

// National scale: invented municipality names from Danish place-name parts (deterministic, not real places).
const heads = ["Å", "Bøge", "Dal", "Egå", "Fjord", "Frø", "Grå", "Hør", "Kær", "Lyng", "Mølle", "Næs", "Ry", "Sø", "Tårn", "Vær", "Ørne", "Hede", "Skov", "Strand"];
const tails = ["by", "bæk", "holm", "lev", "rup", "sted", "strup", "løse", "høj", "vig", "købing", "ager"];
const districtNames = ["Nord", "Syd", "Øst", "Vest", "Midt"];

/** 98 municipalities whose sizes (children 0–17) sum to roughly Denmark's 1.1 million. */
export function nationalMunicipalities(rng: Rng, count = 98): Municipality[] {
  const names = new Set<string>();
  const out: Municipality[] = [];
  for (let i = 0; i < count; i++) {
    let name = "";
    do name = `${rng.pick(heads)}${rng.pick(tails)} Kommune`;
    while (names.has(name));
    names.add(name);
    // Skewed sizes like Denmark's (a few large cities, many small municipalities), mean about 1.
    const scale = i === 0 ? 6 : Math.min(4, Math.max(0.15, rng.lognormal(0.78, 0.55)));
    const town = name.replace(" Kommune", "");
    const nUnits = scale < 0.5 ? 1 : scale < 1.2 ? 2 : scale < 2.5 ? 3 : 4;
    const units: UnitSpec[] = [];
    const districtUnits = nUnits >= 3 ? nUnits - 1 : nUnits;
    for (let u = 0; u < districtUnits; u++) {
      units.push({
        name: nUnits === 1 ? `Familieafdelingen ${town}` : `${town} Børn og Familie ${districtNames[u]}`,
        districts: [0, 1, 2, 3, 4].filter((d) => d % districtUnits === u),
        quality: rng.normal() * 0.04,
        bfu: rng.normal() * 0.04,
        positions: 0,
        tenureYears: 2.5 + rng.next() * 4,
      });
    }
    if (nUnits >= 3) {
      units.push({ name: `Ungeenheden ${town}`, districts: [], fromAge: 14, quality: rng.normal() * 0.04, bfu: -0.03, positions: 0, tenureYears: 4 });
    }
    for (const u of units) u.positions = (35 * (u.fromAge ? 0.27 : 0.73 / districtUnits));
    out.push({
      idPrefix: `${String(101 + i * 8).padStart(3, "0")}-`,
      name,
      districts: districtNames.map((d) => `${town} ${d}`),
      districtWeights: [0.22, 0.2, 0.2, 0.2, 0.18],
      units,
      scale,
    });
  }
  // Rescale so the country has about 98 "demo-sized" municipalities' worth of children.
  const total = out.reduce((s, m) => s + m.scale, 0);
  for (const m of out) m.scale = (m.scale * count) / total;
  return out;
}
