// Every key of a profile checked before anything is read: an unknown key, a table, column or code that does not
// exist, a date format or pattern that cannot be used — each one line naming the key and the nearest valid name.
import { type Table, tableByName, tableNames, tables } from "../../contract.ts";
import { codeLists, defaultSeedsDir } from "../codes.ts";
import { normaliseName } from "../header.ts";
import { profileDateFormats } from "./dates.ts";
import { didYouMean, jsRegex } from "./nearest.ts";

const rowKeys = ["kolonner", "vaerdier", "datoformat", "normaliserCpr", "overskriftsraekke", "udelad", "behold", "slutVed"];
const rootKeys = ["version", "beskrivelse", "filer", "tabeller", ...rowKeys];
const tableKeys = [...rowKeys, "ark", "afledte", "bred"];
const matchKeys = ["kolonne", "er", "moenster", "starterMed", "tom"];
const mapKeys = ["eksakt", "moenster", "praefiks", "ellers"];
const wideKeys = ["kolonner", "noegle", "vaerdi", "summer"];
const derivedKinds: { keys: string[]; required: string[] }[] = [
  { keys: ["kolonne", "saml", "adskiller"], required: ["kolonne", "saml"] },
  { keys: ["kolonner", "fra", "moenster"], required: ["kolonner", "fra", "moenster"] },
  { keys: ["kolonne", "konstant"], required: ["kolonne", "konstant"] },
  { keys: ["kolonne", "fraFilnavn"], required: ["kolonne", "fraFilnavn"] },
];

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const isString = (x: unknown): x is string => typeof x === "string";

export function checkProfile(raw: unknown, seedsDir = defaultSeedsDir): string[] {
  const problems: string[] = [];
  const say = (where: string, what: string) => problems.push(`${where}: ${what}`);
  if (!isObject(raw)) return ["profilen skal være et JSON-objekt { … }"];

  const keys = (where: string, o: Record<string, unknown>, valid: string[]) => {
    for (const k of Object.keys(o)) if (!valid.includes(k)) say(where ? `${where}.${k}` : k, `ukendt nøgle${didYouMean(k, valid)}`);
  };
  const regex = (where: string, p: unknown) => {
    if (!isString(p)) return say(where, "skal være et mønster (tekst)");
    try {
      jsRegex(p);
    } catch (e) {
      say(where, `ugyldigt mønster "${p}" (${(e as Error).message})`);
    }
  };
  const columnsOf = (table: Table | undefined) => (table ? table.columns.map((c) => c.name) : [...new Set(tables.flatMap((t) => t.columns.map((c) => c.name)))]);
  const column = (where: string, name: unknown, table: Table | undefined) => {
    if (!isString(name)) return say(where, "skal være navnet på en kolonne (tekst)");
    const valid = columnsOf(table);
    if (!valid.includes(name)) say(where, `"${name}" er ikke en kolonne i ${table ? table.name : "kontrakten"}${didYouMean(name, valid)}`);
  };
  const tableName = (where: string, name: unknown) => {
    if (!isString(name)) return say(where, "skal være navnet på en tabel (tekst)");
    if (!tableByName(name)) say(where, `"${name}" er ikke en tabel i kontrakten${didYouMean(name, tableNames)}`);
  };
  /** The code lists a value map for `col` must hit: of the table, or (top level) of every table that has the column. */
  const codesFor = (col: string, table: Table | undefined): string[][] | undefined => {
    const ts = table ? [table] : tables.filter((t) => t.columns.some((c) => c.name === col));
    const lists: string[][] = [];
    for (const t of ts) {
      const c = t.columns.find((x) => x.name === col);
      if (c?.type === "code" && c.codes) lists.push(codeLists(t, seedsDir).get(c.codes) ?? []);
    }
    return lists.length ? lists : undefined;
  };
  const target = (where: string, to: unknown, lists: string[][] | undefined) => {
    if (!isString(to)) return say(where, "skal være en værdi (tekst)");
    if (!lists || lists.some((l) => l.includes(to))) return;
    const all = [...new Set(lists.flat())];
    say(where, `"${to}" er ikke en kode i kodelisten${didYouMean(to, all)}`);
  };
  const match = (where: string, m: unknown, table: Table | undefined) => {
    if (!isObject(m)) return say(where, `skal være et objekt { "kolonne": …, "er" | "moenster" | "starterMed" | "tom": … }`);
    keys(where, m, matchKeys);
    if (!isString(m.kolonne)) say(`${where}.kolonne`, "mangler: den kolonne (overskrift i udtrækket eller kontraktens navn) der afgør rækken");
    const given = ["er", "moenster", "starterMed", "tom"].filter((k) => k in m);
    if (given.length !== 1) say(where, `angiv præcis én af "er", "moenster", "starterMed" eller "tom" (angivet: ${given.join(", ") || "ingen"})`);
    if ("er" in m && !isString(m.er) && !(Array.isArray(m.er) && m.er.every(isString))) say(`${where}.er`, "skal være en tekst eller en liste af tekster");
    if ("moenster" in m) regex(`${where}.moenster`, m.moenster);
    if ("starterMed" in m && !isString(m.starterMed)) say(`${where}.starterMed`, "skal være en tekst");
    if ("tom" in m && m.tom !== true) say(`${where}.tom`, "skal være true");
    void table;
  };
  const matches = (where: string, list: unknown, table: Table | undefined) => {
    if (!Array.isArray(list)) return say(where, "skal være en liste [ { … }, … ]");
    list.forEach((m, i) => match(`${where}[${i}]`, m, table));
  };
  const valueMap = (where: string, col: string, m: unknown, table: Table | undefined) => {
    if (!isObject(m)) return say(where, "skal være et objekt { udtrækkets værdi: kode }");
    const lists = codesFor(col, table);
    if (Object.keys(m).some((k) => mapKeys.includes(k))) {
      keys(where, m, mapKeys);
      for (const part of ["eksakt", "moenster", "praefiks"] as const) {
        if (!(part in m)) continue;
        const entries = m[part];
        if (!isObject(entries)) {
          say(`${where}.${part}`, "skal være et objekt { værdi: kode }");
          continue;
        }
        for (const [from, to] of Object.entries(entries)) {
          if (part === "moenster") regex(`${where}.moenster."${from}"`, from);
          target(`${where}.${part}."${from}"`, to, lists);
        }
      }
      if ("ellers" in m) target(`${where}.ellers`, m.ellers, lists);
    } else for (const [from, to] of Object.entries(m)) target(`${where}."${from}"`, to, lists);
  };
  const rowRules = (where: string, o: Record<string, unknown>, table: Table | undefined) => {
    const at = (k: string) => (where ? `${where}.${k}` : k);
    if ("kolonner" in o) {
      if (!isObject(o.kolonner)) say(at("kolonner"), "skal være et objekt { udtrækkets overskrift: kontraktens kolonne }");
      else for (const [from, to] of Object.entries(o.kolonner)) column(`${at("kolonner")}."${from}"`, to, table);
    }
    if ("vaerdier" in o) {
      if (!isObject(o.vaerdier)) say(at("vaerdier"), "skal være et objekt { kontraktens kolonne: { værdi: kode } }");
      else
        for (const [col, m] of Object.entries(o.vaerdier)) {
          const before = problems.length;
          column(`${at("vaerdier")}."${col}"`, col, table);
          if (problems.length === before) valueMap(`${at("vaerdier")}.${col}`, col, m, table);
        }
    }
    if ("datoformat" in o && !(profileDateFormats as readonly unknown[]).includes(o.datoformat))
      say(at("datoformat"), `"${String(o.datoformat)}" er ikke et datoformat${didYouMean(String(o.datoformat), profileDateFormats)}`);
    if ("normaliserCpr" in o && typeof o.normaliserCpr !== "boolean") say(at("normaliserCpr"), "skal være true eller false");
    if ("overskriftsraekke" in o && !(Number.isInteger(o.overskriftsraekke) && (o.overskriftsraekke as number) >= 1))
      say(at("overskriftsraekke"), "skal være et helt tal ≥ 1 (linjen med kolonneoverskrifterne)");
    if ("udelad" in o) matches(at("udelad"), o.udelad, table);
    if ("behold" in o) matches(at("behold"), o.behold, table);
    if ("slutVed" in o) match(at("slutVed"), o.slutVed, table);
  };

  keys("", raw, rootKeys);
  if ("version" in raw && raw.version !== 1 && raw.version !== 2) say("version", "skal være 1 eller 2");
  if ("beskrivelse" in raw && !isString(raw.beskrivelse)) say("beskrivelse", "skal være en tekst");
  rowRules("", raw, undefined);
  if ("filer" in raw) {
    if (!isObject(raw.filer)) say("filer", "skal være et objekt { filnavn eller mønster: tabel }");
    else
      for (const [file, to] of Object.entries(raw.filer)) {
        if (Array.isArray(to)) to.forEach((t, i) => tableName(`filer."${file}"[${i}]`, t));
        else tableName(`filer."${file}"`, to);
      }
  }
  if ("tabeller" in raw) {
    if (!isObject(raw.tabeller)) say("tabeller", "skal være et objekt { tabel: { … } }");
    else
      for (const [name, t] of Object.entries(raw.tabeller)) {
        const where = `tabeller.${name}`;
        const table = tableByName(name);
        if (!table) {
          say(where, `"${name}" er ikke en tabel i kontrakten${didYouMean(name, tableNames)}`);
          continue;
        }
        if (!isObject(t)) {
          say(where, "skal være et objekt { … }");
          continue;
        }
        keys(where, t, tableKeys);
        rowRules(where, t, table);
        if ("ark" in t && !isString(t.ark)) say(`${where}.ark`, "skal være arkets navn eller et mønster (tekst)");
        if ("afledte" in t) {
          if (!Array.isArray(t.afledte)) say(`${where}.afledte`, "skal være en liste [ { … }, … ]");
          else t.afledte.forEach((d, i) => derived(`${where}.afledte[${i}]`, d, table));
        }
        if ("bred" in t) wide(`${where}.bred`, t.bred, table);
      }
  }
  return problems;

  function derived(where: string, d: unknown, table: Table) {
    if (!isObject(d)) return say(where, "skal være et objekt { … }");
    const given = Object.keys(d);
    const kind = derivedKinds.find((k) => k.required.every((r) => r in d) && given.every((g) => k.keys.includes(g)));
    if (!kind) {
      const all = [...new Set(derivedKinds.flatMap((k) => k.keys))];
      const unknown = given.filter((g) => !all.includes(g));
      if (unknown.length) for (const u of unknown) say(`${where}.${u}`, `ukendt nøgle${didYouMean(u, all)}`);
      else
        say(
          where,
          `en afledt kolonne er én af: { kolonne, saml, adskiller? } (sammensæt), { kolonner, fra, moenster } (del), { kolonne, konstant } eller { kolonne, fraFilnavn }`,
        );
      return;
    }
    if ("kolonne" in d) column(`${where}.kolonne`, d.kolonne, table);
    if ("saml" in d && !(Array.isArray(d.saml) && d.saml.length >= 2 && d.saml.every(isString)))
      say(`${where}.saml`, "skal være en liste af mindst to overskrifter fra udtrækket");
    if ("adskiller" in d && !isString(d.adskiller)) say(`${where}.adskiller`, "skal være en tekst");
    if ("kolonner" in d) {
      if (!Array.isArray(d.kolonner) || !d.kolonner.length) say(`${where}.kolonner`, "skal være en liste af kontraktens kolonner");
      else d.kolonner.forEach((c, i) => column(`${where}.kolonner[${i}]`, c, table));
    }
    if ("fra" in d && !isString(d.fra)) say(`${where}.fra`, "skal være en overskrift fra udtrækket");
    if ("moenster" in d) {
      regex(`${where}.moenster`, d.moenster);
      if (isString(d.moenster) && Array.isArray(d.kolonner)) {
        let groups = 0;
        try {
          groups = jsRegex(`${d.moenster}|`).exec("")!.length - 1;
        } catch {
          /* reported above */
        }
        if (groups !== d.kolonner.length) say(`${where}.moenster`, `har ${groups} gruppe(r) ( … ), men kolonner nævner ${d.kolonner.length}`);
      }
    }
    if ("konstant" in d && !isString(d.konstant)) say(`${where}.konstant`, "skal være en tekst");
    if ("fraFilnavn" in d) {
      regex(`${where}.fraFilnavn`, d.fraFilnavn);
      if (isString(d.fraFilnavn) && !/\((?!\?)/.test(d.fraFilnavn)) say(`${where}.fraFilnavn`, "skal have en gruppe ( … ) om den del af filnavnet der er værdien");
    }
  }

  function wide(where: string, w: unknown, table: Table) {
    if (!isObject(w)) return say(where, `skal være et objekt { "kolonner": mønster, "noegle": kolonne, "vaerdi": kolonne }`);
    keys(where, w, wideKeys);
    for (const k of ["kolonner", "noegle", "vaerdi"]) if (!(k in w)) say(`${where}.${k}`, "mangler");
    if ("kolonner" in w) {
      regex(`${where}.kolonner`, w.kolonner);
      if (isString(w.kolonner) && !/\((?!\?)/.test(w.kolonner)) say(`${where}.kolonner`, "skal have en gruppe ( … ) om den del af overskriften der er nøglen");
    }
    if ("noegle" in w) column(`${where}.noegle`, w.noegle, table);
    if ("vaerdi" in w) column(`${where}.vaerdi`, w.vaerdi, table);
    if ("summer" in w && typeof w.summer !== "boolean") say(`${where}.summer`, "skal være true eller false");
  }
}

/** Normalised names of the export headers a table profile reads (renames' sources, derived columns' inputs). */
export function sourceHeaders(t: { kolonner: Record<string, string>; afledte?: { saml?: string[]; fra?: string }[] }): Set<string> {
  const out = new Set(Object.keys(t.kolonner));
  for (const d of t.afledte ?? []) {
    for (const s of d.saml ?? []) out.add(normaliseName(s));
    if (d.fra) out.add(normaliseName(d.fra));
  }
  return out;
}
