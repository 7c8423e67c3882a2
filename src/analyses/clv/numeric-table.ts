import type { Db } from '../../db/db';
import { ident, literal } from '../../db/sql';

let fileCount = 0;
/** Rows written per chunk of CSV text. */
const CHUNK_ROWS = 5000;

/**
 * Creates or replaces `table` with one DOUBLE column per entry of `columns` (non-finite values become NULL).
 *
 * The rows travel as a CSV file registered in DuckDB's folder rather than as an Arrow table: in the browser
 * that builds Arrow vectors, whose builders compile their null check with `new Function`
 * (apache-arrow `builder/valid.mjs`), which the page's CSP (no 'unsafe-eval') refuses. JS writes each double
 * in its shortest round-trip form and DuckDB parses it back to the same double, so no precision is lost.
 */
export async function createNumericTable(db: Db, table: string, columns: Record<string, ArrayLike<number>>): Promise<void> {
  const names = Object.keys(columns);
  const rows = names.length ? columns[names[0]].length : 0;
  const schema = names.map((n) => `${ident(n)} DOUBLE`).join(', ');
  if (rows === 0) {
    await db.exec(`CREATE OR REPLACE TABLE ${ident(table)} (${schema})`);
    return;
  }
  // The header is skipped: `columns` names and types the fields. The text is written CHUNK_ROWS rows at a time,
  // yielding between chunks: tens of thousands of rows at once would be one long main-thread task.
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [encoder.encode(names.map((_, i) => `c${i}`).join(',') + '\n')];
  const cols = names.map((n) => columns[n]);
  for (let start = 0; start < rows; start += CHUNK_ROWS) {
    if (start > 0) await new Promise((resolve) => setTimeout(resolve, 0));
    const lines: string[] = [];
    for (let r = start; r < Math.min(rows, start + CHUNK_ROWS); r++) lines.push(cols.map((c) => (Number.isFinite(c[r]) ? String(c[r]) : '')).join(','));
    parts.push(encoder.encode(lines.join('\n') + '\n'));
  }
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (bytes.set(p, at), at + p.length), 0);
  const path = `${db.fileDir}${table}_${++fileCount}.csv`;
  await db.registerFile(path, bytes);
  try {
    const types = names.map((n) => `${literal(n)}: 'DOUBLE'`).join(', ');
    await db.exec(
      `CREATE OR REPLACE TABLE ${ident(table)} AS SELECT * FROM read_csv(${literal(path)}, header = true, delim = ',', quote = '"', nullstr = '', columns = {${types}})`,
    );
  } finally {
    await db.dropFile(path);
  }
}
