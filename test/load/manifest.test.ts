// The as-of date travels with the export (issue 9, deliverable 8): libu demo writes libu-manifest.json beside its
// files, libu load takes the date from it when --as-of is not given, and says which date it assumed otherwise.
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { libu } from "../helpers/libu.ts";
import type { Warehouse } from "../../pipelines/db.ts";
import { day } from "../../pipelines/demo/dates.ts";
import { generateDemo } from "../../pipelines/demo/generate.ts";
import { EXPORT_MANIFEST, readExportManifest, resolveAsOf, writeExportManifest } from "../../pipelines/load/manifest.ts";
import { formatReport } from "../../pipelines/load/report.ts";
import { loadConfig } from "../../pipelines/config.ts";
import { fixture, freshWarehouse, load, rows, tempDir } from "./helpers.ts";

let wh: Warehouse;
beforeEach(async () => (wh = await freshWarehouse()));
afterEach(() => wh.close());

/** The fixture `basis` copied to a temporary folder, with `manifest` written beside it when given. */
function folderWith(manifest?: string): string {
  const dir = join(tempDir(), "eksport");
  cpSync(fixture("basis"), dir, { recursive: true });
  if (manifest !== undefined) writeFileSync(join(dir, EXPORT_MANIFEST), manifest);
  return dir;
}

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
};

describe("the export's manifest", () => {
  it("libu demo writes it beside the files: as-of date, data_fra (the day after go-live), seed and scale", async () => {
    const out = join(tempDir(), "demo");
    const r = await generateDemo({ out, seed: 7, scale: "kommune", asOf: day("2025-03-03") });
    expect(r.manifest).toBe(join(out, EXPORT_MANIFEST));
    // Go-live on 2021-01-01, the first day of the quarter four years before the as-of date.
    expect(JSON.parse(readFileSync(join(out, EXPORT_MANIFEST), "utf8"))).toEqual({ as_of: "2025-03-03", data_fra: "2021-01-02", kilde: "libu demo", seed: 7, skala: "kommune" });
    expect(readExportManifest(out)).toEqual({ asOf: "2025-03-03", dataFra: "2021-01-02", source: "libu demo", seed: 7, scale: "kommune" });
  }, 60_000);

  it("a load without --as-of takes the manifest's date, records it, and the report says where it came from", async () => {
    const dir = folderWith();
    writeExportManifest(dir, { asOf: "2025-02-01", source: "libu demo", seed: 1 });
    const { report, error, log } = await load(wh, { folder: dir, asOf: undefined });
    expect(error).toBeUndefined();
    expect(report!.asOf).toBe("2025-02-01");
    expect(report!.asOfSource).toBe("manifest");
    expect(await rows(wh, "select as_of::varchar a from load_log")).toEqual([{ a: "2025-02-01" }]);
    expect(log).toContain(`as-of-dato 2025-02-01 fra ${EXPORT_MANIFEST}`);
    expect(formatReport(report!).split("\n")[0]).toMatch(/as-of 2025-02-01 \(fra libu-manifest\.json\)/);
  });

  it("the manifest's date decides what is after the as-of date (rule 6)", async () => {
    // basis has dates up to 2025-02-01: an earlier manifest date quarantines the later rows, as --as-of would.
    const a = await load(wh, { folder: folderWith(JSON.stringify({ as_of: "2025-01-10" })), asOf: undefined, acceptRejects: true });
    const wh2 = await freshWarehouse();
    try {
      const b = await load(wh2, { folder: fixture("basis"), asOf: "2025-01-10", acceptRejects: true });
      expect(a.report!.tables.map((t) => t.rowsQuarantined)).toEqual(b.report!.tables.map((t) => t.rowsQuarantined));
      expect(a.report!.tables.some((t) => t.byReason.some((r) => r.aarsag === "efter_as_of"))).toBe(true);
    } finally {
      wh2.close();
    }
  });

  it("--as-of wins over the manifest, and the load says they differ", async () => {
    const { report, log } = await load(wh, { folder: folderWith(JSON.stringify({ as_of: "2025-01-10" })), asOf: "2025-02-01" });
    expect(report!.asOf).toBe("2025-02-01");
    expect(report!.asOfSource).toBe("flag");
    expect(log).toContain(`advarsel: --as-of 2025-02-01 bruges, selv om ${EXPORT_MANIFEST} siger, at eksporten er trukket 2025-01-10`);
    expect(formatReport(report!).split("\n")[0]).toMatch(/as-of 2025-02-01 \(/);
  });

  it("without --as-of or a manifest the load uses today's date and says so, in Danish", async () => {
    const { report, log } = await load(wh, { folder: folderWith(), asOf: undefined });
    expect(report!.asOf).toBe(today());
    expect(report!.asOfSource).toBe("today");
    expect(log).toContain(`advarsel: ingen --as-of og ingen ${EXPORT_MANIFEST} i mappen: bruger dagens dato ${today()} som as-of-dato`);
    expect(formatReport(report!).split("\n")[0]).toContain(`as-of ${today()} (dagens dato: ingen --as-of eller manifest)`);
    // With --as-of nothing is said about it.
    const again = await load(wh, { folder: folderWith(), asOf: "2025-02-01" });
    expect(again.log).not.toMatch(/as-of-dato|dagens dato/);
  });

  it("a manifest that cannot be read fails the load with one Danish line naming it, and changes nothing", async () => {
    for (const [body, says] of [
      ["{ as_of: 2025", /libu-manifest\.json: kan ikke læses som JSON/],
      [JSON.stringify({ as_of: "01-02-2025" }), /libu-manifest\.json: "as_of" skal være en dato ÅÅÅÅ-MM-DD, ikke "01-02-2025"/],
      [JSON.stringify({ seed: 1 }), /libu-manifest\.json: "as_of" skal være en dato ÅÅÅÅ-MM-DD, ikke null/],
    ] as const) {
      const { error } = await load(wh, { folder: folderWith(body), asOf: undefined });
      expect(error?.message).toMatch(says);
      expect(await rows(wh, "select count(*)::integer n from load_log").catch(() => [{ n: 0 }])).toEqual([{ n: 0 }]);
    }
    // With --as-of given, a broken manifest is still an error (it would be read and is wrong).
    expect(() => resolveAsOf(folderWith("nej"), "2025-02-01", "2026-01-01")).toThrow(/kan ikke læses som JSON/);
  });

  it("through the CLI: libu demo, then libu load without --as-of, loads as of the demo's date", async () => {
    const root = tempDir();
    const out = join(root, "demo");
    await libu(["demo", "--out", out, "--seed", "7", "--as-of", "2025-03-03"], { cwd: root });
    const { out: stdout, err: stderr } = await libu(["load", out, "--db", join(root, "w.duckdb")], { cwd: root, env: process.env });
    expect(stdout.split("\n")[0]).toMatch(/as-of 2025-03-03 \(fra libu-manifest\.json\)/);
    expect(stderr).toContain(`as-of-dato 2025-03-03 fra ${EXPORT_MANIFEST}`);
  }, 120_000);
});

describe("data_fra: the day from which the export's data are complete", () => {
  it("a load records the manifest's day for every table it loads, a table's own day from data_fra_tabel", async () => {
    const dir = folderWith(JSON.stringify({ as_of: "2025-02-01", data_fra: "2024-01-02", data_fra_tabel: { foranstaltninger: "2024-06-01" } }));
    const { report, error } = await load(wh, { folder: dir, asOf: undefined });
    expect(error).toBeUndefined();
    const got = await rows(wh, "select tabel, data_fra::varchar d from load_data_fra order by tabel");
    expect(got).toEqual(report!.tables.map((t) => ({ tabel: t.table, d: t.table === "foranstaltninger" ? "2024-06-01" : "2024-01-02" })).sort((a, b) => a.tabel.localeCompare(b.tabel)));
    expect(readExportManifest(dir)).toMatchObject({ dataFra: "2024-01-02", dataFraTable: { foranstaltninger: "2024-06-01" } });
  });

  it("without data_fra the load records nothing", async () => {
    const { error } = await load(wh, { folder: folderWith(JSON.stringify({ as_of: "2025-02-01" })), asOf: undefined });
    expect(error).toBeUndefined();
    expect(await rows(wh, "select count(*)::integer n from load_data_fra")).toEqual([{ n: 0 }]);
  });

  it("a data_fra that is not a date, or of a table the contract does not have, fails the load in one Danish line", async () => {
    for (const [body, says] of [
      [{ as_of: "2025-02-01", data_fra: "1/10/2022" }, /libu-manifest\.json: "data_fra" skal være en dato ÅÅÅÅ-MM-DD \(den dag, sagssystemets data er komplette fra\), ikke "1\/10\/2022"/],
      [{ as_of: "2025-02-01", data_fra_tabel: { foranstaltning: "2022-10-02" } }, /"data_fra_tabel": "foranstaltning" er ikke en tabel i kontrakten \(underretninger, /],
      [{ as_of: "2025-02-01", data_fra_tabel: { sager: "2022-13-01" } }, /"data_fra_tabel"\."sager" skal være en dato ÅÅÅÅ-MM-DD, ikke "2022-13-01"/],
      [{ as_of: "2025-02-01", data_fra_tabel: "2022-10-02" }, /"data_fra_tabel" skal være et objekt med en dato pr\. tabel/],
    ] as const) {
      const { error } = await load(wh, { folder: folderWith(JSON.stringify(body)), asOf: undefined });
      expect(error?.message).toMatch(says);
    }
    expect(await rows(wh, "select count(*)::integer n from load_log").catch(() => [{ n: 0 }])).toEqual([{ n: 0 }]);
  });

  it("the configuration's dataFra and dataFraTabel are checked when it is read", () => {
    const dir = tempDir();
    const cfg = (body: object) => {
      const path = join(dir, "libu.config.json");
      writeFileSync(path, JSON.stringify(body));
      return () => loadConfig(path);
    };
    expect(cfg({ dataFra: "2022-10-02", dataFraTabel: { sager: "2020-01-01" } })()).toMatchObject({ dataFra: "2022-10-02", dataFraTabel: { sager: "2020-01-01" } });
    expect(cfg({ dataFra: "2022-10-32" })).toThrow(/dataFra skal være en dato ÅÅÅÅ-MM-DD \(den dag, sagssystemets data er komplette fra\), ikke "2022-10-32"/);
    expect(cfg({ dataFraTabel: { sag: "2022-10-02" } })).toThrow(/dataFraTabel: "sag" er ikke en tabel i kontrakten/);
    expect(cfg({ dataFraTabel: { sager: 2022 } })).toThrow(/dataFraTabel\.sager skal være en dato ÅÅÅÅ-MM-DD, ikke 2022/);
    expect(cfg({ dataFraTabel: ["2022-10-02"] })).toThrow(/dataFraTabel skal være et objekt/);
  });
});
