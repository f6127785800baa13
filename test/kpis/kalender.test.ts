// int_kalender: Danish public holidays from Easter, configured closing days, and "the n-th working day
// after R" as models/README.md defines it. Every expected date below was worked out by hand (the weekday
// of each date, the holidays in between, counted in the comments) — not read from the model.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Warehouse } from "../../pipelines/db.ts";
import { buildFixture, failingDataTests } from "../helpers/fixture.ts";

let plain: Warehouse; // public holidays only
let closed: Warehouse; // plus 24 and 31 December, grundlovsdag, 29 February and one single date

beforeAll(async () => {
  plain = await buildFixture({}, { asOf: "2025-06-30" });
  closed = await buildFixture(
    {},
    {
      asOf: "2025-06-30",
      config: {
        lukkedage: [
          { dag: "12-24", navn: "Juleaftensdag" },
          { dag: "12-31", navn: "Nytårsaftensdag" },
          { dag: "06-05", navn: "Grundlovsdag" },
          { dag: "02-29", navn: "Skuddag" },
          { dag: "2025-05-30", navn: "Dagen efter Kristi himmelfartsdag" },
        ],
      },
    },
  );
});
afterAll(() => {
  plain?.close();
  closed?.close();
});

const iso = (col: string) => `strftime(${col}, '%Y-%m-%d')`;

/** The days of one year that are not working days for a reason other than the weekend. */
async function holidays(wh: Warehouse, year: number) {
  const rows = await wh.all<{ dato: string; helligdag: string }>(
    `select ${iso("dato")} as dato, helligdag from int_kalender where year(dato) = ? and helligdag is not null order by dato`,
    [year],
  );
  return rows.map((r) => `${r.dato} ${r.helligdag}`);
}

/** The n-th working day after r, the way the KPI models use the calendar. */
async function nthWorkingDayAfter(wh: Warehouse, r: string, n: number): Promise<string> {
  const rows = await wh.all<{ d: string }>(
    `select ${iso("k.dato")} as d
     from int_kalender as r join int_kalender as k on k.hverdag_nr = r.hverdag_nr + ? and k.er_hverdag
     where r.dato = ?::date`,
    [n, r],
  );
  expect(rows).toHaveLength(1);
  return rows[0].d;
}

describe("int_kalender", () => {
  it("has one row per day from 1990-01-01 to 2060-12-31", async () => {
    const [row] = await plain.all<{ n: bigint; first: string; last: string; distinct_days: bigint }>(
      `select count(*) as n, ${iso("min(dato)")} as first, ${iso("max(dato)")} as last, count(distinct dato) as distinct_days from int_kalender`,
    );
    // 71 years of 365 days plus the leap days of 1992, 1996, …, 2060 (18; 2000 is one).
    expect(row).toEqual({ n: 25933n, first: "1990-01-01", last: "2060-12-31", distinct_days: 25933n });
  });

  it("finds Easter Sunday by the Gregorian computus", async () => {
    const easter = [
      "2010-04-04", "2011-04-24", "2016-03-27", "2018-04-01", "2019-04-21", "2020-04-12", "2021-04-04",
      "2022-04-17", "2023-04-09", "2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28", "2038-04-25",
    ];
    const rows = await plain.all<{ d: string }>(
      `select ${iso("dato")} as d from int_kalender where helligdag = 'Påskedag' and year(dato) in (${easter.map((e) => e.slice(0, 4)).join(",")}) order by dato`,
    );
    expect(rows.map((r) => r.d)).toEqual(easter);
  });

  it("lists the public holidays of 2023 (with store bededag) and 2024 (without)", async () => {
    expect(await holidays(plain, 2023)).toEqual([
      "2023-01-01 Nytårsdag",
      "2023-04-06 Skærtorsdag",
      "2023-04-07 Langfredag",
      "2023-04-09 Påskedag",
      "2023-04-10 2. påskedag",
      "2023-05-05 Store bededag",
      "2023-05-18 Kristi himmelfartsdag",
      "2023-05-28 Pinsedag",
      "2023-05-29 2. pinsedag",
      "2023-12-25 Juledag",
      "2023-12-26 2. juledag",
    ]);
    expect(await holidays(plain, 2024)).toEqual([
      "2024-01-01 Nytårsdag",
      "2024-03-28 Skærtorsdag",
      "2024-03-29 Langfredag",
      "2024-03-31 Påskedag",
      "2024-04-01 2. påskedag",
      "2024-05-09 Kristi himmelfartsdag",
      "2024-05-19 Pinsedag",
      "2024-05-20 2. pinsedag",
      "2024-12-25 Juledag",
      "2024-12-26 2. juledag",
    ]);
  });

  it("marks store bededag 2023-05-05 as a holiday and 2024-04-26 as a working day", async () => {
    const rows = await plain.all(
      `select ${iso("dato")} as dato, ugedag, er_hverdag, helligdag from int_kalender
       where dato in ('2022-05-13', '2023-05-05', '2024-04-26') order by dato`,
    );
    expect(rows).toEqual([
      { dato: "2022-05-13", ugedag: 5, er_hverdag: false, helligdag: "Store bededag" },
      { dato: "2023-05-05", ugedag: 5, er_hverdag: false, helligdag: "Store bededag" },
      { dato: "2024-04-26", ugedag: 5, er_hverdag: true, helligdag: null },
    ]);
  });

  it("numbers ISO weekdays (1 = Monday) and excludes weekends", async () => {
    const rows = await plain.all(
      `select ${iso("dato")} as dato, ugedag, er_hverdag from int_kalender where dato between '2024-06-07' and '2024-06-10' order by dato`,
    );
    expect(rows).toEqual([
      { dato: "2024-06-07", ugedag: 5, er_hverdag: true },
      { dato: "2024-06-08", ugedag: 6, er_hverdag: false },
      { dato: "2024-06-09", ugedag: 7, er_hverdag: false },
      { dato: "2024-06-10", ugedag: 1, er_hverdag: true },
    ]);
  });

  it("counts 254 working days in 2024 (262 weekdays, 8 holidays on weekdays)", async () => {
    const [row] = await plain.all<{ n: number }>(
      `select max(hverdag_nr) filter (where year(dato) = 2024) - max(hverdag_nr) filter (where year(dato) = 2023) as n from int_kalender`,
    );
    expect(row.n).toBe(254);
  });

  it("hverdag_nr counts working days up to and including the day", async () => {
    const rows = await plain.all(
      `select ${iso("dato")} as dato, er_hverdag,
              hverdag_nr - (select hverdag_nr from int_kalender where dato = '2024-03-27') as nr
       from int_kalender where dato between '2024-03-27' and '2024-04-03' order by dato`,
    );
    expect(rows).toEqual([
      { dato: "2024-03-27", er_hverdag: true, nr: 0 },
      { dato: "2024-03-28", er_hverdag: false, nr: 0 },
      { dato: "2024-03-29", er_hverdag: false, nr: 0 },
      { dato: "2024-03-30", er_hverdag: false, nr: 0 },
      { dato: "2024-03-31", er_hverdag: false, nr: 0 },
      { dato: "2024-04-01", er_hverdag: false, nr: 0 },
      { dato: "2024-04-02", er_hverdag: true, nr: 1 },
      { dato: "2024-04-03", er_hverdag: true, nr: 2 },
    ]);
  });

  it("finds the 6th working day after skærtorsdag across Easter", async () => {
    // 2023: 6/4 → 7 langfredag, 8–9 weekend, 10 2. påskedag, then 11 12 13 14 17 18.
    expect(await nthWorkingDayAfter(plain, "2023-04-06", 6)).toBe("2023-04-18");
    // 2024: 28/3 → 29 langfredag, 30–31 weekend, 1/4 2. påskedag, then 2 3 4 5 8 9.
    expect(await nthWorkingDayAfter(plain, "2024-03-28", 6)).toBe("2024-04-09");
    // 2025: 17/4 → 18 langfredag, 19–20 weekend, 21 2. påskedag, then 22 23 24 25 28 29.
    expect(await nthWorkingDayAfter(plain, "2025-04-17", 6)).toBe("2025-04-29");
    // R itself is not counted when it is a working day: from Wednesday 27/3/2024 the first is 2/4 and the 6th 9/4.
    expect(await nthWorkingDayAfter(plain, "2024-03-27", 6)).toBe("2024-04-09");
    expect(await nthWorkingDayAfter(plain, "2024-03-27", 1)).toBe("2024-04-02");
  });

  it("counts store bededag only until 2023 when counting working days", async () => {
    // 2023: Fri 28/4 → 1 2 3 4 (5 store bededag) 8 9.
    expect(await nthWorkingDayAfter(plain, "2023-04-28", 6)).toBe("2023-05-09");
    // 2024: Fri 19/4 → 22 23 24 25 26 29: Friday 26/4 is a working day now.
    expect(await nthWorkingDayAfter(plain, "2024-04-19", 6)).toBe("2024-04-29");
  });

  it("finds the 6th working day after 23 December, without closing days", async () => {
    // 2022 (Fri): 24–25 weekend, 26 2. juledag, 27 28 29 30, 31–1 weekend, 2 3.
    expect(await nthWorkingDayAfter(plain, "2022-12-23", 6)).toBe("2023-01-03");
    // 2023 (Sat): 24 Sun, 25–26 holidays, 27 28 29, 30–31 weekend, 1 nytårsdag, 2 3 4.
    expect(await nthWorkingDayAfter(plain, "2023-12-23", 6)).toBe("2024-01-04");
    // 2024 (Mon): 24, 25–26 holidays, 27, 28–29 weekend, 30 31, 1 nytårsdag, 2 3.
    expect(await nthWorkingDayAfter(plain, "2024-12-23", 6)).toBe("2025-01-03");
    // 2025 (Tue): 24, 25–26 holidays, 27–28 weekend, 29 30 31, 1 nytårsdag, 2, 3–4 weekend, 5.
    expect(await nthWorkingDayAfter(plain, "2025-12-23", 6)).toBe("2026-01-05");
  });

  it("finds the 6th working day after 23 December with 24 and 31 December closed", async () => {
    // 24 and 31 December fall on weekends in 2022 and 2023: nothing changes.
    expect(await nthWorkingDayAfter(closed, "2022-12-23", 6)).toBe("2023-01-03");
    expect(await nthWorkingDayAfter(closed, "2023-12-23", 6)).toBe("2024-01-04");
    // 2024: 27, 30, 2, 3, 6, 7.
    expect(await nthWorkingDayAfter(closed, "2024-12-23", 6)).toBe("2025-01-07");
    // 2025: 29, 30, 2, 5, 6, 7.
    expect(await nthWorkingDayAfter(closed, "2025-12-23", 6)).toBe("2026-01-07");
  });

  it("applies MM-DD closing days every year and YYYY-MM-DD ones once", async () => {
    const rows = await closed.all(
      `select ${iso("dato")} as dato, er_hverdag, helligdag from int_kalender
       where dato in ('2024-02-29', '2025-02-28', '2025-05-30', '2025-06-05', '2026-05-15', '2026-06-05', '2024-12-24', '2024-12-25')
       order by dato`,
    );
    expect(rows).toEqual([
      { dato: "2024-02-29", er_hverdag: false, helligdag: "Skuddag" },
      { dato: "2024-12-24", er_hverdag: false, helligdag: "Juleaftensdag" },
      { dato: "2024-12-25", er_hverdag: false, helligdag: "Juledag" },
      { dato: "2025-02-28", er_hverdag: true, helligdag: null },
      { dato: "2025-05-30", er_hverdag: false, helligdag: "Dagen efter Kristi himmelfartsdag" },
      { dato: "2025-06-05", er_hverdag: false, helligdag: "Grundlovsdag" },
      // The single date does not recur: the Friday after Kristi himmelfartsdag 2026 is a working day.
      { dato: "2026-05-15", er_hverdag: true, helligdag: null },
      { dato: "2026-06-05", er_hverdag: false, helligdag: "Grundlovsdag" },
    ]);
    // Without the configuration these are ordinary working days.
    const [plainRow] = await plain.all(`select er_hverdag, helligdag from int_kalender where dato = '2025-06-05'`);
    expect(plainRow).toEqual({ er_hverdag: true, helligdag: null });
  });

  it("passes its sidecar data tests with and without closing days", async () => {
    expect(await failingDataTests(plain, ["int_kalender"])).toEqual([]);
    expect(await failingDataTests(closed, ["int_kalender"])).toEqual([]);
  });

  it("names a holiday before a closing day configured on the same date", async () => {
    const wh = await buildFixture({}, { asOf: "2025-06-30", config: { lukkedage: [{ dag: "12-25", navn: "Lukket" }] } });
    try {
      const rows = await wh.all(`select er_hverdag, helligdag from int_kalender where dato = '2025-12-25'`);
      expect(rows).toEqual([{ er_hverdag: false, helligdag: "Juledag, Lukket" }]);
    } finally {
      wh.close();
    }
  });
});
