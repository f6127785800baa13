// The reported-quarter window (int_kvartalsvindue): complete quarters from the first with data, none that starts
// before data_fra — the day from which the case system's data are complete, from libu.config.json (dataFra,
// dataFraTabel) or the export's libu-manifest.json (recorded by the load in load_data_fra). At the edge: a quarter
// that starts before data_fra is absent everywhere, the first one that starts on or after it is present; without a
// data_fra nothing changes, and the quarters still reported keep their figures exactly.
import { afterAll, describe, expect, it } from "vitest";
import { buildModels } from "../../pipelines/runner/runner.ts";
import { type Config, defaults } from "../../pipelines/config.ts";
import type { Warehouse } from "../../pipelines/db.ts";
import { type FixtureRows, MODELS_DIR, buildFixture, failingDataTests, kpiRows, measure } from "../helpers/fixture.ts";

const open: Warehouse[] = [];
async function build(config: Partial<Config> = {}, rows: FixtureRows = fixture) {
  const wh = await buildFixture(rows, { asOf: "2025-05-15", config });
  open.push(wh);
  return wh;
}
afterAll(() => open.forEach((wh) => wh.close()));

// As of 2025-05-15 (2025K1 the latest complete quarter): a placement active from 2024-01-01 on, so the stock KPI
// anbragte_antal has a row in every quarter 2024K1–2025K1; a notification in each quarter; a case from 2023-11-20,
// so the data start in 2023K4.
const fixture: FixtureRows = {
  foranstaltninger: [measure("f1", "b1", "plejefamilie", "2024-01-01", null)],
  underretninger: ["2023-12-01", "2024-02-01", "2024-05-01", "2024-08-01", "2024-11-01", "2025-02-01"].map((d, i) => ({
    underretning_id: `u${i}`,
    barn_id: "b2",
    modtaget: `${d} 10:00`,
    kilde: "skole",
    enhed: "Nord",
  })),
  sager: [{ sag_id: "s1", barn_id: "b1", oprettet: "2023-11-20", enhed: "Nord" }],
};

const quarters = async (wh: Warehouse) => (await wh.all<{ kvartal: string }>("select kvartal from int_kvartaler order by qs")).map((r) => r.kvartal);
const kpiQuarters = async (wh: Warehouse, kpi: string) => [...new Set((await kpiRows(wh, kpi)).map((r) => r.kvartal))];
const window = async (wh: Warehouse) =>
  (await wh.all<Record<string, unknown>>("select data_fra::varchar as data_fra, foerste_kvartal, seneste_kvartal from int_kvartalsvindue"))[0];
/** Every quarterly mart's quarters, for the check that the window holds everywhere. */
const QUARTERLY_MARTS = ["mart_kpi_kvartal", "mart_anbringelser_kvartal", "mart_indsatstrappe_kvartal", "mart_udgifter_kvartal", "mart_underretninger_fordeling"];
async function martQuarters(wh: Warehouse): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const m of QUARTERLY_MARTS) out[m] = (await wh.all<{ kvartal: string }>(`select distinct kvartal from ${m} order by kvartal`)).map((r) => r.kvartal);
  return out;
}

describe("the reported-quarter window and data_fra", () => {
  it("without data_fra: every complete quarter from the first with data (behaviour unchanged)", async () => {
    const wh = await build();
    expect(await quarters(wh)).toEqual(["2023K4", "2024K1", "2024K2", "2024K3", "2024K4", "2025K1"]);
    expect(await window(wh)).toEqual({ data_fra: null, foerste_kvartal: "2023K4", seneste_kvartal: "2025K1" });
    expect(await kpiQuarters(wh, "underretninger_antal")).toEqual(["2023K4", "2024K1", "2024K2", "2024K3", "2024K4", "2025K1"]);
    expect(await wh.all("select data_fra from mart_meta")).toEqual([{ data_fra: null }]);
  });

  it("data_fra on a quarter's first day: that quarter is the first reported, the one before it is absent", async () => {
    const wh = await build({ dataFra: "2024-04-01" });
    expect(await quarters(wh)).toEqual(["2024K2", "2024K3", "2024K4", "2025K1"]);
    expect(await kpiQuarters(wh, "underretninger_antal")).toEqual(["2024K2", "2024K3", "2024K4", "2025K1"]);
    expect(await kpiQuarters(wh, "anbragte_antal")).toEqual(["2024K2", "2024K3", "2024K4", "2025K1"]);
  });

  it("data_fra one day into a quarter: that quarter starts before it and is absent everywhere; the next is the first", async () => {
    const wh = await build({ dataFra: "2024-04-02" });
    expect(await quarters(wh)).toEqual(["2024K3", "2024K4", "2025K1"]);
    expect(await window(wh)).toEqual({ data_fra: "2024-04-02", foerste_kvartal: "2024K3", seneste_kvartal: "2025K1" });
    for (const [mart, qs] of Object.entries(await martQuarters(wh))) expect(qs[0] >= "2024K3", `${mart} starts in ${qs[0]}`).toBe(true);
    expect((await martQuarters(wh)).mart_kpi_kvartal[0]).toBe("2024K3");
    expect((await wh.all<{ d: string }>("select data_fra::varchar as d from mart_meta"))[0].d).toBe("2024-04-02");
    expect(await failingDataTests(wh, ["int_kvartaler", "int_kvartalsvindue", "int_data_fra", "mart_meta"])).toEqual([]);
  });

  it("the quarters still reported keep every figure exactly (the window only removes quarters)", async () => {
    const all = await kpiRowsOf(await build());
    const cut = await kpiRowsOf(await build({ dataFra: "2024-04-02" }));
    expect(cut.length).toBeGreaterThan(0);
    expect(cut).toEqual(all.filter((r) => r.kvartal >= "2024K3"));
  });

  it("per table: the latest day counts, and the configuration's day for every table too", async () => {
    const wh = await build({ dataFraTabel: { foranstaltninger: "2024-01-01", underretninger: "2024-07-01" } });
    expect(await quarters(wh)).toEqual(["2024K3", "2024K4", "2025K1"]);
    expect(await wh.all("select tabel, data_fra::varchar as d, kilde from int_data_fra order by tabel")).toEqual([
      { tabel: "foranstaltninger", d: "2024-01-01", kilde: "konfiguration" },
      { tabel: "underretninger", d: "2024-07-01", kilde: "konfiguration" },
    ]);
    const both = await build({ dataFra: "2024-10-01", dataFraTabel: { foranstaltninger: "2024-01-01" } });
    expect(await quarters(both)).toEqual(["2024K4", "2025K1"]);
  });

  it("data_fra after the latest complete quarter's start: no quarter is reported, and no latest quarter either", async () => {
    const wh = await build({ dataFra: "2025-01-02" });
    expect(await quarters(wh)).toEqual([]);
    expect(await wh.all("select kpi from mart_kpi_kvartal")).toEqual([]);
    expect(await window(wh)).toEqual({ data_fra: "2025-01-02", foerste_kvartal: null, seneste_kvartal: null });
  });
});

describe("data_fra from the export's manifest (load_data_fra)", () => {
  /** The fixture with the loads' bookkeeping: which load wrote each table, and the manifest's day it recorded. */
  async function loaded(dataFra: [number, string, string][], config: Partial<Config> = {}) {
    const wh = await build(config);
    await wh.run(`insert into load_log (load_id, as_of) values (2, '2025-05-15')`);
    await wh.run(`insert into load_files (load_id, tabel, fil) values
      (1, 'underretninger', 'underretninger.csv'), (1, 'foranstaltninger', 'foranstaltninger.csv'), (2, 'foranstaltninger', 'foranstaltninger.csv')`);
    for (const [id, tabel, d] of dataFra) await wh.run(`insert into load_data_fra values (?, ?, ?::date)`, [id, tabel, d]);
    await buildModels(wh, { modelsDir: MODELS_DIR, config: { ...defaults, ...config }, dataTests: false });
    return wh;
  }

  it("the day recorded by each table's latest load counts", async () => {
    const wh = await loaded([
      [1, "underretninger", "2024-04-02"],
      [1, "foranstaltninger", "2024-12-01"], // replaced by load 2, which recorded no day
    ]);
    expect(await wh.all("select tabel, data_fra::varchar as d, kilde from int_data_fra order by tabel")).toEqual([
      { tabel: "underretninger", d: "2024-04-02", kilde: "manifest" },
    ]);
    expect(await quarters(wh)).toEqual(["2024K3", "2024K4", "2025K1"]);
  });

  it("the configuration replaces the manifest's day", async () => {
    const wh = await loaded([[1, "underretninger", "2024-04-02"]], { dataFra: "2024-01-01" });
    expect(await quarters(wh)).toEqual(["2024K1", "2024K2", "2024K3", "2024K4", "2025K1"]);
    expect(await wh.all("select distinct kilde from int_data_fra")).toEqual([{ kilde: "konfiguration" }]);
  });
});

async function kpiRowsOf(wh: Warehouse) {
  return wh.all<{ kpi: string; kvartal: string }>("select * from mart_kpi_kvartal order by all");
}
