// sagsgennemgange through the normal load (issue 13, deliverables 4 and 8): every quarantine rule of the new table,
// with file, line and column; the first of a repeated answer kept; CPR numbers in comments masked before storing.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Warehouse } from "../../pipelines/db.ts";
import { tilsynTablesDdl } from "../../pipelines/tilsyn/tables.ts";
import { CPR_PATTERN, freshWarehouse, load, rows, tempDir } from "../load/helpers.ts";

const HEADER = "periode;sag_id;spoergsmaal_id;svar;gennemgaaet_af;dato;kommentar";
const lines = [
  "2025K3;S1;bisidder;ja;Leder A;10-10-2025;", // line 2: good
  "2025K3;S1;barnets_perspektiv;nej;Leder A;10-10-2025;Barnet (cpr 010115-1234) er ikke hørt", // 3: good, CPR masked
  "2025K3;S2;bisidder;ikke relevant;Leder A;10-10-2025;", // 4: answer outside the set (rule 2)
  "2025K3;S2;findes_ikke;ja;Leder A;10-10-2025;", // 5: unknown question (rule 2)
  "2025K3;S9;bisidder;ja;Leder A;10-10-2025;", // 6: case not in the sample (rule 7)
  "2025K2;S1;bisidder;ja;Leder A;10-10-2025;", // 7: the sample of another quarter (rule 7)
  "2025K3;S1;boerne_ungeudvalg;ja;Leder A;10-10-2025;", // 8: question does not apply to the case (rule 7)
  "2025K3;S2;bisidder;nej;Leder A;16-10-2025;", // 9: reviewed after the as-of date (rule 6)
  "2025K3;S1;bisidder;nej;Leder B;11-10-2025;", // 10: repeated answer (rule 7), line 2 kept
  "2025K3;S2;barnets_perspektiv;ikke_relevant;Leder A;10-10-2025;", // 11: good
  "2025K3;S3;bisidder;ja;Leder A;10-10-2025;", // 12: good
];

let wh: Warehouse;
let folder: string;
beforeAll(async () => {
  wh = await freshWarehouse();
  for (const ddl of tilsynTablesDdl) await wh.run(ddl);
  await wh.run(`insert into tilsyn_stikproeve values
    ('2025K3', 'Nord', 'S1', 'risiko', 0.5, 7, now()), ('2025K3', 'Nord', 'S2', 'tilfaeldig', 0.25, 7, now()),
    ('2025K3', 'Nord', 'S3', 'tilfaeldig', 0.25, 7, now())`);
  await wh.run(`insert into tilsyn_stikproeve_spoergsmaal
    select '2025K3', s, q from (values ('S1'), ('S2'), ('S3')) a(s), (values ('bisidder'), ('barnets_perspektiv')) b(q)`);
  folder = tempDir("libu-tilsyn-load-");
  writeFileSync(join(folder, "sagsgennemgange.csv"), [HEADER, ...lines].join("\n") + "\n");
});
afterAll(() => wh?.close());

describe("libu load: sagsgennemgange", () => {
  test("quarantines each broken rule with file, line and column, and loads the rest", async () => {
    const r = await load(wh, { folder, asOf: "2025-10-15", acceptRejects: true });
    expect(r.error).toBeUndefined();
    const q = await rows<{ fil: string; linje: number; kolonne: string; regel: number; aarsag: string }>(
      wh,
      "select fil, linje, kolonne, regel, aarsag from quarantine where tabel = 'sagsgennemgange' order by linje",
    );
    expect(q.map((x) => [x.linje, x.kolonne, x.regel, x.aarsag])).toEqual([
      [4, "svar", 2, "ukendt_kode"],
      [5, "spoergsmaal_id", 2, "ukendt_kode"],
      [6, "sag_id", 7, "ikke_i_stikproeve"],
      [7, "sag_id", 7, "ikke_i_stikproeve"],
      [8, "spoergsmaal_id", 7, "gaelder_ikke"],
      [9, "dato", 6, "efter_as_of"],
      [10, "spoergsmaal_id", 7, "gentaget_svar"],
    ]);
    expect(new Set(q.map((x) => x.fil))).toEqual(new Set(["sagsgennemgange.csv"]));
    const loaded = await rows<{ _linje: number; svar: string; gennemgaaet_af: string }>(
      wh,
      "select _linje, svar, gennemgaaet_af from src_sagsgennemgange order by _linje",
    );
    expect(loaded.map((x) => x._linje)).toEqual([2, 3, 11, 12]);
    expect(loaded[0]).toMatchObject({ svar: "ja", gennemgaaet_af: "Leder A" }); // the first answer is kept
  });

  test("a CPR number in a comment is masked in the warehouse and in the quarantine", async () => {
    const [c] = await rows<{ kommentar: string }>(wh, "select kommentar from src_sagsgennemgange where _linje = 3");
    expect(c.kommentar).toBe("Barnet (cpr 010115-****) er ikke hørt");
    const all = await rows<{ t: string }>(
      wh,
      "select coalesce(string_agg(kommentar, ' '), '') || (select coalesce(string_agg(raa_tekst || besked, ' '), '') from quarantine) as t from src_sagsgennemgange",
    );
    expect(all[0].t).not.toMatch(CPR_PATTERN);
  });

  test("before any draw, every review is outside the sample and the load refuses the file", async () => {
    const empty = await freshWarehouse();
    try {
      const r = await load(empty, { folder, asOf: "2025-10-15" });
      expect(r.error?.message).toMatch(/sagsgennemgange\.csv: .*ville komme i karantæne/);
      expect((await rows<{ n: bigint }>(empty, "select count(*) as n from information_schema.tables where table_name = 'src_sagsgennemgange'"))[0].n).toBe(0n);
    } finally {
      empty.close();
    }
  });
});
