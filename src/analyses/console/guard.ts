/**
 * The SQL console is read-only. DuckDB-WASM has no statement parser to ask offline (`json_serialize_sql` lives in
 * the json extension, which the browser cannot load), so the statement is read token by token here, strings,
 * quoted names and comments skipped. Allowed: one statement starting with SELECT, WITH, FROM or VALUES (CTEs,
 * joins, subqueries, set operations) over the database's own tables, CTEs and a few harmless table functions.
 * Refused: any write, DDL or session keyword (INSERT, CREATE, DROP, ATTACH, INSTALL, LOAD, COPY, SET, PRAGMA …),
 * several statements, a file named in FROM (`'x.csv'`), a table not in the database, and every function that reads
 * files or runs other SQL (`read_csv`, `glob`, `query` …). DuckDB's own confinement (no external access outside the
 * app's folder) stays beneath it.
 */

export type Refusal =
  | { code: 'empty' }
  | { code: 'not_select' }
  | { code: 'several' }
  | { code: 'keyword'; name: string }
  | { code: 'table'; name: string }
  | { code: 'function'; name: string };

type Token = { kind: 'word' | 'quoted' | 'string' | 'punct' | 'other'; text: string };

/** Keywords that only statements other than a query use. */
const FORBIDDEN = new Set(
  ('insert update delete merge upsert create drop alter attach detach install load copy export import pragma set reset ' +
    'call checkpoint vacuum truncate use begin commit rollback abort prepare execute deallocate grant revoke comment')
    .split(' '),
);
/** Functions that read files, reach other databases or run other SQL. */
const FORBIDDEN_FUNCTION = /^(read_|parquet_|iceberg_|delta_|sqlite_|postgres_|mysql_|st_read|glob$|query$|query_table$|sniff_csv$|getenv$|load_|duckdb_secrets$|which_secret$|ducklake_)/i;
/** Table functions that read only what they are given. */
const SAFE_TABLE_FUNCTIONS = new Set(['range', 'generate_series', 'unnest', 'duckdb_tables', 'duckdb_columns', 'duckdb_views', 'duckdb_types']);
/** Words that end a FROM clause's list of tables. */
const AFTER_FROM = new Set(['where', 'group', 'having', 'order', 'limit', 'offset', 'qualify', 'window', 'union', 'except', 'intersect', 'on', 'using', 'select', 'sample', 'pivot', 'unpivot']);
const STARTS = new Set(['select', 'with', 'from', 'values']);

/** Why `sql` may not run in the console, or null when it may. `tables`: the database's tables (any case). */
export function refusal(sql: string, tables: ReadonlySet<string>): Refusal | null {
  const tokens = tokenize(sql);
  const semicolon = tokens.findIndex((t) => t.kind === 'punct' && t.text === ';');
  if (semicolon >= 0 && tokens.slice(semicolon + 1).some((t) => !(t.kind === 'punct' && t.text === ';'))) return { code: 'several' };
  const body = semicolon >= 0 ? tokens.slice(0, semicolon) : tokens;
  const first = body.find((t) => !(t.kind === 'punct' && t.text === '('));
  if (!first) return { code: 'empty' };
  if (first.kind !== 'word' || !STARTS.has(first.text.toLowerCase())) return { code: 'not_select' };

  const known = new Set([...tables].map((t) => t.toLowerCase()));
  const word = (i: number) => (body[i]?.kind === 'word' ? body[i]!.text.toLowerCase() : null);
  const name = (i: number) => (body[i]?.kind === 'word' || body[i]?.kind === 'quoted' ? body[i]!.text.toLowerCase() : null);
  const punct = (i: number, p: string) => body[i]?.kind === 'punct' && body[i]!.text === p;
  // CTE names: `name AS (` (optionally `name AS MATERIALIZED (`) wherever they appear.
  const ctes = new Set<string>();
  body.forEach((_t, i) => {
    const n = name(i);
    if (!n) return;
    // `name (columns) AS (` too.
    let k = i + 1;
    if (punct(k, '(')) {
      while (k < body.length && !punct(k, ')')) k++;
      k++;
    }
    if (word(k) === 'as' && (punct(k + 1, '(') || (word(k + 1)?.endsWith('materialized') && punct(k + 2, '(')))) ctes.add(n);
  });

  // Per parenthesis depth: whether the tokens are a FROM clause's list of tables, and whether a table may come next.
  const inFrom: boolean[] = [false];
  let expectTable = false;
  for (let i = 0; i < body.length; i++) {
    const t = body[i]!;
    const depth = inFrom.length - 1;
    if (t.kind === 'word') {
      const w = t.text.toLowerCase();
      if (FORBIDDEN.has(w)) return { code: 'keyword', name: t.text.toUpperCase() };
      if (punct(i + 1, '(') && FORBIDDEN_FUNCTION.test(w)) return { code: 'function', name: t.text };
    }
    if (t.kind === 'punct' && t.text === '(') {
      inFrom.push(false);
      expectTable = false;
      continue;
    }
    if (t.kind === 'punct' && t.text === ')') {
      if (inFrom.length > 1) inFrom.pop();
      expectTable = false;
      continue;
    }
    const w = t.kind === 'word' ? t.text.toLowerCase() : null;
    if (w === 'from' || w === 'join') {
      inFrom[depth] = true;
      expectTable = true;
      continue;
    }
    if (w && AFTER_FROM.has(w)) {
      inFrom[depth] = false;
      expectTable = false;
      continue;
    }
    if (t.kind === 'punct' && t.text === ',' && inFrom[depth]) {
      expectTable = true;
      continue;
    }
    if (!expectTable) continue;
    expectTable = false;
    if (t.kind === 'string') return { code: 'table', name: t.text };
    if (w === 'lateral') {
      expectTable = true;
      continue;
    }
    if (t.kind !== 'word' && t.kind !== 'quoted') continue;
    // A qualified name: parts joined by dots; then either a table function call or a table.
    const parts = [t.text];
    let j = i;
    while (punct(j + 1, '.') && (body[j + 2]?.kind === 'word' || body[j + 2]?.kind === 'quoted')) {
      parts.push(body[j + 2]!.text);
      j += 2;
    }
    i = j;
    const last = parts[parts.length - 1]!.toLowerCase();
    if (punct(j + 1, '(')) {
      if (!SAFE_TABLE_FUNCTIONS.has(last)) return { code: 'function', name: parts.join('.') };
      continue;
    }
    const qualifiers = parts.slice(0, -1).map((p) => p.toLowerCase());
    const local = qualifiers.length === 0 && ctes.has(last);
    const ours = qualifiers.every((q, k) => (k === qualifiers.length - 1 ? ['main', 'memory', 'lens'] : ['memory', 'lens']).includes(q)) && known.has(last);
    if (!local && !ours) return { code: 'table', name: parts.join('.') };
  }
  return null;
}

/** Words, quoted names, strings and punctuation of `sql`; whitespace and comments dropped. */
function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (sql.startsWith('--', i)) {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end + 1;
    } else if (sql.startsWith('/*', i)) {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      let text = '';
      while (j < sql.length) {
        if (sql[j] === c && sql[j + 1] === c) {
          text += c;
          j += 2;
        } else if (sql[j] === c) break;
        else text += sql[j++];
      }
      out.push({ kind: c === "'" ? 'string' : 'quoted', text });
      i = j + 1;
    } else if (c === '$' && /[A-Za-z_$]/.test(sql[i + 1] ?? '')) {
      // A dollar-quoted string: $tag$ … $tag$.
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i))?.[0];
      if (!tag) {
        out.push({ kind: 'other', text: c });
        i++;
        continue;
      }
      const end = sql.indexOf(tag, i + tag.length);
      out.push({ kind: 'string', text: sql.slice(i + tag.length, end < 0 ? sql.length : end) });
      i = end < 0 ? sql.length : end + tag.length;
    } else if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      const m = /^[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/.exec(sql.slice(i))![0];
      // E'…' and similar prefixed strings: the prefix is part of the string.
      if (sql[i + m.length] === "'" && /^[eEbBxXuU]$|^[uU]&$/.test(m)) {
        i += m.length;
        continue;
      }
      out.push({ kind: 'word', text: m });
      i += m.length;
    } else if ('(),;.'.includes(c)) {
      out.push({ kind: 'punct', text: c });
      i++;
    } else {
      out.push({ kind: 'other', text: c });
      i++;
    }
  }
  return out;
}

/**
 * A query of a view, as it opens in the console: a `CREATE [OR REPLACE] TABLE name AS` prefix dropped (the console
 * shows what the table holds), and `$1`, `$2`, … replaced by the values the view bound.
 */
export function consoleText(sql: string, values: readonly unknown[] = []): string {
  const select = sql.replace(/^\s*CREATE\s+(OR\s+REPLACE\s+)?TABLE\s+\S+\s+AS\s+/i, '');
  return select.replace(/\$(\d+)\b/g, (whole, n: string) => {
    const v = values[Number(n) - 1];
    if (v === undefined) return whole;
    if (v === null) return 'NULL';
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return `'${String(v).replaceAll("'", "''")}'`;
  });
}

/** The database's tables and their columns, for the schema browser (helper tables of the load left out). */
export const SCHEMA_SQL = `SELECT table_name, column_name, data_type
FROM duckdb_columns()
WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal
  AND NOT starts_with(table_name, '__') AND NOT regexp_matches(table_name, '^file_[0-9]+_(rejects|scans)$')
ORDER BY table_name, column_index`;
