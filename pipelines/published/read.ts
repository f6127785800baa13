// Reading the page marts for publication: plain JSON values, and a list of the marts that are missing
// (a page then says so instead of failing). Nothing here is published before suppression.
import { defaults } from "../config.ts";
import type { Warehouse } from "../db.ts";
import type { Art } from "../suppress.ts";

export async function tables(wh: Warehouse): Promise<Set<string>> {
  const rows = await wh.all<{ name: string }>(`select table_name as name from information_schema.tables`);
  return new Set(rows.map((r) => r.name));
}

/** Plain JSON values: numbers for bigints, ISO text for dates. */
export function plain<T>(rows: Record<string, unknown>[]): T[] {
  return rows.map(
    (r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v instanceof Date ? isoDate(v) : v]),
      ) as T,
  );
}

function isoDate(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 19).replace("T", " ");
}

/** One mart's rows, or none (and the mart's name in `missing`) when the warehouse does not have it. */
export class MartReader {
  readonly missing: string[] = [];
  private constructor(
    readonly wh: Warehouse,
    private readonly have: Set<string>,
  ) {}
  static async open(wh: Warehouse): Promise<MartReader> {
    return new MartReader(wh, await tables(wh));
  }
  has(table: string): boolean {
    return this.have.has(table);
  }
  async rows<T>(table: string, sql: string): Promise<T[]> {
    if (!this.have.has(table)) {
      if (!this.missing.includes(table)) this.missing.push(table);
      return [];
    }
    return plain<T>(await this.wh.all(sql));
  }
}

export interface Meta {
  kommune: string;
  as_of: string | null;
  seneste_kvartal: string | null;
  /** The day from which the case system's data are complete (int_kvartalsvindue); null when not set. */
  data_fra: string | null;
  diskretionsgraense: number;
  farve_groen: number;
  farve_gul: number;
  bygget: string | null;
  /** The day Barnets Lov replaced Serviceloven's child provisions (seed love); null without a build. */
  lovskift: string | null;
}

export async function readMeta(r: MartReader): Promise<Meta> {
  const [m] = await r.rows<Meta>("mart_meta", `select * from mart_meta limit 1`);
  return {
    kommune: m?.kommune ?? "Kommune",
    as_of: m?.as_of ?? null,
    seneste_kvartal: m?.seneste_kvartal ?? null,
    data_fra: m?.data_fra ?? null,
    diskretionsgraense: Number(m?.diskretionsgraense ?? defaults.diskretionsgraense),
    farve_groen: Number(m?.farve_groen ?? defaults.farvegraenser.groen),
    farve_gul: Number(m?.farve_gul ?? defaults.farvegraenser.gul),
    bygget: m?.bygget ?? null,
    lovskift: m?.lovskift ?? null,
  };
}

/** A row of mart_kpi_definitioner, the KPI registry (models/seeds/kpi_definitioner.json describes each field). */
export interface Definition {
  kpi: string;
  nr: number;
  navn: string;
  beskrivelse: string;
  art: Art;
  retning: "hoejere_bedre" | "lavere_bedre" | "neutral";
  lov_sel: string | null;
  lov_bl: string | null;
  kravtabel: boolean | null;
  lov_note: string | null;
  /** A share about children in a category: its numerator and complement obey the threshold too. */
  kategoriandel: boolean | null;
  niveauer: string;
  side: string;
  afsnit: string | null;
  afsnit_nr: number | null;
  hovedtal_nr: number | null;
  emne: string | null;
  emne_pronomen: string | null;
  naevner_tekst: string | null;
  /** The placement group whose children are this share's numerator (KPIs 16 and 17): the audit's link to the placement table. */
  andel_af_gruppe: string | null;
  farvegraenser: string | null;
  reference_maal: number | null;
  /** Counts each child once per level (KPIs 2 and 5): the units' figures add up to at least the municipality's. */
  pr_barn: boolean | null;
}

export async function readDefinitions(r: MartReader): Promise<Definition[]> {
  return r.rows<Definition>("mart_kpi_definitioner", `select * from mart_kpi_definitioner order by nr`);
}
