// The load report's warning about a cut-off history (pipelines/load/history.ts): an export whose lasting records
// (measures, cases, investigations, caseworkers) start in a burst on one day, or long after the earliest case,
// gets one Danish line per table — file, day, rows, what to do — and a full history gets none.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Warehouse } from "../../pipelines/db.ts";
import { EXPORT_MANIFEST } from "../../pipelines/load/manifest.ts";
import { formatReport, type LoadReport } from "../../pipelines/load/report.ts";
import { freshWarehouse, load, tempDir } from "./helpers.ts";

let wh: Warehouse;
beforeEach(async () => (wh = await freshWarehouse()));
afterEach(() => wh.close());

const iso = (d: Date) => d.toISOString().slice(0, 10);
/** `n` days from 2022-01-01 on, `step` days apart. */
const spread = (n: number, from = "2022-01-01", step = 9) => Array.from({ length: n }, (_, i) => iso(new Date(Date.parse(from) + i * step * 864e5)));
const cpr = (i: number) => `0101${String(10 + (i % 10)).padStart(2, "0")}-${String(1000 + i)}`;

/** An export folder with foranstaltninger starting on `starts` (and sager opened on `opened`, when given). */
function exportWith(starts: string[], opts: { opened?: string[]; manifest?: object } = {}): string {
  const dir = join(tempDir(), "eksport");
  mkdirSync(dir);
  const m = starts.map((s, i) => `F${i + 1};${cpr(i)};familiebehandling;${s};Nord`);
  writeFileSync(join(dir, "foranstaltninger.csv"), ["foranstaltning_id;cpr;type;startet;enhed", ...m].join("\n") + "\n");
  if (opts.opened) {
    const s = opts.opened.map((o, i) => `S${i + 1};${cpr(i)};${o};Nord`);
    writeFileSync(join(dir, "sager.csv"), ["sag_id;cpr;oprettet;enhed", ...s].join("\n") + "\n");
  }
  if (opts.manifest) writeFileSync(join(dir, EXPORT_MANIFEST), JSON.stringify(opts.manifest));
  return dir;
}

const measures = (r: LoadReport) => r.tables.find((t) => t.table === "foranstaltninger")!;
const historyLine = (r: LoadReport) => formatReport(r).split("\n").find((l) => /^ {4}(advarsel|bemærk): /.test(l));

// A migration: 30 measures moved in on 2022-10-01 with that day as their start, then 30 real ones after it.
const migrated = [...Array(30).fill("2022-10-01"), ...spread(30, "2022-10-05")];

describe("the load report on a cut-off history", () => {
  it("many measures starting on one day: one line naming the file, the day, the rows and what to do", async () => {
    const { report, error } = await load(wh, { folder: exportWith(migrated), asOf: "2025-02-01" });
    expect(error).toBeUndefined();
    expect(measures(report!).historik).toMatchObject({ art: "samme_dag", kolonne: "startet", dag: "2022-10-01", antal: 30, raekker: 60, tidligst: true });
    expect(historyLine(report!)).toBe(
      "    advarsel: foranstaltninger.csv: 30 af 60 rækker (50 %) har startet 2022-10-01, den tidligste dag i filen — historikken ser afskåret ud " +
        "(åbne sager fra et tidligere sagssystem med overgangsdagen som start?). Træk eksporten med de oprindelige datoer for alt, der stadig var åbent, " +
        "eller sæt dataFra i libu.config.json (eller data_fra i libu-manifest.json) til 2022-10-02, så kvartaler, der begynder før, ikke rapporteres",
    );
    expect(formatReport(report!).split("\n").filter((l) => /advarsel|bemærk/.test(l))).toHaveLength(1);
  });

  it("a full history, the same number of rows over many days: no line", async () => {
    const { report } = await load(wh, { folder: exportWith(spread(60)), asOf: "2025-02-01" });
    expect(measures(report!).historik).toBeUndefined();
    expect(historyLine(report!)).toBeUndefined();
  });

  it("a small table is not judged: 19 rows on one day say nothing", async () => {
    const { report } = await load(wh, { folder: exportWith(Array(19).fill("2022-10-01")), asOf: "2025-02-01" });
    expect(measures(report!).historik).toBeUndefined();
  });

  it("data_fra after the day (the manifest's, or the configuration's): a note that those quarters are not reported", async () => {
    const fromManifest = await load(wh, { folder: exportWith(migrated, { manifest: { as_of: "2025-02-01", data_fra: "2022-10-02" } }), asOf: undefined });
    expect(historyLine(fromManifest.report!)).toBe(
      "    bemærk: foranstaltninger.csv: 30 af 60 rækker (50 %) har startet 2022-10-01, den tidligste dag i filen — ligner en overgang fra et tidligere " +
        "sagssystem; data_fra er 2022-10-02 (libu-manifest.json), så kvartaler, der begynder før den dag, rapporteres ikke",
    );
    expect(formatReport(fromManifest.report!).split("\n")[0]).toContain("data fra 2022-10-02 (fra libu-manifest.json)");
    const wh2 = await freshWarehouse();
    try {
      const fromConfig = await load(wh2, { folder: exportWith(migrated), asOf: "2025-02-01", dataFra: { dataFraTabel: { foranstaltninger: "2023-01-01" } } });
      expect(historyLine(fromConfig.report!)).toMatch(/bemærk: .*data_fra er 2023-01-01 \(libu\.config\.json\)/);
      // A configuration given by --config is named as given, in the note and in the advice.
      const named = await load(wh2, { folder: exportWith(migrated), asOf: "2025-02-01", configFile: "kommune/kbh.json", dataFra: { dataFra: "2022-10-02" } });
      expect(historyLine(named.report!)).toMatch(/bemærk: .*data_fra er 2022-10-02 \(kommune\/kbh\.json\)/);
      expect(formatReport(named.report!).split("\n")[0]).toContain("data fra 2022-10-02 (fra kommune/kbh.json)");
      const advice = await load(wh2, { folder: exportWith(migrated), asOf: "2025-02-01", configFile: "kommune/kbh.json" });
      expect(historyLine(advice.report!)).toContain("eller sæt dataFra i kommune/kbh.json (eller data_fra i libu-manifest.json)");
    } finally {
      wh2.close();
    }
  });

  it("data_fra on the day itself leaves the day's quarter reported, so the warning stands", async () => {
    const { report } = await load(wh, { folder: exportWith(migrated), asOf: "2025-02-01", dataFra: { dataFra: "2022-10-01" } });
    expect(historyLine(report!)).toMatch(/^ {4}advarsel: foranstaltninger\.csv: 30 af 60 rækker/);
  });

  it("measures starting long after the earliest case: a line saying the older ones may be missing", async () => {
    const { report } = await load(wh, { folder: exportWith(spread(40, "2022-03-01"), { opened: spread(40, "2015-01-05", 60) }), asOf: "2025-02-01" });
    expect(measures(report!).historik).toMatchObject({ art: "sen_start", dag: "2022-03-01", foersteSag: "2015-01-05", antal: 1 });
    expect(historyLine(report!)).toBe(
      "    advarsel: foranstaltninger.csv: den tidligste startet er 2022-03-01, 7 år efter den tidligste sag (oprettet 2015-01-05) — rækkerne fra før " +
        "2022-03-01 mangler måske (et tidligere sagssystem?). Træk eksporten med de oprindelige datoer for alt, der stadig var åbent, eller sæt dataFra i " +
        "libu.config.json (eller data_fra i libu-manifest.json) til 2022-03-01, så kvartaler, der begynder før, ikke rapporteres",
    );
    // The cases themselves are spread: no line for sager.
    expect(report!.tables.find((t) => t.table === "sager")!.historik).toBeUndefined();
  });

  it("compares with the cases already in the warehouse when the load has none", async () => {
    await load(wh, { folder: exportWith(spread(40, "2015-03-01"), { opened: spread(40, "2015-01-05", 60) }), asOf: "2025-02-01" });
    const { report } = await load(wh, { folder: exportWith(spread(40, "2022-03-01")), asOf: "2025-02-01" });
    expect(measures(report!).historik).toMatchObject({ art: "sen_start", foersteSag: "2015-01-05" });
  });
});
