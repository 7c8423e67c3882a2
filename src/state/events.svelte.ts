import type { Row } from '../db/db';
import { savedSettings } from '../workspace/saved-settings.svelte';
import { funnelBreakdownSql, funnelSql, type FunnelStep } from '../analyses/events/funnel';
import { activeDaysSql, activitySql, hourWeekdaySql, userLifecycleSql } from '../analyses/events/activity';
import { DEFAULT_SESSION_GAP_MINUTES, eventSessionsTable, sessionSummarySql, sessionsSql } from '../analyses/events/sessions';
import { nextEventSql, pathsSql, sankeySql } from '../analyses/events/paths';
import { itemTables } from '../analyses/events/items';
import type { EventRole } from '../analyses/events/schema';
import type { QueryRequest } from '../query/query-layer';
import { saveCsv } from '../export/download';
import type { AppState } from './app.svelte';
import { Loader } from './loader.svelte';
import { rfm } from './rfm.svelte';

/** A funnel step as the UI keeps it: `role:view`, `roles:cart|favourite` (either) or `type:<event type as written>`. */
export type StepKey = string;

export const DEFAULT_STEPS: StepKey[] = ['role:view', 'roles:cart|favourite', 'role:purchase'];

export function stepOf(key: StepKey): FunnelStep {
  const [kind, rest = ''] = key.split(/:(.*)/s);
  if (kind === 'type') return { types: [rest] };
  return { roles: rest.split('|') as EventRole[] };
}

export type Breakdown = 'none' | 'device' | 'channel' | 'category' | 'day' | 'week' | 'segment';

/** The Events view: funnel, activity, sessions, paths and items of the loaded event logs, through the query layer. */
export class EventsState {
  steps = $state<StepKey[]>([...DEFAULT_STEPS]);
  by = $state<'user' | 'session'>('user');
  windowDays = $state(7);
  gapMinutes = $state(DEFAULT_SESSION_GAP_MINUTES);
  breakdown = $state<Breakdown>('none');
  lifecyclePeriod = $state<'week' | 'month'>('week');
  sankeySteps = $state(4);
  nextAfter = $state<EventRole>('view');

  readonly funnel: Loader<unknown, { rows: Row[]; breakdown: Row[] }>;
  readonly activity: Loader<unknown, { daily: Row[]; activeDays: Row[]; lifecycle: Row[]; hours: Row[] }>;
  readonly sessions: Loader<unknown, { summary: Row; daily: Row[]; paths: Row[]; next: Row[]; sankey: Row[] }>;

  constructor(private app: AppState) {
    savedSettings.bind('events', this, ['steps', 'by', 'windowDays', 'gapMinutes', 'breakdown', 'lifecyclePeriod', 'sankeySteps', 'nextAfter']);
    const ready = () => app.hasEvents && !!app.layer;
    const q = (req: QueryRequest, signal: AbortSignal) => app.layer!.query(req, { signal });
    this.funnel = new Loader(
      () => (ready() ? { v: app.version, steps: this.steps, by: this.by, w: this.windowHours, gap: this.gapMinutes, b: this.breakdown, asOf: app.asOf, rfm: rfm.options } : null),
      async (_d, signal) => {
        const [rows, breakdown] = await Promise.all([q(this.funnelRequest((o) => funnelSql(this.funnelSteps, o)), signal), this.breakdownRows(signal)]);
        return { rows, breakdown };
      },
    );
    this.activity = new Loader(
      () => (ready() ? { v: app.version, p: this.lifecyclePeriod } : null),
      async ({ p }, signal) => {
        const [daily, activeDays, lifecycle, hours] = await Promise.all([
          q({ sql: activitySql() }, signal), q({ sql: activeDaysSql() }, signal), q({ sql: userLifecycleSql(p) }, signal), q({ sql: hourWeekdaySql() }, signal),
        ]);
        return { daily, activeDays, lifecycle, hours };
      },
    );
    this.sessions = new Loader(
      () => (ready() ? { v: app.version, gap: this.gapMinutes, n: this.sankeySteps, after: this.nextAfter } : null),
      async ({ gap, n, after }, signal) => {
        // Every figure reads the session keys from one table, built once per gap.
        const tables = [eventSessionsTable(gap, app.eventCatalog)];
        const src = { table: tables[0]!.name };
        const [[summary], daily, paths, next, sankey] = await Promise.all([
          q({ sql: sessionSummarySql(src), tables }, signal), q({ sql: sessionsSql(src), tables }, signal), q({ sql: pathsSql(src), tables }, signal),
          q({ sql: nextEventSql(src), params: [after], tables }, signal), q({ sql: sankeySql(src, n), tables }, signal),
        ]);
        return { summary: summary!, daily, paths, next, sankey };
      },
    );
  }

  /** The funnel by the chosen dimension; by RFM segment through `rfm_customers` of the as-of date (built by the layer). */
  private breakdownRows(signal: AbortSignal): Promise<Row[]> {
    const b = this.breakdown;
    if (b === 'none') return Promise.resolve([]);
    if (b === 'segment') {
      if (!this.app.hasData || !this.app.asOf) return Promise.resolve([]);
      const table = rfm.table(this.app.asOf);
      const req = this.funnelRequest((o) => funnelBreakdownSql(this.funnelSteps, o, { segmentsOf: table.name }));
      return this.app.layer!.query({ ...req, tables: [...(req.tables ?? []), table] }, { signal });
    }
    return this.app.layer!.query(this.funnelRequest((o) => funnelBreakdownSql(this.funnelSteps, o, b)), { signal });
  }

  get windowHours(): number {
    return this.windowDays * 24;
  }

  get funnelSteps(): FunnelStep[] {
    return this.steps.map(stepOf);
  }

  get funnelOptions() {
    return { by: this.by, windowHours: this.windowHours, gapMinutes: this.gapMinutes };
  }

  funnelSql(): string {
    return funnelSql(this.funnelSteps, this.funnelOptions);
  }

  /** The funnel's read: per session it reads the shared session table. */
  private funnelRequest(sql: (opts: ReturnType<EventsState['sessionOptions']>) => string): QueryRequest {
    if (this.by !== 'session') return { sql: sql(this.sessionOptions()) };
    const table = eventSessionsTable(this.gapMinutes, this.app.eventCatalog);
    return { sql: sql(this.sessionOptions(table.name)), tables: [table] };
  }

  private sessionOptions(sessionsTable?: string) {
    return { ...this.funnelOptions, sessionsTable };
  }

  get itemsTable() {
    return itemTables(this.app.eventCatalog).items;
  }

  get categoriesTable() {
    return itemTables(this.app.eventCatalog).categories;
  }

  private save(name: string, sql: string, tables: QueryRequest['tables'] = []) {
    return async () => saveCsv(name, await this.app.layer!.exportCsv({ sql, tables }));
  }

  download = () => this.save('funnel.csv', this.funnelSql())();
  downloadActivity = () => this.save('activity.csv', activitySql())();
  downloadSessions = () => this.save('sessions.csv', sessionsSql(this.gapMinutes))();
  downloadPaths = () => this.save('paths.csv', pathsSql(this.gapMinutes))();
  downloadItems = () => this.save('items.csv', `SELECT * FROM ${this.itemsTable.name} ORDER BY views DESC, item`, [this.itemsTable])();
}
