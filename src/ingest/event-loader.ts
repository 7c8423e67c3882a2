import type { Db } from '../db/db';
import { dropRejectsSql, type CsvSpec } from './source-sql';
import { IngestError } from './ingest-error';
import type { DayOrder } from './parse-sql';
import { readableCsv, readHead, type FileHead } from './open-csv';
import { detectEvents, eventHead, missingEventRoles, roleOfType, type EventMapping } from './event-roles';
import type { EventRole } from '../analyses/events/schema';
import { appendEventsSql, eventFilesSql, eventMonthsSql, loadedEventMonthsSql, relocalizeEventsSql, retypeEventsSql } from './event-sql';
import { offsetSegments } from './time-zone';
import { dropEventTablesSql, eventTablesSql, type EventCatalog } from '../analyses/events/schema';
import { COMPRESS_ABOVE_BYTES } from './loader';
import type { InputFile, LoadOptions } from './loader';

export interface EventFile extends CsvSpec {
  name: string;
  encoding: string;
  sizeBytes: number;
}

export interface SavedEvents {
  files: EventFile[];
  mapping: EventMapping | null;
  dayOrder: DayOrder;
  timeZone: string;
  catalog: EventCatalog;
  nextIndex: number;
}

/** Event files get indices of their own (their rejects tables are named by it). */
const FIRST_INDEX = 200_000;

/**
 * The event logs loaded so far, read with one mapping into `events`. Adding a file reads only that file; a new
 * mapping of columns reads the files again, a new role of an event type or a new time zone only updates the table.
 */
export class EventSet {
  files: EventFile[] = [];
  mapping: EventMapping | null = null;
  dayOrder: DayOrder = 'dmy';
  /** The analysis time zone instants are shown in. */
  timeZone = 'UTC';
  /** Where `events` lives: logs adding up to more than `compressAboveBytes` go to the compressed database. */
  catalog: EventCatalog = 'memory';
  private nextIndex = FIRST_INDEX;

  constructor(
    private db: Db,
    private compressAboveBytes = COMPRESS_ABOVE_BYTES,
  ) {}

  saved(): SavedEvents {
    return { files: this.files, mapping: this.mapping, dayOrder: this.dayOrder, timeZone: this.timeZone, catalog: this.catalog, nextIndex: this.nextIndex };
  }

  restore(s: SavedEvents): void {
    ({ files: this.files, mapping: this.mapping, dayOrder: this.dayOrder, timeZone: this.timeZone, catalog: this.catalog, nextIndex: this.nextIndex } = s);
  }

  /** The columns of a file and the mapping detected from them (what the user edits when a role is missing). */
  async detect(file: InputFile, head?: FileHead): Promise<{ headers: string[]; mapping: EventMapping }> {
    const eh = eventHead((head ?? (await readHead(file))).sniffed);
    return { headers: eh.headers, mapping: detectEvents(eh.headers, eh.rows) };
  }

  /** Reads one event log; `chosen` is a mapping the user set (its event types' roles are found from the values). */
  async add(file: InputFile, opts: LoadOptions = {}, head?: FileHead, chosen?: EventMapping): Promise<EventFile> {
    const h = head ?? (await readHead(file));
    const eh = eventHead(h.sniffed);
    const index = this.nextIndex++;
    const spec: EventFile = {
      index,
      fileName: `${this.db.fileDir}events_${index}.csv`,
      name: file.name,
      delimiter: h.sniffed.delimiter,
      headers: eh.headers,
      header: !eh.headerless,
      strict: true,
      encoding: h.encoding.encoding,
      sizeBytes: file.size,
    };
    const detected = chosen ? { ...chosen, types: { ...typesOf(eh.headers, eh.rows, chosen.event_type), ...chosen.types } } : detectEvents(eh.headers, eh.rows);
    const mapping = this.mapping && this.sameColumns(spec) ? { ...this.mapping, types: { ...detected.types, ...this.mapping.types } } : this.mapping ?? detected;
    const missing = missingEventRoles(mapping);
    if (missing.length) throw new IngestError('missing_roles', file.name, { columns: missing.map((m) => `events.missing.${m}`) });
    if (this.mapping && !this.sameColumns(spec)) throw new IngestError('failed', file.name, { reason: 'events.otherColumns' });
    try {
      // Without a header its first line is a record too.
      const { source } = await readableCsv(file, { ...h, sniffed: { ...h.sniffed, rows: eh.rows } }, opts);
      await this.db.registerFile(spec.fileName, source);
      opts.onProgress?.('build', null);
      const files = [...this.files, spec];
      const catalog: EventCatalog = this.catalog === 'lens' || files.reduce((n, f) => n + f.sizeBytes, 0) > this.compressAboveBytes ? 'lens' : 'memory';
      const run = async () => {
        if (catalog !== this.catalog) {
          // Outgrown the plain database: every file is read again into the compressed one.
          await this.rebuild(files, mapping, this.dayOrder, catalog);
          return;
        }
        const segments = await this.segmentsFor(spec, mapping);
        await this.db.execLong(['BEGIN TRANSACTION', ...(this.files.length ? [] : eventTablesSql(catalog)), ...appendEventsSql(spec, mapping, this.dayOrder, segments, catalog), ...eventFilesSql(files, catalog), 'COMMIT']);
      };
      await run().catch(async (e: unknown) => {
        if (!/invalid state/i.test(String(e))) throw e;
        spec.strict = false;
        await run();
      });
      this.catalog = catalog;
      this.files = [...this.files, spec];
      this.mapping = mapping;
    } catch (e) {
      await this.discard(spec);
      if (e instanceof IngestError) throw e;
      throw new IngestError('failed', file.name, { reason: (e instanceof Error ? e.message : String(e)).split('\n')[0] });
    }
    return spec;
  }

  /** A changed mapping: only the event types' roles changed → an update; a column changed → the files are read again. */
  async remap(mapping: EventMapping, dayOrder?: DayOrder): Promise<void> {
    const missing = missingEventRoles(mapping);
    if (missing.length) throw new IngestError('missing_roles', this.files[0]?.name ?? '', { columns: missing.map((m) => `events.missing.${m}`) });
    const { types: _a, ...columns } = mapping;
    const { types: _b, ...before } = this.mapping ?? mapping;
    if (JSON.stringify(columns) === JSON.stringify(before) && !dayOrder) {
      await this.db.execLong(['BEGIN TRANSACTION', retypeEventsSql(mapping.types, this.catalog), 'COMMIT']);
    } else {
      await this.rebuild(this.files, mapping, dayOrder ?? this.dayOrder, this.catalog);
      this.dayOrder = dayOrder ?? this.dayOrder;
    }
    this.mapping = mapping;
  }

  get hasInstants(): boolean {
    return this.files.length > 0;
  }

  async setTimeZone(zone: string): Promise<void> {
    if (this.files.length && zone !== this.timeZone) {
      const months = await this.db.query<{ month: number }>(loadedEventMonthsSql());
      if (months.length) {
        // From the old zone back to UTC is in `event_utc`: the update reads only it.
        await this.db.execLong(['BEGIN TRANSACTION', ...relocalizeEventsSql(offsetSegments(zone, months.map((r) => r.month)), this.catalog), 'COMMIT']);
      }
    }
    this.timeZone = zone;
  }

  async remove(index: number): Promise<void> {
    const gone = this.files.find((f) => f.index === index);
    if (!gone) return;
    const rest = this.files.filter((f) => f !== gone);
    if (rest.length) {
      const c = this.catalog;
      await this.db.execLong(['BEGIN TRANSACTION', `DELETE FROM ${c}.main.events WHERE file_index = ${index}`, `DELETE FROM ${c}.main.event_rejects WHERE file_index = ${index}`, ...eventFilesSql(rest, c), 'COMMIT']);
    } else {
      await this.db.execLong(dropEventTablesSql());
      this.mapping = null;
      this.catalog = 'memory';
    }
    this.files = rest;
    await this.discard(gone);
  }

  async clear(): Promise<void> {
    for (const f of this.files) await this.discard(f);
    await this.db.execLong(dropEventTablesSql()).catch(() => undefined);
    this.files = [];
    this.mapping = null;
    this.catalog = 'memory';
  }

  /** Reads every file again into `catalog` with `mapping` (one transaction), then drops the other database's copy. */
  private async rebuild(files: EventFile[], mapping: EventMapping, dayOrder: DayOrder, catalog: EventCatalog): Promise<void> {
    const statements: string[] = [];
    for (const f of files) statements.push(...appendEventsSql(f, mapping, dayOrder, await this.segmentsFor(f, mapping), catalog));
    await this.db.execLong(['BEGIN TRANSACTION', ...eventTablesSql(catalog), ...statements, ...eventFilesSql(files, catalog), 'COMMIT']);
    if (catalog !== this.catalog) {
      await this.db.execLong(['events', 'event_rejects', 'event_files'].map((t) => `DROP TABLE IF EXISTS ${this.catalog}.main.${t}`));
    }
  }

  private sameColumns(f: EventFile): boolean {
    const first = this.files[0];
    return !first || first.headers.join('\u0000') === f.headers.join('\u0000');
  }

  private async segmentsFor(f: EventFile, m: EventMapping) {
    const months = await this.db.query<{ month: number }>(eventMonthsSql(f, m));
    return offsetSegments(this.timeZone, months.map((r) => r.month));
  }

  private async discard(f: EventFile): Promise<void> {
    await this.db.exec(dropRejectsSql(f.index).join(';\n')).catch(() => undefined);
    await this.db.dropFile(f.fileName).catch(() => undefined);
  }
}

/** The event types of a column in the sample, each with its role by name. */
function typesOf(headers: string[], rows: string[][], column: string | null): Record<string, EventRole> {
  const i = column ? headers.indexOf(column) : -1;
  const types: Record<string, EventRole> = {};
  if (i >= 0) for (const r of rows) if (r[i]?.trim()) types[r[i]!.trim()] = roleOfType(r[i]!);
  return types;
}
