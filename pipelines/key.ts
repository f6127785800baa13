// One pseudonymisation key per warehouse (issue 11): the warehouse records a fingerprint of the key it was built with
// — an HMAC of a fixed text under the key, which tells keys apart and reveals nothing about the key — and a load with
// another key is refused before any file is read. Mixed keys would make the same child two children: every KPI that
// joins tables by barn_id goes wrong without any test failing. The only ways to change keys are `libu rekey <folder>`
// (every table loaded again with the new key in one load) and a full load into a new warehouse.
import { createHmac } from "node:crypto";
import type { Warehouse } from "./db.ts";
import { LibuError } from "./errors.ts";

/** The table that holds the fingerprint: one row. */
export const KEY_TABLE = "libu_noegle";

export const keyTableDdl = `create table if not exists ${KEY_TABLE} (fingeraftryk varchar not null, load_id integer, registreret timestamp)`;

/** The fixed text the fingerprint is an HMAC of; changing it would make every warehouse refuse its own key. */
const FIXED_TEXT = "libu: fingeraftryk af pseudonymiseringsnøglen, version 1";

export function keyFingerprint(key: string): string {
  return createHmac("sha256", key).update(FIXED_TEXT, "utf8").digest("hex");
}

/** The short form shown in messages (enough to tell two keys apart, nothing to test a key against offline). */
export const shortFingerprint = (f: string) => `${f.slice(0, 8)}…`;

export class KeyMismatchError extends LibuError {
  constructor(message: string) {
    super(message, 5);
    this.name = "KeyMismatchError";
  }
}

async function tableExists(wh: Warehouse, name: string): Promise<boolean> {
  const [{ n }] = await wh.all<{ n: number }>(
    `select count(*)::integer as n from information_schema.tables where table_schema = 'main' and table_name = $name`,
    { name },
  );
  return n > 0;
}

/** The warehouse's recorded fingerprint, or undefined when none is recorded (a new warehouse, or an older libu's). */
export async function recordedFingerprint(wh: Warehouse): Promise<string | undefined> {
  if (!(await tableExists(wh, KEY_TABLE))) return undefined;
  const rows = await wh.all<{ f: string }>(`select fingeraftryk as f from ${KEY_TABLE} limit 1`);
  return rows[0]?.f;
}

/** The tables of `names` that exist and hold at least one row. */
async function withRows(wh: Warehouse, names: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const t of names) if ((await tableExists(wh, t)) && (await wh.all(`select 1 from "${t.replaceAll('"', '""')}" limit 1`)).length) out.push(t);
  return out;
}

/**
 * Refuses a load whose key is not the warehouse's: before any file is read. `kept` are the src_ tables this load
 * does not replace. In a warehouse without a recorded fingerprint (written by an older libu) their rows are of an
 * unknown key, so such a load must replace every table that holds rows; so must `libu rekey` (`rekey`), which is how
 * a warehouse changes keys.
 */
export async function checkKey(wh: Warehouse, key: string, kept: string[], opts: { rekey?: boolean } = {}): Promise<void> {
  const recorded = await recordedFingerprint(wh);
  const mine = keyFingerprint(key);
  if (opts.rekey) {
    const left = await withRows(wh, kept);
    if (left.length)
      throw new KeyMismatchError(
        `libu rekey: ${left.join(", ")} har rækker, men mappen har ingen fil til ${left.length === 1 ? "den" : "dem"}, så de ville beholde den gamle nøgle; ` +
          "intet er indlæst — læg eksporten af alle tabeller i mappen og kør `libu rekey <mappe>` igen",
      );
    return;
  }
  if (recorded === mine) return;
  if (recorded !== undefined)
    throw new KeyMismatchError(
      `${wh.path}: lageret er bygget med en anden pseudonymiseringsnøgle (fingeraftryk ${shortFingerprint(recorded)}, ` +
        `denne nøgle ${shortFingerprint(mine)}); intet er indlæst — brug lagerets nøgle, eller skift nøgle med ` +
        "`libu rekey <mappe>` (alle tabeller indlæses igen med den nye nøgle), eller indlæs alt i et nyt lager med --db <ny fil>",
    );
  const left = await withRows(wh, kept);
  if (left.length)
    throw new KeyMismatchError(
      `${wh.path}: lageret har ingen registreret pseudonymiseringsnøgle (skrevet af en ældre libu), og ${left.join(", ")} ` +
        "ville blive stående med en ukendt nøgle; intet er indlæst — indlæs alle tabellerne i én mappe med `libu rekey <mappe>`, " +
        "eller indlæs alt i et nyt lager med --db <ny fil>",
    );
}

/** Records the key's fingerprint (inside the load's transaction). */
export async function recordKey(wh: Warehouse, key: string, loadId: number): Promise<void> {
  await wh.run(keyTableDdl);
  await wh.run(`delete from ${KEY_TABLE}`);
  await wh.run(`insert into ${KEY_TABLE} values ($f, $id, current_localtimestamp())`, { f: keyFingerprint(key), id: loadId });
}
