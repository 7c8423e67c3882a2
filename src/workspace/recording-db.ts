import type { Columns, Db, Row } from '../db/db';

/**
 * A `Db` that remembers the files registered through it, as DuckDB reads them: the loaders read a file again when
 * its mapping changes, so a saved workspace keeps these bytes too.
 */
export class RecordingDb implements Db {
  readonly sources = new Map<string, Blob>();

  constructor(private inner: Db) {}

  get fileDir(): string {
    return this.inner.fileDir;
  }

  query<T extends Row = Row>(sql: string, params?: readonly unknown[], opts?: { background?: boolean }): Promise<T[]> {
    return this.inner.query<T>(sql, params, opts);
  }

  queryColumns(sql: string, params?: readonly unknown[]): Promise<Columns> {
    return this.inner.queryColumns(sql, params);
  }

  exec(sql: string): Promise<void> {
    return this.inner.exec(sql);
  }

  exportCsv(sql: string, params?: readonly unknown[]): Promise<Uint8Array> {
    return this.inner.exportCsv(sql, params);
  }

  copyToBytes(copy: (path: string) => string): Promise<Uint8Array> {
    return this.inner.copyToBytes(copy);
  }

  async registerFile(name: string, data: Blob | Uint8Array): Promise<void> {
    // Bytes are handed over to the engine's worker (and gone from here): the copy is taken first.
    const blob = data instanceof Uint8Array ? new Blob([data as Uint8Array<ArrayBuffer>]) : data;
    await this.inner.registerFile(name, data);
    this.sources.set(name, blob);
  }

  async dropFile(name: string): Promise<void> {
    this.sources.delete(name);
    await this.inner.dropFile(name);
  }

  execLong(statements: readonly string[], onProgress?: (fraction: number) => void): Promise<void> {
    return this.inner.execLong(statements, onProgress);
  }

  cancel(): Promise<void> {
    return this.inner.cancel();
  }
}
