import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { cohortHeatmapSpec, heatmapField, showsCellText, triangleShape, type CohortHeatmapLabels } from './cohort-heatmap';
import { renderMarks } from './cohort-test-utils';

const labels = Object.fromEntries(
  ['cohort', 'period', 'calendarPeriod', 'cohortSize', 'customers', 'customersOrLater', 'retention', 'retentionOrLater', 'revenue', 'revenuePerCustomer', 'cumulativePerCustomer', 'partial', 'complete', 'status'].map((k) => [k, `L:${k}`]),
) as unknown as CohortHeatmapLabels;

const cell = (cohort: string, period: number, retention: number, partial = false) => ({
  cohort, period, period_label: cohort, partial, cohort_size: 4, customers: retention * 4, customers_or_later: 4, retention,
  retention_or_later: 1, revenue: 10, revenue_per_customer: 2.5, cumulative_revenue_per_customer: 2.5,
});
const CELLS = [cell('2024-01', 0, 1), cell('2024-01', 1, 0.5), cell('2024-01', 2, 0, true), cell('2024-02', 0, 1), cell('2024-02', 1, 0.25, true)];

describe('cohortHeatmapSpec', () => {
  it('picks the field of each measure and mode', () => {
    expect(heatmapField('percent', false).field).toBe('retention');
    expect(heatmapField('percent', true).field).toBe('retention_or_later');
    expect(heatmapField('count', true).field).toBe('customers_or_later');
    expect(heatmapField('revenue', true).field).toBe('revenue_per_customer');
    expect(showsCellText(40, 24)).toBe(true);
    expect(showsCellText(41, 24)).toBe(false);
    expect(triangleShape(CELLS)).toEqual({ cohorts: 2, periods: 3, cells: 5 });
  });

  it('compiles to band scales for cohorts and periods and a colour scale over the measure', () => {
    const vg = compile(cohortHeatmapSpec({ measure: 'count', orLater: true, cohorts: 2, periods: 3, cells: 5, labels })).spec;
    const scales = Object.fromEntries((vg.scales ?? []).map((s) => [s.name, s]));
    expect(scales.x.type).toBe('band');
    expect(scales.y.type).toBe('band');
    expect(scales.color.type).toBe('linear');
    expect(JSON.stringify(scales.color.domain)).toContain('customers_or_later');
  });

  it('draws one rect per cell, period 0 apart from the coloured ones, and labels small triangles', async () => {
    const { items, svg } = await renderMarks(cohortHeatmapSpec({ measure: 'percent', orLater: false, cohorts: 2, periods: 3, cells: 5, labels }), CELLS);
    expect(items('layer_0_marks').map((d) => [d.cohort, d.period])).toEqual([['2024-01', 1], ['2024-01', 2], ['2024-02', 1]]);
    expect(items('layer_1_marks')).toHaveLength(2);
    expect(items('layer_2_marks')).toHaveLength(5);
    expect(svg).toContain('50.0%');
    expect(svg).toContain('aria-label="L:period: 1; L:cohort: 2024-01');
    expect(svg).toContain('L:retention');
  });

  it('leaves cell labels and per-cell ARIA descriptions out of big triangles', async () => {
    const { items, svg } = await renderMarks(cohortHeatmapSpec({ measure: 'percent', orLater: false, cohorts: 60, periods: 60, cells: 1830, labels }), CELLS);
    expect(items('layer_2_marks')).toHaveLength(0);
    expect(svg).not.toContain('aria-label="L:period');
    expect(items('layer_0_marks')).toHaveLength(3);
  });
});
