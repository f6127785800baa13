// The story the demo data tells, as numbers: how compliance with each legal duty improves over the period,
// the placement mix moving towards the Swedish model, sources of notifications, measure types, durations
// and costs. The simulation (simulate/) draws from these; change the story here.
import { type Day, ymd } from "./dates.ts";
import { type MeasureGroup, measureGroups } from "./seeds.ts";

/** Barnets Lov replaced Serviceloven's child provisions on this day. */
export const LAW_CHANGE: Day = ymd(2024, 1, 1);

/** Compliance at the start and at the end of the period (straight line between, plus the unit's offset). */
export const compliance = {
  vurderet24t: [0.88, 0.98],
  kvitteret6: [0.8, 0.94],
  bfu4m: [0.55, 0.95],
  bfuBegrundet: [0.35, 0.75],
  handleplan: [0.55, 0.9],
  boernesamtale: [0.7, 0.9],
  opfoelgning: [0.55, 0.88],
  tilsyn: [0.72, 0.94],
} as const;
export type Duty = keyof typeof compliance;

/** Duties that dipped for half a year while the new law's templates came in. */
export const lawChangeDip: Partial<Record<Duty, number>> = { handleplan: -0.06, boernesamtale: -0.05 };

/** Share of new placements that are family-based (the Swedish model aims at 75 % of the stock). */
export const familyShareOfNewPlacements = [0.45, 0.77] as const;

/** Notifications a year at scale 1, at the start and at the end of the period. */
export const notificationsPerYear = [1150, 1800] as const;

/** Stocks the simulation steers towards at scale 1. */
export const targets = { placedChildren: 250, preventiveMeasures: 500 } as const;

/** Children per birth cohort at scale 1 (18 cohorts ≈ 10,000 children aged 0–17). */
export const cohortSize = 556;

// Sources as Danmarks Statistik counts them nationally (2022: schools 21 %, health services 20 %, police and
// courts 12.5 %); the police and the health services also notify on weekends and holidays.
export const kilder = {
  skole: 26,
  politi: 8,
  sundhed: 17,
  dagtilbud: 9,
  kommune: 11,
  tilbud: 3,
  familie: 7,
  barnet_selv: 1.5,
  borger: 5,
  anonym: 4.5,
  andet: 3,
} as const;
export type Kilde = keyof typeof kilder;

/** The sources that also notify on weekends and holidays. */
export const weekendKilder: Partial<Record<Kilde, number>> = { politi: 13, sundhed: 16, familie: 6, borger: 6, anonym: 5, barnet_selv: 1, andet: 2 };

/** Relative weight of a child's age for a source (0 = never). */
export function ageWeight(kilde: Kilde, age: number): number {
  switch (kilde) {
    case "dagtilbud":
      return age >= 1 && age <= 5 ? 1 : 0;
    case "skole":
      return age >= 6 && age <= 16 ? 1 : age === 17 ? 0.4 : 0;
    case "sundhed":
      return age === 0 ? 4 : age <= 5 ? 1 : age <= 12 ? 0.7 : 1.2;
    case "politi":
      return age <= 9 ? 0.5 : age <= 12 ? 1 : 3;
    case "barnet_selv":
      return age >= 10 ? 1 : 0;
    default:
      return age >= 13 ? 1.5 : 1;
  }
}

export const reasonsForOverrun = [
  "Afventer børne- og ungdomspsykiatrisk udredning",
  "Afventer PPR-udtalelse",
  "Forældrene ønskede mødet udsat",
  "Afventer politiets efterforskning",
  "Sagsbehandlerskift; sagen overdraget",
  "Barnet indlagt, samtale ikke mulig",
  "Afventer udtalelse fra skole, sundhedsplejerske og læge",
  'Afventer afhøring i "Børnehuset"',
  "Tolkebistand kunne ikke skaffes i tide",
  "Familien flyttede midlertidigt; opholdssted ukendt",
];

export interface MeasureType {
  kode: string;
  /** The type's group in the placement mix: the seed's (foranstaltningstyper.gruppe), never restated here. */
  gruppe: MeasureGroup;
  /** Typical yearly cost in DKK (2022 prices). */
  cost: number;
  /** Median duration in days. */
  median: number;
  minAge: number;
  maxAge: number;
  /** Serviceloven / Barnets Lov reference as a case system would write it. */
  sel: string;
  bl: string;
}

const groups = measureGroups();

const m = (kode: string, cost: number, median: number, minAge: number, maxAge: number, sel: string, bl: string): MeasureType => {
  const gruppe = groups.get(kode);
  if (!gruppe) throw new Error(`demo: measure type ${kode} is not in the seed foranstaltningstyper`);
  return { kode, gruppe, cost, median, minAge, maxAge, sel, bl };
};

// Costs: home-based help around 0.2 million a year, institutions about 5–6 times that (kpis: mart_udgifter).
export const measureTypes: Record<string, MeasureType> = Object.fromEntries(
  [
    m("praktisk_paedagogisk_stoette", 190_000, 290, 0, 17, "SEL § 52, stk. 3, nr. 2", "BL § 32, stk. 1, nr. 2"),
    m("familiebehandling", 230_000, 320, 0, 17, "SEL § 52, stk. 3, nr. 3", "BL § 32, stk. 1, nr. 3"),
    m("dagbehandling", 460_000, 300, 3, 12, "SEL § 52, stk. 3, nr. 2", "BL § 32, stk. 1, nr. 2"),
    m("aflastning", 260_000, 420, 0, 17, "SEL § 52, stk. 3, nr. 5", "BL § 32, stk. 1, nr. 5"),
    m("kontaktperson", 120_000, 360, 10, 17, "SEL § 52, stk. 3, nr. 6", "BL § 32, stk. 1, nr. 6"),
    m("doegnophold_familie", 950_000, 90, 0, 2, "SEL § 52, stk. 3, nr. 4", "BL § 32, stk. 1, nr. 4"),
    m("anden_forebyggende", 90_000, 240, 0, 17, "SEL § 11, stk. 3", "BL § 30"),
    m("netvaerksplejefamilie", 190_000, 1100, 0, 17, "SEL § 52, stk. 3, nr. 7", "BL § 46"),
    m("plejefamilie", 430_000, 1000, 0, 17, "SEL § 52, stk. 3, nr. 7", "BL § 46"),
    m("kommunal_plejefamilie", 560_000, 900, 0, 17, "SEL § 52, stk. 3, nr. 7", "BL § 46"),
    m("eget_vaerelse", 250_000, 330, 15, 17, "SEL § 52, stk. 3, nr. 7", "BL § 46"),
    m("kost_efterskole", 210_000, 300, 13, 17, "SEL § 52, stk. 3, nr. 7", "BL § 46"),
    m("opholdssted", 980_000, 550, 6, 17, "SEL § 52, stk. 3, nr. 7", "BL § 46"),
    m("doegninstitution", 1_250_000, 450, 0, 17, "SEL § 52, stk. 3, nr. 7", "BL § 46"),
    m("sikret_institution", 3_300_000, 60, 13, 17, "SEL § 52, stk. 3, nr. 7", "BL § 46"),
  ].map((t) => [t.kode, t]),
);

export const preventiveWeights = {
  praktisk_paedagogisk_stoette: 22,
  familiebehandling: 26,
  dagbehandling: 4,
  aflastning: 10,
  kontaktperson: 24,
  doegnophold_familie: 2,
  anden_forebyggende: 12,
};
export const familyWeights = { plejefamilie: 55, netvaerksplejefamilie: 25, kommunal_plejefamilie: 20 };
export const institutionWeights = { opholdssted: 55, doegninstitution: 40, sikret_institution: 5 };
export const ownRoomWeights = { eget_vaerelse: 50, kost_efterskole: 50 };

/** Yearly price increase of measures. */
export const priceIndexPerYear = 0.03;

export const fteWeights = { "1": 70, "0.9": 8, "0.8": 15, "0.6": 4, "0.5": 3 };
