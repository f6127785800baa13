// mart_tilsyn_kvartal (issue 13, deliverables 5 and 8), hand-computed: plain and weighted shares, ikke_relevant left
// out, the omraade roll-up, the kommune level, the register twin beside its question, and the 95 % Wilson interval
// against the published values of Newcombe (1998), Statistics in Medicine 17:857–872, table I, method 3.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildModels } from "../../pipelines/runner/runner.ts";
import { defaults } from "../../pipelines/config.ts";
import { openMemory, type Warehouse } from "../../pipelines/db.ts";
import { warehouseDdl } from "../../pipelines/warehouse.ts";
import { MODELS_DIR, failingDataTests } from "../helpers/fixture.ts";

let wh: Warehouse;
beforeAll(async () => {
  wh = await openMemory();
  for (const ddl of warehouseDdl()) await wh.run(ddl);
  await wh.run("insert into load_log (load_id, as_of) values (1, date '2025-10-15')");
  // 2025K3, unit Nord: two risk cases (π = 1/2) and two random ones (π = 1/4).
  await wh.run(`insert into tilsyn_stikproeve values
    ('2025K3', 'Nord', 'S1', 'risiko', 0.5, 7, now()), ('2025K3', 'Nord', 'S2', 'risiko', 0.5, 7, now()),
    ('2025K3', 'Nord', 'S3', 'tilfaeldig', 0.25, 7, now()), ('2025K3', 'Nord', 'S4', 'tilfaeldig', 0.25, 7, now())`);
  const svar = (periode: string, sag: string, q: string, s: string) => `('${periode}', '${sag}', '${q}', '${s}', 'Leder', date '2025-10-10', 'fri tekst')`;
  await wh.run(`insert into src_sagsgennemgange (periode, sag_id, spoergsmaal_id, svar, gennemgaaet_af, dato, kommentar) values
    ${[
      svar("2025K3", "S1", "bisidder", "nej"),
      svar("2025K3", "S2", "bisidder", "ja"),
      svar("2025K3", "S3", "bisidder", "ja"),
      svar("2025K3", "S4", "bisidder", "ja"),
      svar("2025K3", "S1", "netvaerk_inddraget", "ja"),
      svar("2025K3", "S2", "netvaerk_inddraget", "ja"),
      svar("2025K3", "S3", "netvaerk_inddraget", "nej"),
      svar("2025K3", "S4", "netvaerk_inddraget", "ikke_relevant"),
      svar("2025K3", "S1", "boernesamtale_foer_afgoerelse", "ja"),
      // Not in the sample (drawn again since): left out.
      svar("2025K3", "S9", "bisidder", "nej"),
    ].join(", ")}`);
  // 2025K2: four units of certain cases (π = 1) for the Wilson intervals: x of n compliant.
  const wilson: [string, number, number][] = [
    ["A", 81, 263],
    ["B", 15, 148],
    ["C", 0, 20],
    ["D", 1, 29],
  ];
  for (const [enhed, x, n] of wilson) {
    await wh.run(`insert into tilsyn_stikproeve select '2025K2', '${enhed}', '${enhed}' || i, 'tilfaeldig', 1, 1, now() from range(${n}) t(i)`);
    await wh.run(`insert into src_sagsgennemgange (periode, sag_id, spoergsmaal_id, svar, gennemgaaet_af, dato)
      select '2025K2', '${enhed}' || i, 'barnets_perspektiv', case when i < ${x} then 'ja' else 'nej' end, 'Leder', date '2025-07-10' from range(${n}) t(i)`);
  }
  // The register twin of boernesamtale_foer_afgoerelse (KPI 12): one measure started in 2025K3 with a conversation.
  await wh.run(`insert into src_foranstaltninger (foranstaltning_id, barn_id, type, startet, enhed) values ('F1', md5('b1')::uuid, 'familiebehandling', date '2025-08-01', 'Nord')`);
  await wh.run(`insert into src_boernesamtaler (samtale_id, barn_id, dato, enhed) values ('B1', md5('b1')::uuid, date '2025-07-20', 'Nord')`);
  await buildModels(wh, { modelsDir: MODELS_DIR, config: defaults, dataTests: false });
});
afterAll(() => wh?.close());

const row = async (periode: string, niveau: string, enhed: string | null, spoergsmaal: string | null, omraade = "inddragelse") => {
  const rows = await wh.all<Record<string, unknown>>(
    `select n, n_ja, andel, ci_nedre, ci_oevre, andel_vaegtet, register_kpi, register_vaerdi from mart_tilsyn_kvartal
     where periode = ? and niveau = ? and enhed is not distinct from ? and spoergsmaal_id is not distinct from ? and omraade = ?`,
    [periode, niveau, enhed, spoergsmaal, omraade],
  );
  expect(rows.length).toBe(1);
  return rows[0];
};

describe("mart_tilsyn_kvartal", () => {
  test("plain and weighted share of one question", async () => {
    const r = await row("2025K3", "enhed", "Nord", "bisidder");
    expect(r).toMatchObject({ n: 4, n_ja: 3, andel: 0.75 });
    // w = 2, 2, 4, 4; compliant: S2, S3, S4.
    expect(r.andel_vaegtet).toBeCloseTo(10 / 12, 12);
  });

  test("ikke_relevant is no answer", async () => {
    const r = await row("2025K3", "enhed", "Nord", "netvaerk_inddraget");
    expect(r).toMatchObject({ n: 3, n_ja: 2 });
    expect(r.andel_vaegtet).toBeCloseTo(4 / 8, 12);
  });

  test("the omraade roll-up pools the area's answers; the kommune level every unit's", async () => {
    const r = await row("2025K3", "enhed", "Nord", null);
    expect(r).toMatchObject({ n: 8, n_ja: 6 });
    expect(r.andel_vaegtet).toBeCloseTo((10 + 4 + 2) / (12 + 8 + 2), 12);
    expect(await row("2025K3", "kommune", null, "bisidder")).toMatchObject({ n: 4, n_ja: 3, andel: 0.75 });
  });

  test("the register twin stands beside its question", async () => {
    const r = await row("2025K3", "enhed", "Nord", "boernesamtale_foer_afgoerelse");
    expect(r).toMatchObject({ n: 1, n_ja: 1, register_kpi: "boernesamtale_foer_afgoerelse", register_vaerdi: 1 });
    expect(await row("2025K3", "enhed", "Nord", "bisidder")).toMatchObject({ register_kpi: null, register_vaerdi: null });
  });

  test.each([
    ["A", 81, 263, 0.2553, 0.3662],
    ["B", 15, 148, 0.0624, 0.1605],
    ["C", 0, 20, 0, 0.1611],
    ["D", 1, 29, 0.0061, 0.1718],
  ])("Wilson interval of %s: %i of %i gives %f–%f (Newcombe 1998)", async (enhed, x, n, lo, hi) => {
    const r = await row("2025K2", "enhed", enhed, "barnets_perspektiv");
    expect(r).toMatchObject({ n, n_ja: x });
    expect(r.ci_nedre as number).toBeCloseTo(lo, 4);
    expect(r.ci_oevre as number).toBeCloseTo(hi, 4);
  });

  test("its data tests pass", async () => {
    expect(await failingDataTests(wh, ["mart_tilsyn_kvartal"])).toEqual([]);
  });
});
