// The worklists (issue 12) as data: which mart holds each list, its Danish title, sheet name, column headers
// and order. The lists themselves are SQL (models/marts/mart_arbejdsliste_*.sql); this file only says how
// they are shown. Every list is written in this order by `libu arbejdslister` and printed by `npm start`.
import type { CellKind } from "../xlsx/index.ts";

export interface ListColumn {
  header: string;
  kind?: CellKind;
  decimals?: number;
}

export interface Worklist {
  /** The file name (`<liste>.csv`) and the mart's suffix. */
  name: string;
  /** Danish, for the front sheet, the sheet's title and `npm start`. */
  title: string;
  /** The tab's name (at most 31 characters). */
  sheet: string;
  /** Rows ordered so (SQL): by days overdue unless the list says otherwise. */
  orderBy: string;
  /** The list has deadlines (status overskredet/forfalder); gentagne_underretninger has not. */
  deadlines: boolean;
  /** The list has a `niveau` column (enhed/kommune): a unit's workbook takes its unit's rows. */
  levels?: boolean;
}

export const mart = (list: Worklist) => `mart_arbejdsliste_${list.name}`;

const byDays = "dage desc, enhed, sagsbehandler_id nulls last, frist";

export const worklists: Worklist[] = [
  { name: "undersoegelser", title: "Børnefaglige undersøgelser over eller nær fristen på fire måneder", sheet: "Undersøgelser", orderBy: `${byDays}, undersoegelse_id`, deadlines: true },
  { name: "opfoelgninger", title: "Opfølgninger på foranstaltninger", sheet: "Opfølgninger", orderBy: `${byDays}, foranstaltning_id`, deadlines: true },
  { name: "handleplaner", title: "Foranstaltninger uden handleplan", sheet: "Handleplaner", orderBy: `${byDays}, foranstaltning_id`, deadlines: true },
  { name: "tilsyn", title: "Anbragte børn med under to tilsynsbesøg på 12 måneder", sheet: "Tilsyn", orderBy: `${byDays}, foranstaltning_id`, deadlines: true },
  { name: "underretninger_vurdering", title: "Underretninger ikke vurderet inden for 24 timer", sheet: "Vurdering af underretninger", orderBy: `${byDays}, underretning_id`, deadlines: true },
  { name: "underretninger_kvittering", title: "Underretninger fra fagpersoner uden kvittering efter seks hverdage", sheet: "Kvittering for underretninger", orderBy: `${byDays}, underretning_id`, deadlines: true },
  { name: "boernesamtaler", title: "Nye foranstaltninger uden børnesamtale før afgørelsen", sheet: "Børnesamtaler", orderBy: `${byDays}, foranstaltning_id`, deadlines: true },
  {
    name: "gentagne_underretninger",
    title: "Børn med flest underretninger på 12 måneder og ingen foranstaltning",
    sheet: "Gentagne underretninger",
    orderBy: "niveau, enhed, rang",
    deadlines: false,
    levels: true,
  },
  { name: "sagsbehandlere", title: "Sagsbehandlere: overskredne og forfaldne frister og sagstal", sheet: "Sagsbehandlere", orderBy: "overskredet desc, forfalder desc, enhed, sagsbehandler_id", deadlines: false },
];

export const worklistNames = worklists.map((l) => l.name);

/** Danish headers of every column the marts have (one home; a column missing here is a test failure). */
export const columns: Record<string, ListColumn> = {
  enhed: { header: "Enhed" },
  niveau: { header: "Niveau" },
  rang: { header: "Nr.", kind: "integer" },
  sagsbehandler_id: { header: "Sagsbehandler" },
  sag_id: { header: "Sag" },
  undersoegelse_id: { header: "Undersøgelse" },
  foranstaltning_id: { header: "Foranstaltning (id)" },
  foranstaltning: { header: "Foranstaltning" },
  underretning_id: { header: "Underretning" },
  seneste_underretning_id: { header: "Seneste underretning" },
  startet: { header: "Startet", kind: "date" },
  modtaget: { header: "Modtaget", kind: "datetime" },
  seneste_modtaget: { header: "Seneste modtaget", kind: "datetime" },
  kilde: { header: "Kilde" },
  lov: { header: "Lov" },
  seneste_opfoelgning: { header: "Seneste opfølgning", kind: "date" },
  anbragt_siden: { header: "Anbragt siden", kind: "date" },
  besoeg_12m: { header: "Tilsynsbesøg, 12 mdr.", kind: "integer" },
  seneste_besoeg: { header: "Seneste besøg", kind: "date" },
  naestseneste_besoeg: { header: "Næstseneste besøg", kind: "date" },
  underretninger_12m: { header: "Underretninger, 12 mdr.", kind: "integer" },
  begrundelse_registreret: { header: "Begrundelse for overskridelse", kind: "boolean" },
  normering: { header: "Normering", kind: "decimal", decimals: 2 },
  sager: { header: "Sager", kind: "integer" },
  frist: { header: "Frist", kind: "date" },
  dage: { header: "Dage over fristen (minus: dage tilbage)", kind: "integer" },
  status: { header: "Status" },
  overskredet: { header: "Overskredet i alt", kind: "integer" },
  forfalder: { header: "Forfalder i alt", kind: "integer" },
  ...Object.fromEntries(
    worklists
      .filter((l) => l.deadlines)
      .flatMap((l) => [
        [`${l.name}_overskredet`, { header: `${l.sheet}: overskredet`, kind: "integer" as const }],
        [`${l.name}_forfalder`, { header: `${l.sheet}: forfalder`, kind: "integer" as const }],
      ]),
  ),
};
