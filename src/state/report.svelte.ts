import { monthlySql, overviewExportSql } from '../analyses/overview';
import { qualityByFileSql } from '../analyses/quality';
import { rfmRequests } from '../analyses/rfm/requests';
import { AVERAGE_CURVE_SQL, PERIOD_TREND_SQL } from '../analyses/cohorts/curves-sql';
import { stageSummarySql } from '../analyses/lifecycle/customers';
import { monthlySpec } from '../charts/monthly';
import { segmentShareSpec } from '../charts/rfm-segments';
import { cohortCurvesSpec, curveRows } from '../charts/cohort-curves';
import { saveBytes } from '../export/download';
import type { MessageKey } from '../i18n/en';
import { i18n } from '../i18n/i18n.svelte';
import { findings } from '../report/findings';
import { gatherReport, REPORT_SECTIONS, type ReportSection } from '../report/gather';
import { reportHtml, type ReportSql } from '../report/html';
import { chartSvg } from '../report/svg';
import type { TableSpec } from '../query/query-layer';
import type { AppState } from './app.svelte';
import { churnWindow, lifecycle } from './lifecycle.svelte';
import { rfm, segmentLabel } from './rfm.svelte';
import { DEFAULT_STEPS, stepOf } from './events.svelte';
import { DEFAULT_SESSION_GAP_MINUTES } from '../analyses/events/sessions';
import { funnelSql } from '../analyses/events/funnel';
import { activitySql } from '../analyses/events/activity';
import { npsByPeriodSql, npsOverallSql } from '../analyses/survey/nps';
import { driversSql } from '../analyses/survey/ratings';
import { describeFilters } from './filter-bar.svelte';
import { hasFilters } from '../model/filters';
import { savedSettings } from '../workspace/saved-settings.svelte';

/** The funnel the report shows: the Events view's default steps, per user, within 7 days. */
const REPORT_FUNNEL = { steps: DEFAULT_STEPS.map(stepOf), by: 'user' as const, windowHours: 7 * 24, gapMinutes: DEFAULT_SESSION_GAP_MINUTES };

/** Lets the page paint between the report's steps, so building it never blocks the tab for long. */
const pause = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The one-file report: which sections it holds, and building it from the views' own requests. */
export class ReportState {
  sections = $state<Record<ReportSection, boolean>>(Object.fromEntries(REPORT_SECTIONS.map((s) => [s, true])) as Record<ReportSection, boolean>);
  building = $state(false);

  constructor(private app: AppState) {
    savedSettings.bind('report', this, ['sections']);
  }

  /** Builds `report.html` in the UI language for the as-of date and the settings in force, and saves it. */
  download = async (): Promise<void> => {
    const app = this.app;
    const layer = app.layer;
    if (!layer || !app.asOf) return;
    this.building = true;
    try {
      const t = i18n.t;
      const asOf = app.asOf;
      const sections = REPORT_SECTIONS.filter((s) => this.sections[s]);
      const segments = rfm.segments;
      const data = await gatherReport(layer, {
        asOf,
        sections,
        rfm: rfm.options,
        segmentName: (order, key) => segmentLabel(segments[order] ?? { key, order }),
        lifecycleWindow: async () => (await churnWindow(layer, asOf, lifecycle.windowDays, new AbortController().signal)).window,
        hasSurvey: app.hasSurvey,
        funnel: app.hasEvents ? REPORT_FUNNEL : null,
      });
      await pause();
      const charts: Parameters<typeof reportHtml>[0]['charts'] = {};
      charts.monthly = await chartSvg(monthlySpec({ month: t('chart.month'), revenue: t('chart.revenue'), activeCustomers: t('chart.activeCustomers') }), data.monthly, i18n.lang);
      await pause();
      if (data.rfm) {
        const names = data.rfm.segments.map((s) => s.name);
        const rows = data.rfm.segments.flatMap((s) => [
          { segment: s.name, measure: t('rfm.col.customers'), share: s.customer_share ?? 0 },
          { segment: s.name, measure: t('rfm.col.revenue'), share: s.revenue_share ?? 0 },
        ]);
        const spec = segmentShareSpec({ segment: t('rfm.col.segment'), share: t('rfm.axis.share'), measure: t('rfm.axis.measure'), customers: t('rfm.col.customers'), revenue: t('rfm.col.revenue') }, names);
        charts.segments = await chartSvg(spec, rows, i18n.lang);
        await pause();
      }
      if (data.cohorts) {
        const spec = cohortCurvesSpec({
          field: 'retention',
          title: t('cohorts.label.retention'),
          format: '.0%',
          points: true,
          labels: { period: t('cohorts.label.period'), cohort: t('cohorts.label.cohort'), cohortSize: t('cohorts.label.cohortSize'), average: t('cohorts.label.average'), cohorts: t('cohorts.label.cohorts') },
        });
        charts.retention = await chartSvg(spec, curveRows([], data.cohorts.curve), i18n.lang);
        await pause();
      }
      const r = rfmRequests(asOf, rfm.options);
      const sql: ReportSql[] = [
        { title: t('report.sql.files'), sql: qualityByFileSql(), params: '' },
        { title: t('report.keyFigures'), sql: overviewExportSql(), params: `$1 = ${asOf}` },
        { title: t('chart.monthly.title'), sql: monthlySql(), params: `$1 = ${asOf}` },
        ...(data.rfm ? [...tableStatements(r.table), { title: t('rfm.summary.title'), sql: r.summary.sql, params: '' }] : []),
        ...(data.cohorts ? [{ title: t('report.retentionCurve'), sql: AVERAGE_CURVE_SQL, params: '' }, { title: t('cohorts.trend.title', { n: 1 }), sql: PERIOD_TREND_SQL, params: '$1 = 1' }] : []),
        ...(data.lifecycle ? [{ title: t('lifecycle.stages.title'), sql: stageSummarySql(), params: `$1 = ${asOf}, $2 = ${data.lifecycle.window}` }] : []),
        ...(data.satisfaction
          ? [{ title: t('survey.nps'), sql: npsOverallSql(), params: '' }, { title: 'nps.csv', sql: npsByPeriodSql('month'), params: '' }, { title: 'satisfaction_drivers.csv', sql: driversSql(), params: '' }]
          : []),
        ...(data.events ? [{ title: 'funnel.csv', sql: funnelSql(REPORT_FUNNEL.steps, REPORT_FUNNEL), params: '' }, { title: 'activity.csv', sql: activitySql(), params: '' }] : []),
      ].filter((q) => q.sql);
      const settings = [
        { label: t('report.setting.asOf'), value: asOf },
        ...(data.rfm
          ? [
              { label: t('report.setting.rfmScheme'), value: t(`rfm.scheme.${rfm.scheme}` as MessageKey) },
              { label: t('report.setting.rfmBins'), value: String(rfm.scoring.bins) },
            ]
          : []),
        ...(data.cohorts ? [{ label: t('report.setting.cohortPeriod'), value: t('report.setting.month') }] : []),
        ...(data.lifecycle ? [{ label: t('report.setting.window'), value: String(data.lifecycle.window) }] : []),
        ...(data.events ? [{ label: t('events.window'), value: '7' }, { label: t('events.countBy'), value: t('events.byUser') }] : []),
        ...(hasFilters(this.app.filters) ? [{ label: t('filter.title'), value: describeFilters(this.app.filters) }] : []),
      ];
      const definitions = [
        t('purchase.definition'),
        ...(['overview.defs.customers', 'overview.defs.orders', 'overview.defs.revenue', 'overview.defs.ratios'] as const).map((k) => t(k)),
        ...(data.cohorts ? [t('cohorts.defs.average')] : []),
        ...(data.satisfaction ? [t('survey.defs.nps'), t('survey.defs.interval'), t('survey.defs.importance'), t('survey.defs.quadrants')] : []),
        ...(data.events ? [t('events.defs.funnel'), t('events.defs.activity')] : []),
      ];
      const html = reportHtml({ data, findings: findings(data), charts, sql, settings, definitions, generated: new Date().toISOString().slice(0, 16).replace('T', ' '), lang: i18n.lang, t });
      saveBytes('report.html', [html], 'text/html;charset=utf-8');
    } finally {
      this.building = false;
    }
  };
}

/** The statements that build a shared table, after those of the tables it depends on (each once). */
function tableStatements(spec: TableSpec, seen = new Set<string>()): ReportSql[] {
  if (seen.has(spec.name)) return [];
  seen.add(spec.name);
  const own = Array.isArray(spec.build) ? spec.build.map((st) => ({ title: spec.name, sql: st.sql, params: (st.params ?? []).map((p: unknown, i: number) => `$${i + 1} = ${String(p)}`).join(', ') })) : [];
  return [...(spec.deps ?? []).flatMap((d) => tableStatements(d, seen)), ...own];
}
