/** Optional dimensions a cohort can be filtered on; they are NULL when the loaded files had no such column. */
export type Dimension = 'channel' | 'region' | 'category';

export const DIMENSIONS: readonly Dimension[] = ['channel', 'region', 'category'];

/** Selected value per dimension; null or missing means every value. */
export type CohortFilter = Partial<Record<Dimension, string | null>>;

/** The chosen (dimension, value) pairs in `DIMENSIONS` order. */
export function activeFilter(filter: CohortFilter): [Dimension, string][] {
  return DIMENSIONS.flatMap((d) => {
    const v = filter[d];
    return v === null || v === undefined ? [] : [[d, v] as [Dimension, string]];
  });
}

/** The filter as a plain object with every dimension: equal filters give equal keys. */
export function normalFilter(filter: CohortFilter): Record<Dimension, string | null> {
  return { channel: filter.channel ?? null, region: filter.region ?? null, category: filter.category ?? null };
}

/** Text describing the bound parameters, for the SQL panel: the as-of date and the filter's values. */
export function describeParams(asOf: string, filter: CohortFilter): string {
  const values = activeFilter(filter).map(([, v], i) => `$${i + 1} = ${JSON.stringify(v)}`);
  return `$1 = ${asOf}${values.length ? `; cohort_customers: ${values.join(', ')}` : ''}`;
}
