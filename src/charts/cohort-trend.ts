import { ROWS, type ChartSpec } from './vega-types';

export interface CohortTrendLabels {
  cohort: string;
  cohortSize: string;
  customers: string;
  retention: string;
  status: string;
  partial: string;
  complete: string;
}

/**
 * Period-N retention by acquisition cohort (rows of `periodTrendSql`): is retention improving for newer cohorts?
 * `field` is `retention` or `retention_or_later`; bars behind give each cohort's size.
 */
export function cohortTrendSpec(field: string, countField: string, labels: CohortTrendLabels): ChartSpec {
  const x = { field: 'cohort', type: 'ordinal' as const, title: labels.cohort, sort: 'ascending' as const, axis: { labelOverlap: true, labelAngle: -45 } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { name: ROWS },
    width: 'container',
    height: 260,
    transform: [{ calculate: `datum.partial ? ${JSON.stringify(labels.partial)} : ${JSON.stringify(labels.complete)}`, as: 'status' }],
    encoding: {
      x,
      tooltip: [
        { field: 'cohort', title: labels.cohort },
        { field: 'cohort_size', title: labels.cohortSize, format: ',' },
        { field: countField, title: labels.customers, format: ',' },
        { field, title: labels.retention, format: '.2%' },
        { field: 'status', title: labels.status },
      ],
    },
    layer: [
      {
        mark: { type: 'bar', color: '#d9dee4' },
        encoding: { y: { field: 'cohort_size', type: 'quantitative', title: labels.cohortSize, axis: { orient: 'right', grid: false } } },
      },
      {
        mark: { type: 'line', color: '#2563eb', point: true },
        encoding: { y: { field, type: 'quantitative', title: labels.retention, axis: { format: '.0%', orient: 'left' } } },
      },
    ],
    resolve: { scale: { y: 'independent' } },
  };
}
