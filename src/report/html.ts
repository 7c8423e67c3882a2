import type { MessageKey } from '../i18n/en';
import type { Lang } from '../i18n/i18n.svelte';
import type { Finding } from './findings';
import type { ReportData } from './gather';

/** A statement behind a figure, for the appendix. */
export interface ReportSql {
  title: string;
  sql: string;
  params: string;
}

export interface ReportInput {
  data: ReportData;
  findings: Finding[];
  /** SVG text per chart: `monthly`, `segments`, `retention`. */
  charts: Partial<Record<'monthly' | 'segments' | 'retention', string>>;
  sql: ReportSql[];
  settings: { label: string; value: string }[];
  definitions: string[];
  generated: string;
  lang: Lang;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
}

/** `overview.csv`'s metrics in its order, with how each is formatted. */
const METRICS: { name: string; label: MessageKey; kind: 'count' | 'money' | 'date' }[] = [
  { name: 'rows_read', label: 'quality.rowsRead', kind: 'count' },
  { name: 'rows_rejected', label: 'quality.rejected', kind: 'count' },
  { name: 'duplicate_rows', label: 'quality.duplicates', kind: 'count' },
  { name: 'rows_loaded', label: 'quality.loaded', kind: 'count' },
  { name: 'customers', label: 'kpi.customers', kind: 'count' },
  { name: 'orders', label: 'kpi.orders', kind: 'count' },
  { name: 'revenue', label: 'kpi.revenue', kind: 'money' },
  { name: 'first_date', label: 'kpi.firstDate', kind: 'date' },
  { name: 'last_date', label: 'kpi.lastDate', kind: 'date' },
  { name: 'returns', label: 'kpi.returns', kind: 'count' },
  { name: 'returned_amount', label: 'kpi.returnedAmount', kind: 'money' },
];

/** Escapes text for HTML content and attribute values. */
export function esc(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * The report as one self-contained HTML page in the report's language: no script, no external reference (charts
 * are inline SVG, styles inline), a print style sheet for PDF. Values from users' files are escaped.
 */
export function reportHtml(r: ReportInput): string {
  const { data, t } = r;
  const locale = r.lang === 'zh' ? 'zh-CN' : 'en-US';
  const num = (v: unknown, digits = 0) => {
    const n = Number(v);
    return v === null || v === undefined || v === '' || !Number.isFinite(n) ? '–' : n.toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  };
  const pct = (v: unknown) => (v === null || v === undefined || !Number.isFinite(Number(v)) ? '–' : `${num(Number(v) * 100, 1)}%`);
  const metric = (m: (typeof METRICS)[number]) => {
    const raw = data.metrics[m.name] ?? '';
    return m.kind === 'date' ? raw || '–' : num(raw, m.kind === 'money' ? 2 : 0);
  };
  const table = (caption: string, head: string[], rows: string[][], numeric: boolean[]) =>
    `<table><caption>${esc(caption)}</caption><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
      .map((row) => `<tr>${row.map((c, i) => `<td${numeric[i] ? ' class="num"' : ''}>${esc(c)}</td>`).join('')}</tr>`)
      .join('')}</tbody></table>`;
  const figure = (svg: string | undefined, caption: string) => (svg ? `<figure role="img" aria-label="${esc(caption)}">${svg}<figcaption>${esc(caption)}</figcaption></figure>` : '');
  const roles = new Set(['view', 'favourite', 'cart', 'purchase', 'other']);
  const eventName = (code: string) => code.split('|').map((c) => (roles.has(c) ? t(`events.role.${c}` as MessageKey) : c)).join(' / ');
  const findingText = (f: Finding) => {
    const v = f.key === 'funnelDrop' ? { ...f.values, from: eventName(String(f.values.from)), to: eventName(String(f.values.to)) } : f.values;
    const params = Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k, typeof x === 'number' ? (/share|^from$|^to$/i.test(k) ? pct(x) : /revenue$/i.test(k) ? num(x, 2) : num(x)) : x]),
    );
    return { finding: t(`report.finding.${f.key}` as MessageKey, params), action: t(`report.action.${f.key}` as MessageKey, params) };
  };

  const sections: string[] = [];
  sections.push(`<section><h2>${esc(t('report.goal'))}</h2><p>${esc(t('report.goalText'))}</p></section>`);
  sections.push(`<section><h2>${esc(t('report.source'))}</h2><p>${esc(t('report.sourceText', { asOf: data.asOf, first: data.metrics.first_date ?? '–', last: data.metrics.last_date ?? '–' }))}</p>${table(
    t('report.files'),
    [t('quality.file'), t('quality.rowsRead'), t('quality.rejected'), t('quality.duplicates'), t('quality.loaded')],
    data.files.map((f) => [f.name, num(f.rows_read), num(f.rows_rejected), num(f.duplicate_rows), num(f.rows_loaded)]),
    [false, true, true, true, true],
  )}</section>`);
  sections.push(`<section><h2>${esc(t('report.keyFigures'))}</h2><dl class="kpis">${METRICS.map(
    (m) => `<div><dt>${esc(t(m.label))}</dt><dd data-metric="${m.name}">${esc(metric(m))}</dd></div>`,
  ).join('')}</dl>${figure(r.charts.monthly, t('chart.monthly.title'))}</section>`);
  const found = r.findings.map(findingText);
  sections.push(`<section><h2>${esc(t('report.findings'))}</h2>${
    found.length ? `<ol class="findings">${found.map((f) => `<li><p>${esc(f.finding)}</p><p class="action">${esc(f.action)}</p></li>`).join('')}</ol>` : `<p>${esc(t('report.noFindings'))}</p>`
  }</section>`);
  if (data.rfm) {
    sections.push(`<section><h2>${esc(t('tab.rfm'))}</h2>${figure(r.charts.segments, t('rfm.chart.segments'))}${table(
      t('rfm.summary.title'),
      [t('rfm.col.segment'), t('rfm.col.customers'), t('report.col.customerShare'), t('rfm.col.revenue'), t('report.col.revenueShare')],
      data.rfm.segments.map((s) => [s.name, num(s.customers), pct(s.customer_share), num(s.revenue, 2), pct(s.revenue_share)]),
      [false, true, true, true, true],
    )}</section>`);
  }
  if (data.cohorts) {
    sections.push(`<section><h2>${esc(t('tab.cohorts'))}</h2>${figure(r.charts.retention, t('report.retentionCurve'))}${table(
      t('report.retentionCurve'),
      [t('cohorts.label.period'), t('cohorts.label.cohorts'), t('cohorts.label.cohortSize'), t('cohorts.label.customers'), t('cohorts.label.retention')],
      data.cohorts.curve.map((c) => [String(c.period), num(c.cohorts), num(c.cohort_customers), num(c.customers), pct(c.retention)]),
      [true, true, true, true, true],
    )}</section>`);
  }
  if (data.lifecycle) {
    sections.push(`<section><h2>${esc(t('tab.lifecycle'))}</h2><p>${esc(t('report.window', { days: data.lifecycle.window }))}</p>${table(
      t('lifecycle.stages.title'),
      [t('lifecycle.stage'), t('rfm.col.customers'), t('report.col.customerShare'), t('rfm.col.revenue'), t('report.col.revenueShare')],
      data.lifecycle.stages.map((s) => [t(`lifecycle.stage.${String(s.stage)}` as MessageKey), num(s.customers), pct(s.customer_share), num(s.revenue, 2), pct(s.revenue_share)]),
      [false, true, true, true, true],
    )}</section>`);
  }
  if (data.satisfaction) {
    const o = data.satisfaction.overall;
    sections.push(`<section><h2>${esc(t('tab.satisfaction'))}</h2><dl class="kpis">${[
      ['survey.nps', num(o.nps, 1), 'nps'], ['survey.interval', `${num(o.nps_low, 1)} … ${num(o.nps_high, 1)}`, 'nps_interval'], ['survey.responses', num(o.responses), 'responses'],
      ['survey.group.promoter', num(o.promoters), 'promoters'], ['survey.group.passive', num(o.passives), 'passives'], ['survey.group.detractor', num(o.detractors), 'detractors'],
    ].map(([k, v, m]) => `<div><dt>${esc(t(k as MessageKey))}</dt><dd data-metric="${m}">${esc(v)}</dd></div>`).join('')}</dl>${table(
      t('survey.trendTitle'),
      [t('survey.period'), t('survey.responses'), t('survey.nps'), t('survey.interval')],
      data.satisfaction.months.map((m) => [String(m.period).slice(0, 7), num(m.responses), num(m.nps, 1), `${num(m.nps_low, 1)} … ${num(m.nps_high, 1)}`]),
      [false, true, true, false],
    )}${data.satisfaction.drivers.length ? table(
      t('survey.driversTitle'),
      [t('survey.question'), t('survey.mean'), t('survey.top2'), t('survey.importance'), t('survey.quadrant')],
      data.satisfaction.drivers.map((d) => [String(d.question), num(d.mean, 2), pct(d.top2_share), num(d.importance, 3), d.quadrant ? t(`survey.quadrant.${String(d.quadrant)}` as MessageKey) : '–']),
      [false, true, true, true, false],
    ) : ''}</section>`);
  }
  if (data.events) {
    const d = data.events.lastDay;
    sections.push(`<section><h2>${esc(t('tab.events'))}</h2>${table(
      t('events.funnelTitle'),
      [t('events.step'), t('events.users'), t('events.fromPrevious'), t('events.fromFirst'), t('events.medianHours')],
      data.events.funnel.map((r) => [`${r.step}. ${eventName(String(r.event))}`, num(r.users), pct(r.conversion_from_previous), pct(r.conversion_from_first), num(r.median_hours_from_previous, 2)]),
      [false, true, true, true, true],
    )}${d ? `<p>${esc(t('report.activity', { date: String(d.date), dau: num(d.dau), wau: num(d.wau), mau: num(d.mau), stickiness: pct(d.stickiness) }))}</p>` : ''}</section>`);
  }
  sections.push(`<section><h2>${esc(t('report.definitions'))}</h2><ul>${r.definitions.map((d) => `<li>${esc(d)}</li>`).join('')}</ul>${table(
    t('report.settings'),
    [t('report.setting'), t('report.value')],
    r.settings.map((s) => [s.label, s.value]),
    [false, false],
  )}</section>`);
  sections.push(`<section class="appendix"><h2>${esc(t('report.appendix'))}</h2>${r.sql
    .map((q) => `<h3>${esc(q.title)}</h3>${q.params ? `<p class="params">${esc(q.params)}</p>` : ''}<pre><code>${esc(q.sql)}</code></pre>`)
    .join('')}</section>`);

  return `<!doctype html>
<html lang="${r.lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t('report.title'))} — ${esc(data.asOf)}</title>
<style>
body { font-family: system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', sans-serif; color: #1f2933; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { margin-bottom: 0.2rem; } .meta { color: #52606d; margin-top: 0; }
h2 { border-bottom: 1px solid #cbd2d9; padding-bottom: 0.2rem; margin-top: 2rem; }
.kpis { display: grid; grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr)); gap: 0.6rem; }
.kpis div { background: #f5f7fa; border-radius: 6px; padding: 0.5rem 0.7rem; } dt { font-size: 0.8rem; color: #52606d; } dd { margin: 0.2rem 0 0; font-size: 1.2rem; font-weight: 600; }
table { border-collapse: collapse; margin: 0.75rem 0; font-size: 0.9rem; } caption { text-align: left; font-weight: 600; margin-bottom: 0.3rem; }
th, td { border-bottom: 1px solid #e4e7eb; padding: 0.25rem 0.6rem; text-align: left; } .num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1rem 0; } figure svg { max-width: 100%; height: auto; } figcaption { color: #52606d; font-size: 0.85rem; }
.findings li { margin-bottom: 0.6rem; } .findings p { margin: 0.1rem 0; } .action { color: #1d4ed8; }
pre { background: #f6f8fa; padding: 0.6rem; overflow: auto; font-size: 0.75rem; white-space: pre-wrap; } .params { font-family: monospace; font-size: 0.8rem; }
@media print { body { margin: 0; max-width: none; } section { break-inside: avoid-page; } .appendix { break-before: page; } pre { white-space: pre-wrap; } a { color: inherit; } }
</style>
</head>
<body>
<h1>${esc(t('report.title'))}</h1>
<p class="meta">${esc(t('report.meta', { asOf: data.asOf, generated: r.generated }))}</p>
${sections.join('\n')}
</body>
</html>
`;
}
