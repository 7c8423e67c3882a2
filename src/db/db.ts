/** A result row with plain JS values: numbers (never BigInt or DECIMAL objects), strings, booleans, null.
 * DATE values arrive as `YYYY-MM-DD`, TIMESTAMP values as `YYYY-MM-DD HH:MM:SS`. */
export type Row = Record<string, unknown>;

/** A numeric result column by column: what a model reads, with no object per row. */
export interface Columns {
  names: string[];
  /** One array per column, in `names` order; NULL and non-numbers are NaN. */
  columns: Float64Array[];
  rows: number;
}

/**
 * The one interface analyses and views use to reach DuckDB. The browser answers it with DuckDB-WASM in a worker;
 * the tests answer it with the same DuckDB version in Node, so every test runs the production SQL.
 */
export interface Db {
  /** The only folder DuckDB may read and write (ends with `/`): registered files are named inside it. */
  readonly fileDir: string;
  /**
   * Runs one statement and returns its rows. Parameters bind to `$1`, `$2`, … `background`: work the views did not
   * ask for (saving the workspace): not counted among their statements, and run only when no other call waits.
   */
  query<T extends Row = Row>(sql: string, params?: readonly unknown[], opts?: { background?: boolean }): Promise<T[]>;
  /** Runs one statement whose columns are all numeric and returns them as arrays (models' inputs: 100,000s of rows). */
  queryColumns(sql: string, params?: readonly unknown[]): Promise<Columns>;
  /** Runs statements that return nothing of interest (DDL, several statements separated by `;`). */
  exec(sql: string): Promise<void>;
  /** Writes the result of a query as CSV (header row, comma, `"` quotes) and returns its bytes. */
  exportCsv(sql: string, params?: readonly unknown[]): Promise<Uint8Array>;
  /**
   * Runs the `COPY … TO` statement that `copy` builds for a file path of the engine's and returns the file's bytes
   * (the saved workspace's copy of a table). Background work, as `query`'s `background`.
   */
  copyToBytes(copy: (path: string) => string): Promise<Uint8Array>;
  /** Makes a file readable by `read_csv('name')`: a Blob is read in place, bytes are copied. */
  registerFile(name: string, data: Blob | Uint8Array): Promise<void>;
  dropFile(name: string): Promise<void>;
  /**
   * Runs statements in order, with nothing else in between, that `cancel()` can stop, reporting progress (0–1)
   * where the engine tells it. A transaction the list opened is rolled back when a statement fails.
   */
  execLong(statements: readonly string[], onProgress?: (fraction: number) => void): Promise<void>;
  /** Cancels the statement running in `execLong`, if any. */
  cancel(): Promise<void>;
}
