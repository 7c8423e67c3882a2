import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { cohortCurvesSpec, curveRows } from './cohort-curves';
import { cohortTrendSpec } from './cohort-trend';
import { renderMarks } from './cohort-test-utils';

const labels = { period: 'Period', cohort: 'Cohort', cohortSize: 'Cohort size', average: 'Weighted average', cohorts: 'Cohorts' };
const cells = [
  { cohort: '2024-01', period: 0, cohort_size: 3, retention: 1 },
  { cohort: '2024-01', period: 1, cohort_size: 3, retention: 1 / 3 },
  { cohort: '2024-02', period: 0, cohort_size: 1, retention: 1 },
];
const average = [
  { period: 0, cohorts: 2, cohort_customers: 4, retention: 1 },
  { period: 1, cohorts: 1, cohort_customers: 3, retention: 1 / 3 },
];

describe('cohortCurvesSpec', () => {
  it('tags cohort cells and average rows', () => {
    expect(curveRows(cells, average).map((r) => [(r as { kind: string }).kind, (r as { cohort: string | null }).cohort])).toEqual([
      ['cohort', '2024-01'], ['cohort', '2024-01'], ['cohort', '2024-02'], ['average', null], ['average', null],
    ]);
  });

  it('draws a line per cohort and the weighted average on a linear period axis', async () => {
    const spec = cohortCurvesSpec({ field: 'retention', title: 'Retention', format: '.0%', points: true, labels });
    const vg = compile(spec).spec;
    expect((vg.scales ?? []).find((s) => s.name === 'x')?.type).toBe('linear');
    const { items, svg } = await renderMarks(spec, curveRows(cells, average));
    expect(items('layer_0_layer_1_marks').map((d) => [d.cohort, d.period])).toEqual([['2024-01', 0], ['2024-01', 1], ['2024-02', 0]]);
    expect(items('layer_1_layer_1_marks').map((d) => [d.series, d.period, d.cohorts])).toEqual([['Weighted average', 0, 2], ['Weighted average', 1, 1]]);
    expect(svg).toContain('Retention');
  });
});

describe('cohortTrendSpec', () => {
  it('plots period-N retention by cohort with the cohort sizes behind', async () => {
    const rows = [
      { cohort: '2024-01', cohort_size: 3, customers: 1, retention: 1 / 3, partial: false },
      { cohort: '2024-02', cohort_size: 1, customers: 0, retention: 0, partial: false },
      { cohort: '2024-03', cohort_size: 2, customers: 1, retention: 0.5, partial: true },
    ];
    const spec = cohortTrendSpec('retention', 'customers', { cohort: 'Cohort', cohortSize: 'Size', customers: 'Customers', retention: 'Month-1 retention', status: 'Status', partial: 'running', complete: 'complete' });
    const vg = compile(spec).spec;
    expect((vg.scales ?? []).filter((s) => s.name.endsWith('_y')).length).toBe(2);
    const { items } = await renderMarks(spec, rows);
    expect(items('layer_0_marks')).toHaveLength(3);
    expect(items('layer_1_layer_1_marks').map((d) => d.status)).toEqual(['complete', 'complete', 'running']);
  });
});
