import { describe, expect, it } from 'vitest';
import { segmentShareSpec } from './rfm-segments';
import { heatmapSpec } from './rfm-heatmap';
import { distributionSpec } from './rfm-distribution';
import { paretoSpec } from './rfm-pareto';
import { renderMarks } from './cohort-test-utils';

describe('RFM chart specs, rendered as the app renders them', () => {
  it('draws segment shares as grouped bars in segment order', async () => {
    const labels = { segment: 'Segment', share: 'Share', measure: 'Measure', customers: 'Customers', revenue: 'Revenue' };
    const rows = [
      { segment: 'Loyal', measure: 'Customers', share: 0.3 }, { segment: 'Loyal', measure: 'Revenue', share: 0.6 },
      { segment: 'Champions', measure: 'Customers', share: 0.1 }, { segment: 'Champions', measure: 'Revenue', share: 0.2 },
    ];
    const { domains } = await renderMarks(segmentShareSpec(labels, ['Champions', 'Loyal']), rows);
    expect(domains.y).toEqual(['Champions', 'Loyal']);
    expect(domains.yOffset).toEqual(['Customers', 'Revenue']);
    expect(domains.x[1]).toBeGreaterThanOrEqual(0.6);
  });

  it('draws the R × F grid with R high on top, every score present, coloured by the chosen metric', async () => {
    const rows = [
      { r_score: 1, f_score: 1, customers: 5, mean_monetary: 10 },
      { r_score: 5, f_score: 4, customers: 2, mean_monetary: 300 },
    ];
    for (const [metric, max] of [['customers', 5], ['mean_monetary', 300]] as const) {
      const labels = { r: 'R', f: 'F', customers: 'Customers', meanMonetary: 'Mean monetary' };
      const { domains, items } = await renderMarks(heatmapSpec(labels, metric, { r: [1, 5], f: [1, 5] }), rows);
      expect(domains.y).toEqual([5, 4, 3, 2, 1]);
      expect(domains.x).toEqual([1, 2, 3, 4, 5]);
      expect(domains.color).toEqual([expect.any(Number), max]);
      expect(items('layer_1_marks').map((d) => d[metric])).toEqual(rows.map((r) => r[metric]));
    }
  });

  it('facets one histogram per measure, in the given order, each with its own x scale', async () => {
    const rows = [
      { label: 'Monetary', bin_start: 0, bin_end: 100, customers: 3 },
      { label: 'Recency', bin_start: 0, bin_end: 16, customers: 5 },
      { label: 'Frequency', bin_start: 1, bin_end: 2, customers: 6 },
    ];
    const { svg, items } = await renderMarks(distributionSpec({ value: 'V', customers: 'C', from: 'F', to: 'T' }, ['Recency', 'Frequency', 'Monetary']), rows);
    expect(svg.indexOf('Recency')).toBeLessThan(svg.indexOf('Frequency'));
    expect(svg.indexOf('Frequency')).toBeLessThan(svg.indexOf('Monetary'));
    expect(items('child_marks').map((d) => d.customers)).toEqual(expect.arrayContaining([3, 5, 6]));
    // Independent x scales: each facet's axis ends at its own maximum (16 for recency, 100 for monetary).
    expect(svg).toContain('>16</text>');
    expect(svg).toContain('>100</text>');
  });

  it('puts the Pareto curve and the tier cuts on one 0–100 % customer axis', async () => {
    const rows = [
      { kind: 'curve', customer_share: 0, revenue_share: 0 }, { kind: 'curve', customer_share: 0.5, revenue_share: 0.9 },
      { kind: 'curve', customer_share: 1, revenue_share: 1 }, { kind: 'cut', customer_share: 0.2, label: 'A | B' },
    ];
    const { domains, svg } = await renderMarks(paretoSpec({ customerShare: 'Customers', revenueShare: 'Revenue' }), rows);
    expect(domains.x).toEqual([0, 1]);
    expect(svg).toContain('>A | B</text>');
  });
});
