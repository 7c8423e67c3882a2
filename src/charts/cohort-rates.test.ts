import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { cohortRatesSpec } from './cohort-rates';
import { cohortStatesSpec } from './cohort-states';
import { renderMarks } from './cohort-test-utils';

const rows = [
  { month: '2024-01-01', buyers: 3, repeat_rate: 2 / 3, return_rate: 1 / 3, new: 3, active: 0, reactivated: 0, inactive: 0 },
  { month: '2024-02-01', buyers: 1, repeat_rate: 0, return_rate: null, new: 1, active: 1, reactivated: 0, inactive: 2 },
];

describe('cohortRatesSpec', () => {
  it('draws 复购率 and 回购率 on a UTC month axis, leaving out a missing return rate', async () => {
    const spec = cohortRatesSpec({ month: 'Month', rate: 'Rate', repeatRate: '复购率', returnRate: '回购率', buyers: 'Buyers' });
    expect((compile(spec).spec.scales ?? []).find((s) => s.name === 'x')?.type).toBe('utc');
    const { items } = await renderMarks(spec, rows);
    const points = items('layer_0_marks').length ? items('layer_0_marks') : items('marks');
    expect(points.map((d) => [d.key, d.label, d.value])).toEqual([
      ['repeat_rate', '复购率', 2 / 3], ['repeat_rate', '复购率', 0], ['return_rate', '回购率', 1 / 3],
    ]);
  });
});

describe('cohortStatesSpec', () => {
  const labels = { month: 'Month', customers: 'Customers', state: 'State', states: { new: 'New', active: 'Active', reactivated: 'Reactivated', inactive: 'Inactive' } };

  it('stacks the four states in order with fixed colours', async () => {
    const spec = cohortStatesSpec(labels);
    const color = (compile(spec).spec.scales ?? []).find((s) => s.name === 'color');
    expect(color?.domain).toEqual(['New', 'Active', 'Reactivated', 'Inactive']);
    const { items } = await renderMarks(spec, rows);
    const feb = items('marks').filter((d) => d.month === Date.UTC(2024, 1, 1)).map((d) => [d.label, d.value_start, d.value_end]);
    expect(feb).toEqual([['New', 0, 1], ['Active', 1, 2], ['Reactivated', 2, 2], ['Inactive', 2, 4]]);
  });

  it('can leave inactive customers out', async () => {
    const { items } = await renderMarks(cohortStatesSpec(labels, ['new', 'active', 'reactivated']), rows);
    expect(items('marks').map((d) => d.key)).not.toContain('inactive');
    expect(items('marks')).toHaveLength(6);
  });
});
