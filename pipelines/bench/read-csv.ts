// The yardstick for the loader: DuckDB's own typed read_csv of the same files, with every dialect option
// given up front (no sniffing), each table materialised like the loader's src_ tables.
import type { Column, Table } from "../contract.ts";
import { lit } from "../db.ts";
import type { CsvFormat } from "../demo/formats.ts";

const strftime: Record<CsvFormat["dates"], string> = {
  iso: "%Y-%m-%d",
  "dk-dash": "%d-%m-%Y",
  "dk-dot": "%d.%m.%Y",
  "dk-slash": "%d/%m/%Y",
};

/** The SQL type read_csv can parse the column as in this format (booleans like ja/nej stay text). */
function typeFor(col: Column, f: CsvFormat): string {
  switch (col.type) {
    case "date":
      return "DATE";
    case "timestamp":
      return "TIMESTAMP";
    case "decimal":
      return f.decimals === "comma-thousands" ? "VARCHAR" : "DOUBLE";
    case "integer":
      return "INTEGER";
    case "bool":
      return ["true", "1"].includes(f.booleans[0]) ? "BOOLEAN" : "VARCHAR";
    default:
      return "VARCHAR";
  }
}

export function readCsvSql(table: Table, file: string, f: CsvFormat, target: string): string {
  const columns = table.columns.map((c) => `${lit(c.name)}: ${lit(typeFor(c, f))}`).join(", ");
  const options = [
    "header = true",
    "auto_detect = false",
    `delim = ${lit(f.delimiter)}`,
    `quote = '"'`,
    `escape = '"'`,
    `encoding = ${lit(f.encoding === "windows-1252" ? "latin-1" : "utf-8")}`,
    `dateformat = ${lit(strftime[f.dates])}`,
    `timestampformat = ${lit(`${strftime[f.dates]} %H:%M${f.seconds ? ":%S" : ""}`)}`,
    `decimal_separator = ${lit(f.decimals === "dot" ? "." : ",")}`,
    `columns = {${columns}}`,
  ];
  return `create table ${target} as select * from read_csv(${lit(file)}, ${options.join(", ")})`;
}
