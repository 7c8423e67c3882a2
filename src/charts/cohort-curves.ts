import { ROWS, type ChartSpec } from './vega-types';

export interface CohortCurvesLabels {
  period: string;
  cohort: string;
  cohortSize: string;
  average: string;
  cohorts: string;
}

export interface CohortCurvesOptions {
  /** The field of both the triangle cells and the average rows plotted on y. */
  field: string;
  title: string;
  /** d3 format of the values (axis and tooltips). */
  format: string;
  /** Points on the cohort lines (for their tooltips); leave off for thousands of cells. */
  points: boolean;
  labels: CohortCurvesLabels;
}

/** One row per point of a curve: `kind` 'cohort' (a triangle cell) or 'average' (a row of `averageCurveSql`). */
export function curveRows(cells: readonly object[], average: readonly object[]): object[] {
  return [...cells.map((c) => ({ ...c, kind: 'cohort' })), ...average.map((a) => ({ ...a, kind: 'average', cohort: null }))];
}

/**
 * Curves by period since acquisition: a thin line per cohort (colour from oldest to newest) under the average
 * weighted by cohort size (thick, dark). Used for retention and for cumulative revenue per customer (LTV).
 */
export function cohortCurvesSpec(o: CohortCurvesOptions): ChartSpec {
  const L = o.labels;
  const x = { field: 'period', type: 'quantitative' as const, title: L.period, axis: { tickMinStep: 1, format: 'd' } };
  const y = { field: o.field, type: 'quantitative' as const, title: o.title, axis: { format: o.format } };
  const color = { field: 'cohort', type: 'ordinal' as const, title: L.cohort, sort: 'ascending' as const, scale: { scheme: 'viridis' }, legend: { symbolLimit: 12 } };
  const cohortTooltip = [
    { field: 'cohort', title: L.cohort },
    { field: 'period', title: L.period },
    { field: 'cohort_size', title: L.cohortSize, format: ',' },
    { field: o.field, title: o.title, format: o.format },
  ];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { name: ROWS },
    width: 'container',
    height: 300,
    layer: [
      {
        transform: [{ filter: "datum.kind === 'cohort'" }],
        mark: { type: 'line', strokeWidth: 1, opacity: 0.55, point: o.points ? { size: 14 } : false },
        encoding: { x, y, color, detail: { field: 'cohort' }, tooltip: cohortTooltip },
      },
      {
        transform: [{ filter: "datum.kind === 'average'" }, { calculate: JSON.stringify(L.average), as: 'series' }],
        mark: { type: 'line', color: '#1f2933', strokeWidth: 3, point: { color: '#1f2933', size: 36 } },
        encoding: {
          x,
          y,
          tooltip: [
            { field: 'series', title: ' ' },
            { field: 'period', title: L.period },
            { field: 'cohorts', title: L.cohorts, format: ',' },
            { field: 'cohort_customers', title: L.cohortSize, format: ',' },
            { field: o.field, title: o.title, format: o.format },
          ],
        },
      },
    ],
  };
}
