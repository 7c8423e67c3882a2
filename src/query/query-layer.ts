import type { Columns, Db, Row } from '../db/db';
import { ident } from '../db/sql';
import { stableKey } from './stable-key';

/** One SQL statement and its bound parameters (`$1`, `$2`, …). */
export interface Statement {
  sql: string;
  params?: readonly unknown[];
}

/**
 * A table shared by several queries (`rfm_customers`, `lifecycle_customers`, …). It is built at most once per data
 * version and `key`, after the tables it depends on; a new key or data version rebuilds it in place, so its name
 * stays stable for the SQL that joins it.
 */
export interface TableSpec {
  name: string;
  /** What the content depends on besides the data and `deps` (the as-of date, settings): JSON-serialisable. */
  key: unknown;
  deps?: readonly TableSpec[];
  /** The statements that (re)create it, or a function that does, with the database to itself meanwhile. */
  build: readonly Statement[] | ((db: Db) => Promise<void>);
}

/** A read: its SQL, parameters and the shared tables it reads (built first, in dependency order). */
export interface QueryRequest extends Statement {
  tables?: readonly TableSpec[];
}

export interface RequestOptions {
  /** Aborting it drops the request: a queued one never runs, a running one nobody else waits for is cancelled. */
  signal?: AbortSignal;
  /** `low`: work for a view not on screen yet (prefetch); it waits while anything else is queued. */
  priority?: 'normal' | 'low';
  /** False: the result is handed over, not cached (a feature matrix moved to a worker). Identical requests in flight still share it. */
  keep?: boolean;
}

/** The reason a request ended without a result: it was superseded or dropped. */
export class Superseded extends Error {
  override name = 'AbortError';
  constructor() {
    super('superseded');
  }
}

export function isSuperseded(e: unknown): boolean {
  return e instanceof Superseded || (e instanceof Error && e.name === 'AbortError');
}

interface Job {
  key: string | null;
  run: () => Promise<unknown>;
  /** Callers still waiting; at 0 a queued job is dropped and a running one cancelled. */
  waiting: number;
  cancellable: boolean;
  low: boolean;
  state: 'queued' | 'running' | 'done';
  promise: Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

interface Entry {
  /** Set once the result is in: a revisit answers from it at once. */
  value?: { v: unknown };
  job?: Job;
  /** A compute's promise (computes run outside the queue). */
  pending?: Promise<unknown>;
  computeWaiting?: number;
  abort?: AbortController;
}

/** What the layer did: for tests and the benchmark. */
export interface LayerStats {
  /** Statements sent to the database for reads, exports and table builds (mutations not counted). */
  executed: number;
  /** Requests answered from the cache. */
  hits: number;
  /** Table names in the order they were built. */
  builds: string[];
}

const MAX_ENTRIES = 400;

/**
 * Sits between the analyses and the database (after Mosaic's QueryManager and Coordinator): results are cached by
 * (SQL, parameters, shared tables' keys, data version); identical requests share one execution; database work runs
 * one job at a time in arrival order (the engine is single-connection anyway, and a table must not be replaced
 * under a query reading it); superseded requests are dropped before they run or cancelled while they run; shared
 * tables are built once, in dependency order, and dropped when the data changes.
 */
export class QueryLayer {
  readonly stats: LayerStats = { executed: 0, hits: 0, builds: [] };
  private queue: Job[] = [];
  private running: Job | null = null;
  private cache = new Map<string, Entry>();
  /** Name → key of the shared tables as they are now in the database. */
  private built = new Map<string, string>();
  private generation = 0;

  constructor(readonly db: Db) {}

  /** Changes with every data change: part of every cache key. */
  get version(): number {
    return this.generation;
  }

  /** Rows of a query, from the cache when the same request was answered for this data version. */
  query<T extends Row = Row>(req: QueryRequest, opts: RequestOptions = {}): Promise<T[]> {
    const key = this.keyOf(req);
    return this.cached(key, opts, () => this.withTables(req.tables, () => this.count(this.db.query<T>(req.sql, req.params ?? [])))) as Promise<T[]>;
  }

  /** A numeric result column by column (`Db.queryColumns`: no object per row), cached like `query`. */
  queryColumns(req: QueryRequest, opts: RequestOptions = {}): Promise<Columns> {
    const key = `columns|${this.keyOf(req)}`;
    return this.cached(key, opts, () => this.withTables(req.tables, () => this.count(this.db.queryColumns(req.sql, req.params ?? [])))) as Promise<Columns>;
  }

  /** The cached rows of a request already answered, or undefined: lets a view show a revisit without waiting. */
  peek<T extends Row = Row>(req: QueryRequest): T[] | undefined {
    return this.cache.get(this.keyOf(req))?.value?.v as T[] | undefined;
  }

  /** A query's result as CSV bytes (not cached: an export is asked for once). */
  exportCsv(req: QueryRequest): Promise<Uint8Array> {
    return this.enqueue(null, true, () => this.withTables(req.tables, () => this.count(this.db.exportCsv(req.sql, req.params ?? [])))) as Promise<Uint8Array>;
  }

  /**
   * Makes sure the tables are built for the current data and their keys. Not answered from the cache: another key
   * may have rebuilt a table since.
   */
  ensure(tables: readonly TableSpec[], opts: RequestOptions = {}): Promise<void> {
    if (tables.every((t) => this.isBuilt(t))) return Promise.resolve();
    // Background work yields to everything else between tables: one job per table, dependencies first.
    const low = opts.priority === 'low';
    const steps = low ? this.inDependencyOrder(tables) : [tables];
    const done = steps.map((step) => this.attach(this.newJob(null, true, () => this.withTables(step, async () => undefined), low), opts.signal));
    this.pump();
    return Promise.all(done).then(() => undefined);
  }

  /** Each table and, before it, the tables it depends on, once each. */
  private inDependencyOrder(tables: readonly TableSpec[]): TableSpec[][] {
    const seen = new Set<string>();
    const order: TableSpec[][] = [];
    const visit = (t: TableSpec) => {
      const key = this.tableKey(t);
      if (seen.has(key)) return;
      seen.add(key);
      for (const d of t.deps ?? []) visit(d);
      order.push([t]);
    };
    tables.forEach(visit);
    return order;
  }

  /** Whether a table is built for its current key and data version (without building it). */
  isBuilt(spec: TableSpec): boolean {
    return this.built.get(spec.name) === this.tableKey(spec);
  }

  /**
   * A computation that is not one query (a model fit, several queries combined), cached and shared by `key` for
   * the data version. It runs outside the queue (its own queries queue as usual); its signal aborts when every
   * caller has gone.
   */
  compute<T>(key: unknown, job: (signal: AbortSignal) => Promise<T>, opts: RequestOptions = {}): Promise<T> {
    const k = stableKey(['compute', key, this.generation]);
    const hit = this.hit(k);
    if (hit) return hit as Promise<T>;
    let entry = this.cache.get(k);
    if (!entry?.pending) {
      const abort = new AbortController();
      const generation = this.generation;
      const pending = job(abort.signal);
      entry = { pending, computeWaiting: 0, abort };
      this.remember(k, entry);
      const e = entry;
      pending.then(
        (v) => {
          if (this.cache.get(k) === e && generation === this.generation && !abort.signal.aborted) e.value = { v };
          else if (this.cache.get(k) === e) this.cache.delete(k);
          e.pending = undefined;
        },
        () => {
          if (this.cache.get(k) === e) this.cache.delete(k);
        },
      );
    }
    const e = entry;
    e.computeWaiting = (e.computeWaiting ?? 0) + 1;
    return this.follow(e.pending as Promise<T>, opts.signal, () => {
      e.computeWaiting = (e.computeWaiting ?? 1) - 1;
      if (e.computeWaiting === 0 && e.pending) {
        e.abort?.abort();
        if (this.cache.get(k) === e) this.cache.delete(k);
      }
    });
  }

  /**
   * Changes the data: `job` runs alone, after what is queued before it. When it succeeds, every cached result is
   * forgotten and the shared tables built from the old data are dropped.
   */
  mutate<T>(job: () => Promise<T>): Promise<T> {
    return this.enqueue(null, false, async () => {
      const result = await job();
      await this.invalidate();
      return result;
    }) as Promise<T>;
  }

  /**
   * For a `mutate` job only (it has the database to itself): builds the tables now, from the data as it is. They are
   * dropped with everything else when the job ends.
   */
  async buildDuringChange(tables: readonly TableSpec[]): Promise<void> {
    for (const t of tables) await this.build(t);
  }

  /** The shared tables in the database now: built from the data again when needed, so a saved workspace skips them. */
  sharedTables(): Set<string> {
    return new Set(this.built.keys());
  }

  /** Forgets every result and drops the shared tables (inside a running job, or queued as one). */
  private async invalidate(): Promise<void> {
    this.generation++;
    for (const e of this.cache.values()) e.abort?.abort();
    this.cache.clear();
    const names = [...this.built.keys()];
    this.built.clear();
    for (const name of names) await this.db.exec(`DROP TABLE IF EXISTS ${ident(name)}`);
  }

  /** The cache key of a shared table: its key, its dependencies' keys and the data version. */
  private tableKey(spec: TableSpec): string {
    return stableKey([spec.name, spec.key, (spec.deps ?? []).map((d) => this.tableKey(d)), this.generation]);
  }

  private keyOf(req: QueryRequest): string {
    return stableKey([req.sql, req.params ?? [], (req.tables ?? []).map((t) => this.tableKey(t)), this.generation]);
  }

  private async count<T>(p: Promise<T>): Promise<T> {
    this.stats.executed++;
    return p;
  }

  private async withTables<T>(tables: readonly TableSpec[] | undefined, run: () => Promise<T>): Promise<T> {
    for (const t of tables ?? []) await this.build(t);
    return run();
  }

  /** A table built for its key is current even if a dependency was rebuilt since for another key: it is left as it is. */
  private async build(spec: TableSpec): Promise<void> {
    const key = this.tableKey(spec);
    if (this.built.get(spec.name) === key) return;
    for (const d of spec.deps ?? []) await this.build(d);
    this.built.delete(spec.name);
    if (typeof spec.build === 'function') {
      this.stats.executed++;
      await spec.build(this.db);
    } else {
      for (const st of spec.build) await this.count(this.db.query(st.sql, st.params ?? []));
    }
    this.built.set(spec.name, key);
    this.stats.builds.push(spec.name);
  }

  private hit(key: string): Promise<unknown> | null {
    const entry = this.cache.get(key);
    if (!entry?.value) return null;
    this.stats.hits++;
    // Most recently used last, so the oldest entries are the ones evicted.
    this.cache.delete(key);
    this.cache.set(key, entry);
    return Promise.resolve(entry.value.v);
  }

  private cached(key: string, opts: RequestOptions, run: () => Promise<unknown>): Promise<unknown> {
    const hit = this.hit(key);
    if (hit) return hit;
    if (opts.signal?.aborted) return Promise.reject(new Superseded());
    const entry = this.cache.get(key);
    if (entry?.job && entry.job.state !== 'done') {
      if (opts.priority !== 'low') entry.job.low = false;
      return this.attach(entry.job, opts.signal);
    }
    const job = this.newJob(key, true, run, opts.priority === 'low');
    const e: Entry = { job };
    this.remember(key, e);
    const generation = this.generation;
    job.promise.then(
      (v) => {
        if (this.cache.get(key) !== e) return;
        if (generation === this.generation && opts.keep !== false) e.value = { v };
        else this.cache.delete(key);
        e.job = undefined;
      },
      () => {
        if (this.cache.get(key) === e) this.cache.delete(key);
      },
    );
    const p = this.attach(job, opts.signal);
    this.pump();
    return p;
  }

  private remember(key: string, entry: Entry): void {
    this.cache.set(key, entry);
    if (this.cache.size <= MAX_ENTRIES) return;
    for (const [k, e] of this.cache) {
      if (this.cache.size <= MAX_ENTRIES) break;
      if (e.value) this.cache.delete(k);
    }
  }

  private enqueue(key: string | null, cancellable: boolean, run: () => Promise<unknown>): Promise<unknown> {
    const job = this.newJob(key, cancellable, run);
    job.waiting = Infinity;
    this.pump();
    return job.promise;
  }

  private newJob(key: string | null, cancellable: boolean, run: () => Promise<unknown>, low = false): Job {
    let resolve!: (v: unknown) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<unknown>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // A job nobody waits for any more may still settle: that must not be an unhandled rejection.
    promise.catch(() => undefined);
    const job: Job = { key, run, waiting: 0, cancellable, low, state: 'queued', promise, resolve, reject };
    this.queue.push(job);
    return job;
  }

  private attach(job: Job, signal: AbortSignal | undefined): Promise<unknown> {
    job.waiting++;
    return this.follow(job.promise, signal, () => this.detach(job));
  }

  /** The promise, or a rejection with `Superseded` as soon as the signal aborts (then `leave` runs once). */
  private follow<T>(promise: Promise<T>, signal: AbortSignal | undefined, leave: () => void): Promise<T> {
    if (!signal) return promise;
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        leave();
        reject(new Superseded());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      promise.then(
        (v) => {
          signal.removeEventListener('abort', onAbort);
          resolve(v);
        },
        (e: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(e);
        },
      );
    });
  }

  private detach(job: Job): void {
    job.waiting--;
    if (job.waiting > 0 || job.state === 'done') return;
    if (job.key !== null && this.cache.get(job.key)?.job === job) this.cache.delete(job.key);
    if (job.state === 'queued') {
      this.queue = this.queue.filter((j) => j !== job);
      job.state = 'done';
      job.reject(new Superseded());
    } else if (job.cancellable) {
      void this.db.cancel();
    }
  }

  private pump(): void {
    if (this.running || this.queue.length === 0) return;
    const next = Math.max(0, this.queue.findIndex((j) => !j.low));
    const [job] = this.queue.splice(next, 1);
    this.running = job;
    job.state = 'running';
    job
      .run()
      .then(job.resolve, job.reject)
      .finally(() => {
        job.state = 'done';
        this.running = null;
        this.pump();
      });
  }
}
