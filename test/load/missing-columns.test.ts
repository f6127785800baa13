// Issue 15, deliverable 5, on the canonical path: a file that lacks required columns fails with ONE line that lists
// them all, shows the header as read (CPR masked) and, when a later line looks like the header, says so.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Warehouse } from "../../pipelines/db.ts";
import { CPR_PATTERN, freshWarehouse, load, tempDir } from "./helpers.ts";

let wh: Warehouse;
beforeEach(async () => {
  wh = await freshWarehouse();
});
afterEach(() => wh.close());

const rowsOf = ["U1;010115-1234;05-01-2025 10:00;skole;Team", "U2;010115-1234;06-01-2025 10:00;nabo;Team"];

async function problems(content: string): Promise<string[]> {
  const dir = tempDir();
  writeFileSync(join(dir, "underretninger.csv"), content);
  return (await load(wh, { folder: dir })).error!.problems ?? [];
}

describe("a missing required column", () => {
  it("title rows above the header: one line with every missing column, the header as read and the hint", async () => {
    const p = await problems(["Underretninger, udtræk 010115-1234", "Kommune: Demo", "underretning_id;cpr;modtaget;kilde;enhed", ...rowsOf].join("\n") + "\n");
    expect(p).toEqual([
      'underretninger.csv, linje 1: mangler de påkrævede kolonner underretning_id, cpr, modtaget, kilde, enhed (underretninger); overskriften læst: "Underretninger;udtræk 010115-****" — linje 3 ligner kolonneoverskrifterne: står der titelrækker over dem? Fjern dem, eller brug en profil med "overskriftsraekke"',
    ]);
    expect(p.join("\n")).not.toMatch(CPR_PATTERN);
  });

  it("two columns missing, no title row: one line naming both, and the profile hint", async () => {
    const p = await problems(["underretning_id;CPR-nr.;modtaget;Kilde til underretning;enhed", ...rowsOf].join("\n") + "\n");
    expect(p).toEqual([
      'underretninger.csv, linje 1: mangler de påkrævede kolonner cpr, kilde (underretninger); overskriften læst: "underretning_id;CPR-nr.;modtaget;Kilde til underretning;enhed" — omdøb kolonnerne, eller brug en profil (--profile) der oversætter dem',
    ]);
  });
});
