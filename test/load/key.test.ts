// One key per warehouse (issue 11, deliverable 6): the fingerprint, its record, and `libu rekey` as a process.
import { spawnSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openWarehouse } from "../../pipelines/db.ts";
import { KEY_TABLE, checkKey, keyFingerprint, recordKey, recordedFingerprint, shortFingerprint } from "../../pipelines/key.ts";
import { fixture, freshWarehouse, repoRoot, tempDir } from "./helpers.ts";

const A = "kommunens nøgle A";
const B = "kommunens nøgle B";

describe("the key's fingerprint", () => {
  it("is an HMAC-SHA256 of the fixed text under the key: the same for one key, different for two, never the key", () => {
    const f = keyFingerprint(A);
    expect(f).toMatch(/^[0-9a-f]{64}$/);
    expect(keyFingerprint(A)).toBe(f);
    expect(keyFingerprint(B)).not.toBe(f);
    expect(f).toBe(createHmac("sha256", A).update("libu: fingeraftryk af pseudonymiseringsnøglen, version 1", "utf8").digest("hex"));
    // Not a plain hash of the key (which a key file's hash could be tested against) and not the key in any form.
    expect(f).not.toBe(createHmac("sha256", "").update(A).digest("hex"));
    expect(f).not.toContain(Buffer.from(A).toString("hex"));
    expect(shortFingerprint(f)).toBe(`${f.slice(0, 8)}…`);
  });

  it("is recorded once, replaced by a new record, and checked against the key", async () => {
    const wh = await freshWarehouse();
    try {
      expect(await recordedFingerprint(wh)).toBeUndefined();
      await checkKey(wh, A, []); // a new warehouse takes any key
      await recordKey(wh, A, 1);
      await recordKey(wh, A, 2);
      expect(await wh.all(`select fingeraftryk, load_id from ${KEY_TABLE}`)).toEqual([{ fingeraftryk: keyFingerprint(A), load_id: 2 }]);
      await checkKey(wh, A, []);
      await expect(checkKey(wh, B, [])).rejects.toMatchObject({ exitCode: 5, name: "KeyMismatchError" });
      await checkKey(wh, B, [], { rekey: true }); // nothing kept: rekey may
    } finally {
      wh.close();
    }
  });

  it("an older warehouse without a fingerprint is refused when tables with rows would keep an unknown key", async () => {
    const wh = await freshWarehouse();
    try {
      await wh.run("create table src_handleplaner as select 1 as x");
      await expect(checkKey(wh, A, ["src_handleplaner"])).rejects.toThrow(/ingen registreret pseudonymiseringsnøgle .*src_handleplaner.*`libu rekey <mappe>`/);
      await checkKey(wh, A, []); // every table replaced: fine
    } finally {
      wh.close();
    }
  });
});

describe("libu rekey", () => {
  const libu = (key: string, args: string[]) =>
    spawnSync("node", ["bin/libu.js", ...args], { cwd: repoRoot, env: { ...process.env, LIBU_PSEUDONYM_KEY: key }, encoding: "utf8" });
  const fingerprint = async (db: string) => {
    const wh = await openWarehouse(db, { readOnly: true });
    try {
      return await recordedFingerprint(wh);
    } finally {
      wh.close();
    }
  };

  it("changes the key only with every table that has rows; the old key is refused after it", async () => {
    const db = join(tempDir(), "w.duckdb");
    const asOf = ["--as-of", "2025-02-01", "--db", db];
    expect(libu(A, ["load", fixture("basis"), ...asOf]).status).toBe(0);
    const other = libu(B, ["load", fixture("basis2"), ...asOf]);
    expect(other.status).toBe(5);
    expect(other.stderr.trim().split("\n")).toHaveLength(1);
    expect(other.stderr).toMatch(/^libu: .*w\.duckdb: lageret er bygget med en anden pseudonymiseringsnøgle .*`libu rekey <mappe>`/);
    // basis2 lacks tables that have rows: refused, nothing changed.
    const partial = libu(B, ["rekey", fixture("basis2"), ...asOf]);
    expect(partial.status).toBe(5);
    expect(partial.stderr).toMatch(/^libu: libu rekey: .* har rækker, men mappen har ingen fil/);
    expect(await fingerprint(db)).toBe(keyFingerprint(A));
    const whole = libu(B, ["rekey", fixture("basis"), ...asOf]);
    expect(whole.status, whole.stderr).toBe(0);
    expect(whole.stdout).toMatch(/^indlæsning 2: 6 tabeller/);
    expect(await fingerprint(db)).toBe(keyFingerprint(B));
    expect(libu(B, ["load", fixture("basis2"), ...asOf]).status).toBe(0);
    expect(libu(A, ["load", fixture("basis2"), ...asOf]).status).toBe(5);
  });
});
