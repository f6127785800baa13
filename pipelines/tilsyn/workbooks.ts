// `libu tilsyn arbejdsark`: one review workbook per unit for a drawn sample (issue 13, deliverable 3), through the
// shared XLSX writer: an instructions sheet and a protected sheet with one row per drawn case, a drop-down column per
// question that applies to some case of the unit ("–" where it does not apply to the case), reviewer, date and
// comment. Internal like the worklists: case ids, files 0600, never inside the site's output folder.
import { mkdirSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import type { Context } from "../command.ts";
import { lit, openWarehouse } from "../db.ts";
import { LibuError, UsageError } from "../errors.ts";
import { PRIVATE_DIR_MODE, type XlsxColumn, type XlsxWorkbook, writeXlsx } from "../xlsx/index.ts";
import { PERIODE } from "./draw.ts";
import { SAMPLE_QUESTIONS_TABLE, SAMPLE_TABLE } from "./tables.ts";
import { ANSWERS, FIXED_AFTER, FIXED_BEFORE, INFO_SHEET, NOT_APPLICABLE, REVIEW_SHEET, reviewWorkbookName } from "./workbook-layout.ts";
import { REPO } from "../paths.ts";

interface Question {
  spoergsmaal_id: string;
  nr: number;
  omraade: string;
  tekst: string;
  lov_sel: string | null;
  lov_bl: string | null;
}

interface Case {
  enhed: string;
  sag_id: string;
  sagsbehandler_id: string | null;
  oprettet: Date | null;
  lukket: Date | null;
  spoergsmaal: string[];
}

const inside = (dir: string, parent: string) => {
  const rel = relative(parent, dir);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
};

/** Refuses a folder inside the site's output folder (dist/ of the repository or of the working directory). */
export function assertInternalFolder(out: string, cwd: string): void {
  for (const site of [join(REPO, "dist"), join(cwd, "dist")])
    if (inside(out, site))
      throw new UsageError(`${out}: arbejdsarkene indeholder sags-id'er og må ikke ligge i sitets mappe (${site}) — vælg en anden --out`);
}

/** The workbook of one unit: instructions, then the cases. */
export function reviewWorkbook(periode: string, enhed: string, cases: Case[], questions: Question[], created?: Date): XlsxWorkbook {
  const used = questions.filter((q) => cases.some((c) => c.spoergsmaal.includes(q.spoergsmaal_id)));
  const choices = Object.keys(ANSWERS);
  const columns: XlsxColumn[] = [
    ...FIXED_BEFORE.map((c) => ({ ...c })),
    ...used.map((q) => ({ key: q.spoergsmaal_id, header: q.spoergsmaal_id, choices, note: `${q.nr}. ${q.tekst}` })),
    ...FIXED_AFTER.map((c) => ({ ...c })),
  ];
  const rows = cases.map((c) => ({
    periode,
    sag_id: c.sag_id,
    sagsbehandler_id: c.sagsbehandler_id,
    oprettet: c.oprettet,
    lukket: c.lukket,
    ...Object.fromEntries(used.filter((q) => !c.spoergsmaal.includes(q.spoergsmaal_id)).map((q) => [q.spoergsmaal_id, NOT_APPLICABLE])),
  }));
  return {
    title: `Ledelsestilsyn ${periode} — ${enhed}`,
    subject: "Sagsgennemgang (internt: indeholder sags-id'er)",
    created,
    sheets: [
      {
        kind: "info",
        name: INFO_SHEET,
        title: `Ledelsestilsyn ${periode} — ${enhed}`,
        lines: [
          "Internt dokument: arket indeholder sags-id'er. Det må ikke offentliggøres eller sendes uden for kommunen.",
          "",
          `Arket "${REVIEW_SHEET}" har én række pr. udtrukket sag. Læs sagen i sagssystemet og svar på hvert spørgsmål`,
          'med "ja", "nej" eller "ikke relevant" fra rullelisten. "–" betyder, at spørgsmålet ikke gælder for sagen.',
          "Udfyld Gennemgået af og Dato for gennemgang. Skriv aldrig CPR-numre i kommentaren; de bliver maskeret ved indlæsning.",
          "Overskrifterne er låst: de bruges, når arket indlæses igen med `libu load <mappe>`.",
          "",
          { label: "Kvartal", value: periode },
          { label: "Enhed", value: enhed },
          { label: "Sager", value: cases.length },
          "",
          "Spørgsmål (kolonnens overskrift, spørgsmålet og lovgrundlaget — ikke juridisk verificeret):",
          ...used.map((q) => ({
            label: q.spoergsmaal_id,
            value: `${q.nr}. ${q.tekst} (${[q.lov_sel && `SEL: ${q.lov_sel}`, q.lov_bl && `BL: ${q.lov_bl}`].filter(Boolean).join("; ")})`,
          })),
        ],
      },
      { kind: "table", name: REVIEW_SHEET, columns, rows, protect: true, freezeHeader: true, autoFilter: false },
    ],
  };
}

/** Writes one workbook per unit of the sample of `periode` into `out`; returns the files. */
export async function writeWorkbooks(ctx: Pick<Context, "dbPath" | "cwd" | "log">, periode: string, outFolder: string): Promise<string[]> {
  if (!PERIODE.test(periode)) throw new UsageError(`--periode skal være et kvartal som 2026K3, ikke "${periode}"`);
  const out = resolve(ctx.cwd, outFolder);
  assertInternalFolder(out, ctx.cwd);
  const wh = await openWarehouse(ctx.dbPath, { readOnly: true });
  let cases: Case[];
  let questions: Question[];
  try {
    cases = await wh.all<Case>(
      `select s.enhed, s.sag_id, g.sagsbehandler_id, g.oprettet, g.lukket,
         coalesce((select list(q.spoergsmaal_id order by q.spoergsmaal_id) from ${SAMPLE_QUESTIONS_TABLE} as q
           where q.periode = s.periode and q.sag_id = s.sag_id), []) as spoergsmaal
       from ${SAMPLE_TABLE} as s left join stg_sager as g on g.sag_id = s.sag_id
       where s.periode = ${lit(periode)} order by s.enhed, s.sag_id`,
    );
    questions = await wh.all<Question>("select spoergsmaal_id, nr, omraade, tekst, lov_sel, lov_bl from tilsynsspoergsmaal order by nr");
  } finally {
    wh.close();
  }
  if (!cases.length) throw new LibuError(`der er ingen stikprøve for ${periode} — træk den først med \`libu tilsyn udtraek --periode ${periode}\``);
  mkdirSync(out, { recursive: true, mode: PRIVATE_DIR_MODE });
  const files: string[] = [];
  for (const enhed of [...new Set(cases.map((c) => c.enhed))]) {
    const file = join(out, reviewWorkbookName(periode, enhed));
    await writeXlsx(file, reviewWorkbook(periode, enhed, cases.filter((c) => c.enhed === enhed), questions));
    files.push(file);
  }
  ctx.log.info(`tilsyn: ${files.length} arbejdsark for ${periode} i ${out} (internt: sags-id'er; kun til enhedens ledelse)`);
  return files;
}
