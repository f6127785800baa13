// The worklists' edges (issue 12, deliverable 6) on one hand-built fixture, every expectation worked out by
// hand from the KPIs' rules (docs/kpis.md). The lists are drawn up as of D = 2026-09-30 (a Wednesday, 2026K3's
// last day), the day before and the day after, with the default horizon of 30 days (its last day 2026-10-30).
// An item is "<id> <status> <dage> <frist>"; dage is days over the deadline, negative = days left. Each child
// is on the one list its name says: the others' duties are met (a plan, a follow-up, a conversation, visits).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Warehouse } from "../../pipelines/db.ts";
import { computeWorklists, readWorklist } from "../../pipelines/worklists/compute.ts";
import { worklists } from "../../pipelines/worklists/lists.ts";
import { MODELS_DIR, buildFixture, measure } from "../helpers/fixture.ts";

const D = "2026-09-30";

// Investigations: frist = startet + 4 months, month-end clamped.
const bfu = (id: string, barn: string, startet: string, extra: Record<string, unknown> = {}) => ({
  undersoegelse_id: id,
  barn_id: barn,
  startet,
  enhed: "Nord",
  ...extra,
});
const undersoegelser = [
  bfu("i_foer", "u1", "2026-05-29", { sagsbehandler_id: "SB1" }), // frist 2026-09-29: the day before D
  bfu("i_paa", "u2", "2026-05-30"), // frist 2026-09-30: on D
  bfu("i_klemt", "u3", "2026-05-31"), // frist 2026-09-30: 31 May + 4 months clamped to September's last day
  bfu("i_efter", "u4", "2026-06-01"), // frist 2026-10-01: the day after D
  bfu("i_horisont", "u5", "2026-06-30"), // frist 2026-10-30: the horizon's last day
  bfu("i_udenfor", "u6", "2026-07-01"), // frist 2026-11-01: beyond the horizon
  bfu("i_afsluttet_paa", "u7", "2026-04-01", { afsluttet: D }), // completed on D: not open on D
  // frist 2026-08-01, completed the day after D: open on D, 60 days over; a reason is recorded.
  bfu("i_afsluttet_efter", "u8", "2026-04-01", { afsluttet: "2026-10-01", frist_begrundelse: "Afventer erklæring", sagsbehandler_id: "SB1" }),
  // frist 2026-09-01, the child's case closed the day before D: still open, still overdue (KPI 9 counts it).
  bfu("i_lukket_sag", "u9", "2026-05-01"),
  bfu("i_syd", "u10", "2026-03-15", { enhed: "Syd" }), // frist 2026-07-15, 77 days over, unit Syd
];

const fam = (id: string, barn: string, startet: string, ophoert: string | null = null, extra: Record<string, unknown> = {}) =>
  measure(id, barn, "familiebehandling", startet, ophoert, extra);
const pleje = (id: string, barn: string, startet: string, ophoert: string | null = null, extra: Record<string, unknown> = {}) =>
  measure(id, barn, "plejefamilie", startet, ophoert, { samtykke: true, ...extra });
let nr = 0;
const opf = (barn: string, dato: string) => ({ opfoelgning_id: `opf${++nr}`, barn_id: barn, dato, enhed: "Nord" });
const plan = (barn: string, dato: string) => ({ handleplan_id: `hp${++nr}`, barn_id: barn, dato, enhed: "Nord" });
const samtale = (barn: string, dato: string) => ({ samtale_id: `bs${++nr}`, barn_id: barn, dato, enhed: "Nord" });
const besoeg = (barn: string, dato: string) => ({ besoeg_id: `tb${++nr}`, barn_id: barn, dato, enhed: "Nord" });

const foranstaltninger = [
  // opfoelgninger (KPI 13, k = 6): next deadline startet + 3 months without a follow-up L, else L + 6 months.
  fam("o_foer", "o1", "2026-06-29"), // frist 2026-09-29
  fam("o_paa", "o2", "2026-06-30"), // frist 2026-09-30 (not yet in KPI 13's population: startet + 3 months = qe)
  fam("o_l_paa", "o3", "2025-01-10"), // L 2026-03-30 → frist 2026-09-30
  fam("o_l_foer", "o4", "2025-01-10"), // L 2026-03-29 → frist 2026-09-29
  fam("o_ophoert_foer", "o5", "2026-01-05", "2026-09-29"), // ended the day before D: not active
  fam("o_ophoert_paa", "o6", "2026-01-05", D), // ended on D: active on D (the end date is the last day); frist 2026-04-05
  // The child turns 18 on D: the KPIs count measures, not ages, so the list does too. frist 2025-12-30; unit Syd.
  fam("o_18", "o7", "2025-09-30", null, { foedselsdato: "2008-09-30", enhed: "Syd" }),
  fam("o_horisont", "o8", "2025-01-10"), // L 2026-04-30 → frist 2026-10-30
  fam("o_udenfor", "o9", "2025-01-10"), // L 2026-05-01 → frist 2026-11-01
  // handleplaner (KPI 11): the law in force on startet decides who needs a plan and by when.
  fam("h_sel", "h1", "2023-12-31"), // Serviceloven: every measure, frist = startet; no plan
  fam("h_bl_forebyggende", "h2", "2024-01-01"), // Barnets Lov: a preventive measure needs no plan
  pleje("h_bl_samtykke", "h3", "2026-07-01"), // placement with consent: frist startet + 3 months = 2026-10-01
  pleje("h_bl_uden_samtykke", "h4", D, null, { samtykke: false }), // without consent: frist = startet = D
  pleje("h_plan_12m", "h5", "2026-06-15"), // plan dated startet − 12 months (included): met
  pleje("h_plan_12m_1", "h6", "2026-06-15"), // plan a day earlier: none → frist 2026-09-15
  fam("h_sel_plan", "h7", "2023-06-01"), // Serviceloven, plan on startet: met
  // tilsyn (KPI 14): ws = 2025-10-01 on D.
  pleje("t_a", "t1", "2025-01-01", "2025-09-30"),
  pleje("t_b", "t1", "2025-10-01"), // starts the day after t_a ends: one continuous placement from 2025-01-01
  pleje("t_c", "t2", "2025-01-01", "2025-09-30"),
  pleje("t_d", "t2", "2025-10-02"), // a day without placement (2025-10-01): continuous only from 2025-10-02 > ws
  pleje("t_to", "t3", "2024-01-01"), // visits 2025-10-01 (= ws) and 2026-03-01
  pleje("t_en", "t4", "2024-01-01"), // visits 2025-09-30 (before ws) and 2026-03-01
  pleje("t_horisont", "t5", "2024-01-01"), // visits 2025-10-31 and 2026-05-01
  pleje("t_udenfor", "t6", "2024-01-01"), // visits 2025-11-01 and 2026-05-01
  pleje("t_ophoert", "t7", "2024-01-01", "2026-09-29"), // no longer placed on D
  pleje("t_slutter_foer_frist", "t8", "2024-01-01", "2026-10-10"), // visits 2025-10-21, 2026-03-01: frist 2026-10-20
  pleje("t_18", "t9", "2024-01-01", null, { foedselsdato: "2008-09-30", enhed: "Syd" }), // 18 on D, one visit
  // boernesamtaler (KPI 12): started in the 90 days up to D (from 2026-07-02), conversation startet − 6 months … startet.
  fam("b_90", "s1", "2026-07-02"), // the window's first day, no conversation
  fam("b_91", "s2", "2026-07-01"), // the day before the window
  fam("b_6m", "s3", "2026-08-01"), // conversation 2026-02-01 = startet − 6 months: met
  fam("b_6m_1", "s4", "2026-08-01"), // conversation 2026-01-31: too early
  fam("b_efter", "s5", "2026-08-01"), // conversation 2026-08-02: after the decision
  fam("b_paa", "s6", D), // started on D without a conversation: due today
  // gentagne_underretninger: g4 has a measure active on D.
  fam("g_foranstaltning", "g4", "2026-01-01"),
];

const children = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
const opfoelgninger = [
  opf("o3", "2026-03-30"),
  opf("o4", "2026-03-29"),
  opf("o8", "2026-04-30"),
  opf("o9", "2026-05-01"),
  // Everyone not on opfoelgninger has a follow-up on 2026-08-01 or 2026-09-01 (→ frist in 2027, or startet + 3 months).
  ...[...children("h", 7), ...children("t", 9), "g4"].map((b) => opf(b, "2026-08-01")),
  ...children("s", 6).map((b) => opf(b, "2026-09-01")),
];
const handleplaner = [
  plan("h5", "2025-06-15"),
  plan("h6", "2025-06-14"),
  plan("h7", "2023-06-01"),
  plan("t1", "2025-01-01"),
  plan("t2", "2025-01-01"),
  ...["t3", "t4", "t5", "t6", "t7", "t8", "t9"].map((b) => plan(b, "2024-01-01")),
];
const boernesamtaler = [samtale("h4", D), samtale("s3", "2026-02-01"), samtale("s4", "2026-01-31"), samtale("s5", "2026-08-02")];
const tilsynsbesoeg = [
  besoeg("t3", "2025-10-01"),
  besoeg("t3", "2026-03-01"),
  besoeg("t4", "2025-09-30"),
  besoeg("t4", "2026-03-01"),
  besoeg("t5", "2025-10-31"),
  besoeg("t5", "2026-05-01"),
  besoeg("t6", "2025-11-01"),
  besoeg("t6", "2026-05-01"),
  besoeg("t8", "2025-10-21"),
  besoeg("t8", "2026-03-01"),
  besoeg("t9", "2026-02-01"),
];

let un = 0;
const ur = (barn: string, modtaget: string, extra: Record<string, unknown> = {}) => ({
  underretning_id: `n${++un}`,
  barn_id: barn,
  modtaget,
  kilde: "skole",
  enhed: "Nord",
  ...extra,
});
const handled = (dag: string) => ({ vurderet: `${dag} 11:00`, kvitteret: dag });
const underretninger = [
  // underretninger_vurdering: frist = the day 24 hours after receipt ends; not assessed by the end of the date.
  ur("n1", "2026-09-28 10:00", { kvitteret: "2026-09-29" }), // frist 2026-09-29
  ur("n2", "2026-09-29 10:00", { kvitteret: "2026-09-29" }), // frist 2026-09-30
  ur("n3", "2026-09-28 10:00", { vurderet: `${D} 12:00`, kvitteret: "2026-09-29" }), // assessed on D, late: off the list
  // underretninger_kvittering: frist = the 6th working day after the day of receipt.
  ur("n4", "2026-09-21 09:00", { vurderet: "2026-09-21 12:00" }), // Monday → frist Tuesday 2026-09-29
  ur("n5", "2026-09-22 09:00", { vurderet: "2026-09-22 12:00" }), // Tuesday → frist 2026-09-30
  ur("n6", "2026-09-22 09:00", { vurderet: "2026-09-22 12:00", kvitteret: D }), // acknowledged on D
  ur("n7", "2026-09-21 09:00", { vurderet: "2026-09-21 12:00", kilde: "familie" }), // not a professional
  // gentagne_underretninger: the 12 months ending on D are 2025-10-01 … 2026-09-30.
  ur("g1", "2026-01-10 10:00", handled("2026-01-10")),
  ur("g1", "2026-05-10 10:00", handled("2026-05-10")),
  ur("g1", "2026-09-10 10:00", handled("2026-09-10")),
  ur("g2", "2025-10-01 10:00", { ...handled("2025-10-01"), enhed: "Syd" }), // the window's first day
  ur("g2", "2026-08-01 10:00", { ...handled("2026-08-01"), enhed: "Syd" }),
  ur("g3", "2025-09-30 10:00", handled("2025-09-30")), // the day before the window: one in the window
  ur("g3", "2026-08-01 10:00", handled("2026-08-01")),
  ur("g4", "2026-02-01 10:00", handled("2026-02-01")), // two, but a measure is active on D
  ur("g4", "2026-03-01 10:00", handled("2026-03-01")),
];

const sager = [
  { sag_id: "S1", barn_id: "u1", oprettet: "2026-01-01", lukket: null, enhed: "Nord", sagsbehandler_id: "SB2" },
  { sag_id: "S9", barn_id: "u9", oprettet: "2026-01-01", lukket: "2026-09-29", enhed: "Nord", sagsbehandler_id: "SB2" },
];
const sagsbehandlere = [
  { sagsbehandler_id: "SB1", enhed: "Nord", normering: 1, fra_dato: "2020-01-01", til_dato: null },
  { sagsbehandler_id: "SB2", enhed: "Nord", normering: 0.8, fra_dato: "2020-01-01", til_dato: null },
];

let wh: Warehouse;
beforeAll(async () => {
  wh = await buildFixture(
    { undersoegelser, foranstaltninger, opfoelgninger, handleplaner, boernesamtaler, tilsynsbesoeg, underretninger, sager, sagsbehandlere },
    { asOf: "2026-10-15" },
  );
}, 120_000);
afterAll(() => wh?.close());

const iso = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : v === null ? "" : String(v));

/** Every list as of `dato`: its rows, and its items as "<id> <status> <dage> <frist>" sorted. */
async function lists(dato: string, horisont?: number) {
  await computeWorklists(wh, { modelsDir: MODELS_DIR, dato, horisont });
  const out: Record<string, { rows: Record<string, unknown>[]; items: string[] }> = {};
  for (const list of worklists) {
    const { rows } = await readWorklist(wh, list.name);
    const id = (r: Record<string, unknown>) => r.undersoegelse_id ?? r.foranstaltning_id ?? r.underretning_id;
    out[list.name] = { rows, items: rows.map((r) => `${id(r)} ${r.status} ${r.dage} ${iso(r.frist)}`).sort() };
  }
  return out;
}

describe("worklists' edges on a hand-built fixture", () => {
  it("undersoegelser: the deadline on the date is due, the day before is overdue, the horizon's last day is due and the day after it is not listed; completed on the date is closed", async () => {
    const on = await lists(D);
    expect(on.undersoegelser.items).toEqual([
      "i_afsluttet_efter overskredet 60 2026-08-01",
      "i_efter forfalder -1 2026-10-01",
      "i_foer overskredet 1 2026-09-29",
      "i_horisont forfalder -30 2026-10-30",
      "i_klemt forfalder 0 2026-09-30",
      "i_lukket_sag overskredet 29 2026-09-01",
      "i_paa forfalder 0 2026-09-30",
      "i_syd overskredet 77 2026-07-15",
    ]);
    const row = (id: string) => on.undersoegelser.rows.find((r) => r.undersoegelse_id === id)!;
    // The investigation's caseworker first, else the case's; the case closed the day before still names the case.
    expect([row("i_foer").sag_id, row("i_foer").sagsbehandler_id]).toEqual(["S1", "SB1"]);
    expect([row("i_lukket_sag").sag_id, row("i_lukket_sag").sagsbehandler_id]).toEqual(["S9", "SB2"]);
    expect([row("i_afsluttet_efter").begrundelse_registreret, row("i_foer").begrundelse_registreret]).toEqual([true, false]);

    const before = await lists("2026-09-29");
    expect(before.undersoegelser.items.filter((i) => /^i_(foer|paa|efter) /.test(i))).toEqual([
      "i_efter forfalder -2 2026-10-01",
      "i_foer forfalder 0 2026-09-29",
      "i_paa forfalder -1 2026-09-30",
    ]);
    const after = await lists("2026-10-01");
    // Completed on the date: gone; 2026-11-01 is still past the horizon (2026-10-31).
    expect(after.undersoegelser.items.filter((i) => /^i_(foer|paa|efter|afsluttet_efter|udenfor) /.test(i))).toEqual([
      "i_efter forfalder 0 2026-10-01",
      "i_foer overskredet 2 2026-09-29",
      "i_paa overskredet 1 2026-09-30",
    ]);
    // --horisont: 32 days reach 2026-11-01.
    expect((await lists(D, 32)).undersoegelser.items).toContain("i_udenfor forfalder -32 2026-11-01");
    expect((await lists(D, 0)).undersoegelser.items.filter((i) => i.includes("forfalder"))).toEqual([
      "i_klemt forfalder 0 2026-09-30",
      "i_paa forfalder 0 2026-09-30",
    ]);
    // A later call without --horisont has the default again (the earlier call's settings do not linger).
    expect((await lists(D)).undersoegelser.items).toContain("i_horisont forfalder -30 2026-10-30");
  });

  it("opfoelgninger: KPI 13's next deadline; a measure ended the day before is gone, one ending on the date is active; a child turning 18 stays", async () => {
    expect((await lists(D)).opfoelgninger.items).toEqual([
      "o_18 overskredet 274 2025-12-30",
      "o_foer overskredet 1 2026-09-29",
      "o_horisont forfalder -30 2026-10-30",
      "o_l_foer overskredet 1 2026-09-29",
      "o_l_paa forfalder 0 2026-09-30",
      "o_ophoert_paa overskredet 178 2026-04-05",
      "o_paa forfalder 0 2026-09-30",
    ]);
    expect((await lists("2026-10-01")).opfoelgninger.items.filter((i) => i.startsWith("o_ophoert"))).toEqual([]);
  });

  it("handleplaner: Serviceloven for a measure started 31 December 2023, Barnets Lov (placements only) from 1 January 2024; a plan from startet − 12 months counts", async () => {
    const on = await lists(D);
    expect(on.handleplaner.items).toEqual([
      "h_bl_samtykke forfalder -1 2026-10-01",
      "h_bl_uden_samtykke forfalder 0 2026-09-30",
      "h_plan_12m_1 overskredet 15 2026-09-15",
      "h_sel overskredet 1004 2023-12-31",
    ]);
    const lov = Object.fromEntries(on.handleplaner.rows.map((r) => [r.foranstaltning_id, r.lov]));
    expect(lov).toEqual({ h_bl_samtykke: "BL", h_bl_uden_samtykke: "BL", h_plan_12m_1: "BL", h_sel: "SEL" });
  });

  it("tilsyn: a placement starting the day after the previous one ends continues it, a day between breaks it; two visits until the first leaves the window", async () => {
    const on = await lists(D);
    expect(on.tilsyn.items).toEqual([
      "t_18 overskredet 639 2024-12-30",
      "t_b overskredet 274 2025-12-30", // continuous from 2025-01-01, no visit: out of time since ws passed 2025-01-01
      "t_d forfalder 0 2026-09-30", // continuous from 2025-10-02: in KPI 14's population from tomorrow
      "t_en overskredet 1 2026-09-29",
      "t_horisont forfalder -30 2026-10-30",
      "t_to forfalder 0 2026-09-30",
    ]);
    const row = on.tilsyn.rows.find((r) => r.foranstaltning_id === "t_b")!;
    expect([iso(row.anbragt_siden), row.besoeg_12m]).toEqual(["2025-01-01", 0]);
    const t3 = on.tilsyn.rows.find((r) => r.foranstaltning_id === "t_to")!;
    expect([t3.besoeg_12m, iso(t3.seneste_besoeg), iso(t3.naestseneste_besoeg)]).toEqual([2, "2026-03-01", "2025-10-01"]);
    expect((await lists("2026-10-01")).tilsyn.items.filter((i) => /^t_(d|to) /.test(i))).toEqual([
      "t_d overskredet 1 2026-09-30",
      "t_to overskredet 1 2026-09-30",
    ]);
  });

  it("underretninger: not assessed by the end of the date; professionals not acknowledged by the 6th working day", async () => {
    const on = await lists(D);
    expect(on.underretninger_vurdering.items).toEqual(["n1 overskredet 1 2026-09-29", "n2 forfalder 0 2026-09-30"]);
    expect(on.underretninger_kvittering.items).toEqual(["n4 overskredet 1 2026-09-29", "n5 forfalder 0 2026-09-30"]);
  });

  it("boernesamtaler: measures started in the 90 days up to the date without a conversation from startet − 6 months to startet", async () => {
    expect((await lists(D)).boernesamtaler.items).toEqual([
      "b_6m_1 overskredet 60 2026-08-01",
      "b_90 overskredet 90 2026-07-02",
      "b_efter overskredet 60 2026-08-01",
      "b_paa forfalder 0 2026-09-30",
    ]);
  });

  it("gentagne_underretninger: two or more notifications in the 12 months ending on the date and no measure active on it", async () => {
    const rows = (await lists(D)).gentagne_underretninger.rows.map((r) => `${r.niveau} ${r.enhed ?? ""} ${r.rang} ${r.underretninger_12m}`);
    expect(rows).toEqual(["enhed Nord 1 3", "enhed Syd 1 2", "kommune Nord 1 3", "kommune Syd 2 2"]);
  });

  it("sagsbehandlere: each caseworker's overdue and due items are the rows of the lists that name them", async () => {
    const on = await lists(D);
    const sb1 = on.sagsbehandlere.rows.find((r) => r.sagsbehandler_id === "SB1")!;
    expect([sb1.undersoegelser_overskredet, sb1.undersoegelser_forfalder, sb1.overskredet]).toEqual([2, 0, 2]);
    for (const r of on.sagsbehandlere.rows) {
      for (const list of worklists.filter((l) => l.deadlines)) {
        const named = on[list.name].rows.filter((x) => x.sagsbehandler_id === r.sagsbehandler_id);
        expect(r[`${list.name}_overskredet`], `${r.sagsbehandler_id} ${list.name}`).toBe(named.filter((x) => x.status === "overskredet").length);
        expect(r[`${list.name}_forfalder`], `${r.sagsbehandler_id} ${list.name}`).toBe(named.filter((x) => x.status === "forfalder").length);
      }
    }
  });

  it("on the quarter's last day the overdue rows are KPI 9 and KPI 13's and KPI 14's denominators minus numerators, per unit and for the municipality", async () => {
    const on = await lists(D);
    const kpi = await wh.all<{ kpi: string; enhed: string | null; taeller: number; naevner: number | null }>(
      `select kpi, enhed, taeller, naevner from mart_kpi_kvartal where kvartal = '2026K3' and kpi in ('bfu_aaben_overskredet', 'opfoelgning_rettidig', 'tilsyn_2_besoeg_12m')`,
    );
    const notMet = (id: string, enhed: string | null) => {
      const r = kpi.find((k) => k.kpi === id && k.enhed === enhed);
      return r ? (r.naevner === null ? r.taeller : r.naevner - r.taeller) : 0;
    };
    const overdue = (list: string, enhed: string | null) =>
      on[list].rows.filter((r) => r.status === "overskredet" && (enhed === null || r.enhed === enhed)).length;
    // By hand: KPI 9 Nord 3 (i_foer, i_afsluttet_efter, i_lukket_sag), Syd 1 (i_syd); KPI 13 Nord 3 (o_foer, o_l_foer,
    // o_ophoert_paa), Syd 1 (o_18); KPI 14 Nord 2 (t_b, t_en), Syd 1 (t_18).
    const expected: [string, string, string | null, number][] = [
      ["undersoegelser", "bfu_aaben_overskredet", "Nord", 3],
      ["undersoegelser", "bfu_aaben_overskredet", "Syd", 1],
      ["undersoegelser", "bfu_aaben_overskredet", null, 4],
      ["opfoelgninger", "opfoelgning_rettidig", "Nord", 3],
      ["opfoelgninger", "opfoelgning_rettidig", "Syd", 1],
      ["opfoelgninger", "opfoelgning_rettidig", null, 4],
      ["tilsyn", "tilsyn_2_besoeg_12m", "Nord", 2],
      ["tilsyn", "tilsyn_2_besoeg_12m", "Syd", 1],
      ["tilsyn", "tilsyn_2_besoeg_12m", null, 3],
    ];
    for (const [list, id, enhed, n] of expected) {
      expect(overdue(list, enhed), `${list} ${enhed ?? "kommune"}`).toBe(n);
      expect(notMet(id, enhed), `${id} ${enhed ?? "kommune"}`).toBe(n);
    }
  });
});
