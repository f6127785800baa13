// `libu arbejdslister`: the deadlines behind the KPIs as internal worklists (issue 12) — CSV per list or one
// workbook per unit and one for the municipality. Row-level with the case system's ids; never published.
import { resolve } from "node:path";
import type { Command, Context } from "../command.ts";
import { openWarehouse } from "../db.ts";
import { UsageError } from "../errors.ts";
import { drawUpWorklists } from "../worklists/draw-up.ts";
import { worklists } from "../worklists/lists.ts";
import { checkOutFolder } from "../worklists/write.ts";
import { formatDuration } from "../log.ts";
import { DASHBOARDS_DIR, MODELS_DIR, REPO } from "../paths.ts";

const formats = ["xlsx", "csv"] as const;

/** Folders the site is built from or into: the lists must never land there. */
function siteFolders(ctx: Context): string[] {
  const folders = [resolve(REPO, "dist"), DASHBOARDS_DIR, resolve(ctx.cwd, "dist")];
  if (ctx.env.LIBU_SITE_OUT) folders.push(resolve(ctx.cwd, ctx.env.LIBU_SITE_OUT));
  return folders;
}

export const command: Command = {
  name: "arbejdslister",
  summary: "skriver arbejdslisterne (frister, der er overskredet eller forfalder) — internt, aldrig til offentliggørelse",
  usage: "libu arbejdslister [--db <fil>] [--dato <ÅÅÅÅ-MM-DD>] [--horisont <dage>] [--enhed <navn>] [--format xlsx|csv] --out <mappe>",
  help: [
    "--dato: listernes dato (standard: den seneste indlæsnings as-of-dato); --horisont: dage frem, hvor en frist tæller",
    "som forfalder (standard 30); --enhed: kun den enheds rækker; --format xlsx (standard): én projektmappe pr. enhed og",
    "én for hele kommunen; --format csv: <mappe>/<liste>.csv for hver liste.",
    `Lister: ${worklists.map((l) => l.name).join(", ")}.`,
    "Filerne indeholder sagsnumre: de oprettes, så kun ejeren kan læse dem, og må ikke ligge i sitets mappe.",
  ].join("\n"),
  options: {
    dato: { type: "string" },
    horisont: { type: "string" },
    enhed: { type: "string" },
    format: { type: "string", default: "xlsx" },
    out: { type: "string" },
  },
  async run({ values }, ctx) {
    const format = values.format as (typeof formats)[number];
    if (!formats.includes(format)) throw new UsageError(`--format skal være xlsx eller csv, ikke "${format}"`);
    if (!values.out) throw new UsageError(`angiv en mappe med --out — brug: ${this.usage}`);
    const dato = values.dato as string | undefined;
    if (dato !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(dato) || Number.isNaN(Date.parse(`${dato}T00:00:00Z`)) || new Date(`${dato}T00:00:00Z`).toISOString().slice(0, 10) !== dato)) {
      throw new UsageError(`--dato skal være en dato som 2026-09-30, ikke "${dato}"`);
    }
    const horisontText = values.horisont as string | undefined;
    if (horisontText !== undefined && !/^\d+$/.test(horisontText)) throw new UsageError(`--horisont skal være et helt antal dage (0 eller mere), ikke "${horisontText}"`);
    const out = resolve(ctx.cwd, values.out as string);
    checkOutFolder(out, siteFolders(ctx));

    const wh = await openWarehouse(ctx.dbPath, { readOnly: true });
    try {
      const r = await drawUpWorklists(wh, {
        modelsDir: MODELS_DIR,
        out,
        format,
        kommune: ctx.config.kommune,
        dato,
        horisont: horisontText === undefined ? undefined : Number(horisontText),
        enhed: values.enhed as string | undefined,
      });
      if (r.widelyReadable) ctx.log.warn(`${out} kan læses af andre end ejeren; filerne selv kan kun læses af ejeren`);
      ctx.log.info(`arbejdslister: beregnet pr. ${r.settings.dato} (${formatDuration(r.computeMs)}), ${r.files.length} filer skrevet til ${out} (${formatDuration(r.writeMs)})`);
      for (const data of r.lists) {
        const over = data.rows.filter((row) => row.status === "overskredet").length;
        const due = data.rows.filter((row) => row.status === "forfalder").length;
        ctx.stdout.write(`${data.list.name.padEnd(26)} ${data.list.deadlines ? `${over} overskredet, ${due} forfalder` : `${data.rows.length} rækker`}\n`);
      }
    } finally {
      wh.close();
    }
  },
};
