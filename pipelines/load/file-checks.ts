// File-level checks that replace unclear messages with one that says what was found and what to do (issue 11):
// a workbook that is not one, a tab-delimited file, a NUL byte anywhere in a text file. Danish, without the file name.

/** A file named .xlsx that is not an Excel workbook (a zip file): what it is instead, or undefined. */
export function xlsxProblem(buf: Buffer): string | undefined {
  if (buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04) return undefined;
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])))
    return "filen er en gammel Excel-fil (.xls) med endelsen .xlsx — åbn den i Excel og gem den som .xlsx (Excel-projektmappe) eller som CSV";
  const head = buf.subarray(0, 4096);
  const text = !head.includes(0) && head.toString("latin1").split(/[\r\n]/)[0]?.match(/[;,\t]/);
  if (text) return "filen er ikke en Excel-projektmappe, men ser ud til at være tekst (CSV) — giv den endelsen .csv";
  return "filen er ikke en Excel-projektmappe (.xlsx) — eksportér den igen som .xlsx eller CSV";
}

/** A header read with `;` or `,` that is really split by tabs (or has no delimiter at all). */
export function delimiterProblem(header: string[]): string | undefined {
  if (header.length !== 1) return undefined;
  if (header[0].includes("\t"))
    return "kolonnerne er adskilt af tabulatortegn — libu læser ; eller , som skilletegn; gem filen som CSV med semikolon (;)";
  return undefined;
}

/** The first NUL byte anywhere in the file, as line and byte (1-based), or undefined. */
export function nulByte(buf: Buffer): { line: number; byte: number } | undefined {
  const at = buf.indexOf(0);
  if (at < 0) return undefined;
  let line = 1;
  for (let i = buf.indexOf(0x0a); i >= 0 && i < at; i = buf.indexOf(0x0a, i + 1)) line++;
  return { line, byte: at + 1 };
}
