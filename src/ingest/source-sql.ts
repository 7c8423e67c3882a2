import { ident, literal } from '../db/sql';

/** How DuckDB reads one registered file. */
export interface CsvSpec {
  index: number;
  /** The name the file is registered under in DuckDB's folder. */
  fileName: string;
  delimiter: string;
  headers: string[];
  /** False after DuckDB's strict parser reached an invalid state on this file's quoting. */
  strict: boolean;
  /** False for a file without a header row (`headers` then name its columns `column_1` …). */
  header?: boolean;
  /** Columns the reader types itself (header → DuckDB type); the others are read as text. */
  types?: Record<string, string>;
  /**
   * The one strptime format of a typed TIMESTAMP column (`%Y-%m-%d %H:%M:%S`). The reader's own cast would take
   * `2024-01-01 20:00:00+08:00` and drop its offset; with the format such a value fails to convert and sends the
   * file through the text parsers, which honour offsets.
   */
  timestampFormat?: string;
}

/** Names of the tables where DuckDB keeps one file's unreadable lines (with their line numbers). */
export function rejectsNames(index: number): { rejects: string; scans: string } {
  return { rejects: `file_${index}_rejects`, scans: `file_${index}_scans` };
}

/**
 * The file as a table of text columns in file order, `__row` numbering the records (a streaming window: nothing
 * is held). With `storeRejects`, malformed lines (too many fields, broken quotes, invalid text) go to the rejects
 * table with their line numbers; missing trailing fields become NULL either way.
 */
export function csvSource(f: CsvSpec, storeRejects: boolean): string {
  return `(SELECT row_number() OVER () AS __row, * FROM ${readCsv(f, storeRejects)})`;
}

function readCsv(f: CsvSpec, storeRejects: boolean, typed = true): string {
  const { rejects, scans } = rejectsNames(f.index);
  const type = (h: string) => (typed && f.types?.[h] ? f.types[h] : 'VARCHAR');
  const columns = `{${f.headers.map((h) => `${literal(h)}: ${literal(type(h))}`).join(', ')}}`;
  const store = storeRejects ? `, store_rejects = true, rejects_table = ${literal(rejects)}, rejects_scan = ${literal(scans)}` : '';
  const format = typed && f.timestampFormat && f.headers.some((h) => f.types?.[h] === 'TIMESTAMP') ? `, timestampformat = ${literal(f.timestampFormat)}` : '';
  return `read_csv(${literal(f.fileName)}, auto_detect = false, header = ${f.header !== false},
  delim = ${literal(f.delimiter)}, quote = '"', escape = '"', columns = ${columns}, null_padding = true, ignore_errors = true,
  max_line_size = 10000000, parallel = false, strict_mode = ${f.strict}${format}${store})`;
}

/** The first rows of the file as text, where formats are detected: the reader stops after them. */
export function sampleSource(f: CsvSpec, rows = 100_000): string {
  return `(SELECT * FROM ${readCsv(f, false, false)} LIMIT ${Math.floor(rows)})`;
}

export function dropRejectsSql(index: number): string[] {
  const { rejects, scans } = rejectsNames(index);
  return [`DROP TABLE IF EXISTS ${ident(rejects)}`, `DROP TABLE IF EXISTS ${ident(scans)}`];
}
