import { SerialQueue } from './serial-queue';
import * as duckdb from '@duckdb/duckdb-wasm';
import * as arrow from 'apache-arrow';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import type { Columns, Db, Row } from './db';
import { normalizeValue, type ValueKind } from './normalize';
import { ident, safeProjection } from './sql';
import { runInOrder, startupSql } from './settings';

/** Self-hosted bundles only: the CDN ones would send requests elsewhere and break in Safari. */
const BUNDLES: duckdb.DuckDBBundles = {
  mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
  eh: { mainModule: ehWasm, mainWorker: ehWorker },
};

/** The virtual folder of registered files and exports; DuckDB may touch nothing outside it. */
const FILE_DIR = '/lens/';

/** Leaves headroom below the 4 GiB wasm ceiling, where imports were seen to fail silently. */
export const MEMORY_LIMIT = '3.2GB';

function kindOf(type: arrow.DataType): ValueKind {
  if (arrow.DataType.isDate(type)) return 'date';
  if (arrow.DataType.isTimestamp(type)) return 'timestamp';
  return 'plain';
}

/** Converts a (small) Arrow result to plain rows. Big results are paged in SQL and never reach here whole. */
export function tableToRows<T extends Row>(table: arrow.Table): T[] {
  const fields = table.schema.fields.map((f, i) => ({ name: f.name, kind: kindOf(f.type), col: table.getChildAt(i)! }));
  const rows: T[] = new Array(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const row: Row = {};
    for (const f of fields) row[f.name] = normalizeValue(f.col.get(r), f.kind);
    rows[r] = row as T;
  }
  return rows;
}

/** The columns of an Arrow result as doubles (Int32, BigInt64 and Float64 vectors alike; NULL → NaN). */
async function readColumns(reader: arrow.AsyncRecordBatchStreamReader): Promise<Columns> {
  const batches: arrow.RecordBatch[] = [];
  for await (const batch of reader) batches.push(batch);
  const table = new arrow.Table(reader.schema, batches);
  const names = table.schema.fields.map((f) => f.name);
  const columns = names.map((_, j) => {
    const vector = table.getChildAt(j)!;
    const values = vector.nullCount === 0 ? vector.toArray() : null;
    if (values instanceof Float64Array) return values;
    if (values instanceof Int32Array || values instanceof Float32Array || values instanceof Int16Array || values instanceof Int8Array) return Float64Array.from(values);
    return Float64Array.from({ length: table.numRows }, (_, i) => {
      const v = vector.get(i);
      return v === null || v === undefined ? NaN : Number(v);
    });
  });
  return { names, columns, rows: table.numRows };
}

async function readRows<T extends Row>(reader: arrow.AsyncRecordBatchStreamReader): Promise<T[]> {
  const batches: arrow.RecordBatch[] = [];
  for await (const batch of reader) batches.push(batch);
  return tableToRows<T>(new arrow.Table(reader.schema, batches));
}

/** DuckDB-WASM in its own worker, behind the `Db` interface. */
export class BrowserDb implements Db {
  readonly fileDir = FILE_DIR;
  /** Statements run so far for the views (reads and writes): the tests check that a revisit runs none. */
  statements = 0;
  private exportCount = 0;
  private progressListeners = new Set<(fraction: number) => void>();

  /** Rejects once the worker has failed: DuckDB-WASM then drops its pending requests without settling them. */
  private stopped: Promise<never>;

  private constructor(
    readonly db: duckdb.AsyncDuckDB,
    private conn: duckdb.AsyncDuckDBConnection,
    worker: Worker,
  ) {
    this.stopped = new Promise<never>((_, reject) => {
      worker.addEventListener('error', (e) => reject(new Error(`the database engine stopped (${e.message || 'worker error'}); reload the page`)));
    });
    this.stopped.catch(() => undefined);
    // The worker reports query progress while `enable_progress_bar` is on; AsyncDuckDB keeps the hook protected.
    const hooks = (db as unknown as { _onExecutionProgress: ((p: duckdb.ProgressEntry) => void)[] })._onExecutionProgress;
    hooks.push((p) => {
      const fraction = Number(p.percentage) / 100;
      if (Number.isFinite(fraction)) for (const l of this.progressListeners) l(fraction);
    });
  }

  /** Starts DuckDB: picks the eh or mvp bundle, instantiates it in a classic worker and applies the settings. */
  static async start(): Promise<BrowserDb> {
    const bundle = await duckdb.selectBundle(BUNDLES);
    // A classic worker from our own origin. It does not inherit the page's CSP (and could not run under it: the
    // emscripten runtime evals its EM_ASM snippets when progress is printed), so DuckDB itself is confined:
    // external access off, one allowed folder, configuration locked (see settings.ts).
    const worker = new Worker(bundle.mainWorker!);
    const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
    await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
    await db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
    const conn = await db.connect();
    // The wasm build's progress "printer" is what posts PROGRESS_UPDATE to the main thread.
    const progress = ['SET enable_progress_bar = true', 'SET enable_progress_bar_print = true', 'SET progress_bar_time = 200'];
    await conn.query(startupSql(MEMORY_LIMIT, FILE_DIR, progress));
    return new BrowserDb(db, conn, worker);
  }

  /**
   * One statement (or list, for `execLong`) at a time on the connection: a load's transaction must not take in a
   * view's query sent between its statements, nor a view see a table half-built.
   */
  private queue = new SerialQueue();
  private serial<T>(job: () => Promise<T>, background = false): Promise<T> {
    // A stopped engine fails every call at once instead of leaving it waiting for ever.
    return this.queue.run(() => Promise.race([job(), this.stopped]), background);
  }

  query<T extends Row = Row>(sql: string, params: readonly unknown[] = [], opts: { background?: boolean } = {}): Promise<T[]> {
    return this.serial(() => this.run<T>(sql, params, !opts.background), opts.background);
  }

  queryColumns(sql: string, params: readonly unknown[] = []): Promise<Columns> {
    return this.serial(async () => {
      this.statements++;
      if (params.length === 0) return readColumns(await this.conn.send(sql, false));
      const stmt = await this.conn.prepare(sql);
      try {
        return await readColumns(await stmt.send(...params));
      } finally {
        await stmt.close();
      }
    });
  }

  /** Sent rather than run, so that `cancel()` can interrupt it (the query layer cancels what nobody waits for). */
  private async run<T extends Row>(sql: string, params: readonly unknown[], counted = true): Promise<T[]> {
    if (counted) this.statements++;
    if (params.length === 0) return readRows<T>(await this.conn.send(sql, false));
    const stmt = await this.conn.prepare(sql);
    try {
      return readRows<T>(await stmt.send(...params));
    } finally {
      await stmt.close();
    }
  }

  exec(sql: string): Promise<void> {
    return this.serial(async () => {
      this.statements++;
      await this.conn.query(sql);
    });
  }

  execLong(statements: readonly string[], onProgress?: (fraction: number) => void): Promise<void> {
    return this.serial(async () => {
      if (onProgress) this.progressListeners.add(onProgress);
      try {
        await runInOrder(statements, async (sql) => {
          this.statements++;
          const reader = await this.conn.send(sql, false);
          for await (const _batch of reader) {
            // drain
          }
        });
      } finally {
        if (onProgress) this.progressListeners.delete(onProgress);
      }
    });
  }

  async cancel(): Promise<void> {
    await this.conn.cancelSent();
  }

  exportCsv(sql: string, params: readonly unknown[] = []): Promise<Uint8Array> {
    return this.serial(() => this.copy(sql, params));
  }

  private async copy(sql: string, params: readonly unknown[]): Promise<Uint8Array> {
    this.statements++;
    const name = `${FILE_DIR}export_${++this.exportCount}.csv`;
    const tmp = `__export_${this.exportCount}`;
    await this.createTempTable(tmp, sql, params);
    try {
      const columns = await this.run<{ column_name: string; column_type: string }>(`DESCRIBE ${ident(tmp)}`, []);
      await this.conn.query(`COPY (SELECT ${safeProjection(columns)} FROM ${ident(tmp)}) TO '${name}' (HEADER, DELIMITER ',')`);
      return await this.db.copyFileToBuffer(name);
    } finally {
      await this.conn.query(`DROP TABLE IF EXISTS ${ident(tmp)}`);
      await this.db.dropFile(name);
    }
  }

  copyToBytes(copy: (path: string) => string): Promise<Uint8Array> {
    return this.serial(async () => {
      const name = `${FILE_DIR}copy_${++this.exportCount}`;
      try {
        await this.conn.query(copy(name));
        return await this.db.copyFileToBuffer(name);
      } finally {
        await this.db.dropFile(name);
      }
    }, true);
  }

  async registerFile(name: string, data: Blob | Uint8Array): Promise<void> {
    if (data instanceof Uint8Array) await this.db.registerFileBuffer(name, data);
    else await this.db.registerFileHandle(name, data, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
  }

  async dropFile(name: string): Promise<void> {
    await this.db.dropFile(name);
  }

  private async createTempTable(name: string, sql: string, params: readonly unknown[]): Promise<void> {
    const create = `CREATE OR REPLACE TEMP TABLE ${ident(name)} AS ${sql}`;
    if (params.length === 0) {
      await this.conn.query(create);
      return;
    }
    const stmt = await this.conn.prepare(create);
    try {
      await stmt.query(...params);
    } finally {
      await stmt.close();
    }
  }
}
