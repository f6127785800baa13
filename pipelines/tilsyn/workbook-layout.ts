// The review workbook's layout (issue 13, deliverable 3), written once and read by both sides: the writer
// (workbooks.ts) and the load's reader of filled workbooks (read-workbooks.ts).

/** The sheet with one row per drawn case. */
export const REVIEW_SHEET = "Gennemgang";
export const INFO_SHEET = "Vejledning";

/** A review workbook in a load folder: `sagsgennemgang_<enhed>.xlsx` (any text after the prefix). */
export const isReviewWorkbook = (file: string) => /^sagsgennemgang[ _-].*\.xlsx$/i.test(file) && !file.startsWith("~$");

export const reviewWorkbookName = (periode: string, enhed: string) =>
  `sagsgennemgang_${periode}_${enhed.replace(/[^\p{L}\p{N}]+/gu, "_").replace(/^_|_$/g, "")}.xlsx`;

/** The answers as the drop-down offers them, and the code each means (tilsynssvar). */
export const ANSWERS: Record<string, string> = { ja: "ja", nej: "nej", "ikke relevant": "ikke_relevant" };
/** In a question's cell: the question does not apply to the case. */
export const NOT_APPLICABLE = "–";

/** The fixed columns; the questions' columns (header = spoergsmaal_id) stand between `lukket` and `gennemgaaet_af`. */
export const FIXED_BEFORE = [
  { key: "periode", header: "Kvartal" },
  { key: "sag_id", header: "Sags-id" },
  { key: "sagsbehandler_id", header: "Sagsbehandler" },
  { key: "oprettet", header: "Sag oprettet", kind: "date" as const },
  { key: "lukket", header: "Sag lukket", kind: "date" as const },
] as const;
export const FIXED_AFTER = [
  { key: "gennemgaaet_af", header: "Gennemgået af", editable: true },
  { key: "dato", header: "Dato for gennemgang", kind: "date" as const, editable: true },
  { key: "kommentar", header: "Kommentar (bliver i lageret)", editable: true, width: 40 },
] as const;
