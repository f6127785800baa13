// The demo generator's building blocks: CPR numbers, calendar arithmetic, Windows-1252, reproducible XLSX,
// and the bench's typed read_csv of files in the generator's formats.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCsvSql } from "../../pipelines/bench/read-csv.ts";
import { tableByName } from "../../pipelines/contract.ts";
import { parseCpr } from "../../pipelines/cpr.ts";
import { openMemory } from "../../pipelines/db.ts";
import { CprIssuer } from "../../pipelines/demo/cpr-gen.ts";
import { addMonths, addWorkingDays, day, holidays, isoDate, parts, weekday, ymd } from "../../pipelines/demo/dates.ts";
import { nationalFormats } from "../../pipelines/demo/formats.ts";
import { Rng } from "../../pipelines/demo/random.ts";
import { CsvWriter, encodeWindows1252, writeXlsx } from "../../pipelines/demo/write.ts";

const dir = mkdtempSync(join(tmpdir(), "libu-demo-parts-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("demo building blocks", () => {
  it("issues unique, valid CPR numbers with the right century digit and sex", () => {
    const issuer = new CprIssuer(new Rng(1));
    const born = day("2005-03-01");
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const boy = i % 2 === 0;
      const cpr = issuer.issue(born, boy);
      expect(seen.has(cpr)).toBe(false);
      seen.add(cpr);
      const facts = parseCpr(cpr);
      expect(facts).toEqual({ foedselsdato: "2005-03-01", koen: boy ? "dreng" : "pige" });
      expect(Number(cpr[6])).toBeGreaterThanOrEqual(4);
    }
  });

  it("does calendar arithmetic like the KPI definitions", () => {
    for (let d = day("1999-12-25"); d < day("2031-01-05"); d += 13) {
      const date = new Date(d * 86_400_000);
      expect(parts(d)).toEqual({ y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() });
      expect(weekday(d)).toBe((date.getUTCDay() + 6) % 7);
    }
    expect(isoDate(addMonths(day("2024-10-31"), 4))).toBe("2025-02-28");
    expect(isoDate(addMonths(day("2024-02-29"), -12))).toBe("2023-02-28");
    expect(isoDate(ymd(2026, 13, 1))).toBe("2027-01-01");
    // Store bededag until 2023 only; Easter 2024 (skærtorsdag 28 March … 2. påskedag 1 April).
    expect(holidays(2023).has(day("2023-05-05"))).toBe(true);
    expect(holidays(2024).has(day("2024-04-26"))).toBe(false);
    expect(isoDate(addWorkingDays(day("2024-03-27"), 1))).toBe("2024-04-02");
  });

  it("writes Windows-1252 (not Latin-1) and refuses what it cannot encode", () => {
    expect([...encodeWindows1252("æøå ÆØÅ § €")]).toEqual([0xe6, 0xf8, 0xe5, 0x20, 0xc6, 0xd8, 0xc5, 0x20, 0xa7, 0x20, 0x80]);
    expect(() => encodeWindows1252("Ł")).toThrow(/Windows-1252/);
  });

  it("writes the same XLSX bytes a few seconds apart (zip times fixed)", async () => {
    const t = tableByName("sagsbehandlere")!;
    const rows = [{ sagsbehandler_id: "SB0001", enhed: "Team Øst", normering: 0.8, fra_dato: day("2020-02-01"), til_dato: null }];
    await writeXlsx(join(dir, "a.xlsx"), t, { kind: "xlsx", sheet: "Ark1" }, rows);
    await new Promise((r) => setTimeout(r, 2100));
    await writeXlsx(join(dir, "b.xlsx"), t, { kind: "xlsx", sheet: "Ark1" }, rows);
    expect(readFileSync(join(dir, "a.xlsx")).equals(readFileSync(join(dir, "b.xlsx")))).toBe(true);
  });

  it("the bench's bare read_csv types every column of the national formats", async () => {
    const t = tableByName("underretninger")!;
    const file = join(dir, "underretninger.csv");
    const w = new CsvWriter(file, t, nationalFormats.underretninger);
    const modtaget = day("2025-03-04") * 1440 + 9 * 60 + 5;
    w.write([
      { underretning_id: "U1", cpr: "0101101234", modtaget, kilde: "skole", fagperson: true, vurderet: modtaget + 30, kvitteret: day("2025-03-05"), udfald: null, udfald_dato: null, alvorlig: false, enhed: "Familieenheden Ålykke", distrikt: "Kærhøj" },
    ]);
    w.close();
    const wh = await openMemory();
    try {
      await wh.run(readCsvSql(t, file, nationalFormats.underretninger, "bare"));
      const [r] = await wh.all("select * from bare");
      expect(r.cpr).toBe("010110-1234");
      expect((r.modtaget as Date).toISOString()).toBe("2025-03-04T09:05:00.000Z");
      expect(r.enhed).toBe("Familieenheden Ålykke");
      expect(r.fagperson).toBe("ja");
    } finally {
      wh.close();
    }
    const f = tableByName("foranstaltninger")!;
    const file2 = join(dir, "foranstaltninger.csv");
    const w2 = new CsvWriter(file2, f, nationalFormats.foranstaltninger);
    w2.write([{ foranstaltning_id: "F1", cpr: "0101101234", type: "plejefamilie", paragraf: "SEL § 52, stk. 3, nr. 7", startet: day("2023-01-02"), ophoert: null, samtykke: true, aarlig_udgift: 412345.5, enhed: "Team Øst", sagsbehandler_id: null }]);
    w2.close();
    const wh2 = await openMemory();
    try {
      await wh2.run(readCsvSql(f, file2, nationalFormats.foranstaltninger, "bare"));
      const [r] = await wh2.all("select * from bare");
      expect(r.aarlig_udgift).toBe(412345.5);
      expect(r.paragraf).toBe("SEL § 52, stk. 3, nr. 7");
    } finally {
      wh2.close();
    }
  });
});
