// Finds counts between 1 and 4 in the site's JSON: every small whole number except under keys that are not
// counts of people or cases, and shares of exactly 100 %.
// The ledelsestilsyn's shares and interval bounds (0–1) are shares too; its n (answers) is a count.
// The registry's afsnit_nr and hovedtal_nr are positions on a page, not counts.
const NOT_COUNTS = new Set(["nr", "afsnit_nr", "hovedtal_nr", "trin", "regel", "load_id", "diskretionsgraense", "farve_groen", "farve_gul", "maal", "version", "andel", "andel_vaegtet", "ci_nedre", "ci_oevre"]);

export function smallCounts(json: unknown, where = ""): string[] {
  const small: string[] = [];
  const scan = (v: unknown, key: string, art: string | undefined, path: string) => {
    if (Array.isArray(v)) v.forEach((x, i) => scan(x, key, art, `${path}[${i}]`));
    else if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      for (const [k, x] of Object.entries(o)) scan(x, k, (o.art as string) ?? art, `${path}.${k}`);
    } else if (typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 4) {
      if (NOT_COUNTS.has(key)) return;
      if (key === "vaerdi" && art !== "antal") return;
      small.push(`${path} = ${v}`);
    }
  };
  scan(json, "", undefined, where);
  return small;
}
