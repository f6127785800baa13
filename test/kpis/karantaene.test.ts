// docs/method.md: "Quarantined rows … take part in nothing." End to end: export files with one defective line per
// quarantine rule that would change a KPI if it reached the models, loaded by the real loader, then built.
// The hand-written figures are those of the good lines only.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildModels } from "../../pipelines/runner/runner.ts";
import { defaults } from "../../pipelines/config.ts";
import { type Warehouse, openWarehouse } from "../../pipelines/db.ts";
import { loadFolder } from "../../pipelines/load/load-folder.ts";
import { createLogger } from "../../pipelines/log.ts";
import { MODELS_DIR, kpiRows, martRow } from "../helpers/fixture.ts";

const folder = mkdtempSync(join(tmpdir(), "libu-kpi-karantaene-"));
const HEADER_U = "underretning_id;cpr;modtaget;kilde;fagperson;vurderet;kvitteret;udfald;udfald_dato;alvorlig;enhed;distrikt";
writeFileSync(
  join(folder, "underretninger.csv"),
  [
    HEADER_U,
    "U1;010115-1234;10-01-2025 10:00;skole;;10-01-2025 12:00;;;;;Nord;", // good: assessed within 24 h
    "U2;240318-5678;11-02-2025 09:00;skole;;;;;;;Nord;", // good: not assessed
    "U3;1506124321;12-02-2025 10:00;skole;;11-02-2025 10:00;;;;;Nord;", // rule 5: vurderet before modtaget
    "U4;1506124321;12-02-2025 10:00;ukendt_kilde;;12-02-2025 11:00;;;;;Nord;", // rule 2: unknown kilde
    "U5;999999-9999;12-02-2025 10:00;skole;;12-02-2025 11:00;;;;;Nord;", // rule 3: not a CPR number
    "U2;1506124321;13-02-2025 10:00;skole;;13-02-2025 11:00;;;;;Nord;", // rule 4: duplicate id
    "U6;1506124321;i går;skole;;13-02-2025 11:00;;;;;Nord;", // rule 1: modtaget not a timestamp
    "U7;1506124321;14-02-2025 10:00;skole;;14-02-2025 11:00;;;;;;", // rule 1: enhed missing
  ].join("\n") + "\n",
);
writeFileSync(
  join(folder, "foranstaltninger.csv"),
  [
    "foranstaltning_id;cpr;type;paragraf;startet;ophoert;samtykke;aarlig_udgift;enhed;sagsbehandler_id",
    "F1;010115-1234;plejefamilie;;01.01.2025;;ja;;Nord;", // good: placed on 2025-03-31, family-based
    "F1;240318-5678;doegninstitution;;01.01.2025;;nej;;Nord;", // rule 4: duplicate id
    "F2;1506124321;ukendt_type;;01.01.2025;;nej;;Nord;", // rule 2: unknown type
  ].join("\n") + "\n",
);

let wh: Warehouse;
beforeAll(async () => {
  wh = await openWarehouse(join(folder, "warehouse.duckdb"));
  const log = createLogger({ write: () => {} });
  await loadFolder(wh, { folder, asOf: "2025-04-15", acceptRejects: true }, { log, pseudonym: { key: "test-nøgle", demo: false }, cwd: folder });
  await buildModels(wh, { modelsDir: MODELS_DIR, config: defaults, dataTests: false });
});
afterAll(() => {
  wh?.close();
  rmSync(folder, { recursive: true, force: true });
});

describe("quarantined rows take part in nothing", () => {
  test("the loader quarantined the defective lines (the test's premise)", async () => {
    const q = await wh.all<{ tabel: string; linje: number; regel: number }>(
      `select tabel, linje, regel from quarantine order by tabel, linje`,
    );
    expect(q).toEqual([
      { tabel: "foranstaltninger", linje: 3, regel: 4 },
      { tabel: "foranstaltninger", linje: 4, regel: 2 },
      { tabel: "underretninger", linje: 4, regel: 5 },
      { tabel: "underretninger", linje: 5, regel: 2 },
      { tabel: "underretninger", linje: 6, regel: 3 },
      { tabel: "underretninger", linje: 7, regel: 4 },
      { tabel: "underretninger", linje: 8, regel: 1 },
      { tabel: "underretninger", linje: 9, regel: 1 },
    ]);
  });

  test("KPIs 1–3 count the two good notifications only", async () => {
    expect(await kpiRows(wh, "underretninger_antal")).toEqual([martRow("2025K1", "Nord", 2), martRow("2025K1", null, 2)]);
    expect(await kpiRows(wh, "underretninger_boern")).toEqual([martRow("2025K1", "Nord", 2), martRow("2025K1", null, 2)]);
    expect(await kpiRows(wh, "underretning_vurderet_24t")).toEqual([martRow("2025K1", "Nord", 1, 2), martRow("2025K1", null, 1, 2)]);
  });

  test("KPIs 15–17 see the good placement only", async () => {
    expect(await kpiRows(wh, "anbragte_antal")).toEqual([martRow("2025K1", "Nord", 1), martRow("2025K1", null, 1)]);
    expect(await kpiRows(wh, "anbringelse_institution_andel")).toEqual([martRow("2025K1", "Nord", 0, 1), martRow("2025K1", null, 0, 1)]);
    expect(await kpiRows(wh, "anbringelse_uden_samtykke_andel")).toEqual([martRow("2025K1", "Nord", 0, 1), martRow("2025K1", null, 0, 1)]);
  });
});
