import { describe, expect, it } from 'vitest';
import { parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { toVega } from './to-vega';
import { lazyTooltips, LazyTooltip } from './lazy-tooltip';
import { ROWS, type ChartSpec } from './vega-types';

type SceneItem = Record<string, unknown> & { items?: SceneItem[]; marktype?: string; name?: string };

/** Every drawn item of the marks named `name`, with its encoded channels. */
async function drawn(spec: ChartSpec, rows: object[], expr: unknown, name: string): Promise<SceneItem[]> {
  const vg = toVega({ ...spec, datasets: { [ROWS]: rows } } as ChartSpec);
  const view = new View(parse(vg, undefined, { ast: true }), { expr: expr as typeof expressionInterpreter, renderer: 'none' });
  await view.runAsync();
  const found: SceneItem[] = [];
  const walk = (node: SceneItem) => {
    if (node.marktype && node.name === name) found.push(...(node.items ?? []));
    for (const child of node.items ?? []) walk(child);
  };
  walk((view.scenegraph() as unknown as { root: SceneItem }).root);
  view.finalize();
  return found;
}

const spec: ChartSpec = {
  data: { name: ROWS },
  mark: 'bar',
  encoding: {
    x: { field: 'month', type: 'ordinal' },
    y: { field: 'revenue', type: 'quantitative' },
    tooltip: [
      { field: 'month', title: 'Month' },
      { field: 'revenue', title: 'Revenue', format: ',.2f' },
      { field: 'share', title: 'Share', format: '.1%' },
    ],
  },
};
const rows = [
  { month: '2024-01', revenue: 1234.5, share: 0.25 },
  { month: '2024-02', revenue: 99, share: 0.125 },
  { month: '2024-03', revenue: 0, share: 0 },
];

describe('lazyTooltips', () => {
  it('draws the same items and gives each hovered item the tooltip the plain interpreter computes for it', async () => {
    const plain = await drawn(spec, rows, expressionInterpreter, 'marks');
    const lazy = await drawn(spec, rows, lazyTooltips, 'marks');
    expect(lazy).toHaveLength(3);
    const channels = (i: SceneItem) => ({ x: i.x, y: i.y, width: i.width, height: i.height, fill: i.fill });
    expect(lazy.map(channels)).toEqual(plain.map(channels));
    expect(plain[0]!.tooltip).toEqual({ Month: '2024-01', Revenue: '1,234.50', Share: '25.0%' });
    for (const [k, item] of lazy.entries()) {
      expect(item.tooltip).toBeInstanceOf(LazyTooltip);
      expect((item.tooltip as LazyTooltip).valueFor(item as { datum?: unknown })).toEqual(plain[k]!.tooltip);
    }
  });

  it('leaves marks without a tooltip as they are', async () => {
    const { tooltip: _, ...encoding } = spec.encoding as Record<string, unknown>;
    const lazy = await drawn({ ...spec, encoding } as ChartSpec, rows, lazyTooltips, 'marks');
    expect(lazy.map((i) => i.tooltip)).toEqual([undefined, undefined, undefined]);
  });
});
