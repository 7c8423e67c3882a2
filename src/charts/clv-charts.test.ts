import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { parse, View } from 'vega';
import { clvDistributionSpec } from './clv-distribution';
import { segmentBarSpec } from './clv-segments';
import { historicalSpec } from './clv-historical';
import { clvHeatmapSpec, heatmapRows } from './clv-heatmap';
import { trackingRows, trackingSpec } from './clv-tracking';
import { FREQUENCY_ORDER, frequencyBarsSpec, frequencyLabel, frequencyRows } from './clv-frequency';
import { ROWS, type ChartSpec } from './vega-types';

/** Compiles and runs a spec headless with the rows injected as the chart component does. */
async function render(spec: ChartSpec, rows: object[]): Promise<View> {
  const vg = compile({ ...spec, datasets: { [ROWS]: rows } } as ChartSpec).spec;
  const view = new View(parse(vg), { renderer: 'none' });
  await view.runAsync();
  return view;
}

describe('CLV chart specs', () => {
  it('draws the CLV histogram from binned rows', async () => {
    const view = await render(clvDistributionSpec({ clv: 'CLV', customers: 'Customers', from: 'From', to: 'To' }), [
      { bin_start: 0, bin_end: 10, customers: 40 },
      { bin_start: 10, bin_end: 20, customers: 7 },
    ]);
    expect(view.scale('x').domain()).toEqual([0, 20]);
    expect(view.scale('y').domain()[1]).toBeGreaterThanOrEqual(40);
    view.finalize();
  });

  it('draws one bar per segment in segment order, P(alive) on a 0–100 % axis', async () => {
    const rows = [
      { segment: 'Lost', value: 0.2, customers: 10 },
      { segment: 'Champions', value: 0.9, customers: 3 },
    ];
    const view = await render(segmentBarSpec({ segment: 'Segment', value: 'P(alive)', customers: 'Customers' }, ['Champions', 'Lost'], true), rows);
    expect(view.scale('y').domain()).toEqual(['Champions', 'Lost']);
    expect(view.scale('x').domain()).toEqual([0, 1]);
    view.finalize();
  });

  it('groups the historical measures per segment in the given order', async () => {
    const rows = [
      { segment: 'All', measure: 'Revenue', value: 100 },
      { segment: 'All', measure: 'Simple', value: 40 },
      { segment: 'All', measure: 'Discounted', value: 35 },
    ];
    const view = await render(historicalSpec({ segment: 'S', value: 'V', measure: 'M' }, ['All'], ['Revenue', 'Simple', 'Discounted']), rows);
    expect(view.scale('yOffset').domain()).toEqual(['Revenue', 'Simple', 'Discounted']);
    view.finalize();
  });

  it('draws the frequency × recency heatmap with frequency high on top and P(alive) on a fixed 0–1 scale', async () => {
    const cells = [
      { frequency: 0, recency: 5, recency_from: 0, recency_to: 10, p_alive: 1, expected_purchases: 0.3 },
      { frequency: 2, recency: 15, recency_from: 10, recency_to: 20, p_alive: 0.4, expected_purchases: 1.1 },
      { frequency: 2, recency: 25, recency_from: 20, recency_to: 30, p_alive: NaN, expected_purchases: NaN },
    ];
    const rows = heatmapRows(cells, 'p_alive');
    expect(rows).toEqual([
      { frequency: 0, recency: 5, recency_from: 0, recency_to: 10, value: 1 },
      { frequency: 2, recency: 15, recency_from: 10, recency_to: 20, value: 0.4 },
    ]);
    expect(heatmapRows(cells, 'expected_purchases')).toHaveLength(2);
    const view = await render(clvHeatmapSpec({ frequency: 'x', recency: 't_x', value: 'P' }, true), rows);
    expect(view.scale('y').domain()).toEqual([2, 0]);
    expect(view.scale('x').domain()).toEqual([0, 20]);
    expect(view.scale('color').domain()).toEqual([0, 1]);
    view.finalize();
  });

  it('tracks actual and expected purchases per week, with a rule at the start of the holdout', async () => {
    const labels = { week: 'Week', purchases: 'Purchases', series: 'Series', actual: 'Actual', expected: 'Expected', holdoutStart: 'Holdout' };
    const weeks = [
      { week: 1, actual: 0, expected: 4.4, actual_cum: 0, expected_cum: 4.4 },
      { week: 2, actual: 19, expected: 12.8, actual_cum: 19, expected_cum: 17.2 },
    ];
    const rows = trackingRows(weeks, true, labels);
    expect(rows).toEqual([
      { week: 1, series: 'Actual', value: 0 },
      { week: 1, series: 'Expected', value: 4.4 },
      { week: 2, series: 'Actual', value: 19 },
      { week: 2, series: 'Expected', value: 17.2 },
    ]);
    const spec = trackingSpec(labels, 1.5);
    const view = await render(spec, rows);
    expect(view.scale('color').domain()).toEqual(['Actual', 'Expected']);
    expect(view.scale('x').domain()).toEqual([1, 2]);
    view.finalize();
    expect(JSON.stringify(trackingSpec(labels, null))).not.toContain('Holdout');
  });

  it('sets actual beside expected per calibration frequency 0 … 6, 7+', async () => {
    expect(FREQUENCY_ORDER).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
    expect(frequencyLabel(12)).toBe('7+');
    const labels = { frequency: 'x', value: 'Customers', series: 'S', actual: 'Actual', expected: 'Expected' };
    const rows = frequencyRows([{ frequency: 7, actual: 50, expected: 48.5 }, { frequency: 0, actual: 1411, expected: 1400.2 }], labels);
    const view = await render(frequencyBarsSpec(labels, FREQUENCY_ORDER, ','), rows);
    expect(view.scale('x').domain()).toEqual(['0', '7+']);
    expect(view.scale('xOffset').domain()).toEqual(['Actual', 'Expected']);
    view.finalize();
  });
});
