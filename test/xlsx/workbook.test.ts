// The shared XLSX writer: what each of its users relies on, read back from the written file.
import ExcelJS from "exceljs";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { safeSheetName, sortRows, writeXlsx, xlsxBuffer, type XlsxWorkbook } from "../../pipelines/xlsx/index.ts";

async function readBack(spec: XlsxWorkbook) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await xlsxBuffer(spec)) as unknown as ArrayBuffer);
  return wb;
}

const liste: XlsxWorkbook = {
  sheets: [
    { kind: "info", name: "Forside", title: "Arbejdslister", lines: [{ label: "Dato", value: "2026-09-30", kind: "date" }, { label: "Overskredne", value: 3 }, "", "Intern."] },
    {
      kind: "table",
      name: "Undersøgelser",
      title: ["Undersøgelser pr. 30-09-2026"],
      columns: [
        { key: "sag_id", header: "Sag" },
        { key: "frist", header: "Frist", kind: "date" },
        { key: "dage", header: "Dage over fristen", kind: "integer" },
        { key: "andel", header: "Andel", kind: "percent" },
        { key: "begrundet", header: "Begrundelse", kind: "boolean" },
      ],
      rows: [
        { sag_id: "000123", frist: new Date("2026-09-01T00:00:00Z"), dage: 29n, andel: 0.843, begrundet: false },
        { sag_id: "S2", frist: "2026-10-10", dage: -10, andel: "<5", begrundet: true },
        { sag_id: "S3", frist: null, dage: null, andel: "–", begrundet: null },
      ],
      sort: [{ key: "dage", descending: true }],
    },
  ],
};

describe("xlsx writer", () => {
  it("writes numbers as numbers, dates as Excel dates, ids and suppressed cells as text", async () => {
    const ws = (await readBack(liste)).getWorksheet("Undersøgelser")!;
    expect(ws.getCell("A1").value).toBe("Undersøgelser pr. 30-09-2026");
    expect(ws.getRow(3).values).toEqual([undefined, "Sag", "Frist", "Dage over fristen", "Andel", "Begrundelse"]);
    expect(ws.getCell("A4").value).toBe("000123"); // not the number 123
    expect(ws.getCell("B4").value).toEqual(new Date("2026-09-01T00:00:00Z"));
    expect(ws.getCell("B4").numFmt).toBe("dd-mm-yyyy");
    expect(ws.getCell("C4").value).toBe(29);
    expect(ws.getCell("C4").numFmt).toBe("#,##0");
    expect(ws.getCell("D4").value).toBe(0.843);
    expect(ws.getCell("D4").numFmt).toBe("0.0 %");
    expect(ws.getCell("E4").value).toBe("nej");
    expect(ws.getCell("D5").value).toBe("<5");
    expect(ws.getCell("D5").alignment?.horizontal).toBe("right");
    expect(ws.getCell("B5").value).toEqual(new Date("2026-10-10T00:00:00Z"));
    expect(ws.getCell("D6").value).toBe("–");
    expect(ws.getCell("B6").value).toBeNull();
  });

  it("sorts (empty values last), freezes the header row and puts the autofilter on it", async () => {
    const ws = (await readBack(liste)).getWorksheet("Undersøgelser")!;
    expect([4, 5, 6].map((r) => ws.getCell(`A${r}`).value)).toEqual(["000123", "S2", "S3"]);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
    expect(ws.autoFilter).toBe("A3:E6");
    expect(sortRows([{ d: null }, { d: 1 }, { d: 3 }], [{ key: "d" }]).map((r) => r.d)).toEqual([1, 3, null]);
    expect(sortRows([{ d: null }, { d: 1 }, { d: 3 }], [{ key: "d", descending: true }]).map((r) => r.d)).toEqual([3, 1, null]);
  });

  it("writes an info sheet of label/value lines", async () => {
    const ws = (await readBack(liste)).getWorksheet("Forside")!;
    expect(ws.getCell("A1").value).toBe("Arbejdslister");
    expect(ws.getCell("A3").value).toBe("Dato");
    expect(ws.getCell("B3").value).toEqual(new Date("2026-09-30T00:00:00Z"));
    expect(ws.getCell("B4").value).toBe(3);
    expect(ws.getCell("A6").value).toBe("Intern.");
  });

  it("adds drop-downs, long lists on a hidden sheet, and protects headers while editable columns stay open", async () => {
    const lang = Array.from({ length: 40 }, (_, i) => `mulighed nummer ${i + 1}`);
    const wb = await readBack({
      sheets: [
        {
          kind: "table",
          name: "Gennemgang",
          columns: [
            { key: "id", header: "Sag" },
            { key: "svar", header: "Opfyldt", choices: ["ja", "nej", "delvist"] },
            { key: "lang", header: "Lang", choices: lang },
            { key: "note", header: "Bemærkning", editable: true },
          ],
          rows: [{ id: "S1" }, { id: "S2" }],
          inputRows: 1,
          protect: true,
        },
      ],
    });
    const ws = wb.getWorksheet("Gennemgang")!;
    expect(ws.getCell("B2").dataValidation).toMatchObject({ type: "list", formulae: ['"ja,nej,delvist"'] });
    expect(ws.getCell("B4").dataValidation?.type).toBe("list"); // the input row
    expect(ws.getCell("C2").dataValidation?.formulae?.[0]).toBe("'_valg'!$A$1:$A$40");
    expect(wb.getWorksheet("_valg")?.state).toBe("veryHidden");
    expect(ws.getCell("A1").protection?.locked).not.toBe(false);
    expect(ws.getCell("A2").protection?.locked).not.toBe(false);
    expect(ws.getCell("B3").protection?.locked).toBe(false);
    expect(ws.getCell("D4").protection?.locked).toBe(false);
    const xml = ws.model as unknown as { sheetProtection?: Record<string, unknown> };
    expect(xml.sheetProtection).toMatchObject({ sheet: true, autoFilter: true, sort: true });
  });

  it("rejects a sheet name Excel would refuse and makes safe ones", async () => {
    await expect(xlsxBuffer({ sheets: [{ kind: "info", name: "a/b", lines: [] }] })).rejects.toThrow(/invalid sheet name/);
    await expect(xlsxBuffer({ sheets: [{ kind: "info", name: "A", lines: [] }, { kind: "info", name: "a", lines: [] }] })).rejects.toThrow(/two sheets/);
    expect(safeSheetName("Børneenheden Søndermose / Øst [2]")).toBe("Børneenheden Søndermose - Øst -");
    expect(safeSheetName("Nord", ["nord"])).toBe("Nord 2");
  });

  it("writes the file atomically, readable by its owner only unless told otherwise", async () => {
    const dir = mkdtempSync(join(tmpdir(), "libu-xlsx-"));
    await writeXlsx(join(dir, "a.xlsx"), liste);
    expect(statSync(join(dir, "a.xlsx")).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, "a.xlsx")).subarray(0, 2).toString()).toBe("PK");
    await writeXlsx(join(dir, "b.xlsx"), liste, { mode: 0o644 });
    expect(statSync(join(dir, "b.xlsx")).mode & 0o777).toBe(0o644);
  });
});
