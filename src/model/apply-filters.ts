import type { Db } from '../db/db';
import {
  filterCustomersSql, filteredModelSql, hasFilters, NO_FILTERS, LINE_FILTER_DIMS, ORDER_FILTER_DIMS, SEGMENT_DIM,
  type FilterContext, type Filters,
} from './filters';

/** The dimensions the loaded data carries: order and line dimensions with a value, the customer file's attributes. */
export async function filterContext(db: Db, catalog: string): Promise<FilterContext> {
  const dims = [...ORDER_FILTER_DIMS, ...LINE_FILTER_DIMS];
  const [row] = await db.query(`SELECT ${dims.map((d) => `count(${d}) > 0 AS ${d}`).join(', ')} FROM ${catalog}.main.transactions`);
  const carried = (d: string) => row?.[d] === true;
  const hasAttrs = (await db.query(`SELECT 1 FROM duckdb_tables() WHERE table_name = 'customer_attrs'`)).length > 0;
  const attributes = hasAttrs ? (await db.query<{ a: string }>('SELECT DISTINCT attribute AS a FROM customer_attrs')).map((r) => r.a) : [];
  return { orderDims: ORDER_FILTER_DIMS.filter(carried), lineDims: LINE_FILTER_DIMS.filter(carried), attributes };
}

/**
 * Points the analyses' `order_lines` and `orders` at what `filters` keep (src/model/filters.ts), inside a change of
 * the data. A segment filter reads the RFM segments of the unfiltered data: `segments` builds them and returns the
 * SELECT of `customer_id, segment_key`.
 */
export async function applyFilters(db: Db, filters: Filters, catalog: string, segments: () => Promise<string>): Promise<void> {
  const unfiltered = filteredModelSql(NO_FILTERS, { orderDims: [], lineDims: [], attributes: [] }, catalog, false);
  if (!hasFilters(filters)) {
    await db.execLong(unfiltered);
    return;
  }
  const ctx = await filterContext(db, catalog);
  let segmentSql: string | null = null;
  if (filters.dims[SEGMENT_DIM]) {
    await db.execLong(unfiltered);
    segmentSql = await segments();
  }
  const customers = filterCustomersSql(filters, ctx, segmentSql, catalog);
  await db.execLong([...(customers ? [customers] : []), ...filteredModelSql(filters, ctx, catalog, customers !== null)]);
}
