// `npm run format:sql`: formats every models/**/*.sql with sql-formatter (DuckDB dialect, lower-case keywords).
// Without --write it checks only: lists the unformatted files and exits non-zero (test/runner checks the same).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { format, type FormatOptionsWithLanguage } from "sql-formatter";
import { MODELS_DIR } from "./paths.ts";

/** Fixed once for the whole repository; change them only together with a run of `--write`. */
export const sqlFormatOptions: FormatOptionsWithLanguage = {
  language: "duckdb",
  keywordCase: "lower",
  dataTypeCase: "lower",
  functionCase: "lower",
  identifierCase: "preserve",
  tabWidth: 2,
  useTabs: false,
  indentStyle: "standard",
  logicalOperatorNewline: "before",
  expressionWidth: 100,
  linesBetweenQueries: 1,
  denseOperators: false,
  newlineBeforeSemicolon: false,
};


/** Every .sql file under `dir`, sorted. */
export function sqlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sqlFiles(path));
    else if (entry.name.endsWith(".sql")) out.push(path);
  }
  return out.sort();
}

/**
 * The formatted text of one file, with exactly one trailing newline. sql-formatter 15 does not know
 * DuckDB's `union [all] by name` and breaks it over two lines; we join it again.
 */
export function formatSql(text: string): string {
  const out = format(text, sqlFormatOptions).replace(/\b(union|intersect|except)( all)?\n\s*by\s+name\b/gi, (m) =>
    m.toLowerCase().replace(/\s+/g, " "),
  );
  return out.trimEnd() + "\n";
}

/** Files (relative to `root`) whose text differs from the formatted text. */
export function unformatted(dir: string, root = dir): string[] {
  return sqlFiles(dir)
    .filter((path) => {
      const text = readFileSync(path, "utf8");
      return formatSql(text) !== text;
    })
    .map((path) => relative(root, path));
}

async function cli(argv: string[]): Promise<number> {
  const write = argv.includes("--write");
  const files = argv.filter((a) => !a.startsWith("--"));
  const paths = files.length ? files : sqlFiles(MODELS_DIR);
  const bad: string[] = [];
  for (const path of paths) {
    const text = readFileSync(path, "utf8");
    let formatted: string;
    try {
      formatted = formatSql(text);
    } catch (e) {
      process.stderr.write(`${relative(process.cwd(), path)}: cannot be parsed by sql-formatter: ${(e as Error).message.split("\n")[0]}\n`);
      bad.push(path);
      continue;
    }
    if (formatted === text) continue;
    if (write) {
      writeFileSync(path, formatted);
      process.stdout.write(`formatted ${relative(process.cwd(), path)}\n`);
    } else bad.push(path);
  }
  if (!write && bad.length) {
    for (const path of bad) process.stdout.write(`not formatted: ${relative(process.cwd(), path)}\n`);
    process.stderr.write(`${bad.length} file(s) not formatted — run \`npm run format:sql\`\n`);
    return 1;
  }
  return bad.length ? 1 : 0;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) process.exitCode = await cli(process.argv.slice(2));
