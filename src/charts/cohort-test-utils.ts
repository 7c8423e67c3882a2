import { parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { toVega } from './to-vega';
import { ROWS, type ChartSpec } from './vega-types';

/**
 * Tests only: compiles a spec, runs it in Vega with `rows` as the app does (AST + interpreter, no `new Function`)
 * and returns the scene's marks by name and the scales' domains, so a test can check what is drawn.
 */
export async function renderMarks(spec: ChartSpec, rows: readonly object[]): Promise<{ svg: string; items: (name: string) => Record<string, unknown>[]; domains: Record<string, unknown[]> }> {
  const vg = toVega({ ...spec, datasets: { [ROWS]: rows as object[] } } as ChartSpec);
  const view = new View(parse(vg, undefined, { ast: true }), { expr: expressionInterpreter, renderer: 'none' });
  await view.runAsync();
  const svg = await view.toSVG();
  const scene = (view.scenegraph() as unknown as { root: SceneNode }).root;
  const items = (name: string) => {
    const found: Record<string, unknown>[] = [];
    const walk = (node: SceneNode) => {
      if (node.marktype && node.name === name) found.push(...(node.items ?? []).map((i) => (i as { datum: Record<string, unknown> }).datum));
      for (const child of node.items ?? []) walk(child as SceneNode);
    };
    walk(scene);
    return found;
  };
  const domains: Record<string, unknown[]> = {};
  for (const s of vg.scales ?? []) domains[s.name] = view.scale(s.name).domain();
  view.finalize();
  return { svg, items, domains };
}

interface SceneNode {
  marktype?: string;
  name?: string;
  items?: unknown[];
}
