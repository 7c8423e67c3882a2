import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { parse, View } from 'vega';
import { segmentShareSpec } from './rfm-segments';
import { heatmapSpec } from './rfm-heatmap';
import { distributionSpec } from './rfm-distribution';
import { paretoSpec } from './rfm-pareto';
import { ROWS, type ChartSpec } from './vega-types';

/** Compiles and runs a spec headless with the rows injected as the chart component does. */
async function render(spec: ChartSpec, rows: object[]): Promise<View> {
  const vg = compile({ ...spec, datasets: { [ROWS]: rows } } as ChartSpec).spec;
  const view = new View(parse(vg), { renderer: 'none' });
  await view.runAsync();
  return view;
}

describe('RFM chart specs', () => {
  it('draws segment shares as grouped bars in segment order with a percent axis', async () => {
    const labels = { segment: 'Segment', share: 'Share', measure: 'Measure', customers: 'Customers', revenue: 'Revenue' };
    const rows = [
      { segment: 'Loyal', measure: 'Customers', share: 0.3 }, { segment: 'Loyal', measure: 'Revenue', share: 0.6 },
      { segment: 'Champions', measure: 'Customers', share: 0.1 }, { segment: 'Champions', measure: 'Revenue', share: 0.2 },
    ];
    const view = await render(segmentShareSpec(labels, ['Champions', 'Loyal']), rows);
    expect(view.scale('y').domain()).toEqual(['Champions', 'Loyal']);
    expect(view.scale('yOffset').domain()).toEqual(['Customers', 'Revenue']);
    expect(view.scale('x').domain()[1]).toBeGreaterThanOrEqual(0.6);
    view.finalize();
  });

  it('draws the R × F grid with R high on top, every score present, coloured by the chosen metric', async () => {
    const rows = [
      { r_score: 1, f_score: 1, customers: 5, mean_monetary: 10 },
      { r_score: 5, f_score: 4, customers: 2, mean_monetary: 300 },
    ];
    for (const [metric, max] of [['customers', 5], ['mean_monetary', 300]] as const) {
      const view = await render(heatmapSpec({ r: 'R', f: 'F', customers: 'Customers', meanMonetary: 'Mean monetary' }, metric, { r: [1, 5], f: [1, 5] }), rows);
      expect(view.scale('y').domain()).toEqual([5, 4, 3, 2, 1]);
      expect(view.scale('x').domain()).toEqual([1, 2, 3, 4, 5]);
      expect(view.scale('color').domain()).toEqual([expect.any(Number), max]);
      view.finalize();
    }
  });

  it('facets one histogram per measure, in the given order, each with its own x scale', async () => {
    const rows = [
      { label: 'Monetary', bin_start: 0, bin_end: 100, customers: 3 },
      { label: 'Recency', bin_start: 0, bin_end: 16, customers: 5 },
      { label: 'Frequency', bin_start: 1, bin_end: 2, customers: 6 },
    ];
    const vg = compile({ ...distributionSpec({ value: 'V', customers: 'C', from: 'F', to: 'T' }, ['Recency', 'Frequency', 'Monetary']), datasets: { [ROWS]: rows } } as ChartSpec).spec;
    const view = new View(parse(vg), { renderer: 'none' });
    await view.runAsync();
    const svg = await view.toSVG();
    expect(svg.indexOf('Recency')).toBeLessThan(svg.indexOf('Frequency'));
    expect(svg.indexOf('Frequency')).toBeLessThan(svg.indexOf('Monetary'));
    const cell = (vg.marks ?? []).find((m) => m.name === 'cell') as { scales?: { name: string; domain: { data: string } }[] };
    expect(cell.scales?.find((s) => s.name === 'child_x')?.domain.data).toBe('facet');
    view.finalize();
  });

  it('puts the Pareto curve and the tier cuts on one 0–100 % customer axis', async () => {
    const rows = [
      { kind: 'curve', customer_share: 0, revenue_share: 0 }, { kind: 'curve', customer_share: 0.5, revenue_share: 0.9 },
      { kind: 'curve', customer_share: 1, revenue_share: 1 }, { kind: 'cut', customer_share: 0.2, label: 'A' },
    ];
    const view = await render(paretoSpec({ customerShare: 'Customers', revenueShare: 'Revenue' }), rows);
    expect(view.scale('x').domain()).toEqual([0, 1]);
    const svg = await view.toSVG();
    expect(svg).toContain('>A</text>');
    view.finalize();
  });
});
