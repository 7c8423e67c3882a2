import { foldSeries } from './cohort-series';
import { ROWS, type ChartSpec } from './vega-types';

/** The monthly customer states of `monthlyRatesSql`, in stacking order. */
export const CUSTOMER_STATES = ['new', 'active', 'reactivated', 'inactive'] as const;
export type CustomerState = (typeof CUSTOMER_STATES)[number];

export interface CohortStatesLabels {
  month: string;
  customers: string;
  state: string;
  states: Record<CustomerState, string>;
}

/** Customers per month by state, stacked (new at the bottom); `states` picks which are drawn. */
export function cohortStatesSpec(labels: CohortStatesLabels, states: readonly CustomerState[] = CUSTOMER_STATES): ChartSpec {
  const keys = CUSTOMER_STATES.filter((s) => states.includes(s));
  const colors: Record<CustomerState, string> = { new: '#54a24b', active: '#2563eb', reactivated: '#f58518', inactive: '#bab0ac' };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { name: ROWS },
    width: 'container',
    height: 280,
    transform: foldSeries(keys, keys.map((k) => labels.states[k])),
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'month', type: 'temporal', timeUnit: 'utcyearmonth', title: labels.month },
      y: { field: 'value', type: 'quantitative', title: labels.customers, stack: 'zero' },
      color: {
        field: 'label',
        type: 'nominal',
        title: labels.state,
        sort: { field: 'order' },
        scale: { domain: keys.map((k) => labels.states[k]), range: keys.map((k) => colors[k]) },
        legend: { orient: 'top' },
      },
      order: { field: 'order', sort: 'ascending' },
      tooltip: [
        { field: 'month', type: 'temporal', timeUnit: 'utcyearmonth', title: labels.month },
        { field: 'label', title: labels.state },
        { field: 'value', type: 'quantitative', title: labels.customers, format: ',' },
      ],
    },
  };
}
