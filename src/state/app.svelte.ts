import type { Db } from '../db/db';
import { SerialQueue } from '../db/serial-queue';
import { QueryLayer } from '../query/query-layer';
import { dataVersion } from './data-version.svelte';
import { lastDateSql } from '../analyses/overview';
import { fileRejectSummarySql } from '../analyses/quality';
import { Dataset, type InputFile, type StagedFile } from '../ingest/loader';
import { readHead } from '../ingest/open-csv';
import { SurveySet, type SurveyFile } from '../ingest/survey-loader';
import type { SurveyMapping } from '../ingest/survey-roles';
import { kindOfFile, type FileKind } from '../ingest/file-kind';
import { EventSet, type EventFile } from '../ingest/event-loader';
import { CustomerSet, type CustomerFile } from '../ingest/customer-loader';
import type { CustomerMapping } from '../ingest/customer-roles';
import type { EventMapping } from '../ingest/event-roles';
import { purchaseCsvLines, purchaseEventCountSql, purchasesPageSql } from '../analyses/events/purchases';
import { surveyQualitySql } from '../ingest/survey-sql';
import { IngestError } from '../ingest/ingest-error';
import type { DayOrder } from '../ingest/parse-sql';
import type { Mapping } from '../ingest/roles';
import { browserTimeZone, resolveTimeZone, type TimeZoneSetting } from '../ingest/time-zone';
import { i18n } from '../i18n/i18n.svelte';
import { clv } from './clv.svelte';
import { rfm } from './rfm.svelte';
import { RFM_CUSTOMERS } from '../analyses/rfm/tables';
import { applyFilters } from '../model/apply-filters';
import { cleanFilters, filtersFromSearch, filtersToSearch, hasFilters as hasAnyFilter, type Filters } from '../model/filters';
import { ALL_ORDERS } from '../model/orders';
import type { MessageKey } from '../i18n/en';
import { RecordingDb } from '../workspace/recording-db';
import { restoreSnapshot, takeSnapshot, type SnapshotFiles } from '../workspace/snapshot';
import { decodeWorkspace, isWorkspaceFile } from '../workspace/container';
import { WorkspaceError, type SavedData, type SavedPlace } from '../workspace/manifest';
import { savedSettings } from '../workspace/saved-settings.svelte';

export interface AlertMessage {
  id: number;
  key: MessageKey;
  params: Record<string, string | number>;
}

export interface LoadingState {
  file: string;
  stage: 'decode' | 'read' | 'build';
  fraction: number | null;
}

/** Milliseconds of no typing before a new as-of date applies. */
const AS_OF_DELAY = 400;

/** The transaction file made of an event log's purchase events when no transactions are loaded. */
export const PURCHASE_EVENTS_FILE = 'purchase_events.csv';
/** Purchase events read per query when they become transactions. */
const PURCHASE_PAGE = 50_000;

export type SampleName = 'cdnow' | 'retail' | 'retail_customers' | 'retail_customers_zh' | 'retail_survey' | 'events' | 'retail_events';
/** The files of each sample, loaded in order. */
export const SAMPLES: Record<SampleName, string[]> = {
  cdnow: ['cdnow_sample.csv'],
  retail: ['retail_sample.csv'],
  retail_customers: ['retail_sample.csv', 'customers_sample.csv'],
  retail_customers_zh: ['retail_sample.csv', 'customers_sample_zh.csv'],
  retail_survey: ['retail_sample.csv', 'survey_sample.csv'],
  events: ['events_sample.csv'],
  retail_events: ['retail_sample.csv', 'events_sample.csv'],
};

/** Everything the views share: the database, the loaded files, the as-of date, progress and alerts. */
export class AppState {
  engineStatus = $state<'starting' | 'ready' | 'failed'>('starting');
  engineError = $state('');
  files = $state.raw<StagedFile[]>([]);
  /** Files waiting for the user to pick their customer, date or amount column. */
  pending = $state.raw<StagedFile[]>([]);
  loading = $state<LoadingState | null>(null);
  alerts = $state<AlertMessage[]>([]);
  /** End of the analysis period, `YYYY-MM-DD`; empty until data is loaded. */
  asOf = $state('');
  firstDate = $state('');
  lastDate = $state('');
  /** The query layer's data version: changes after every change of the tables, so views reload. */
  version = $state(0);
  duplicatesRemoved = $state(false);
  /**
   * The analysis time zone: timestamps written with a UTC offset are shown as wall-clock time there (see
   * `src/ingest/time-zone.ts`); those without one are taken as written. Default: the browser's zone.
   */
  timeZone = $state<TimeZoneSetting>('browser');
  /** The browser's IANA zone, named in the toolbar. */
  readonly browserZone = browserTimeZone();
  /** Survey files loaded, and the mapping the survey model was built with. */
  surveyFiles = $state.raw<SurveyFile[]>([]);
  surveyMapping = $state.raw<SurveyMapping | null>(null);
  surveyDayOrder = $state<DayOrder>('dmy');
  surveyAmbiguousDates = $state(false);
  /** Event logs loaded, and the mapping `events` was built with. */
  eventFiles = $state.raw<EventFile[]>([]);
  eventMapping = $state.raw<EventMapping | null>(null);
  /** Customer files loaded (attributes), and the mapping the attribute model was built with. */
  customerFiles = $state.raw<CustomerFile[]>([]);
  customerMapping = $state.raw<CustomerMapping | null>(null);
  /** Event logs waiting for the user to pick their user, time or event-type column. */
  pendingEvents = $state.raw<{ id: number; name: string; headers: string[]; mapping: EventMapping }[]>([]);
  /** The database the event model lives in (the compressed one for big logs). */
  eventCatalog = $state<'memory' | 'lens'>('memory');
  /** Files whose columns fit both transactions and a survey: the user says which they are. */
  unsure = $state.raw<{ id: number; name: string }[]>([]);
  db: Db | null = null;
  /** Every read of the views goes through it; every change of the data too. */
  layer: QueryLayer | null = null;
  private dataset: Dataset | null = null;
  private surveys: SurveySet | null = null;
  private events: EventSet | null = null;
  private customers: CustomerSet | null = null;
  /** The database as the loaders see it: it remembers the files they register (a saved workspace keeps them). */
  private sources: RecordingDb | null = null;
  /** The files behind `unsure` and behind pending transaction files (which the user may call a survey). */
  private heldFiles = new Map<string, InputFile>();
  private unsureSeq = 0;
  private abort: AbortController | null = null;
  private loads = new SerialQueue();
  /** Set by a new file: the as-of date moves to the new last order. */
  private moveAsOf = false;
  private alertSeq = 0;
  private ready: Promise<Db>;

  constructor(startDb: () => Promise<Db>) {
    this.ready = startDb().then(
      (db) => {
        this.db = db;
        this.layer = new QueryLayer(db);
        this.sources = new RecordingDb(db);
        this.dataset = new Dataset(this.sources);
        this.surveys = new SurveySet(this.sources);
        this.events = new EventSet(this.sources);
        this.customers = new CustomerSet(this.sources);
        this.events.timeZone = this.zone;
        this.dataset.timeZone = this.zone;
        this.engineStatus = 'ready';
        performance.mark('lens:db-ready');
        return db;
      },
      (e: unknown) => {
        this.engineStatus = 'failed';
        this.engineError = e instanceof Error ? e.message : String(e);
        throw e;
      },
    );
  }

  /** The as-of date as typed: `asOf` follows it once typing pauses, so each keystroke does not recompute everything. */
  asOfDraft = $state('');
  private asOfTimer: ReturnType<typeof setTimeout> | null = null;

  /** Takes a typed as-of date; it applies after a pause (or at once with `now`), when it is a valid date in range. */
  typeAsOf(value: string, now = false): void {
    this.asOfDraft = value;
    if (this.asOfTimer) clearTimeout(this.asOfTimer);
    this.asOfTimer = null;
    const apply = () => {
      if (/^\d{4}-\d{2}-\d{2}$/.test(value) && value >= this.firstDate && value <= this.lastDate) this.asOf = value;
    };
    if (now) apply();
    else this.asOfTimer = setTimeout(apply, AS_OF_DELAY);
  }

  /** The zone the setting stands for: an IANA name, `UTC` or `±HH:MM`. */
  get zone(): string {
    return resolveTimeZone(this.timeZone, this.browserZone);
  }

  /**
   * Sets the analysis time zone. When a loaded timestamp was written with an offset this is a data change (its
   * wall-clock time moves; the model is rebuilt from the tables, no file is read again); otherwise only the setting
   * changes. On failure the previous zone stays, with an alert.
   */
  setTimeZone(setting: TimeZoneSetting): Promise<void> {
    const previous = this.timeZone;
    this.timeZone = setting;
    const zone = this.zone;
    return this.queued('', () =>
      this.loads.run(async () => {
        if (!(await this.ready.catch(() => null))) return;
        if (this.events!.hasInstants) {
          await this.change(() => this.run(-1, async () => {
            await this.events!.setTimeZone(zone);
            if (this.derived) await this.syncPurchaseEvents();
          }));
        }
        else this.events!.timeZone = zone;
        if (!this.dataset!.hasOffsets) {
          this.dataset!.timeZone = zone;
          return;
        }
        await this.change(() =>
          this.run(-1, async () => {
            try {
              await this.dataset!.setTimeZone(zone);
            } catch (e) {
              this.timeZone = previous;
              throw e;
            }
          }),
        );
      }),
    );
  }

  /** Customer ids written as floats (`12347.0`): read as whole numbers, or with `keep` as written (files read again). */
  keepFloatIds(keep: boolean): Promise<void> {
    return this.mutate(() => this.run(-1, () => this.dataset!.keepFloatIds(keep)));
  }

  /** True when the data set is big enough to live in the compressed database (see `COMPRESS_ABOVE_BYTES`). */
  get bigData(): boolean {
    return this.dataset?.catalog === 'lens';
  }

  get hasData(): boolean {
    return this.files.length > 0;
  }

  get hasSurvey(): boolean {
    return this.surveyFiles.length > 0;
  }

  get hasCustomers(): boolean {
    return this.customerFiles.length > 0;
  }

  get hasEvents(): boolean {
    return this.eventFiles.length > 0;
  }

  /**
   * Every change of the data set (load, clear, remap, remove) waits for the one before: a drop while a file loads,
   * or a load right after "Clear all data", must not interleave with it.
   */
  private mutate(job: () => Promise<void>, file = ''): Promise<void> {
    return this.queued(file, () => this.loads.run(() => this.change(job)));
  }

  /** Changes asked for and not yet done: `loading` stays set until the last one is, so nobody sees a gap. */
  private queuedChanges = 0;

  private async queued(file: string, run: () => Promise<void>): Promise<void> {
    // A change outranks saving the workspace: the save stops at its next part and is made again afterwards.
    this.stopSave();
    this.queuedChanges++;
    this.loading ??= { file, stage: 'read', fraction: null };
    try {
      await run();
    } finally {
      if (--this.queuedChanges === 0) this.loading = null;
    }
  }

  /**
   * Runs one change in the query layer, with the database to itself; the views' state (files, dates, data version)
   * follows once it is done, so their next queries see the new data.
   */
  private async change(job: () => Promise<void>): Promise<void> {
    if (!(await this.ready.catch(() => null))) return;
    try {
      await this.layer!.mutate(async () => {
        await job();
        await this.syncFilters();
      });
    } finally {
      // Whoever waits for `loading` to end sees the new files and version.
      await this.refresh();
    }
  }

  /**
   * The global filters (src/model/filters.ts): every view and export reads the data they keep. They live in the
   * URL, so a filtered view can be bookmarked; set before data is loaded, they apply to it.
   */
  filters = $state.raw<Filters>(filtersFromSearch(location.search));

  /** Sets the filters: the URL follows at once, the data with a change (every view recomputes). */
  setFilters(filters: Filters): Promise<void> {
    this.filters = cleanFilters(filters);
    history.replaceState(history.state, '', `${location.pathname}${filtersToSearch(this.filters, location.search)}${location.hash}`);
    if (!this.dataset?.files.length) return Promise.resolve();
    return this.mutate(() => this.run(-1, async () => undefined));
  }

  /** Points the analyses' views at the filtered data (inside a change). */
  private async syncFilters(): Promise<void> {
    if (!this.dataset!.files.length) return;
    await applyFilters(this.db!, this.filters, this.dataset!.catalog, async () => {
      const asOf = this.asOf || (await this.db!.query<{ d: string }>(`SELECT max(order_ts)::DATE AS d FROM ${ALL_ORDERS}`))[0]?.d || '';
      await this.layer!.buildDuringChange([rfm.table(asOf)]);
      return `SELECT customer_id, segment_key FROM ${RFM_CUSTOMERS}`;
    });
  }

  private async refresh(): Promise<void> {
    const d = this.dataset!.files.length
      ? (await this.layer!.query<{ last_date: string | null; first_date: string | null }>({ sql: lastDateSql() }))[0]
      : { last_date: null, first_date: null };
    this.files = [...this.dataset!.files];
    this.pending = [...this.dataset!.pending];
    this.surveyFiles = [...this.surveys!.files];
    this.surveyMapping = this.surveys!.mapping;
    this.surveyDayOrder = this.surveys!.dayOrder;
    this.surveyAmbiguousDates = this.surveys!.ambiguousDates;
    this.eventFiles = [...this.events!.files];
    this.eventMapping = this.events!.mapping;
    this.eventCatalog = this.events!.catalog;
    this.customerFiles = [...this.customers!.files];
    this.customerMapping = this.customers!.mapping;
    this.firstDate = d.first_date ?? '';
    this.lastDate = d.last_date ?? '';
    this.duplicatesRemoved = this.dataset!.removeDuplicates;
    // A new file moves the as-of date to the new last order; so does a date the data no longer reaches.
    if (this.moveAsOf || !this.asOf || this.asOf > this.lastDate || this.asOf < this.firstDate) this.asOf = this.lastDate;
    this.asOfDraft = this.asOf;
    this.moveAsOf = false;
    this.version = dataVersion.value = this.layer!.version;
  }

  /** Loads files one after another; a failing file gets an alert and leaves the others (and earlier data) intact. */
  addFiles(files: InputFile[]): Promise<void> {
    // One change per file: the views show each file's data as soon as it is in.
    return this.queued(files[0]?.name ?? '', () =>
      this.loads.run(async () => {
        for (const file of files) await this.change(() => this.loadOne(file));
      }),
    );
  }

  private async loadOne(file: InputFile, kind?: FileKind): Promise<void> {
    this.abort = new AbortController();
    this.loading = { file: file.name, stage: 'read', fraction: null };
    const opts = {
      signal: this.abort.signal,
      fallbackDayOrder: (i18n.lang === 'en' && navigator.language === 'en-US' ? 'mdy' : 'dmy') as DayOrder,
      onProgress: (stage: LoadingState['stage'], fraction: number | null) => (this.loading = { file: file.name, stage, fraction }),
    };
    try {
      if (!kind && (await isWorkspaceFile(file))) {
        await this.importWorkspace(file);
        return;
      }
      const head = await readHead(file);
      const as = kind ?? kindOfFile(head.sniffed);
      if (as === null) {
        const id = ++this.unsureSeq;
        this.heldFiles.set(`unsure:${id}`, file);
        this.unsure = [...this.unsure, { id, name: file.name }];
        return;
      }
      if (as === 'events') {
        try {
          await this.events!.add(file, opts, head);
        } catch (e) {
          if (e instanceof IngestError && e.code === 'missing_roles') {
            const id = ++this.unsureSeq;
            this.heldFiles.set(`events:${id}`, file);
            this.pendingEvents = [...this.pendingEvents, { id, name: file.name, ...(await this.events!.detect(file, head)) }];
          }
          throw e;
        }
        await this.syncPurchaseEvents();
        return;
      }
      if (as === 'customers') {
        const staged = await this.customers!.add(file, opts, head);
        await this.warnDuplicateCustomers(staged.index, file.name);
        return;
      }
      if (as === 'survey') {
        const staged = await this.surveys!.add(file, opts, head);
        await this.warnSurveyRejected(staged.index, file.name);
        return;
      }
      // Real transactions take the place of the purchase events.
      const derived = this.derivedFile();
      if (derived) await this.dataset!.remove(derived.index);
      this.derived = false;
      try {
        const staged = await this.dataset!.add(file, opts, head);
        this.moveAsOf = true;
        await this.warnRejected(staged.index, file.name);
      } finally {
        const waiting = this.dataset!.pending.at(-1);
        if (waiting?.name === file.name) this.heldFiles.set(`pending:${waiting.index}`, file);
      }
    } catch (e) {
      this.alertError(e, file.name);
    } finally {
      this.abort = null;
    }
  }

  /** The user's answer for a file whose columns fit both kinds. */
  chooseKind(id: number, kind: FileKind | null): Promise<void> {
    const file = this.heldFiles.get(`unsure:${id}`);
    this.heldFiles.delete(`unsure:${id}`);
    this.unsure = this.unsure.filter((u) => u.id !== id);
    if (!file || !kind) return Promise.resolve();
    return this.queued(file.name, () => this.loads.run(() => this.change(() => this.loadOne(file, kind))));
  }

  /** A file waiting for its transaction columns is a survey or an event log after all: it is read as one. */
  pendingAs(index: number, kind: 'survey' | 'events'): Promise<void> {
    const file = this.heldFiles.get(`pending:${index}`);
    this.heldFiles.delete(`pending:${index}`);
    return this.mutate(async () => {
      await this.dataset!.discardPending(index);
      if (file) await this.loadOne(file, kind);
    });
  }

  remapSurvey(mapping: SurveyMapping, dayOrder?: DayOrder): Promise<void> {
    return this.mutate(() => this.run(-1, () => this.surveys!.remap(mapping, dayOrder)));
  }

  /** Reads a waiting event log with the columns the user picked. */
  addEventsWith(id: number, mapping: EventMapping): Promise<void> {
    const file = this.heldFiles.get(`events:${id}`);
    if (!file) return Promise.resolve();
    return this.mutate(() => this.run(-1, async () => {
      await this.events!.add(file, {}, undefined, mapping);
      this.heldFiles.delete(`events:${id}`);
      this.pendingEvents = this.pendingEvents.filter((p) => p.id !== id);
      await this.syncPurchaseEvents();
    }), file.name);
  }

  discardPendingEvents(id: number): void {
    this.heldFiles.delete(`events:${id}`);
    this.pendingEvents = this.pendingEvents.filter((p) => p.id !== id);
  }

  remapEvents(mapping: EventMapping): Promise<void> {
    return this.mutate(() => this.run(-1, async () => {
      await this.events!.remap(mapping);
      await this.syncPurchaseEvents();
    }));
  }

  removeEventFile(index: number): Promise<void> {
    return this.mutate(() => this.run(-1, async () => {
      await this.events!.remove(index);
      await this.syncPurchaseEvents();
    }));
  }

  /** The transaction file made of purchase events, when that is what the transactions are. */
  private derivedFile(): StagedFile | undefined {
    return this.dataset!.files.find((f) => f.name === PURCHASE_EVENTS_FILE && this.derived);
  }

  /** True while the transactions are the event log's purchase events (`PURCHASE_EVENTS_FILE`). */
  derived = $state(false);

  /**
   * With an event log and no transactions of their own, the purchase events become the transactions (rebuilt after
   * any change of the events), so RFM, cohorts, retention and repeat rates work from them; real transactions replace them.
   */
  private async syncPurchaseEvents(): Promise<void> {
    const old = this.derivedFile();
    if (old) {
      await this.dataset!.remove(old.index);
      this.derived = false;
    }
    if (this.dataset!.files.length > 0 || this.events!.files.length === 0) return;
    const [count] = await this.db!.query<{ purchases: number }>(purchaseEventCountSql());
    if (!count || count.purchases === 0) return;
    // Read a page at a time and written as CSV here: DuckDB-WASM's COPY to a file fails on a big event log.
    const parts: string[] = [];
    for (let offset = 0; ; offset += PURCHASE_PAGE) {
      const rows = await this.db!.query(purchasesPageSql(), [PURCHASE_PAGE, offset]);
      parts.push(purchaseCsvLines(rows, offset === 0));
      if (rows.length < PURCHASE_PAGE) break;
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    await this.dataset!.add(new File(parts, PURCHASE_EVENTS_FILE, { type: 'text/csv' }));
    this.derived = true;
    this.moveAsOf = true;
  }

  removeSurveyFile(index: number): Promise<void> {
    return this.mutate(() => this.run(-1, () => this.surveys!.remove(index)));
  }

  cancel(): void {
    this.abort?.abort();
  }

  async loadSample(name: SampleName): Promise<void> {
    const files: File[] = [];
    for (const file of SAMPLES[name]) {
      const response = await fetch(`./samples/${file}`);
      if (!response.ok) {
        this.alertError(new Error(`HTTP ${response.status}`), file);
        return;
      }
      files.push(new File([await response.blob()], file, { type: 'text/csv' }));
    }
    await this.addFiles(files);
  }

  remap(index: number, mapping: Mapping, dayOrder?: DayOrder): Promise<void> {
    return this.mutate(() => this.run(index, () => this.dataset!.remap(index, mapping, dayOrder)));
  }

  removeFile(index: number): Promise<void> {
    if (this.files.length === 1 && this.files[0].index === index && !this.hasSurvey && !this.hasEvents) return this.clear();
    return this.mutate(() => this.run(index, () => this.dataset!.remove(index)));
  }

  discardPending(index: number): Promise<void> {
    this.heldFiles.delete(`pending:${index}`);
    return this.mutate(() => this.dataset!.discardPending(index));
  }

  removeDuplicates(): Promise<void> {
    return this.mutate(() => this.run(-1, () => this.dataset!.dropDuplicates()));
  }

  clear(): Promise<void> {
    return this.mutate(() => this.attempt(() => this.reset()));
  }

  private async reset(): Promise<void> {
    await this.dataset?.clear();
    await this.surveys?.clear();
    await this.events?.clear();
    await this.customers?.clear();
    this.derived = false;
    this.heldFiles.clear();
    this.unsure = [];
    this.pendingEvents = [];
    clv.forget();
    this.asOf = '';
  }

  /** The view on screen (the root component keeps it up to date), for the saved workspace. */
  tab = $state('overview');

  /**
   * Restores saved data at start-up: `find` reads it (null: nothing saved). Queued like a load, so whoever waits
   * for `loading` to end sees the restored data.
   */
  restoreSaved(find: () => Promise<{ data: SavedData; files: Pick<SnapshotFiles, 'get'> } | null>, place: SavedPlace): Promise<void> {
    return this.mutate(() => this.run(-1, async () => {
      try {
        const found = await find();
        if (found) await this.restoreData(found.data, found.files, place);
      } catch (e) {
        throw new IngestError('workspace_restore', '', { reason: e instanceof Error ? e.message.split('\n')[0]! : String(e) });
      }
    }));
  }

  /** A workspace file chosen in the file input: its data and settings replace the tab's; an unusable file changes nothing. */
  private async importWorkspace(file: InputFile): Promise<void> {
    let workspace: Awaited<ReturnType<typeof decodeWorkspace>>;
    try {
      workspace = await decodeWorkspace(file);
    } catch (e) {
      if (!(e instanceof WorkspaceError)) throw e;
      throw new IngestError(e.code === 'incompatible' ? 'workspace_incompatible' : 'workspace_damaged', file.name, { reason: e.found });
    }
    const { manifest, files } = workspace;
    const get = async (key: string): Promise<Blob> => {
      const blob = files.get(key);
      if (!blob) throw new IngestError('workspace_damaged', file.name);
      return blob;
    };
    savedSettings.load(manifest.settings);
    if (manifest.data) await this.restoreData(manifest.data, { get }, manifest.place);
    else this.usePlace(manifest.place);
    // The deep-link path opens the saved view once its data is there.
    history.replaceState(null, '', `${location.pathname}${location.search}#${manifest.place.tab}`);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  }

  /** Replaces every table with a snapshot's and the loaders' state with the saved one (no file is read). */
  private async restoreData(data: SavedData, files: Pick<SnapshotFiles, 'get'>, place: SavedPlace): Promise<void> {
    await this.reset();
    try {
      await restoreSnapshot(this.sources!, data.snapshot, files);
      this.dataset!.restore(data.loaders.dataset);
      this.surveys!.restore(data.loaders.surveys);
      this.events!.restore(data.loaders.events);
      this.customers!.restore(data.loaders.customers);
      this.derived = data.derived;
      this.usePlace(place);
      // Saved in another zone (the browser's moved, or the setting changed since): the data follows the setting.
      if (this.dataset!.hasOffsets && this.dataset!.timeZone !== this.zone) await this.dataset!.setTimeZone(this.zone);
      this.dataset!.timeZone = this.zone;
      if (this.events!.hasInstants && this.events!.timeZone !== this.zone) await this.events!.setTimeZone(this.zone);
      this.events!.timeZone = this.zone;
    } catch (e) {
      await this.reset().catch(() => undefined);
      throw e;
    }
  }

  /** The as-of date, time zone, filters and view of a saved workspace (the URL's filters win over saved ones). */
  private usePlace(place: SavedPlace): void {
    this.asOf = place.asOf;
    this.moveAsOf = false;
    this.timeZone = place.timeZone;
    const fromUrl = filtersFromSearch(location.search);
    if (!hasAnyFilter(fromUrl) && hasAnyFilter(place.filters)) {
      this.filters = cleanFilters(place.filters);
      history.replaceState(history.state, '', `${location.pathname}${filtersToSearch(this.filters, location.search)}${location.hash}`);
    }
  }

  /** Where the user is now, for the saved workspace. */
  get place(): SavedPlace {
    return { asOf: this.asOf, timeZone: this.timeZone, filters: this.filters, tab: this.tab };
  }

  private saveAbort: AbortController | null = null;

  /**
   * Stops the workspace save under way, if any (a change of the data is coming, or a model fit): it is made again at
   * the next quiet moment.
   */
  stopSave(): void {
    this.saveAbort?.abort();
  }

  /**
   * Copies the data out for the saved workspace (tables as gzip CSV, the files DuckDB reads, the loaders' state),
   * between changes. With `stoppable`, `stopSave()` stops it (it rejects with an AbortError). Null when nothing is
   * loaded.
   */
  saveData(out: Pick<SnapshotFiles, 'put'> & { source(blob: Blob): Promise<string> }, stoppable = false): Promise<SavedData | null> {
    const abort = new AbortController();
    if (stoppable) this.saveAbort = abort;
    return this.loads.run(async () => {
      abort.signal.throwIfAborted();
      if (!(await this.ready.catch(() => null))) return null;
      const loaders = { dataset: this.dataset!.saved(), surveys: this.surveys!.saved(), events: this.events!.saved(), customers: this.customers!.saved() };
      const files = [...loaders.dataset.files, ...loaders.surveys.files, ...loaders.events.files, ...loaders.customers.files];
      if (files.length === 0) return null;
      const names = new Set(files.map((f) => f.fileName));
      const sources = new Map([...this.sources!.sources].filter(([name]) => names.has(name)));
      const snapshot = await takeSnapshot(this.db!, { skip: this.layer!.sharedTables(), sources, catalog: this.dataset!.catalog, signal: abort.signal }, out);
      return { snapshot, loaders: structuredClone(loaders), derived: this.derived };
    }).finally(() => {
      if (this.saveAbort === abort) this.saveAbort = null;
    });
  }

  /** True when the data lives in the compressed database: too big to copy out beside itself in the tab. */
  get tooBigToSave(): boolean {
    return this.dataset?.catalog === 'lens' || this.events?.catalog === 'lens';
  }

  /** Runs a user's action (a download, a chart export); a failure becomes an alert instead of vanishing. */
  attempt = async (action: () => Promise<unknown>): Promise<void> => {
    try {
      await action();
    } catch (e) {
      this.alerts = [...this.alerts, { id: ++this.alertSeq, key: 'error.action', params: { reason: e instanceof Error ? e.message.split('\n')[0] : String(e) } }];
    }
  };

  dismiss(id: number): void {
    this.alerts = this.alerts.filter((a) => a.id !== id);
  }

  private async run(index: number, action: () => Promise<void>): Promise<void> {
    const name = this.files.find((f) => f.index === index)?.name ?? '';
    this.loading = { file: name, stage: 'build', fraction: null };
    try {
      await action();
    } catch (e) {
      this.alertError(e, name);
    }
  }

  /** A file that loaded with rejected rows gets a warning naming the commonest reason and its first line. */
  private async warnRejected(index: number, file: string): Promise<void> {
    const [r] = await this.db!.query<{ rows_read: number; rows_rejected: number; reason: string | null; first_line: number | null }>(
      fileRejectSummarySql(),
      [index],
    );
    if (!r || r.rows_rejected === 0) return;
    const reason = i18n.t(`reason.${r.reason}` as MessageKey);
    const key: MessageKey = r.rows_rejected * 2 > r.rows_read ? 'warn.mostRejected' : 'warn.rejected';
    this.alerts = [...this.alerts, { id: ++this.alertSeq, key, params: { file, count: r.rows_rejected, total: r.rows_read, reason, line: r.first_line ?? '?' } }];
  }

  /** A customer file whose ids repeat gets a warning naming the first repeated line and the line kept. */
  private async warnDuplicateCustomers(index: number, file: string): Promise<void> {
    const [d] = await this.db!.query<{ n: number; line: number | null; kept: number | null; id: string | null }>(
      'SELECT count(*) AS n, min(line) AS line, arg_min(kept_line, line) AS kept, arg_min(customer_id, line) AS id FROM customer_duplicates WHERE file_index = $1',
      [index],
    );
    if (!d || d.n === 0) return;
    this.alerts = [...this.alerts, { id: ++this.alertSeq, key: 'warn.duplicateCustomers', params: { file, count: d.n, line: d.line ?? '?', kept: d.kept ?? '?', id: d.id ?? '' } }];
  }

  remapCustomers(mapping: CustomerMapping): Promise<void> {
    return this.mutate(() => this.run(-1, () => this.customers!.remap(mapping)));
  }

  /** A survey file with rejected responses or answers gets a warning naming the first line. */
  private async warnSurveyRejected(index: number, file: string): Promise<void> {
    const rows = await this.db!.query<{ file_index: number; rows_read: number; rejected_responses: number; rejected_answers: number }>(surveyQualitySql());
    const r = rows.find((x) => x.file_index === index);
    if (!r || r.rejected_responses + r.rejected_answers === 0) return;
    const [first] = await this.db!.query<{ line: number }>('SELECT min(line) AS line FROM survey_rejects WHERE file_index = $1', [index]);
    this.alerts = [...this.alerts, {
      id: ++this.alertSeq, key: 'warn.surveyRejected',
      params: { file, responses: r.rejected_responses, answers: r.rejected_answers, total: r.rows_read, line: first?.line ?? '?' },
    }];
  }

  private alertError(e: unknown, file: string): void {
    const err = e instanceof IngestError ? e : new IngestError('failed', file, { reason: e instanceof Error ? e.message : String(e) });
    const columns = err.detail.columns?.map((c) => i18n.t((/^(survey|events)\./.test(c) ? c : `role.${c}`) as MessageKey)).join(', ') ?? '';
    this.alerts = [
      ...this.alerts,
      { id: ++this.alertSeq, key: `error.${err.code}` as MessageKey, params: { file: err.file || file, line: err.detail.line ?? '?', reason: messageOrText(err.detail.reason ?? ''), columns } },
    ];
  }
}

/** A reason given as a message key (`events.otherColumns`) in the UI language; any other text as it is. */
function messageOrText(reason: string): string {
  return /^(survey|events)\.[A-Za-z.]+$/.test(reason) ? i18n.t(reason as MessageKey) : reason;
}
