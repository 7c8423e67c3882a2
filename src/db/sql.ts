/** Quotes an identifier (table or column name) for DuckDB. Column names come from users' files. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a string literal, for the few places DuckDB takes no parameter (file names in `read_csv`). */
export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * Wraps a text expression so that a spreadsheet never runs the exported cell as a formula: a cell starting with
 * `=`, `+`, `-`, `@`, tab or CR gets a leading `'`, except a plain negative number.
 */
export function csvSafe(expr: string): string {
  return `CASE WHEN regexp_matches(${expr}, '^[=+@\\t\\r]') OR (${expr} LIKE '-%' AND NOT regexp_full_match(${expr}, '-[0-9]+(\\.[0-9]+)?')) THEN '''' || ${expr} ELSE ${expr} END`;
}

/** The projection that exports a table with every text column made safe by `csvSafe`. */
export function safeProjection(columns: { column_name: string; column_type: string }[]): string {
  return columns
    .map((c) => (c.column_type === 'VARCHAR' ? `${csvSafe(ident(c.column_name))} AS ${ident(c.column_name)}` : ident(c.column_name)))
    .join(', ');
}

/** The filter every analysis applies: transactions up to and including the as-of date (bound as `$n`). */
export function upToAsOf(param: string): string {
  return `order_ts < CAST(${param} AS DATE) + INTERVAL 1 DAY`;
}
