// The demo municipality, and a small one (the demo cut to one child in six), audited end to end as an attacker
// would: from what the site's data files show, over every identity of the published system. Before issue 10's
// rules (each figure suppressed on its own, `<5` read as 1–4) the audit pins or narrows hidden small counts; after
// them it finds nothing. The audit's bounds are checked against the warehouse's exact values (never unsound).
// Then two consecutive releases: late registrations move published figures by 1–4, and the second release's
// audit includes the first release's figures, so no revision is itself a small count.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../pipelines/cli.ts";
import { DEFAULT_AS_OF } from "../../pipelines/commands/demo.ts";
import { defaults } from "../../pipelines/config.ts";
import { openWarehouse } from "../../pipelines/db.ts";
import { audit } from "../../pipelines/disclosure/audit.ts";
import { targets } from "../../pipelines/disclosure/knowledge.ts";
import { statesFromSite } from "../../pipelines/disclosure/from-site.ts";
import type { PublishedCells } from "../../pipelines/disclosure/system.ts";
import { createLogger } from "../../pipelines/log.ts";
import { publishedSystem, rapportLinje, siteData } from "../../pipelines/published/system.ts";
import { withLateNotifications } from "../../pipelines/release/demo.ts";
import { makeRelease } from "../../pipelines/release/release.ts";
import { previousReleases } from "../../pipelines/release/store.ts";
import { primary } from "../../pipelines/suppress.ts";

let root: string;
const db = (name: string) => join(root, `${name}.duckdb`);

async function libu(args: string[]): Promise<void> {
  const err: string[] = [];
  const code = await main(args, { stdout: { write: () => {} }, stderr: { write: (t) => void err.push(t) }, env: { LIBU_PSEUDONYM_KEY: "test-nøgle-kun-til-tests" }, cwd: root });
  expect(code, `libu ${args.join(" ")}: ${err.join("")}`).toBe(0);
}

async function published(name: string, previous = false) {
  const wh = await openWarehouse(db(name), { readOnly: true });
  try {
    return await publishedSystem(wh, { previous: previous ? await previousReleases(wh) : [] });
  } finally {
    wh.close();
  }
}

/** The states libu published before issue 10's rules: every figure suppressed on its own. */
function primaryOnly(sys: PublishedCells): void {
  for (const c of sys.cells) {
    c.state = "shown";
    c.why = null;
    primary(c, sys.threshold);
  }
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "libu-diskretion-"));
  await libu(["demo", "--out", join(root, "demo")]);
  await libu(["load", join(root, "demo"), "--as-of", DEFAULT_AS_OF, "--db", db("demo")]);
  await libu(["build", "--db", db("demo")]);
  // The small municipality: a copy of the demo's warehouse, cut to one child in six, its models rebuilt.
  copyFileSync(db("demo"), db("lille"));
  await cutToOneInSix(db("lille"));
  await libu(["build", "--db", db("lille")]);
}, 600_000);

/** The small municipality: the demo's warehouse with one child in six (every table with a child). */
export async function cutToOneInSix(path: string): Promise<void> {
  const wh = await openWarehouse(path);
  try {
    for (const t of ["src_boernesamtaler", "src_foranstaltninger", "src_handleplaner", "src_opfoelgninger", "src_sager", "src_tilsynsbesoeg", "src_underretninger", "src_undersoegelser"])
      await wh.run(`delete from ${t} where abs(hash(barn_id)) % 6 <> 0`);
  } finally {
    wh.close();
  }
}

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe.each(["demo", "lille"])("the %s municipality's published system", (name) => {
  it("holds every identity, and the attacker reading the site's data files can neither pin nor narrow a hidden small count", async () => {
    const pub = await published(name);
    expect(pub.rapport.falseIdentities).toEqual([]);
    const sys = pub.internal;
    const site = JSON.parse(JSON.stringify(siteData(pub)));
    expect(statesFromSite(sys, site)).toEqual([]);
    const after = await audit(sys);
    expect(after.leaks.map((l) => `${l.target.label} ${l.lo}–${l.hi}`)).toEqual([]);
    expect(after.targets).toBeGreaterThan(20);
    process.stdout.write(`${name}: ${rapportLinje(pub.rapport)}\n`);
  }, 300_000);

  it("before issue 10's rules gives hidden small counts away, and every bound the audit finds holds in the warehouse", async () => {
    const sys = (await published(name)).internal;
    primaryOnly(sys);
    const before = await audit(sys, { zerosShown: true });
    const counts = before.leaks.filter((l) => sys.cells[l.target.cell].kind === "count" && l.target.terms.length === 1);
    expect(counts.length).toBeGreaterThan(0);
    // Sound: the exact value lies inside every interval the attacker can prove.
    for (const l of before.leaks) {
      expect(l.lo, l.target.label).toBeLessThanOrEqual(l.target.value);
      expect(l.hi, l.target.label).toBeGreaterThanOrEqual(l.target.value);
    }
    const hiddenCounts = sys.cells.filter((c) => c.kind === "count" && c.state !== "shown" && c.n >= 1 && c.n <= 4).length;
    const pinned = counts.filter((l) => l.lo === l.hi).length;
    process.stdout.write(`${name} før: ${pinned} af ${hiddenCounts} skjulte små antal kan regnes ud, ${counts.length - pinned} flere indsnævres; ${before.leaks.length} af ${before.targets} beskyttede tal i alt\n`);
  }, 300_000);
});

describe("two consecutive releases", () => {
  it("the second is audited with the first's figures: late registrations never show as a revision of 1–4", async () => {
    const quiet = createLogger({ write: () => {} }, true);
    const out = join(root, "udgivelser");
    await makeRelease({ dbPath: db("demo"), kvartal: "2026K2", out, config: defaults, log: quiet });
    // A later export with a dozen 2026K2 notifications registered late.
    const late = join(root, "sene");
    mkdirSync(late, { recursive: true });
    for (const f of readdirSync(join(root, "demo"))) if (f.includes(".")) copyFileSync(join(root, "demo", f), join(late, f));
    writeFileSync(join(late, "underretninger.csv"), withLateNotifications(readFileSync(join(late, "underretninger.csv"), "latin1"), 12), "latin1");
    await libu(["load", late, "--as-of", DEFAULT_AS_OF, "--db", db("demo")]);
    await libu(["build", "--db", db("demo")]);

    // Without the first release in the audit, today's figures beside the released ones give small revisions away.
    const blind = (await published("demo")).internal;
    const wh = await openWarehouse(db("demo"), { readOnly: true });
    const previous = await previousReleases(wh);
    wh.close();
    expect(previous.length).toBe(1);
    blind.previous = previous;
    const revisions = targets(blind).filter((t) => t.label.includes("revision"));
    expect(revisions.length, "some published figure moved by 1–4").toBeGreaterThan(0);
    expect((await audit(blind)).leaks.filter((l) => l.target.label.includes("revision")).length).toBeGreaterThan(0);

    // With it: nothing can be narrowed, and the release records what it published for the next one.
    const pub = await published("demo", true);
    expect((await audit(pub.internal)).leaks).toEqual([]);
    const r = await makeRelease({ dbPath: db("demo"), kvartal: "2026K3", out, config: defaults, log: quiet });
    expect(r.revisioner.length).toBeGreaterThan(0);
    const wh2 = await openWarehouse(db("demo"), { readOnly: true });
    expect((await previousReleases(wh2)).length).toBe(2);
    wh2.close();
  }, 600_000);
});
