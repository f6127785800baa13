// XLSX exports: the first sheet, header in row 1, written as a UTF-8 CSV so it takes the same path as a CSV
// file. Excel date cells become ISO text (with the time for timestamp columns); text dates stay as written.
// Row n of the sheet is line n of the CSV (empty rows stay as blank lines), so line numbers match the sheet.
import { csvFormatRows } from "d3-dsv";
import ExcelJS from "exceljs";
import { writeFileSync } from "node:fs";

const pad = (n: number) => String(n).padStart(2, "0");

/** Excel stores local time without zone; exceljs hands it over as the same wall-clock time in UTC. */
function excelDate(d: Date, withTime: boolean): string {
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return withTime ? `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` : date;
}

function cellText(value: ExcelJS.CellValue, withTime: boolean): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return excelDate(value, withTime);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue, withTime);
    if ("text" in value) return String(value.text);
    if ("error" in value) return "";
    return "";
  }
  return String(value);
}

/**
 * Writes the first sheet of `xlsxPath` as CSV to `csvPath`. `columnType(header)` gives the contract type of a
 * header: timestamp columns keep the time of their date cells, and a CPR number Excel stored as a number gets
 * back its leading zero. Returns a problem (Danish, without the file name) when the workbook has no sheet or its
 * first sheet is empty (a cover sheet in front of the data: the first sheet is read, never another one guessed).
 */
export async function xlsxToCsv(xlsxPath: string, csvPath: string, columnType: (header: string) => string | undefined): Promise<string | undefined> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(xlsxPath);
  const sheet = workbook.worksheets[0];
  if (!sheet) return "arbejdsbogen har intet ark — eksportér den igen";
  if (!sheet.actualRowCount) {
    const others = workbook.worksheets.slice(1).filter((w) => w.actualRowCount > 0).map((w) => `«${w.name}»`);
    return (
      `det første ark («${sheet.name}») er tomt, og libu læser det første ark — flyt dataene til det første ark, eller slet det tomme ark` +
      (others.length ? ` (arbejdsbogen har også: ${others.join(", ")})` : " (arbejdsbogens andre ark er også tomme)")
    );
  }
  const width = sheet.getRow(1).cellCount;
  const header = Array.from({ length: width }, (_, i) => cellText(sheet.getRow(1).getCell(i + 1).value, false));
  const types = header.map(columnType);
  const rows: string[][] = [header];
  const last = sheet.actualRowCount ? sheet.rowCount : 0;
  for (let r = 2; r <= last; r++) {
    const row = sheet.getRow(r);
    const cells = Array.from({ length: width }, (_, i) => {
      const value = row.getCell(i + 1).value;
      if (types[i] === "cpr" && typeof value === "number") return String(value).padStart(10, "0");
      return cellText(value, types[i] === "timestamp");
    });
    rows.push(cells.every((c) => c === "") ? [] : cells);
  }
  // Trailing empty rows (formatting only) are not data.
  while (rows.length > 1 && rows[rows.length - 1].length === 0) rows.pop();
  const text = rows.map((r) => (r.length ? csvFormatRows([r]) : "")).join("\n");
  writeFileSync(csvPath, text + "\n");
  return undefined;
}
