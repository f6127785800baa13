// The shared XLSX writer (worklists, release appendix and downloads, review workbooks): the workbook is built by
// dashboards/components/xlsx-workbook.ts (there so the site's downloads use it too); files are written here.
export { type CellKind, DATE_FORMAT, DATETIME_FORMAT, INTEGER_FORMAT, decimalFormat, numberFormat, percentFormat } from "../../dashboards/components/xlsx-formats.ts";
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
  xlsxBytes,
} from "../../dashboards/components/xlsx-workbook.ts";
export { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, writeFileAtomic, writeXlsx, xlsxBuffer } from "./write.ts";
