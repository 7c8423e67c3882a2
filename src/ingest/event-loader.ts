import type { Db } from '../db/db';
import { dropRejectsSql, type CsvSpec } from './source-sql';
import { IngestError } from './ingest-error';
import type { DayOrder } from './parse-sql';
import { readableCsv, readHead, type FileHead } from './open-csv';
import { detectEvents, eventHead, missingEventRoles, type EventMapping } from './event-roles';
import { appendEventsSql, eventFilesSql, eventMonthsSql, loadedEventMonthsSql, relocalizeEventsSql, retypeEventsSql } from './event-sql';
import { offsetSegments } from './time-zone';
import { dropEventTablesSql, eventTablesSql } from '../analyses/events/schema';
import type { InputFile, LoadOptions } from './loader';

export interface EventFile extends CsvSpec {
  name: string;
  encoding: string;
  sizeBytes: number;
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
  private nextIndex = FIRST_INDEX;

  constructor(private db: Db) {}

  async add(file: InputFile, opts: LoadOptions = {}, head?: FileHead): Promise<EventFile> {
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
    const detected = detectEvents(eh.headers, eh.rows);
    const mapping = this.mapping && this.sameColumns(spec) ? { ...this.mapping, types: { ...detected.types, ...this.mapping.types } } : this.mapping ?? detected;
    const missing = missingEventRoles(mapping);
    if (missing.length) throw new IngestError('missing_roles', file.name, { columns: missing.map((m) => `events.missing.${m}`) });
    if (this.mapping && !this.sameColumns(spec)) throw new IngestError('failed', file.name, { reason: 'events.otherColumns' });
    try {
      const { source } = await readableCsv(file, h, opts);
      await this.db.registerFile(spec.fileName, source);
      opts.onProgress?.('build', null);
      const run = async () => {
        const segments = await this.segmentsFor(spec, mapping);
        await this.db.execLong(['BEGIN TRANSACTION', ...(this.files.length ? [] : eventTablesSql()), ...appendEventsSql(spec, mapping, this.dayOrder, segments), ...eventFilesSql([...this.files, spec]), 'COMMIT']);
      };
      await run().catch(async (e: unknown) => {
        if (!/invalid state/i.test(String(e))) throw e;
        spec.strict = false;
        await run();
      });
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
      await this.db.execLong(['BEGIN TRANSACTION', retypeEventsSql(mapping.types), 'COMMIT']);
    } else {
      const order = dayOrder ?? this.dayOrder;
      const statements = [];
      for (const f of this.files) statements.push(...appendEventsSql(f, mapping, order, await this.segmentsFor(f, mapping)));
      await this.db.execLong(['BEGIN TRANSACTION', ...eventTablesSql(), ...statements, ...eventFilesSql(this.files), 'COMMIT']);
      this.dayOrder = order;
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
        await this.db.execLong(['BEGIN TRANSACTION', ...relocalizeEventsSql(offsetSegments(zone, months.map((r) => r.month))), 'COMMIT']);
      }
    }
    this.timeZone = zone;
  }

  async remove(index: number): Promise<void> {
    const gone = this.files.find((f) => f.index === index);
    if (!gone) return;
    const rest = this.files.filter((f) => f !== gone);
    if (rest.length) {
      await this.db.execLong(['BEGIN TRANSACTION', `DELETE FROM events WHERE file_index = ${index}`, `DELETE FROM event_rejects WHERE file_index = ${index}`, ...eventFilesSql(rest), 'COMMIT']);
    } else {
      await this.db.execLong([...dropEventTablesSql(), 'DROP TABLE IF EXISTS event_files']);
      this.mapping = null;
    }
    this.files = rest;
    await this.discard(gone);
  }

  async clear(): Promise<void> {
    for (const f of this.files) await this.discard(f);
    await this.db.execLong([...dropEventTablesSql(), 'DROP TABLE IF EXISTS event_files']).catch(() => undefined);
    this.files = [];
    this.mapping = null;
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
