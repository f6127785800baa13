// The shared XLSX writer (worklists, release appendix and downloads, review workbooks): see workbook.ts.
export { type CellKind, DATE_FORMAT, DATETIME_FORMAT, INTEGER_FORMAT, decimalFormat, numberFormat, percentFormat } from "./formats.ts";
export {
  type SortKey,
  type XlsxColumn,
  type XlsxInfoLine,
  type XlsxInfoSheet,
  type XlsxSheet,
  type XlsxTableSheet,
  type XlsxWorkbook,
  buildWorkbook,
  cellValue,
  safeSheetName,
  sortRows,
  xlsxBuffer,
} from "./workbook.ts";
export { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, writeFileAtomic, writeXlsx } from "./write.ts";
