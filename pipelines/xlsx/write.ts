// Writing a workbook to a file: whole or not at all (a temporary file renamed into place), with the file mode
// chosen by the caller. Internal files (worklists, review workbooks) are the owner's only by default; a file
// meant for publishing passes 0o644.
import { chmodSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { type XlsxWorkbook, xlsxBytes } from "../../dashboards/components/xlsx-workbook.ts";

/** The workbook as the bytes of an .xlsx file (a data loader writes them to stdout). */
export async function xlsxBuffer(spec: XlsxWorkbook): Promise<Buffer> {
  return Buffer.from(await xlsxBytes(spec));
}

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Writes `bytes` to `path` atomically with exactly `mode` (the umask cannot widen or narrow it). */
export function writeFileAtomic(path: string, bytes: string | Uint8Array, mode = PRIVATE_FILE_MODE): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, bytes, { mode });
    chmodSync(tmp, mode);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Writes the workbook to `path` (mode 0600 unless `opts.mode` says otherwise). */
export async function writeXlsx(path: string, spec: XlsxWorkbook, opts: { mode?: number } = {}): Promise<void> {
  writeFileAtomic(path, await xlsxBuffer(spec), opts.mode ?? PRIVATE_FILE_MODE);
}
