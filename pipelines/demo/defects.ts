// DELIBERATE DEFECTS. Real exports carry a few bad rows, and the data-quality page and the quarantine need
// something to show. After the rows are built, this module spoils a handful of them — about a dozen per
// municipality, far under 1 % of the rows and under the contract's 5 % limit in every table — each of a kind
// the contract's quarantine rules (docs/contract.md, "Bad input") must catch. Every defect is listed in the
// result (table, id, rule, column) so tests and readers can tell them from the generator's own mistakes.
import { type ColumnName, keyColumn, type RuleNumber } from "../contract.ts";
import { addYears, parts, ymd } from "./dates.ts";
import type { Rng } from "./random.ts";
import type { ContractRow, IssuedIdTable, TableRows } from "./rows.ts";

export interface Defect {
  table: IssuedIdTable;
  /** The row's id (for a duplicate: the repeated id). */
  id: string;
  /** The contract's quarantine rule (`reasons` in contract.ts): 1 required value missing, 2 unknown code, 3 invalid
   * CPR, 4 repeated id, 5 dates out of order, 6 a date after the as-of date (0 and 7 are not the export's). */
  rule: Exclude<RuleNumber, 0 | 7>;
  column: string;
  what: string;
}

export function applyDefects(rows: TableRows, rng: Rng, asOf: number): Defect[] {
  const defects: Defect[] = [];
  const used = new Set<object>();
  /** A random row of the table, not yet spoiled, that satisfies `ok`. */
  const pick = <T extends IssuedIdTable>(table: T, ok: (r: ContractRow<T>) => boolean = () => true): ContractRow<T> | null => {
    const list: ContractRow<T>[] = rows[table];
    for (let tries = 0; tries < 200 && list.length > 2; tries++) {
      const r = list[rng.int(1, list.length - 1)];
      if (!used.has(r) && ok(r)) {
        used.add(r);
        return r;
      }
    }
    return null;
  };
  const spoil = <T extends IssuedIdTable>(
    table: T,
    rule: Defect["rule"],
    column: ColumnName<T>,
    what: string,
    change: (r: ContractRow<T>) => void,
    ok?: (r: ContractRow<T>) => boolean,
  ) => {
    const r = pick(table, ok);
    if (!r) return;
    change(r);
    defects.push({ table, id: String((r as Record<string, unknown>)[keyColumn(table)]), rule, column, what });
  };
  /** A CPR number whose date part does not exist: the 31st of a 30-day month, or month 13. */
  const impossibleCpr = (cpr: string, kind: "day" | "month") =>
    kind === "day" ? `3104${cpr.slice(4)}` : `${cpr.slice(0, 2)}13${cpr.slice(4)}`;

  spoil("underretninger", 3, "cpr", "CPR number with a date that does not exist (31 April)", (r) => {
    r.cpr = impossibleCpr(String(r.cpr), "day");
  });
  spoil("underretninger", 2, "kilde", "source code not in the code list (sundhedsplejen)", (r) => {
    r.kilde = "sundhedsplejen";
  });
  spoil("underretninger", 5, "vurderet", "assessed two hours before it was received", (r) => {
    r.vurderet = (r.modtaget as number) - 120;
  });
  spoil("underretninger", 4, "underretning_id", "the same notification exported twice", (r) => {
    const list = rows.underretninger;
    list.splice(list.indexOf(r) + 1, 0, { ...r });
  });
  spoil(
    "undersoegelser",
    5,
    "afsluttet",
    "completed a week before it started",
    (r) => {
      r.afsluttet = (r.startet as number) - 7;
    },
    (r) => r.afsluttet !== null,
  );
  spoil("foranstaltninger", 2, "type", "measure type not in the seed (eftervaern)", (r) => {
    r.type = "eftervaern";
  });
  spoil(
    "foranstaltninger",
    5,
    "ophoert",
    "ended a month before it started",
    (r) => {
      r.ophoert = (r.startet as number) - 31;
    },
    (r) => r.ophoert !== null,
  );
  spoil("handleplaner", 2, "type", "plan type not in the code list (revideret)", (r) => {
    r.type = "revideret";
  });
  spoil("opfoelgninger", 6, "dato", "year typed as 2062 instead of 2026: after the as-of date", (r) => {
    const p = parts(r.dato as number);
    const typo = ymd(2062, p.m, Math.min(p.d, 28));
    r.dato = typo > asOf ? typo : addYears(asOf, 30);
  });
  spoil("boernesamtaler", 1, "dato", "required date missing", (r) => {
    r.dato = null;
  });
  spoil("tilsynsbesoeg", 4, "besoeg_id", "the same visit exported twice", (r) => {
    const list = rows.tilsynsbesoeg;
    list.splice(list.indexOf(r) + 1, 0, { ...r });
  });
  spoil("sager", 3, "cpr", "CPR number with month 13", (r) => {
    r.cpr = impossibleCpr(String(r.cpr), "month");
  });
  return defects;
}
