import { valueJoin } from '../analyses/lifecycle/requests';
import type { GroupValues } from '../analyses/segments/value-means';
import type { QueryLayer, TableSpec } from '../query/query-layer';
import { valueSources } from './lifecycle.svelte';

/**
 * The CLV and churn scores computed for this as-of date (by the CLV and Churn views), to average over groups of
 * customers: `key` changes when either does (for a Loader's deps), `join` and `tables` go into the query.
 */
export function groupValueSources(layer: QueryLayer, asOf: string): { key: unknown; join: GroupValues; tables: TableSpec[] } {
  const { clv, churn = null } = valueSources(layer, asOf);
  const { join, tables } = valueJoin({ rfm: null, clv, churn });
  return { key: [clv?.table.key ?? null, clv?.clv ?? null, churn?.table.key ?? null, churn?.column ?? null], join, tables };
}
