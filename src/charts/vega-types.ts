import type { TopLevelSpec } from 'vega-lite';

/** A Vega-Lite spec whose rows come at render time as the named dataset `rows`. */
export type ChartSpec = TopLevelSpec;

/** The name of the dataset every spec reads; `VegaChart` supplies its rows. */
export const ROWS = 'rows';
