// What the site knows about releases (dashboards/data/udgivelser.json.ts): which quarters are published, when,
// the figures each quarter's own release published, and where today's figures differ (the revisions). Only
// published figures: they were suppressed when released, and today's come from the same published system.
import { loadConfig, resolveConfigPath } from "../config.ts";
import type { Warehouse } from "../db.ts";
import { siteParts } from "../published/handover.ts";
import { publishedFigures } from "./published.ts";
import { type RevisionThresholds, revisions } from "./revisions.ts";
import * as fmt from "../../dashboards/components/format.js";
import { ownReleaseFigures, releases } from "./store.ts";

export async function udgivelserData(wh: Warehouse, env: NodeJS.ProcessEnv = process.env) {
  // The loaders get the configuration's path from `libu site` / `libu udgiv` (cwd is the repository otherwise).
  const config = loadConfig(resolveConfigPath(undefined, env, process.cwd()));
  const list = await releases(wh);
  const own = await ownReleaseFigures(wh);
  // Today's figures: the same published system as the site's other data files (the handover of `libu site`).
  const sys = await siteParts(wh, env);
  const today = publishedFigures(sys, null);
  return {
    udvalg: config.udvalg,
    // As text: the thresholds are not counts, and the site only shows them.
    revisionsregel: revisionRule(config.revisionsgraenser),
    udgivelser: list.map((r) => ({ udgivelse: r.udgivelse, kvartal: r.kvartal, version: r.version, oprettet: r.oprettet, as_of: r.as_of, note: r.note })),
    // Per published quarter: the release and its figures for that quarter, as shown.
    udgivet: Object.fromEntries(
      [...own].map(([kvartal, o]) => [
        kvartal,
        {
          udgivelse: o.udgivelse,
          // The KPI figures (the pages' "vis som udgivet" replaces their KPI rows); the breakdowns' are in revisioner.
          tal: o.figures.filter((f) => f.tabel === "kpi").map((f) => ({ kpi: f.kpi, kvartal: f.kvartal, niveau: f.niveau, enhed: f.enhed, art: f.art, vaerdi: f.vaerdi, naevner: f.naevner, undertrykt: f.undertrykt, vist: f.vist })),
        },
      ]),
    ),
    revisioner: revisions(own, today, config.revisionsgraenser),
  };
}

/** "mindst 0,1 procentpoint (andele), 1 (antal) eller 0,1 (forholdstal)". */
export function revisionRule(t: RevisionThresholds): string {
  return `mindst ${fmt.tal(t.andel * 100, 1)} procentpoint (andele), ${fmt.tal(t.antal)} (antal) eller ${fmt.tal(t.forhold, 1)} (forholdstal)`;
}
