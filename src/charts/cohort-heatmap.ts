import { ROWS, type ChartSpec } from './vega-types';

/** What a triangle cell shows: share of the cohort, customers, or revenue per cohort customer in the period. */
export type HeatmapMeasure = 'percent' | 'count' | 'revenue';

export interface CohortHeatmapLabels {
  cohort: string;
  period: string;
  calendarPeriod: string;
  cohortSize: string;
  customers: string;
  customersOrLater: string;
  retention: string;
  retentionOrLater: string;
  revenue: string;
  revenuePerCustomer: string;
  cumulativePerCustomer: string;
  /** Tooltip status of a cell whose period runs past the as-of date, and of one that does not. */
  partial: string;
  complete: string;
  status: string;
}

export interface CohortHeatmapOptions {
  measure: HeatmapMeasure;
  /** "In period k or later" instead of "in period k" (counts and percentages). */
  orLater: boolean;
  cohorts: number;
  periods: number;
  /** Number of cells (rows). */
  cells: number;
  labels: CohortHeatmapLabels;
}

/** The triangle row field and d3 format a heatmap cell shows. */
export function heatmapField(measure: HeatmapMeasure, orLater: boolean): { field: string; format: string } {
  if (measure === 'revenue') return { field: 'revenue_per_customer', format: ',.2f' };
  const suffix = orLater ? '_or_later' : '';
  return measure === 'count' ? { field: `customers${suffix}`, format: ',' } : { field: `retention${suffix}`, format: '.1%' };
}

/** How many cohorts (rows) and periods (columns) the triangle cells span, and how many cells there are. */
export function triangleShape(cells: readonly { cohort: string; period: number }[]): { cohorts: number; periods: number; cells: number } {
  let periods = 0;
  for (const c of cells) periods = Math.max(periods, c.period + 1);
  return { cohorts: new Set(cells.map((c) => c.cohort)).size, periods, cells: cells.length };
}

/**
 * Above this many cells, marks get no per-item ARIA label: Vega would build one long description string per cell,
 * which triples the SVG and blocks the page for about a second on a weekly triangle of 5,000+ cells.
 */
export const ARIA_CELL_LIMIT = 1000;

/** Cell labels are drawn only when cells are big enough to hold them. */
export function showsCellText(cohorts: number, periods: number): boolean {
  return cohorts <= 40 && periods <= 24;
}

/**
 * The retention triangle: cohorts (rows, oldest first) × periods (columns), one rect per cell of `triangleSql`.
 * Period 0 is grey (100 % by definition) so the colour scale spans the later periods; cells of a period still
 * running at the as-of date are faded. Tooltips give counts, shares and revenue.
 */
export function cohortHeatmapSpec(o: CohortHeatmapOptions): ChartSpec {
  const { field, format } = heatmapField(o.measure, o.orLater);
  const L = o.labels;
  const text = showsCellText(o.cohorts, o.periods);
  const step = o.cohorts <= 40 ? 22 : Math.max(4, Math.floor(880 / o.cohorts));
  const x = { field: 'period', type: 'ordinal' as const, title: L.period, sort: 'ascending' as const, axis: { labelAngle: 0, labelOverlap: true, orient: 'top' as const } };
  const y = { field: 'cohort', type: 'ordinal' as const, title: L.cohort, sort: 'ascending' as const, axis: { labelOverlap: true } };
  const valueTitle = { percent: o.orLater ? L.retentionOrLater : L.retention, count: o.orLater ? L.customersOrLater : L.customers, revenue: L.revenuePerCustomer }[o.measure];
  const opacity = { condition: { test: 'datum.partial', value: 0.45 }, value: 1 };
  const stroke = { stroke: 'white', strokeWidth: step >= 10 ? 1 : 0, aria: o.cells <= ARIA_CELL_LIMIT };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { name: ROWS },
    width: 'container',
    height: Math.max(1, o.cohorts) * step,
    transform: [{ calculate: `datum.partial ? ${JSON.stringify(L.partial)} : ${JSON.stringify(L.complete)}`, as: 'status' }],
    encoding: {
      x,
      y,
      tooltip: [
        { field: 'cohort', title: L.cohort },
        { field: 'period', title: L.period },
        { field: 'period_label', title: L.calendarPeriod },
        { field: 'cohort_size', title: L.cohortSize, format: ',' },
        { field: 'customers', title: L.customers, format: ',' },
        { field: 'retention', title: L.retention, format: '.2%' },
        { field: 'customers_or_later', title: L.customersOrLater, format: ',' },
        { field: 'retention_or_later', title: L.retentionOrLater, format: '.2%' },
        { field: 'revenue', title: L.revenue, format: ',.2f' },
        { field: 'revenue_per_customer', title: L.revenuePerCustomer, format: ',.2f' },
        { field: 'cumulative_revenue_per_customer', title: L.cumulativePerCustomer, format: ',.2f' },
        { field: 'status', title: L.status },
      ],
    },
    layer: [
      {
        transform: [{ filter: 'datum.period > 0' }],
        mark: { type: 'rect', ...stroke },
        encoding: {
          color: { field, type: 'quantitative', title: valueTitle, scale: { scheme: { name: 'blues', extent: [0.05, 0.8] } }, legend: { format } },
          opacity,
        },
      },
      {
        transform: [{ filter: 'datum.period === 0' }],
        mark: { type: 'rect', color: '#d9dee4', ...stroke },
        encoding: { opacity },
      },
      // The labels repeat the cells' values: no tooltip or ARIA label of their own (the cell has both), and the
      // pointer passes through to the cell (see `toVega`).
      ...(text
        ? [{ mark: { type: 'text' as const, fontSize: 10, color: '#1f2933', aria: false }, encoding: { text: { field, type: 'quantitative' as const, format }, tooltip: null } }]
        : []),
    ],
    config: { view: { stroke: null } },
  };
}
