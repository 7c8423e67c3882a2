import { untrack } from 'svelte';
import { customerFacts } from '../model/customer-facts';
import { cohortTriangle } from '../analyses/cohorts/cohort-sql';
import type { QueryLayer } from '../query/query-layer';
import { cohortSettings } from './cohorts.svelte';
import { rfm } from './rfm.svelte';

/**
 * Builds, at low priority, the shared tables the views next to the Overview ask for first (RFM scores, the cohort
 * triangle) for the current settings: DuckDB works in its worker while the page draws the view on screen. Anything
 * a view asks for meanwhile goes first. Returns what cancels it (when the data or the date changes again).
 */
export function prefetchViews(layer: QueryLayer, asOf: string): () => void {
  const abort = new AbortController();
  const tables = untrack(() => [customerFacts(asOf), rfm.table(asOf), cohortTriangle(asOf, cohortSettings.options)]);
  for (const t of tables) void layer.ensure([t], { priority: 'low', signal: abort.signal }).catch(() => undefined);
  return () => abort.abort();
}
