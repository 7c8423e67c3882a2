import { describe, expect, it } from 'vitest';
import { cohortBuyersSpec } from './cohort-buyers';
import { secondPurchaseSpec } from './cohort-second-purchase';
import { renderMarks } from './cohort-test-utils';

describe('cohortBuyersSpec', () => {
  it('stacks one-time under repeat buyers per cohort', async () => {
    const spec = cohortBuyersSpec({ cohort: 'Cohort', customers: 'Customers', kind: 'Buyers', oneTime: 'One-time', repeat: 'Repeat', repeatShare: 'Repeat share' });
    const { items } = await renderMarks(spec, [
      { cohort: '2024-01', one_time: 0, repeat: 3, repeat_share: 1 },
      { cohort: '2024-03', one_time: 1, repeat: 1, repeat_share: 0.5 },
    ]);
    expect(items('marks').map((d) => [d.cohort, d.label, d.value_start, d.value_end])).toEqual([
      ['2024-01', 'One-time', 0, 0], ['2024-01', 'Repeat', 0, 3], ['2024-03', 'One-time', 0, 1], ['2024-03', 'Repeat', 1, 2],
    ]);
  });
});

describe('secondPurchaseSpec', () => {
  it('orders the day buckets by index and draws the cumulative share on its own axis', async () => {
    const spec = secondPurchaseSpec({ days: 'Days', customers: 'Customers', share: 'Share', cumulativeShare: 'Cumulative' });
    const { items, domains } = await renderMarks(spec, [
      { bucket: 1, label: '1–7', customers: 1, share: 0.5, cumulative_share: 1 },
      { bucket: 0, label: '0', customers: 1, share: 0.5, cumulative_share: 0.5 },
    ]);
    expect(items('layer_0_marks')).toHaveLength(2);
    expect(items('layer_1_layer_1_marks')).toHaveLength(2);
    expect(domains.x).toEqual(['0', '1–7']);
    expect(domains.layer_1_y).toEqual([0, 1]);
  });
});
