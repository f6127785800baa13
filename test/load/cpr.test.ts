// The CPR rules in SQL (cpr-sql.ts) agree with the reference in TypeScript (cpr.ts) on the edge cases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maskCpr, parseCpr } from "../../pipelines/cpr.ts";
import { lit, openMemory, type Warehouse } from "../../pipelines/db.ts";
import { cprFactsQuery, maskCprSql } from "../../pipelines/load/cpr-sql.ts";

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

describe("CPR in SQL", () => {
  it("agrees with parseCpr on validity, birth date and sex", async () => {
    const values = cases.map((c) => `(${lit(c)})`).join(", ");
    await wh.run(`create or replace table t as select * from (values ${values}) v(cpr)`);
    const got = await wh.all<{ raa: string; gyldig: boolean; foedselsdato: Date | null; koen: string | null; barn_id: string | null }>(
      cprFactsQuery("t", "cpr"),
      { key: "k" },
    );
    const byRaw = new Map(got.map((r) => [r.raa, r]));
    for (const c of cases) {
      const ts = parseCpr(c);
      const sql = byRaw.get(c)!;
      expect(sql.gyldig, c).toBe(ts !== null);
      expect(sql.foedselsdato ? sql.foedselsdato.toISOString().slice(0, 10) : null, c).toBe(ts?.foedselsdato ?? null);
      expect(sql.koen, c).toBe(ts?.koen ?? null);
    }
    expect(byRaw.get("010137-4001")!.foedselsdato!.toISOString().slice(0, 10)).toBe("1937-01-01");
    expect(byRaw.get("010158-5001")!.foedselsdato!.toISOString().slice(0, 10)).toBe("1858-01-01");
  });

  it("pseudonymises as the first 128 bits of SHA-256 of key and the ten digits, as a UUID, the same with or without dash", async () => {
    await wh.run(`create or replace table t as select * from (values ('0101151234'), ('010115-1234')) v(cpr)`);
    const got = await wh.all<{ barn_id: string }>(cprFactsQuery("t", "cpr"), { key: "k" });
    const { createHash } = await import("node:crypto");
    const hex = createHash("sha256").update("k0101151234").digest("hex");
    const expected = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
    expect(got.map((r) => r.barn_id)).toEqual([expected, expected]);
    const other = await wh.all<{ barn_id: string }>(cprFactsQuery("t", "cpr"), { key: "another key" });
    expect(other[0].barn_id).not.toBe(expected);
  });

  it("looks numbers of earlier files up instead of hashing them again, whatever their spelling", async () => {
    await wh.run(`create or replace table t as select * from (values ('0101151234'), ('010115-1234'), ('0202152345'), ('310415-1234')) v(cpr)`);
    await wh.run(`create or replace table known as select '0101151234' as digits, uuid '00000000-0000-0000-0000-000000000001' as barn_id, date '1915-01-01' as foedselsdato, 'pige' as koen`);
    const got = await wh.all<{ raa: string; gyldig: boolean; ny: boolean; barn_id: string | null }>(
      `select raa, gyldig, ny, barn_id::varchar barn_id from (${cprFactsQuery("t", "cpr", "known")}) order by raa`,
      { key: "k" },
    );
    const fresh = await wh.all<{ raa: string; barn_id: string }>(`select raa, barn_id::varchar barn_id from (${cprFactsQuery("t", "cpr")})`, { key: "k" });
    const hashed = new Map(fresh.map((r) => [r.raa, r.barn_id]));
    expect(got).toEqual([
      { raa: "010115-1234", gyldig: true, ny: false, barn_id: "00000000-0000-0000-0000-000000000001" },
      { raa: "0101151234", gyldig: true, ny: false, barn_id: "00000000-0000-0000-0000-000000000001" },
      { raa: "0202152345", gyldig: true, ny: true, barn_id: hashed.get("0202152345") },
      { raa: "310415-1234", gyldig: false, ny: true, barn_id: null },
    ]);
  });

  it("masks like maskCpr", async () => {
    const texts = ["U1;010115-1234;x", "0101151234 og 311299-3999", "tlf 12345678", "ingen"];
    for (const t of texts) {
      const [{ m }] = await wh.all<{ m: string }>(`select ${maskCprSql(lit(t))} as m`);
      expect(m).toBe(maskCpr(t));
    }
  });
});
