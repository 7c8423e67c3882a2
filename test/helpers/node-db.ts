import { SerialQueue } from '../../src/db/serial-queue';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Columns, Db, Row } from '../../src/db/db';
import { kindOfDuckDbType, normalizeValue } from '../../src/db/normalize';
import { ident, safeProjection } from '../../src/db/sql';
import { runInOrder, startupSql } from '../../src/db/settings';

/** The browser's DuckDB version (1.4.3, pinned in package.json) running natively in Node, one thread. */
export class NodeDb implements Db {
  private exportCount = 0;
  readonly fileDir: string;
  private constructor(
    private conn: DuckDBConnection,
    readonly dir: string,
  ) {
    this.fileDir = `${dir}/`;
  }

  /** `dir`: the folder of an earlier instance (a restored workspace names its files there, as the browser's fixed folder). */
  static async create(dir = mkdtempSync(join(tmpdir(), 'customer-lens-'))): Promise<NodeDb> {
    const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
    const conn = await instance.connect();
    await conn.run(startupSql('4GB', `${dir}/`));
    return new NodeDb(conn, dir);
  }

  /** One statement at a time, as DuckDB-WASM's worker does: node-api fails on overlapping prepared statements. */
  private queue = new SerialQueue();
  /** The job the queue is running now, if any (what `cancel()` stops). */
  private current: Promise<unknown> | null = null;
  private serial<T>(job: () => Promise<T>, background = false): Promise<T> {
    return this.queue.run(async () => {
      const run = job();
      this.current = run;
      try {
        return await run;
      } finally {
        if (this.current === run) this.current = null;
      }
    }, background);
  }

  query<T extends Row = Row>(sql: string, params: readonly unknown[] = [], opts: { background?: boolean } = {}): Promise<T[]> {
    return this.serial(() => this.run<T>(sql, params), opts.background);
  }

  private async run<T extends Row>(sql: string, params: readonly unknown[]): Promise<T[]> {
    const reader = await this.conn.runAndReadAll(sql, params.length ? (params as never) : undefined);
    const names = reader.columnNames();
    const kinds = reader.columnTypes().map((t) => kindOfDuckDbType(t.toString()));
    return reader.getRowObjectsJS().map((raw) => {
      const row: Row = {};
      names.forEach((n, i) => (row[n] = normalizeValue(raw[n], kinds[i])));
      return row as T;
    });
  }

  queryColumns(sql: string, params: readonly unknown[] = []): Promise<Columns> {
    return this.serial(async () => {
      const reader = await this.conn.runAndReadAll(sql, params.length ? (params as never) : undefined);
      const names = reader.columnNames();
      const raw = reader.getColumnsJS();
      return { names, rows: reader.currentRowCount, columns: raw.map((c) => Float64Array.from(c, (v) => (v === null ? NaN : Number(v)))) };
    });
  }

  exec(sql: string): Promise<void> {
    return this.serial(async () => void (await this.conn.run(sql)));
  }

  execLong(statements: readonly string[]): Promise<void> {
    return this.serial(() => runInOrder(statements, (sql) => this.conn.run(sql)));
  }

  /**
   * Stops the job running now. DuckDB forgets an interrupt that arrives before the statement starts executing (the
   * browser's `cancelSent` has no such gap), so the interrupt is repeated until the job has ended.
   */
  async cancel(): Promise<void> {
    const running = this.current;
    if (!running) return;
    let ended = false;
    void running.then(
      () => (ended = true),
      () => (ended = true),
    );
    while (!ended) {
      this.conn.interrupt();
      await new Promise((r) => setTimeout(r, 2));
    }
  }

  exportCsv(sql: string, params: readonly unknown[] = []): Promise<Uint8Array> {
    return this.serial(() => this.copy(sql, params));
  }

  private async copy(sql: string, params: readonly unknown[]): Promise<Uint8Array> {
    const tmp = `__export_${++this.exportCount}`;
    const path = join(this.dir, `${tmp}.csv`);
    await this.conn.run(`CREATE OR REPLACE TEMP TABLE ${ident(tmp)} AS ${sql}`, params.length ? (params as never) : undefined);
    const columns = await this.run<{ column_name: string; column_type: string }>(`DESCRIBE ${ident(tmp)}`, []);
    await this.conn.run(`COPY (SELECT ${safeProjection(columns)} FROM ${ident(tmp)}) TO '${path}' (HEADER, DELIMITER ',')`);
    await this.conn.run(`DROP TABLE ${ident(tmp)}`);
    return new Uint8Array(readFileSync(path));
  }

  copyToBytes(copy: (path: string) => string): Promise<Uint8Array> {
    return this.serial(async () => {
      const path = join(this.dir, `__copy_${++this.exportCount}`);
      try {
        await this.conn.run(copy(path));
        return new Uint8Array(readFileSync(path));
      } finally {
        rmSync(path, { force: true });
      }
    }, true);
  }

  private linked = new Map<Blob, string>();

  /** Makes `registerFile(name, file)` link to a file on disk instead of copying it (benchmarks on big files). */
  linkSource(file: Blob, path: string): void {
    this.linked.set(file, path);
  }

  async registerFile(name: string, data: Blob | Uint8Array): Promise<void> {
    const source = data instanceof Uint8Array ? undefined : this.linked.get(data);
    if (source) {
      symlinkSync(source, name);
      return;
    }
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(await data.arrayBuffer());
    writeFileSync(name, bytes);
  }

  async dropFile(name: string): Promise<void> {
    rmSync(name, { force: true });
  }

  close(): void {
    this.conn.closeSync();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
