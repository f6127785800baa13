// The demo's ledelsestilsyn (issue 13, deliverable 7): for the latest quarters, draw the sample, write the review
// workbooks and fill them in as leaders would — answers that agree with the register most of the time (a question
// with a register twin follows the case's flag), a few "ikke relevant", and one unit's weak spot: inddragelse
// (the child heard, partshøring, bisidder) clearly below the others. The filled workbooks are then loaded by
// `libu load` like any municipality's. Internal files: the folder is outside the site's output.
import ExcelJS from "exceljs";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { lit, type Warehouse } from "../db.ts";
import { ANSWERS, FIXED_AFTER, NOT_APPLICABLE, REVIEW_SHEET, isReviewWorkbook } from "../tilsyn/workbook-layout.ts";
import { DATE_FORMAT, PRIVATE_FILE_MODE, writeFileAtomic } from "../xlsx/index.ts";
import { Rng } from "./random.ts";

/** The unit whose reviews reveal a weak spot, and where. */
export const WEAK_UNIT = "Team Øst";
export const WEAK_OMRAADE = "inddragelse";
export const DEMO_TILSYN_SEED = 2026;
/** Reviewed quarters: the latest complete ones. */
export const DEMO_TILSYN_QUARTERS = 2;

interface CaseFacts {
  sag_id: string;
  enhed: string;
  risiko: boolean;
  undersoegelse_over_frist: boolean;
  opfoelgning_mangler: boolean;
  frist_overskredet: boolean;
}

/** What the register says about a question's requirement for the case: false = broken, undefined = nothing. */
function registerSays(q: string, c: CaseFacts): boolean | undefined {
  if (q === "udredning_frist") return !c.undersoegelse_over_frist;
  if (q === "opfoelgning_rettidig" || q === "opfoelgning_maal") return !c.opfoelgning_mangler;
  if (q === "plan_foreligger") return !c.frist_overskredet;
  return undefined;
}

/** The latest complete quarters with cases, newest last. */
export async function demoQuarters(wh: Warehouse): Promise<string[]> {
  const rows = await wh.all<{ periode: string }>(
    `select distinct periode from int_tilsyn_population order by periode desc limit ${DEMO_TILSYN_QUARTERS}`,
  );
  return rows.map((r) => r.periode).reverse();
}

/** Fills every review workbook in `folder` (written by `libu tilsyn arbejdsark`) in place. */
export async function fillDemoWorkbooks(wh: Warehouse, folder: string, seed = DEMO_TILSYN_SEED): Promise<number> {
  const rng = new Rng(seed);
  const omraade = new Map(
    (await wh.all<{ spoergsmaal_id: string; omraade: string }>("select spoergsmaal_id, omraade from tilsynsspoergsmaal")).map((r) => [r.spoergsmaal_id, r.omraade]),
  );
  let answers = 0;
  for (const file of readdirSync(folder).filter(isReviewWorkbook).sort()) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(folder, file));
    const ws = wb.getWorksheet(REVIEW_SHEET)!;
    const header = ws.getRow(1);
    const cols = new Map<string, number>();
    header.eachCell((cell, c) => cols.set(String(cell.value), c));
    const col = (key: string) => cols.get(FIXED_AFTER.find((c) => c.key === key)!.header)!;
    const [sagCol, periodeCol] = [cols.get("Sags-id")!, cols.get("Kvartal")!];
    const periode = String(ws.getCell(2, periodeCol).value);
    const facts = new Map(
      (
        await wh.all<CaseFacts>(
          `select p.sag_id, p.enhed, p.risiko, p.undersoegelse_over_frist, p.opfoelgning_mangler, p.frist_overskredet
           from int_tilsyn_population as p where p.periode = ${lit(periode)}`,
        )
      ).map((f) => [f.sag_id, f]),
    );
    const [{ qe }] = await wh.all<{ qe: Date }>(`select qe from int_kvartaler where kvartal = ${lit(periode)}`);
    const reviewers = ["Afdelingsleder", "Faglig koordinator", "Jurist"];
    for (let r = 2; r <= ws.rowCount; r++) {
      const sag = ws.getCell(r, sagCol).value;
      const c = facts.get(String(sag));
      if (!c) continue;
      const weak = c.enhed === WEAK_UNIT;
      for (const [q, k] of cols) {
        if (!omraade.has(q)) continue;
        const cell = ws.getCell(r, k);
        if (cell.value === NOT_APPLICABLE) continue;
        const twin = registerSays(q, c);
        let p = c.risiko ? 0.8 : 0.93;
        if (weak && omraade.get(q) === WEAK_OMRAADE) p = c.risiko ? 0.45 : 0.6;
        // The review mostly agrees with the register: a broken deadline is mostly found broken, and the reverse.
        if (twin !== undefined) p = twin ? 0.94 : 0.12;
        const answer = rng.chance(0.04) ? "ikke relevant" : rng.chance(p) ? "ja" : "nej";
        cell.value = answer;
        answers++;
      }
      ws.getCell(r, col("gennemgaaet_af")).value = rng.pick(reviewers);
      // Reviewed in the first weeks after the quarter.
      const dato = ws.getCell(r, col("dato"));
      dato.value = new Date(qe.getTime() + rng.int(3, 14) * 86_400_000);
      dato.numFmt = DATE_FORMAT;
      if (rng.chance(0.15))
        ws.getCell(r, col("kommentar")).value = rng.pick([
          "Afgørelsen mangler henvisning til lovgrundlaget.",
          "Børnesamtalen er ikke journaliseret.",
          "God sag: planen har klare mål.",
          "Opfølgningen er sket, men ikke dokumenteret rettidigt.",
        ]);
    }
    writeFileAtomic(join(folder, file), Buffer.from(await wb.xlsx.writeBuffer()), PRIVATE_FILE_MODE);
  }
  return answers;
}

/**
 * The whole demo round through the CLI, after the demo's load and build: draw each latest quarter, write and fill
 * the workbooks in `folder`, load them and build again. `step` runs one `libu` command (start.ts's).
 */
export async function demoTilsyn(step: (args: string[]) => Promise<void>, db: string, folder: string, asOf?: string): Promise<void> {
  const { openWarehouse } = await import("../db.ts");
  let wh = await openWarehouse(db, { readOnly: true });
  const quarters = await demoQuarters(wh).finally(() => wh.close());
  for (const periode of quarters) {
    await step(["tilsyn", "udtraek", "--db", db, "--periode", periode, "--antal", "20", "--seed", String(DEMO_TILSYN_SEED)]);
    await step(["tilsyn", "arbejdsark", "--db", db, "--periode", periode, "--out", folder]);
  }
  wh = await openWarehouse(db, { readOnly: true });
  await fillDemoWorkbooks(wh, folder).finally(() => wh.close());
  await step(["load", folder, "--db", db, ...(asOf ? ["--as-of", asOf] : [])]);
  await step(["build", "--db", db]);
}
