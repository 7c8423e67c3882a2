import { STAGES, type Stage } from '../analyses/lifecycle/stages';
import { ROWS, type ChartSpec } from './vega-types';

/** Colours of the stages, shared by every lifecycle chart. */
export const STAGE_COLORS: Record<Stage, string> = {
  new: '#4c78a8',
  active: '#54a24b',
  reactivated: '#b279a2',
  at_risk: '#f58518',
  churned: '#9d9d9d',
};

/** A month of `stageFlowSql()`: its start and the customers per stage. */
export type FlowRow = { month: string } & Record<Stage, number>;

/** One row per month and stage (`month, stage, label, order, customers`), churned left out unless asked for. */
export function flowRows(rows: readonly FlowRow[], labels: Record<Stage, string>, includeChurned: boolean): object[] {
  const stages = STAGES.filter((s) => includeChurned || s !== 'churned');
  return rows.flatMap((r) => stages.map((s, i) => ({ month: r.month, stage: s, label: labels[s], order: i, customers: r[s] })));
}

export interface FlowLabels {
  month: string;
  customers: string;
  stage: string;
  stages: Record<Stage, string>;
}

/** Customers per stage at each month end as a stacked area. Rows from `flowRows`. */
export function flowSpec(labels: FlowLabels, includeChurned: boolean): ChartSpec {
  const stages = STAGES.filter((s) => includeChurned || s !== 'churned');
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { name: ROWS },
    width: 'container',
    height: 260,
    mark: { type: 'area', line: false, opacity: 0.9 },
    encoding: {
      x: { field: 'month', type: 'temporal', timeUnit: 'utcyearmonth', title: labels.month },
      y: { field: 'customers', type: 'quantitative', stack: 'zero', title: labels.customers },
      color: {
        field: 'label',
        type: 'nominal',
        title: labels.stage,
        scale: { domain: stages.map((s) => labels.stages[s]), range: stages.map((s) => STAGE_COLORS[s]) },
      },
      order: { field: 'order', type: 'quantitative' },
      tooltip: [
        { field: 'month', type: 'temporal', timeUnit: 'utcyearmonth', title: labels.month },
        { field: 'label', type: 'nominal', title: labels.stage },
        { field: 'customers', type: 'quantitative', title: labels.customers, format: ',' },
      ],
    },
  };
}
