// `libu sql --format xlsx --out <file>`: the same result as the pinned `--format csv`, as one Excel sheet with
// numbers as numbers and dates as dates; --format csv unchanged.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { csvParseRows } from "d3-dsv";
import { expect, test } from "vitest";
import { main } from "../../pipelines/cli.ts";
import { openWarehouse } from "../../pipelines/db.ts";

const run = async (argv: string[]) => {
  let out = "";
  let err = "";
  const code = await main(argv, { stdout: { write: (t) => void (out += t) }, stderr: { write: (t) => void (err += t) }, env: {} });
  return { code, out, err };
};

test("libu sql --format xlsx writes the cells of --format csv, typed", async () => {
  const dir = mkdtempSync(join(tmpdir(), "libu-sql-"));
  const db = join(dir, "w.duckdb");
  const wh = await openWarehouse(db);
  await wh.run(`create table t as select * from (values (1, 0.25, DATE '2026-06-30', 'Team Nord', null), (1234, 18.5, DATE '2026-01-02', '<5', 'x')) v(n, andel, dato, tekst, tom)`);
  wh.close();
  const q = "select * from t order by n";
  const csv = await run(["sql", "--db", db, "--format", "csv", q]);
  expect(csv.out).toBe("n,andel,dato,tekst,tom\r\n1,0.25,2026-06-30,Team Nord,\r\n1234,18.5,2026-01-02,<5,x\r\n");
  const out = join(dir, "r.xlsx");
  const x = await run(["sql", "--db", db, "--format", "xlsx", "--out", out, q]);
  expect(x.code, x.err).toBe(0);
  expect(x.out).toBe("");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet("Resultat")!;
  const cells: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => cells.push([1, 2, 3, 4, 5].map((c) => {
    const v = row.getCell(c).value;
    return v === null || v === undefined ? "" : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
  })));
  expect(cells).toEqual(csvParseRows(csv.out.replaceAll("\r\n", "\n").trim()));
  expect(typeof ws.getCell("A3").value).toBe("number");
  expect(ws.getCell("A3").numFmt).toBe("#,##0");
  expect(ws.getCell("C2").value).toBeInstanceOf(Date);
  expect((await run(["sql", "--db", db, "--format", "xlsx", q])).code).toBe(2);
});
