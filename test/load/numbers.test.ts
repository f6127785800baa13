// Numbers by the file's convention (numbers.ts): decided per column from its values, else the delimiter.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lit, openMemory, type Warehouse } from "../../pipelines/db.ts";
import { type ConventionCounts, conventionQuery, decideConvention, decimalExpr, type DecimalConvention } from "../../pipelines/load/numbers.ts";

let wh: Warehouse;
beforeAll(async () => (wh = await openMemory()));
afterAll(() => wh.close());

const table = (values: string[]) => `(select * from (values ${values.map((v) => `(${lit(v)})`).join(", ")}) v(x))`;

async function convention(values: string[], delimiter: string): Promise<DecimalConvention> {
  const [c] = await wh.all<ConventionCounts>(conventionQuery(table(values), new Map([["normering", "x"]])));
  return decideConvention(c, delimiter);
}

async function read(values: string[], c: DecimalConvention): Promise<(number | null)[]> {
  const rows = await wh.all<{ y: number | null }>(`select ${decimalExpr("x", c)} as y from ${table(values)}`);
  return rows.map((r) => r.y);
}

describe("the decimal convention of a column", () => {
  it("0.800 and 1.000 in a , file with dot decimals are 0,8 and 1", async () => {
    const values = ["0.800", "1.000", "0.500", "1"];
    const c = await convention(values, ",");
    expect(c).toBe("punktum");
    expect(await read(values, c)).toEqual([0.8, 1, 0.5, 1]);
  });

  it("a , file whose only dotted values could be thousands: decimal point (the delimiter decides)", async () => {
    expect(await convention(["1.000", "2"], ",")).toBe("punktum");
    expect(await convention(["1.000", "2"], ";")).toBe("komma");
  });

  it("Danish values: 1.234,50 and 12.500 are thousands", async () => {
    const values = ["1.234,50", "12.500", "0,8", "3"];
    const c = await convention(values, ";");
    expect(c).toBe("komma");
    expect(await read(values, c)).toEqual([1234.5, 12500, 0.8, 3]);
  });

  it("a column with both: each value by its own shape, and 1.000 left unread (quarantined)", async () => {
    const values = ["0.8", "1,5", "1.000", "1.234.567", "37.25"];
    const c = await convention(values, ";");
    expect(c).toBe("blandet");
    expect(await read(values, c)).toEqual([0.8, 1.5, null, 1234567, 37.25]);
  });
});
