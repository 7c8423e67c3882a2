import { describe, expect, it } from 'vitest';
import { parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { toVega } from './to-vega';
import { cohortHeatmapSpec, type CohortHeatmapLabels } from './cohort-heatmap';
import { ROWS, type ChartSpec } from './vega-types';

const labels = new Proxy({}, { get: (_t, k) => `L:${String(k)}` }) as unknown as CohortHeatmapLabels;
const cells = [
  { cohort: '2024-01', period: 0, period_label: '2024-01', partial: false, cohort_size: 4, customers: 4, customers_or_later: 4, retention: 1, retention_or_later: 1, revenue: 10, revenue_per_customer: 2.5, cumulative_revenue_per_customer: 2.5 },
  { cohort: '2024-01', period: 1, period_label: '2024-02', partial: true, cohort_size: 4, customers: 2, customers_or_later: 2, retention: 0.5, retention_or_later: 0.5, revenue: 5, revenue_per_customer: 1.25, cumulative_revenue_per_customer: 3.75 },
];

interface Mark { name?: string; type: string; aria?: boolean; interactive?: boolean; encode?: { update?: Record<string, unknown> }; marks?: Mark[] }

describe('toVega', () => {
  const spec = cohortHeatmapSpec({ measure: 'percent', orLater: false, cohorts: 1, periods: 2, cells: 2, labels });
  const marks = toVega(spec).marks as Mark[];

  it('lets the pointer pass through decoration (no ARIA label, no tooltip) to the marks beneath', () => {
    const text = marks.find((m) => m.type === 'text')!;
    expect(text.aria).toBe(false);
    expect(text.interactive).toBe(false);
    expect(text.encode?.update).not.toHaveProperty('tooltip');
    for (const rect of marks.filter((m) => m.type === 'rect')) {
      expect(rect.interactive).toBeUndefined();
      expect(rect.encode?.update).toHaveProperty('tooltip');
    }
  });

  it('draws the labels as marks Vega does not pick, the cells as marks it does', async () => {
    const vg = toVega({ ...spec, width: 200, datasets: { [ROWS]: cells } } as ChartSpec);
    const view = new View(parse(vg, undefined, { ast: true }), { expr: expressionInterpreter, renderer: 'none' });
    await view.runAsync();
    const scene = view.scenegraph() as unknown as { root: { items: { items: { marktype: string; interactive: boolean; items: { x: number; y: number; width: number; height: number; datum: { period: number } }[] }[] }[] } };
    const groups = scene.root.items[0]!.items;
    const text = groups.find((g) => g.marktype === 'text')!;
    expect(text.interactive).toBe(false);
    const rect = groups.find((g) => g.marktype === 'rect' && g.items.length > 0)!;
    expect(rect.interactive).not.toBe(false);
    view.finalize();
  });

  it('leaves charts without decoration as Vega-Lite compiles them', () => {
    const bar: ChartSpec = { data: { name: ROWS }, mark: 'bar', encoding: { x: { field: 'a', type: 'nominal' }, y: { field: 'b', type: 'quantitative' } } };
    expect(JSON.stringify(toVega(bar))).not.toContain('"interactive"');
  });
});
