import { compile, type TopLevelSpec } from 'vega-lite';
import type { Spec as VegaSpec } from 'vega';
import type { ChartSpec } from './vega-types';

interface MarkNode {
  aria?: boolean;
  interactive?: unknown;
  encode?: Record<string, Record<string, unknown> | undefined>;
  marks?: MarkNode[];
}

/**
 * Compiles a chart to Vega. Marks that are decoration (`aria: false`) and carry no tooltip of their own take no
 * pointer events, so the marks beneath them answer: hovering a cell's label shows the cell's tooltip. Vega-Lite
 * only does this in charts with selections.
 */
export function toVega(spec: ChartSpec): VegaSpec {
  const vega = compile(spec as TopLevelSpec).spec;
  const walk = (marks: MarkNode[] | undefined) => {
    for (const m of marks ?? []) {
      const tooltip = Object.values(m.encode ?? {}).some((set) => set && 'tooltip' in set);
      if (m.aria === false && !tooltip && m.interactive === undefined) m.interactive = false;
      walk(m.marks);
    }
  };
  walk(vega.marks as MarkNode[] | undefined);
  return vega;
}
