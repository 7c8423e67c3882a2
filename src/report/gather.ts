import type { Row } from '../db/db';
import type { QueryLayer } from '../query/query-layer';
import { monthlySql, overviewExportRequest } from '../analyses/overview';
import { qualityByFileSql } from '../analyses/quality';
import { rfmRequests } from '../analyses/rfm/requests';
import type { RfmOptions } from '../analyses/rfm/rfm-sql';
import type { SummaryRow } from '../analyses/rfm/summary';
import { averageCurveRequest, periodTrendRequest } from '../analyses/cohorts/curves-sql';
import { lifecycleRequests } from '../analyses/lifecycle/requests';
import { npsByPeriodSql, npsOverallSql } from '../analyses/survey/nps';
import { driversSql } from '../analyses/survey/ratings';
import { funnelSql, type FunnelStep } from '../analyses/events/funnel';
import { activitySql } from '../analyses/events/activity';

/** The report's sections, in order: the user ticks which ones it holds. */
export const REPORT_SECTIONS = ['overview', 'rfm', 'cohorts', 'lifecycle', 'satisfaction', 'events'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

/** `overview.csv`'s metrics, by name, as text (as exported). */
export type Metrics = Record<string, string>;

export interface ReportData {
  asOf: string;
  files: { name: string; rows_read: number; rows_rejected: number; duplicate_rows: number; rows_loaded: number }[];
  metrics: Metrics;
  monthly: Row[];
  /** Present when its section is ticked. */
  rfm?: { segments: (SummaryRow & { name: string })[]; pareto: { customer_share: number; revenue_share: number }[] };
  cohorts?: { curve: Row[]; periodOne: Row[] };
  lifecycle?: { window: number; stages: Row[] };
  satisfaction?: { overall: Row; months: Row[]; drivers: Row[] };
  events?: { funnel: Row[]; lastDay: Row | null };
}

export interface GatherInput {
  asOf: string;
  sections: readonly ReportSection[];
  rfm: RfmOptions;
  /** A segment's name in the report's language, by its order in the RFM settings' segments. */
  segmentName: (order: number, key: string) => string;
  /** The churn window in force. */
  lifecycleWindow: () => Promise<number>;
  /** Which other data is loaded: a section without its data is left out. */
  hasSurvey?: boolean;
  /** The funnel shown in the Events view, when an event log is loaded. */
  funnel?: { steps: FunnelStep[]; by: 'user' | 'session'; windowHours: number; gapMinutes: number } | null;
}

/** Reads the figures of the report through the query layer: the same requests, so the same numbers, as the views. */
export async function gatherReport(layer: QueryLayer, input: GatherInput, signal?: AbortSignal): Promise<ReportData> {
  const { asOf, sections } = input;
  const q = <T extends Row>(req: Parameters<QueryLayer['query']>[0]) => layer.query<T>(req, { signal });
  const [metricRows, monthly, files] = await Promise.all([
    q<{ metric: string; value: string | null }>(overviewExportRequest(asOf)),
    q({ sql: monthlySql(), params: [asOf] }),
    q<ReportData['files'][number] & { source_file: string }>({ sql: qualityByFileSql() }),
  ]);
  const data: ReportData = {
    asOf,
    files: files.map((f) => ({ name: f.source_file, rows_read: f.rows_read, rows_rejected: f.rows_rejected, duplicate_rows: f.duplicate_rows, rows_loaded: f.rows_loaded })),
    metrics: Object.fromEntries(metricRows.map((r) => [r.metric, r.value ?? ''])),
    monthly,
  };
  if (sections.includes('rfm')) {
    const r = rfmRequests(asOf, input.rfm);
    const [summary, pareto] = await Promise.all([q<SummaryRow>(r.summary), q<{ customer_share: number; revenue_share: number }>(r.pareto)]);
    data.rfm = { segments: summary.map((s) => ({ ...s, name: input.segmentName(s.segment_order, s.segment_key) })), pareto };
  }
  if (sections.includes('cohorts')) {
    const options = { granularity: 'month' as const, filter: {} };
    const [curve, periodOne] = await Promise.all([q(averageCurveRequest(asOf, options)), q(periodTrendRequest(asOf, options, 1))]);
    data.cohorts = { curve, periodOne };
  }
  if (sections.includes('lifecycle')) {
    const window = await input.lifecycleWindow();
    data.lifecycle = { window, stages: await q(lifecycleRequests(asOf, window).stages) };
  }
  if (sections.includes('satisfaction') && input.hasSurvey) {
    const [[overall], months, drivers] = await Promise.all([q({ sql: npsOverallSql() }), q({ sql: npsByPeriodSql('month') }), q({ sql: driversSql() })]);
    data.satisfaction = { overall: overall!, months, drivers };
  }
  if (sections.includes('events') && input.funnel) {
    const [funnel, activity] = await Promise.all([q({ sql: funnelSql(input.funnel.steps, input.funnel) }), q({ sql: activitySql() })]);
    data.events = { funnel, lastDay: activity.at(-1) ?? null };
  }
  return data;
}
