import type { Db } from '../db/db';
import { ident } from '../db/sql';
import {
  appendFileSql, castFailuresSql, columnTypes, createTablesSql, dateTyped, dropFileSql, finishSql, readCheckSql, removeDuplicatesSql,
  type Catalog, type StagedSpec,
} from './build-sql';
import { buildOrdersSql } from '../model/orders';
import { localizeSql, offsetMonthsSql, offsetSegments } from './time-zone';
import { readableCsv, readHead, type FileHead } from './open-csv';
import type { FileParts } from './csv-scan';
import { IngestError } from './ingest-error';
import { cleanRoles, floatIds, isoFormat, TYPED, type CleanRole } from './clean-columns';
import { amountProbeSql, dateProbeSql, decideDayOrder, decideDecimalMark, type DateProbe, type DayOrder } from './parse-sql';
import { detectRoles, missingRoles, type Mapping } from './roles';
import { dropRejectsSql, sampleSource } from './source-sql';

/** A file the user gave (a browser File; Node 20 has the same class for tests). */
export type InputFile = File;

/** A file read into DuckDB, with what was detected about it. */
export interface StagedFile extends StagedSpec {
  encoding: string;
  delimiter: string;
  sizeBytes: number;
  /** True when DD/MM vs MM/DD could not be told from the values: the user should confirm `dayOrder`. */
  ambiguousDates: boolean;
  /** True when the mapping came from detection with every required role found. */
  confident: boolean;
  /** The head's rows as text (see `Sniffed.sample`). */
  sample: string[][];
  /** How many of the file's kept timestamps were written with a UTC offset (their instant is in `order_utc`). */
  offsetTimestamps: number;
}

export interface LoadOptions {
  signal?: AbortSignal;
  onProgress?: (stage: 'decode' | 'read' | 'build', fraction: number | null) => void;
  /** DD/MM or MM/DD when the values cannot tell (the user's locale decides). */
  fallbackDayOrder?: DayOrder;
}

export { MAX_FILE_BYTES } from './open-csv';

/**
 * Files adding up to more than this go to the compressed in-memory database: it takes about 8× less memory, but
 * compressing costs about as much time as reading (measured: README, design notes). Below it, speed wins.
 */
export const COMPRESS_ABOVE_BYTES = 256 * 1024 ** 2;

/**
 * A file bound for the compressed database is read in parts of about this size, each committed on its own:
 * DuckDB holds a transaction's new rows uncompressed until it commits (measured: README, design notes).
 */
export const PART_BYTES = 32 * 1024 ** 2;

/** Tables of the survey and event models (src/analyses/survey/schema.ts, src/analyses/events/schema.ts) and their raw files. */
const OTHER_MODELS = /^(responses|response_ratings|response_groups|survey_.*|events|event_rejects|event_files|customer_profile|customer_attrs|customer_duplicates|customer_files|customer_raw_\d+|file_(1|2)\d{5}_(rejects|scans))$/;

export interface SavedDataset {
  files: StagedFile[];
  removeDuplicates: boolean;
  catalog: Catalog;
  timeZone: string;
  nextIndex: number;
}

/** The model's tables, moved together when the data set outgrows the plain in-memory database. */
const MODEL_TABLES = ['transactions', 'rejects', 'duplicate_copies', 'load_stats', 'all_orders'];

/**
 * The files loaded so far and the tables built from them. Adding a file stages it, then rebuilds the canonical
 * `transactions` table; when anything fails, the tables and files loaded before stay as they were.
 */
export class Dataset {
  files: StagedFile[] = [];
  /** Files read but not yet usable: a required column was not found. They wait for the user's mapping. */
  pending: StagedFile[] = [];
  removeDuplicates = false;
  /** Where the model's tables are (see `COMPRESS_ABOVE_BYTES`). */
  catalog: Catalog = 'memory';
  /**
   * The analysis time zone (an IANA name, `UTC` or `±HH:MM`): timestamps written with an offset are shown as wall-clock
   * time there. Change it with `setTimeZone` once data is loaded.
   */
  timeZone = 'UTC';
  private nextIndex = 0;
  /** Staged files bigger than a part: their bytes and where they can be cut, until they are added. */
  private parted = new Map<number, { source: Blob; parts: FileParts }>();

  /** `compressAboveBytes`, `partBytes`: see `COMPRESS_ABOVE_BYTES` and `PART_BYTES` (tests lower them). */
  constructor(
    private db: Db,
    private compressAboveBytes = COMPRESS_ABOVE_BYTES,
    private partBytes = PART_BYTES,
  ) {}

  /** The state beside the tables, as plain data: a saved workspace restores it with them (no file is read again). */
  saved(): SavedDataset {
    return { files: this.files, removeDuplicates: this.removeDuplicates, catalog: this.catalog, timeZone: this.timeZone, nextIndex: this.nextIndex };
  }

  restore(s: SavedDataset): void {
    this.files = s.files;
    this.pending = [];
    this.removeDuplicates = s.removeDuplicates;
    this.catalog = s.catalog;
    this.timeZone = s.timeZone;
    this.nextIndex = s.nextIndex;
  }

  /** Registers one file with DuckDB (in place) and detects its columns and formats. Does not change `transactions`. */
  async stage(file: InputFile, opts: LoadOptions = {}, head?: FileHead): Promise<StagedFile> {
    const { encoding, sniffed } = head ?? (await readHead(file));
    const index = this.nextIndex++;
    const fileName = this.fileName(index);
    try {
      const readable = await readableCsv(file, { encoding, sniffed }, opts, file.size > this.partBytes ? this.partBytes : 0);
      const { openQuote, parts } = readable;
      // Bytes in memory become a Blob: DuckDB-WASM takes a buffer it is given, and the parts are cut from it later.
      const source = parts && parts.cuts.length > 0 && readable.source instanceof Uint8Array ? new Blob([readable.source as Uint8Array<ArrayBuffer>]) : readable.source;
      await this.db.registerFile(fileName, source);
      if (parts && parts.cuts.length > 0 && source instanceof Blob) this.parted.set(index, { source, parts });
      opts.onProgress?.('read', null);
      const previous = this.files.find((f) => f.headers.join('\u0000') === sniffed.headers.join('\u0000'));
      const mapping = previous ? { ...previous.mapping } : detectRoles(sniffed.headers, sniffed.rows);
      const staged: StagedFile = {
        index,
        fileName,
        name: file.name,
        headers: sniffed.headers,
        strict: true,
        mapping,
        encoding: encoding.encoding,
        delimiter: sniffed.delimiter,
        sizeBytes: file.size,
        dayOrder: opts.fallbackDayOrder ?? 'mdy',
        decimalMark: '.',
        ambiguousDates: false,
        confident: missingRoles(mapping).length === 0,
        sample: sniffed.sample,
        offsetTimestamps: 0,
        // A file with the same columns as a loaded one treats float ids the same way, so their customers match.
        floatIds: previous?.floatIds,
        openQuote,
      };
      await this.detectFormats(staged, opts.fallbackDayOrder ?? 'mdy').catch(async (e: unknown) => {
        if (!isInvalidState(e)) throw e;
        staged.strict = false;
        await this.detectFormats(staged, opts.fallbackDayOrder ?? 'mdy');
      });
      return staged;
    } catch (e) {
      this.parted.delete(index);
      await this.db.dropFile(fileName).catch(() => undefined);
      throw asIngestError(e, file.name, opts.signal);
    }
  }

  /** Reads the date order and decimal mark from the first rows of the file (again after the user changed the mapping). */
  async detectFormats(f: StagedFile, fallback: DayOrder): Promise<void> {
    const sample = sampleSource(f);
    // Columns already in a form the reader types itself need no format detection (nor, later, text parsing).
    const clean = cleanRoles(f.headers, f.sample, f.mapping);
    const isClean = (role: CleanRole) => clean.includes(role);
    f.ambiguousDates = false;
    if (f.mapping.order_date && !isClean('order_date')) {
      const [probe] = await this.db.query<DateProbe & Record<string, unknown>>(dateProbeSql(sample, f.mapping.order_date));
      const decided = decideDayOrder(probe, fallback);
      f.dayOrder = decided.order;
      f.ambiguousDates = decided.ambiguous;
    }
    const money = f.mapping.amount ? 'amount' : 'unit_price';
    f.decimalMark = '.';
    if (f.mapping[money] && !isClean(money)) {
      const [probe] = await this.db.query<{ point_only: number; comma_only: number }>(amountProbeSql(sample, f.mapping[money]!));
      f.decimalMark = decideDecimalMark(probe);
    }
    f.types = columnTypes(f.mapping, TYPED.filter((r) => isClean(r) && (r === 'order_date' || f.decimalMark === '.')));
    f.timestampFormat = dateTyped(f) ? (isoFormat(f.headers, f.sample, f.mapping) ?? undefined) : undefined;
    this.detectIds(f);
  }

  /** Whether the file's customer ids are floats (`12347.0`); a choice made before (to keep them as written) stays. */
  private detectIds(f: StagedFile): void {
    f.floatIds = floatIds(f.headers, f.sample, f.mapping) ? (f.floatIds ?? 'convert') : undefined;
  }

  /** Reads a file into the tables; on any failure the dataset is as it was before the call. */
  async add(file: InputFile, opts: LoadOptions = {}, head?: FileHead): Promise<StagedFile> {
    const staged = await this.stage(file, opts, head);
    const split = this.parted.get(staged.index);
    this.parted.delete(staged.index);
    const missing = missingRoles(staged.mapping);
    if (missing.length > 0) {
      this.pending.push(staged);
      throw new IngestError('missing_roles', file.name, { columns: missing });
    }
    try {
      opts.onProgress?.('build', null);
      const append = () => this.apply([...this.files, staged], (f, catalog) => appendFileSql(f, catalog), opts, staged, true, split);
      await append().catch(async (e: unknown) => {
        if (!isInvalidState(e) || !staged.strict) throw e;
        staged.strict = false;
        await append();
      });
    } catch (e) {
      await this.discard(staged);
      throw asIngestError(e, file.name, opts.signal);
    }
    this.files.push(staged);
    return staged;
  }

  /** Applies a changed mapping (or day order) of a loaded or pending file. */
  async remap(index: number, mapping: Mapping, dayOrder?: DayOrder): Promise<void> {
    const waiting = this.pending.find((f) => f.index === index);
    const base = waiting ? [...this.files, waiting] : this.files;
    const files = base.map((f) => (f.index === index ? { ...f, mapping, confident: true, ...(dayOrder ? { dayOrder, ambiguousDates: false } : {}) } : f));
    const changed = files.find((f) => f.index === index)!;
    const missing = missingRoles(mapping);
    if (missing.length > 0) throw new IngestError('missing_roles', changed.name, { columns: missing });
    if (!dayOrder) await this.detectFormats(changed, changed.dayOrder);
    else this.detectIds(changed);
    await this.apply(files, (f, catalog) => appendFileSql(f, catalog, !waiting), {}, changed);
    this.files = files;
    this.pending = this.pending.filter((f) => f.index !== index);
  }

  /**
   * Reads the customer ids written as floats (`12347.0`) as whole numbers (`12347`), or with `keep` as written, in
   * every loaded file where they are floats: one customer keeps one id across files. Each file is read again.
   */
  async keepFloatIds(keep: boolean): Promise<void> {
    const choice = keep ? 'keep' : 'convert';
    for (const f of this.files.filter((x) => x.floatIds && x.floatIds !== choice)) {
      const changed: StagedFile = { ...f, floatIds: choice };
      const files = this.files.map((x) => (x.index === f.index ? changed : x));
      await this.apply(files, (g, catalog) => appendFileSql(g, catalog, true), {}, changed);
      this.files = files;
    }
  }

  /** True when some loaded timestamp was written with an offset: only then does the time zone change the data. */
  get hasOffsets(): boolean {
    return this.files.some((f) => f.offsetTimestamps > 0);
  }

  /**
   * Sets the analysis time zone: the timestamps written with an offset get the zone's wall-clock time and `orders`
   * is rebuilt, in one transaction, from the tables (no file is read again). On failure nothing changes.
   */
  async setTimeZone(zone: string): Promise<void> {
    if (this.hasOffsets && zone !== this.timeZone) {
      const months = await this.db.query<{ month: number; n: number }>(offsetMonthsSql());
      const segments = offsetSegments(zone, months.map((r) => r.month));
      await this.db.execLong(['BEGIN TRANSACTION', localizeSql(segments), ...buildOrdersSql(this.catalog), 'COMMIT']);
    }
    this.timeZone = zone;
  }

  /** Takes a loaded file out of the analysis; the tables are rebuilt from the others. */
  async remove(index: number): Promise<void> {
    const rest = this.files.filter((f) => f.index !== index);
    const gone = this.files.find((f) => f.index === index);
    if (!gone) return;
    if (rest.length === 0) {
      await this.clear();
      return;
    }
    await this.apply(rest, () => dropFileSql(index), {}, gone, false);
    this.files = rest;
    await this.discard(gone);
  }

  /** Forgets a pending file. */
  async discardPending(index: number): Promise<void> {
    const f = this.pending.find((p) => p.index === index);
    if (f) await this.discard(f);
    this.pending = this.pending.filter((p) => p.index !== index);
  }

  /** Drops exact duplicate lines from `transactions` (and from every later rebuild). */
  async dropDuplicates(): Promise<void> {
    await this.db.execLong(['BEGIN TRANSACTION', ...removeDuplicatesSql(this.catalog), 'COMMIT']);
    this.removeDuplicates = true;
  }

  /** Removes every file and table. */
  async clear(): Promise<void> {
    for (const f of [...this.files, ...this.pending]) await this.discard(f);
    this.files = [];
    this.pending = [];
    this.removeDuplicates = false;
    // Every table goes: the analyses' tables (RFM, CLV, lifecycle, …) were built from this data too.
    const tables = await this.db.query<{ db: string; schema: string; name: string; kind: string }>(
      `SELECT database_name AS db, schema_name AS schema, table_name AS name, 'TABLE' AS kind FROM duckdb_tables()
UNION ALL SELECT database_name, schema_name, view_name, 'VIEW' FROM duckdb_views() WHERE NOT internal`,
    );
    // The survey and event models stay: they are not built from transactions.
    const others = tables.filter((t) => !OTHER_MODELS.test(t.name));
    await this.db.execLong(others.map((t) => `DROP ${t.kind} IF EXISTS ${ident(t.db)}.${ident(t.schema)}.${ident(t.name)}`));
    if (this.catalog !== 'memory') await this.db.exec(useSql('memory'));
    this.catalog = 'memory';
  }

  /**
   * Changes the tables for one file (`change`: append, replace or drop its rows) and rebuilds what depends on all
   * `files`, in one transaction: a failure (or `file` found unreadable) rolls back to the previous tables. A file
   * read typed whose values the reader could not all convert is read again as text.
   */
  private async apply(
    files: StagedFile[],
    change: (f: StagedSpec, catalog: Catalog) => string[],
    opts: LoadOptions,
    file: StagedFile,
    check = true,
    split?: Split,
  ): Promise<void> {
    const catalog = this.catalogFor(files);
    if (catalog !== this.catalog) {
      if (this.files.length > 0) await this.moveTables(catalog);
      // Every table, the model's and those the analyses build from it, lives in the database in use.
      await this.db.exec(useSql(catalog));
      this.catalog = catalog;
    }
    if (split && catalog === 'lens') return this.appendInParts(files, file, split, opts);
    try {
      await this.runCancellable(['BEGIN TRANSACTION', ...createTablesSql(catalog), ...change(file, catalog)], opts, 'build');
    } catch (e) {
      // Rolled back already. An id that is not a whole number written as a float: the ids are kept as written.
      if (floatIdsRefused(e, file)) {
        file.floatIds = undefined;
        return this.apply(files, change, opts, file, check);
      }
      throw e;
    }
    try {
      if (check && (await this.castFailed(file))) {
        await this.db.exec('ROLLBACK');
        readAsText(file);
        return this.apply(files, change, opts, file, check);
      }
      if (check) await this.localize(file, opts);
      await this.runCancellable([...finishSql(files, this.removeDuplicates, catalog), ...(check ? [readCheckSql(file.index)] : []), 'COMMIT'], opts, 'build');
    } catch (e) {
      await this.db.exec('ROLLBACK').catch(() => undefined);
      throw refusal(e, file);
    }
  }

  /** True when the reader could not convert some value of a file read typed (the fast path guessed wrong). */
  private async castFailed(file: StagedFile): Promise<boolean> {
    if (Object.keys(file.types ?? {}).length === 0) return false;
    const [cast] = await this.db.query<{ n: number }>(castFailuresSql(file.index));
    return cast!.n > 0;
  }

  /**
   * Adds a new file to the compressed database a part at a time, each part in its own transaction (`PART_BYTES`),
   * then rebuilds what depends on all `files` in one more. A failure at any step takes the file's committed rows
   * out again, so the tables are as they were.
   */
  private async appendInParts(files: StagedFile[], file: StagedFile, split: Split, opts: LoadOptions): Promise<void> {
    const { source, parts } = split;
    const catalog = this.catalog;
    const bounds = [parts.headerEnd, ...parts.cuts.map((c) => c.offset), source.size];
    const count = bounds.length - 1;
    const partName = `${this.db.fileDir}upload_${file.index}_part.csv`;
    let committed = false;
    try {
      for (let k = 0; k < count; k++) {
        // Part k holds the header, then the records from row `rowOffset + 2` of the file.
        const rowOffset = k === 0 ? 0 : parts.cuts[k - 1]!.row - 2;
        const spec: StagedFile = { ...file, fileName: partName, openQuote: k === count - 1 ? file.openQuote : undefined };
        await this.db.registerFile(partName, new Blob([source.slice(0, parts.headerEnd), source.slice(bounds[k], bounds[k + 1])]));
        try {
          const progress: LoadOptions = { ...opts, onProgress: (stage, f) => opts.onProgress?.(stage, f === null ? null : (k + f) / count) };
          await this.runCancellable(['BEGIN TRANSACTION', ...createTablesSql(catalog), ...appendFileSql(spec, catalog, false, rowOffset)], progress, 'build');
          if (await this.castFailed(file)) throw new CastMismatch();
          await this.db.exec('COMMIT');
          committed = true;
        } finally {
          await this.db.dropFile(partName).catch(() => undefined);
        }
      }
      await this.db.exec('BEGIN TRANSACTION');
      await this.localize(file, opts);
      await this.runCancellable([...finishSql(files, this.removeDuplicates, catalog), readCheckSql(file.index), 'COMMIT'], opts, 'build');
    } catch (e) {
      await this.db.exec('ROLLBACK').catch(() => undefined);
      if (committed) await this.db.execLong(['BEGIN TRANSACTION', ...dropFileSql(file.index), 'COMMIT']);
      if (e instanceof CastMismatch) {
        readAsText(file);
        return this.appendInParts(files, file, split, opts);
      }
      if (floatIdsRefused(e, file)) {
        file.floatIds = undefined;
        return this.appendInParts(files, file, split, opts);
      }
      throw refusal(e, file);
    }
  }

  /**
   * The file's timestamps written with an offset get the analysis zone's wall-clock time (inside the build's
   * transaction); counts them. A typed date column has none.
   */
  private async localize(file: StagedFile, opts: LoadOptions): Promise<void> {
    file.offsetTimestamps = 0;
    if (dateTyped(file)) return;
    const months = await this.db.query<{ month: number; n: number }>(offsetMonthsSql(file.index));
    file.offsetTimestamps = months.reduce((sum, r) => sum + r.n, 0);
    if (months.length > 0) {
      await this.runCancellable([localizeSql(offsetSegments(this.timeZone, months.map((r) => r.month)), file.index)], opts, 'build');
    }
  }

  /**
   * Moves the model's tables to the other database: copied in one transaction, then every table of the old one
   * dropped in another (DuckDB writes one attached database per transaction; the analyses' tables are rebuilt
   * where they are next needed). A failed copy leaves everything where it was.
   */
  private async moveTables(to: Catalog): Promise<void> {
    const from = this.catalog;
    try {
      await this.db.execLong(['BEGIN TRANSACTION', ...MODEL_TABLES.map((t) => `CREATE TABLE ${to}.main.${t} AS FROM ${from}.main.${t}`), 'COMMIT']);
    } catch (e) {
      await this.db.execLong(MODEL_TABLES.map((t) => `DROP TABLE IF EXISTS ${to}.main.${t}`)).catch(() => undefined);
      throw e;
    }
    const old = await this.db.query<{ name: string; kind: string }>(`SELECT table_name AS name, 'TABLE' AS kind FROM duckdb_tables() WHERE database_name = '${from}' AND NOT temporary
UNION ALL SELECT view_name, 'VIEW' FROM duckdb_views() WHERE database_name = '${from}' AND NOT internal AND NOT temporary`);
    await this.db.execLong(['BEGIN TRANSACTION', ...old.map((t) => `DROP ${t.kind} ${from}.main.${ident(t.name)}`), 'COMMIT']);
  }

  private catalogFor(files: StagedFile[]): Catalog {
    if (this.catalog === 'lens') return 'lens';
    return files.reduce((sum, f) => sum + f.sizeBytes, 0) > this.compressAboveBytes ? 'lens' : 'memory';
  }

  private fileName(index: number): string {
    return `${this.db.fileDir}upload_${index}.csv`;
  }

  private async discard(f: StagedFile): Promise<void> {
    await this.db.exec(dropRejectsSql(f.index).join(';\n')).catch(() => undefined);
    await this.db.dropFile(this.fileName(f.index)).catch(() => undefined);
  }

  private async runCancellable(sql: string[], opts: LoadOptions, stage: 'read' | 'build'): Promise<void> {
    if (opts.signal?.aborted) throw new IngestError('cancelled', '');
    const onAbort = () => void this.db.cancel();
    opts.signal?.addEventListener('abort', onAbort);
    try {
      await this.db.execLong(sql, (f) => opts.onProgress?.(stage, f));
    } finally {
      opts.signal?.removeEventListener('abort', onAbort);
    }
  }
}

/** A staged file's bytes and where they can be cut (`FileParts`). */
interface Split {
  source: Blob;
  parts: FileParts;
}

/** A part read typed held a value the reader could not convert: the file is read again as text. */
class CastMismatch extends Error {}

/** The fast path guessed the file's types wrong: every column is read as text and parsed. */
function readAsText(file: StagedFile): void {
  file.types = {};
  file.timestampFormat = undefined;
}

/** The read stopped at a customer id written as a float that is not a whole number (`lens:float_ids`). */
function floatIdsRefused(e: unknown, file: StagedFile): boolean {
  return file.floatIds === 'convert' && /lens:float_ids/.test(e instanceof Error ? e.message : String(e));
}

/** A build's failure as the user's message when the file gave no record at all (see `readCheckSql`). */
function refusal(e: unknown, file: StagedFile): unknown {
  const refused = /lens:(header_only|unreadable):?(\d*):?(.*)/.exec(e instanceof Error ? e.message : String(e));
  if (!refused) return e;
  const [, code, line, reason] = refused;
  return new IngestError(code as 'header_only' | 'unreadable', file.name, { line: Number(line) || undefined, reason: reason!.split('\n')[0] || undefined });
}

function isInvalidState(e: unknown): boolean {
  return /invalid state/i.test(String(e));
}

/** Any failure of a load as an `IngestError` that names the file, with DuckDB's line number where it gave one. */
function asIngestError(e: unknown, file: string, signal?: AbortSignal): IngestError {
  if (e instanceof IngestError) return e;
  if (signal?.aborted) return new IngestError('cancelled', file);
  const message = e instanceof Error ? e.message : String(e);
  const first = message.split('\n')[0];
  if (/out of memory|could not allocate/i.test(message)) return new IngestError('out_of_memory', file, { reason: first });
  const line = /line:? (\d+)/i.exec(message)?.[1];
  if (/CSV|unicode|quote/i.test(message)) return new IngestError('unreadable', file, { line: line ? Number(line) : undefined, reason: first });
  return new IngestError('failed', file, { reason: first });
}

/**
 * Makes `catalog` the database new tables go to; tables of the other one stay readable by their names (the survey
 * and event models may live in either).
 */
export function useSql(catalog: Catalog): string {
  const other = catalog === 'memory' ? 'lens' : 'memory';
  return `USE ${catalog}; SET search_path = '${catalog}.main,${other}.main'`;
}
