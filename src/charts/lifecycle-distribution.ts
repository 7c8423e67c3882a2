import { ROWS, type ChartSpec } from './vega-types';

export interface DistributionOptions {
  /** Field with the value (days, orders). */
  x: string;
  /** Field with how many have that value. */
  count: string;
  xTitle: string;
  countTitle: string;
  /** Bin the values (days) instead of one bar per value (orders). */
  bin: boolean;
  /** A vertical marker, e.g. the churn window on the gap distribution. */
  marker?: { value: number; label: string };
}

/** A distribution drawn from rows already counted in SQL (value, count), binned by Vega when asked. */
export function distributionSpec(o: DistributionOptions): ChartSpec {
  const bars = {
    mark: { type: 'bar' as const, color: '#4c78a8' },
    encoding: o.bin
      ? {
          x: { field: o.x, type: 'quantitative' as const, bin: { maxbins: 40 }, title: o.xTitle },
          y: { aggregate: 'sum' as const, field: o.count, type: 'quantitative' as const, title: o.countTitle },
          tooltip: [
            { field: o.x, type: 'quantitative' as const, bin: { maxbins: 40 }, title: o.xTitle },
            { aggregate: 'sum' as const, field: o.count, type: 'quantitative' as const, title: o.countTitle, format: ',' },
          ],
        }
      : {
          x: { field: o.x, type: 'ordinal' as const, title: o.xTitle, sort: null },
          y: { field: o.count, type: 'quantitative' as const, title: o.countTitle },
          tooltip: [
            { field: o.x, type: 'ordinal' as const, title: o.xTitle },
            { field: o.count, type: 'quantitative' as const, title: o.countTitle, format: ',' },
          ],
        },
  };
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { name: ROWS },
    width: 'container' as const,
    height: 220,
  };
  if (!o.marker) return { ...spec, ...bars };
  return {
    ...spec,
    layer: [
      bars,
      {
        data: { values: [{ v: o.marker.value, label: o.marker.label }] },
        mark: { type: 'rule', color: '#e45756', strokeWidth: 2 },
        encoding: { x: { field: 'v', type: 'quantitative' }, tooltip: [{ field: 'label', type: 'nominal' }] },
      },
    ],
  };
}
