import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { cohortRevenueSpec } from './cohort-revenue';
import { renderMarks } from './cohort-test-utils';

describe('cohortRevenueSpec', () => {
  it('stacks each calendar period’s revenue by acquisition cohort', async () => {
    const spec = cohortRevenueSpec({ calendarPeriod: 'Month', cohort: 'Cohort', revenue: 'Revenue', customers: 'Customers' }, 3);
    const vg = compile(spec).spec;
    expect((vg.scales ?? []).find((s) => s.name === 'x')?.type).toBe('band');
    const rows = [
      { cohort: '2024-01', period_label: '2024-01', revenue: 25.5, customers: 3 },
      { cohort: '2024-01', period_label: '2024-02', revenue: 2.5, customers: 1 },
      { cohort: '2024-02', period_label: '2024-02', revenue: 100, customers: 1 },
    ];
    const { items } = await renderMarks(spec, rows);
    const bars = items('marks');
    expect(bars).toHaveLength(3);
    // Stacked: the 2024-02 cohort's bar starts where 2024-01's ends in February.
    const feb = bars.filter((d) => d.period_label === '2024-02').map((d) => [d.cohort, d.revenue_start, d.revenue_end]);
    expect(feb).toEqual([['2024-01', 0, 2.5], ['2024-02', 2.5, 102.5]]);
  });
});
