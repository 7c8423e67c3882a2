import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { parse, View } from 'vega';
import { clvDistributionSpec } from './clv-distribution';
import { segmentBarSpec } from './clv-segments';
import { historicalSpec } from './clv-historical';
import { clvHeatmapSpec, heatmapRows } from './clv-heatmap';
import { trackingRows, trackingSpec } from './clv-tracking';
import { FREQUENCY_ORDER, frequencyBarsSpec, frequencyLabel, frequencyOrder, frequencyRows } from './clv-frequency';
import { cacRatioSpec } from './clv-cac';
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

  it('tracks actual and both models per week, overlaid, with a rule at the start of the holdout', async () => {
    const labels = { week: 'Week', purchases: 'Purchases', series: 'Series', holdoutStart: 'Holdout' };
    const models = [
      { key: 'bgnbd', label: 'BG/NBD' },
      { key: 'pnbd', label: 'Pareto/NBD' },
    ];
    const weeks = [
      { week: 1, actual: 0, actual_cum: 0, expected_bgnbd: 4.4, expected_cum_bgnbd: 4.4, expected_pnbd: 4.2, expected_cum_pnbd: 4.2 },
      { week: 2, actual: 19, actual_cum: 19, expected_bgnbd: 12.8, expected_cum_bgnbd: 17.2, expected_pnbd: null, expected_cum_pnbd: null },
    ];
    const rows = trackingRows(weeks, true, 'Actual', models);
    expect(rows).toEqual([
      { week: 1, series: 'Actual', value: 0 },
      { week: 1, series: 'BG/NBD', value: 4.4 },
      { week: 1, series: 'Pareto/NBD', value: 4.2 },
      { week: 2, series: 'Actual', value: 19 },
      { week: 2, series: 'BG/NBD', value: 17.2 },
    ]);
    expect(trackingRows(weeks, false, 'Actual', models).filter((r) => r.week === 2).map((r) => r.value)).toEqual([19, 12.8]);
    const spec = trackingSpec(labels, ['Actual', 'BG/NBD', 'Pareto/NBD'], 1.5);
    const view = await render(spec, rows);
    expect(view.scale('color').domain()).toEqual(['Actual', 'BG/NBD', 'Pareto/NBD']);
    expect(view.scale('x').domain()).toEqual([1, 2]);
    view.finalize();
    expect(JSON.stringify(trackingSpec(labels, ['Actual'], null))).not.toContain('Holdout');
  });

  it('sets actual beside each model per class of repeat purchases: 0 … 6, 7+ or 0 … 5, 6+', async () => {
    expect(FREQUENCY_ORDER).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
    expect(frequencyOrder(6)).toEqual(['0', '1', '2', '3', '4', '5', '6+']);
    expect(frequencyLabel(12)).toBe('7+');
    expect(frequencyLabel(6, 6)).toBe('6+');
    const labels = { frequency: 'x', value: 'Customers', series: 'S' };
    const models = [
      { key: 'bgnbd', label: 'BG/NBD' },
      { key: 'pnbd', label: 'Pareto/NBD' },
    ];
    const rows = frequencyRows(
      [
        { frequency: 7, actual: 50, expected_bgnbd: 48.5, expected_pnbd: 47 },
        { frequency: 0, actual: 1411, expected_bgnbd: 1400.2, expected_pnbd: null },
      ],
      'Actual',
      models,
    );
    expect(rows).toEqual([
      { frequency: '7+', series: 'Actual', value: 50 },
      { frequency: '7+', series: 'BG/NBD', value: 48.5 },
      { frequency: '7+', series: 'Pareto/NBD', value: 47 },
      { frequency: '0', series: 'Actual', value: 1411 },
      { frequency: '0', series: 'BG/NBD', value: 1400.2 },
    ]);
    const view = await render(frequencyBarsSpec(labels, FREQUENCY_ORDER, ['Actual', 'BG/NBD', 'Pareto/NBD'], ','), rows);
    expect(view.scale('x').domain()).toEqual(['0', '7+']);
    expect(view.scale('xOffset').domain()).toEqual(['Actual', 'BG/NBD', 'Pareto/NBD']);
    view.finalize();
  });

  it('draws CLV : CAC per group in the given order with a rule at 1', async () => {
    const labels = { group: 'Channel', ratio: 'CLV ÷ CAC', clv: 'CLV', cac: 'CAC', customers: 'Customers' };
    const rows = [
      { group: 'Web', clv_cac_ratio: 2.5, clv: 50, cac: 20, customers: 10 },
      { group: 'Store', clv_cac_ratio: 0.8, clv: 40, cac: 50, customers: 5 },
    ];
    const view = await render(cacRatioSpec(labels, ['Web', 'Store'], true), rows);
    expect(view.scale('y').domain()).toEqual(['Web', 'Store']);
    expect(view.scale('x').domain()[0]).toBe(0);
    expect(view.scale('x').domain()[1]).toBeGreaterThanOrEqual(2.5);
    view.finalize();
    const vertical = await render(cacRatioSpec(labels, ['2024-01', '2024-02'], false), rows.map((r, i) => ({ ...r, group: ['2024-01', '2024-02'][i] })));
    expect(vertical.scale('x').domain()).toEqual(['2024-01', '2024-02']);
    vertical.finalize();
  });
});
