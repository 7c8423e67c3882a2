import { ROWS, type ChartSpec } from './vega-types';

export interface MapLabels {
  place: string;
  customers: string;
  share: string;
}

/** The shipped maps, as Vega-Lite reads them: world-atlas's TopoJSON countries, or China's provinces as GeoJSON. */
export type MapData = { kind: 'world'; topology: object } | { kind: 'china'; geojson: object };

/**
 * A choropleth of customers per place: every shape drawn in grey, those with customers coloured by their count.
 * Rows: `geo` (the map's name of the place), `place` (as written), customers, customer_share.
 */
export function choroplethSpec(l: MapLabels, map: MapData): ChartSpec {
  const data = map.kind === 'world'
    ? { values: map.topology, format: { type: 'topojson' as const, feature: 'countries' } }
    : { values: map.geojson, format: { type: 'json' as const, property: 'features' } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 'container',
    height: map.kind === 'world' ? 340 : 420,
    projection: { type: map.kind === 'world' ? 'equalEarth' : 'mercator' },
    layer: [
      { data, mark: { type: 'geoshape', fill: '#e4e7eb', stroke: '#ffffff', strokeWidth: 0.5 } },
      {
        data,
        transform: [
          { lookup: 'properties.name', from: { data: { name: ROWS }, key: 'geo', fields: ['place', 'customers', 'customer_share'] } },
          { filter: 'isValid(datum.customers)' },
        ],
        mark: { type: 'geoshape', stroke: '#ffffff', strokeWidth: 0.5 },
        encoding: {
          color: { field: 'customers', type: 'quantitative', title: l.customers, scale: { scheme: 'blues' } },
          tooltip: [
            { field: 'place', type: 'nominal', title: l.place },
            { field: 'customers', type: 'quantitative', title: l.customers, format: ',' },
            { field: 'customer_share', type: 'quantitative', title: l.share, format: '.1%' },
          ],
        },
      },
    ],
  } as ChartSpec;
}

/** The rows of a map from an attribute's values: each value matched to a place of the map (several may share one). */
export function mapRows(
  values: readonly { value: string; customers: number; customer_share: number }[],
  match: (value: string) => string | null,
): { rows: { geo: string; place: string; customers: number; customer_share: number }[]; unmatched: string[] } {
  const byGeo = new Map<string, { geo: string; place: string; customers: number; customer_share: number }>();
  const unmatched: string[] = [];
  for (const v of values) {
    const geo = match(v.value);
    if (!geo) {
      unmatched.push(v.value);
      continue;
    }
    const row = byGeo.get(geo);
    if (row) {
      row.customers += v.customers;
      row.customer_share += v.customer_share;
      row.place = `${row.place}, ${v.value}`;
    } else byGeo.set(geo, { geo, place: v.value, customers: v.customers, customer_share: v.customer_share });
  }
  return { rows: [...byGeo.values()], unmatched };
}
