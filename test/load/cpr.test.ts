// The CPR rules in SQL (cpr-sql.ts) agree with the reference in TypeScript (cpr.ts) on the edge cases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CPR_STANDALONE, hasCpr, maskCpr, parseCpr } from "../../pipelines/cpr.ts";
import { lit, openMemory, type Warehouse } from "../../pipelines/db.ts";
import { cprDigitsSql, cprKeySql, maskCprSql, newCprQuery } from "../../pipelines/load/cpr-sql.ts";

let wh: Warehouse;
beforeAll(async () => (wh = await openMemory()));
afterAll(() => wh.close());

// Fake numbers: every century branch of the 7th digit on both sides of its YY limit, leap days, bad dates, shapes.
const cases = [
  "010100-0000", "311299-3999", // 0–3: 1900s
  "010136-4001", "010137-4001", "010136-9001", "010137-9001", // 4 and 9: 2000s if YY ≤ 36 else 1900s
  "010157-5001", "010158-5001", "010157-8002", "010158-8002", // 5–8: 2000s if YY ≤ 57 else 1800s
  "290200-4000", "290200-0000", "290100-4000", "290196-1111", "290197-1111", // leap years (2000 yes, 1900 no)
  "290258-5000", // 1858: not a leap year
  "300215-1234", "310415-1234", "000115-1234", "011315-1234", "320115-1234",
  "0101151234", " 010115-1234 ", "010115 1234", "01011-51234", "010115-123", "01011512345", "abcdef-ghij", "",
];

/**
 * What the loader does with the raw values of `t.cpr` (load-folder.ts, validate.ts): the new numbers into `known`,
 * then every raw value looked up there by its key. One row per raw value; barn_id NULL = invalid.
 */
async function lookUp(values: string[], key = "k", known?: string) {
  await wh.run(`create or replace table t as select * from (values ${values.map((c) => `(${lit(c)})`).join(", ")}) v(cpr)`);
  const target = known ?? "known_here";
  if (!known) await wh.run(`create or replace table known_here (digits varchar, barn_id uuid, foedselsdato date, koen varchar)`);
  await wh.run(`insert into ${target} ${newCprQuery("t", "cpr", target)}`, { key });
  return wh.all<{ raa: string; foedselsdato: Date | null; koen: string | null; barn_id: string | null }>(
    `select t.cpr as raa, f.foedselsdato, f.koen, f.barn_id::varchar as barn_id from t left join ${target} f on f.digits = ${cprKeySql("t.cpr")}`,
  );
}

describe("CPR in SQL", () => {
  it("agrees with parseCpr on validity, birth date and sex", async () => {
    const got = await lookUp(cases);
    const byRaw = new Map(got.map((r) => [r.raa, r]));
    for (const c of cases) {
      const ts = parseCpr(c);
      const sql = byRaw.get(c)!;
      expect(sql.barn_id !== null, c).toBe(ts !== null);
      expect(sql.foedselsdato ? sql.foedselsdato.toISOString().slice(0, 10) : null, c).toBe(ts?.foedselsdato ?? null);
      expect(sql.koen, c).toBe(ts?.koen ?? null);
    }
    expect(byRaw.get("010137-4001")!.foedselsdato!.toISOString().slice(0, 10)).toBe("1937-01-01");
    expect(byRaw.get("010158-5001")!.foedselsdato!.toISOString().slice(0, 10)).toBe("1858-01-01");
  });

  it("keys every CPR-shaped value by its ten digits, like cprDigitsSql; no other value by ten digits", async () => {
    const odd = [...cases, "0101a51234", "0101a5-1234", "010115-123", " 010115123", "01011512 4"];
    const got = await wh.all<{ raa: string; k: string | null; d: string | null }>(
      `select raa, ${cprKeySql("raa")} as k, ${cprDigitsSql("raa")} as d from (values ${odd.map((c) => `(${lit(c)})`).join(", ")}) v(raa)`,
    );
    for (const { raa, k, d } of got) {
      if (d !== null) expect(k, raa).toBe(d);
      else expect(k !== null && /^[0-9]{10}$/.test(k), raa).toBe(false);
    }
  });

  it("pseudonymises as the first 128 bits of SHA-256 of key and the ten digits, as a UUID, the same with or without dash", async () => {
    const got = await lookUp(["0101151234", "010115-1234"]);
    const { createHash } = await import("node:crypto");
    const hex = createHash("sha256").update("k0101151234").digest("hex");
    const expected = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
    expect(got.map((r) => r.barn_id)).toEqual([expected, expected]);
    expect(await wh.all(`select count(*)::integer n from known_here`)).toEqual([{ n: 1 }]);
    const other = await lookUp(["0101151234"], "another key");
    expect(other[0].barn_id).not.toBe(expected);
  });

  it("hashes only numbers the load does not know yet, whatever their spelling", async () => {
    await wh.run(`create or replace table known as select '0101151234' as digits, uuid '00000000-0000-0000-0000-000000000001' as barn_id, date '1915-01-01' as foedselsdato, 'pige' as koen`);
    const got = await lookUp(["0101151234", "010115-1234", "0202152345", "310415-1234"], "k", "known");
    const fresh = new Map((await lookUp(["0202152345"])).map((r) => [r.raa, r.barn_id]));
    expect(got.sort((a, b) => a.raa.localeCompare(b.raa)).map((r) => [r.raa, r.barn_id])).toEqual([
      ["010115-1234", "00000000-0000-0000-0000-000000000001"],
      ["0101151234", "00000000-0000-0000-0000-000000000001"],
      ["0202152345", fresh.get("0202152345")],
      ["310415-1234", null],
    ]);
    expect(await wh.all(`select digits from known order by digits`)).toEqual([{ digits: "0101151234" }, { digits: "0202152345" }]);
  });

  it("masks like maskCpr, in every spelling of real exports", async () => {
    const texts = [
      "U1;010115-1234;x", "0101151234 og 311299-3999", "tlf 12345678", "ingen",
      ...SPELLINGS.map((s) => `barn ${s} i teksten`), SPELLINGS.join(","), SPELLINGS.join(""), "0101151234,0202152345",
      "id 20190101123456", "12345678901234", "010115-12345",
    ];
    for (const t of texts) {
      const [{ m }] = await wh.all<{ m: string }>(`select ${maskCprSql(lit(t))} as m`);
      expect(m).toBe(maskCpr(t));
    }
  });
});

/** Every spelling of 010115-1234 seen in real exports (issue 11): none, -, space, ., /, en dash, " - ", and kin. */
export const SPELLINGS = ["0101151234", "010115-1234", "010115 1234", "010115.1234", "010115/1234", "010115\u20131234", "010115 - 1234", "010115 \u2013 1234", "010115\u00a01234", "010115\u20111234"];

describe("the one CPR pattern", () => {
  it("masks every spelling as DDMMYY-**** and leaves no CPR-shaped number", () => {
    for (const s of SPELLINGS) {
      expect(hasCpr(`x ${s} y`), s).toBe(true);
      expect(maskCpr(`x ${s} y`), s).toBe("x 010115-**** y");
      expect(CPR_STANDALONE.test(`x ${s} y`), s).toBe(true);
      expect(CPR_STANDALONE.test(maskCpr(`x ${s} y`)), s).toBe(false);
    }
  });

  it("leaves longer digit runs and pseudonyms alone", () => {
    for (const t of ["20190101123456", "12345678901", "tlf 12 34 56 78", "a1b2c3d4-0101-4151-8234-0123456789ab"]) {
      expect(maskCpr(t), t).toBe(t);
      expect(CPR_STANDALONE.test(t), t).toBe(false);
    }
  });
});
