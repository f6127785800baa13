// The ledelsestilsyn's draw (issue 13, deliverable 2): per unit, a stratified sample of the cases active in the
// quarter (int_tilsyn_population) — a risk stratum (the register flags the case) and a random stratum (the rest).
// Within a stratum the cases are ordered by a keyed hash of the seed and the case id (md5, stable across DuckDB
// versions) and the first n_h are taken: a simple random sample without replacement, so every case of the stratum
// has the inclusion probability n_h / N_h exactly. The same seed and warehouse give the same sample.
import { randomInt } from "node:crypto";
import { type Warehouse, lit } from "../db.ts";
import { LibuError } from "../errors.ts";
import { SAMPLE_QUESTIONS_TABLE, SAMPLE_TABLE, tilsynTablesDdl } from "./tables.ts";

export interface DrawOptions {
  periode: string;
  /** Cases per unit (default 20). */
  antal: number;
  /** Share of `antal` taken from the risk stratum (default 0.5). */
  andelRisiko: number;
  /** Default: a random seed, recorded with the sample. */
  seed?: number;
  /** Replace an existing sample of the quarter. */
  ny?: boolean;
}

export interface DrawnUnit {
  enhed: string;
  population: number;
  risiko: number;
  udtrukket: number;
  udtrukketRisiko: number;
}

export interface DrawResult {
  periode: string;
  seed: number;
  units: DrawnUnit[];
}

export const DEFAULT_ANTAL = 20;
export const DEFAULT_ANDEL_RISIKO = 0.5;
export const PERIODE = /^\d{4}K[1-4]$/;

/** The stratum sizes of one unit: n_h per stratum from the population sizes (N_risiko, N_tilfaeldig). */
export function allocate(antal: number, andelRisiko: number, nRisiko: number, nTilfaeldig: number): { risiko: number; tilfaeldig: number } {
  const n = Math.min(antal, nRisiko + nTilfaeldig);
  const target = Math.round(antal * andelRisiko);
  // Too few risk cases: the rest from the random stratum; too few others: more from the risk stratum.
  const risiko = Math.min(nRisiko, Math.max(target, n - nTilfaeldig));
  return { risiko, tilfaeldig: Math.min(nTilfaeldig, n - risiko) };
}

export interface Stratum {
  enhed: string;
  stratum: "risiko" | "tilfaeldig";
  /** Cases of the unit's stratum in the population (N_h). */
  population: number;
  /** Cases drawn (n_h). */
  udtrukket: number;
}

/** Every unit's two strata and their sizes, from the population sizes and allocate(). */
export async function strata(wh: Warehouse, periode: string, antal: number, andelRisiko: number): Promise<Stratum[]> {
  const sizes = await wh.all<{ enhed: string; n_risiko: bigint; n_tilfaeldig: bigint }>(
    `select enhed, count(*) filter (where risiko) as n_risiko, count(*) filter (where not risiko) as n_tilfaeldig
     from int_tilsyn_population where periode = ${lit(periode)} group by enhed order by enhed`,
  );
  return sizes.flatMap((u) => {
    const [r, t] = [Number(u.n_risiko), Number(u.n_tilfaeldig)];
    const a = allocate(antal, andelRisiko, r, t);
    return [
      { enhed: u.enhed, stratum: "risiko" as const, population: r, udtrukket: a.risiko },
      { enhed: u.enhed, stratum: "tilfaeldig" as const, population: t, udtrukket: a.tilfaeldig },
    ];
  });
}

/**
 * The sample as a query: the first n_h cases of each stratum in the order of md5(seed:periode:sag_id), with the
 * inclusion probability n_h / N_h.
 */
export function drawQuery(periode: string, seed: number, sizes: Stratum[]): string {
  const values = sizes
    .filter((s) => s.udtrukket > 0)
    .map((s) => `(${lit(s.enhed)}, ${lit(s.stratum)}, ${s.population}, ${s.udtrukket})`);
  if (!values.length) return "select null::varchar as periode, null::varchar as enhed, null::varchar as sag_id, null::varchar as stratum, null::double as inklusionssandsynlighed where false";
  return `with
  pop as (
    select enhed, sag_id, case when risiko then 'risiko' else 'tilfaeldig' end as stratum,
      md5(concat(${lit(String(seed))}, ':', periode, ':', sag_id)) as noegle
    from int_tilsyn_population where periode = ${lit(periode)}
  ),
  strata (enhed, stratum, stor_n, lille_n) as (values ${values.join(", ")}),
  ranked as (
    select p.*, row_number() over (partition by p.enhed, p.stratum order by p.noegle, p.sag_id) as nr from pop as p
  )
  select ${lit(periode)} as periode, r.enhed, r.sag_id, r.stratum,
    cast(s.lille_n as double) / cast(s.stor_n as double) as inklusionssandsynlighed
  from ranked as r join strata as s on s.enhed = r.enhed and s.stratum = r.stratum
  where r.nr <= s.lille_n`;
}

async function hasRelation(wh: Warehouse, name: string): Promise<boolean> {
  const [{ n }] = await wh.all<{ n: bigint }>(
    `select count(*) as n from information_schema.tables where table_schema = 'main' and table_name = ${lit(name)}`,
  );
  return n > 0n;
}

/** Draws and stores the sample of `opts.periode` (tilsyn_stikproeve and the questions that apply to each case). */
export async function draw(wh: Warehouse, opts: DrawOptions): Promise<DrawResult> {
  if (!PERIODE.test(opts.periode)) throw new LibuError(`--periode skal være et kvartal som 2026K3, ikke "${opts.periode}"`, 2);
  if (!Number.isInteger(opts.antal) || opts.antal < 1) throw new LibuError(`--antal skal være et helt tal ≥ 1, ikke ${opts.antal}`, 2);
  if (!(opts.andelRisiko >= 0 && opts.andelRisiko <= 1)) throw new LibuError(`--andel-risiko skal ligge mellem 0 og 1, ikke ${opts.andelRisiko}`, 2);
  if (opts.seed !== undefined && (!Number.isSafeInteger(opts.seed) || opts.seed < 0))
    throw new LibuError(`--seed skal være et helt tal ≥ 0, ikke ${opts.seed}`, 2);
  if (!(await hasRelation(wh, "int_tilsyn_population")))
    throw new LibuError("lageret har ingen modeller til ledelsestilsyn endnu — kør `libu load <mappe>` og `libu build` først");
  const quarters = (await wh.all<{ periode: string }>("select distinct periode from int_tilsyn_population order by periode desc")).map((x) => x.periode);
  if (!quarters.includes(opts.periode))
    throw new LibuError(
      `${opts.periode} er ikke et af de seneste otte afsluttede kvartaler med sager i lageret — vælg et af: ${quarters.join(", ") || "(ingen)"}`,
    );
  const seed = opts.seed ?? randomInt(1, 2 ** 31);
  const sizes = await strata(wh, opts.periode, opts.antal, opts.andelRisiko);
  await wh.run("begin transaction");
  try {
    for (const ddl of tilsynTablesDdl) await wh.run(ddl);
    const [{ n }] = await wh.all<{ n: bigint }>(`select count(*) as n from ${SAMPLE_TABLE} where periode = ${lit(opts.periode)}`);
    if (n > 0n && !opts.ny) {
      throw new LibuError(
        `der er allerede udtrukket en stikprøve for ${opts.periode} (${n} sager) — brug den, eller træk en ny med --ny (den gamle slettes)`,
      );
    }
    await wh.run(`delete from ${SAMPLE_TABLE} where periode = ${lit(opts.periode)}`);
    await wh.run(`delete from ${SAMPLE_QUESTIONS_TABLE} where periode = ${lit(opts.periode)}`);
    await wh.run(
      `insert into ${SAMPLE_TABLE} (periode, enhed, sag_id, stratum, inklusionssandsynlighed, seed, udtrukket)
       select periode, enhed, sag_id, stratum, inklusionssandsynlighed, ${seed}, current_localtimestamp()
       from (${drawQuery(opts.periode, seed, sizes)}) order by enhed, stratum, sag_id`,
    );
    await wh.run(
      `insert into ${SAMPLE_QUESTIONS_TABLE} (periode, sag_id, spoergsmaal_id)
       select s.periode, s.sag_id, q.spoergsmaal_id
       from ${SAMPLE_TABLE} as s
       join int_tilsyn_population as p on p.periode = s.periode and p.sag_id = s.sag_id
       join tilsynsspoergsmaal as q on list_contains(p.betingelser, q.gaelder_for)
       where s.periode = ${lit(opts.periode)}
       order by s.sag_id, q.nr`,
    );
    await wh.run("commit");
  } catch (e) {
    await wh.run("rollback").catch(() => {});
    throw e;
  }
  const units = [...new Set(sizes.map((x) => x.enhed))].map((enhed) => {
    const [r, t] = ["risiko", "tilfaeldig"].map((k) => sizes.find((x) => x.enhed === enhed && x.stratum === k)!);
    return { enhed, population: r.population + t.population, risiko: r.population, udtrukket: r.udtrukket + t.udtrukket, udtrukketRisiko: r.udtrukket };
  });
  return { periode: opts.periode, seed, units };
}
