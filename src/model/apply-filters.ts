import type { Db } from '../db/db';
import {
  contextFromRow, filterCustomersSql, filterDimensionsSql, filteredModelSql, hasFilters, NO_FILTERS, SEGMENT_DIM,
  type FilterContext, type Filters,
} from './filters';

/** The dimensions the loaded data carries: order and line dimensions with a value, the customer file's attributes. */
export async function filterContext(db: Db): Promise<FilterContext> {
  const hasAttrs = (await db.query(`SELECT 1 FROM duckdb_tables() WHERE table_name = 'customer_attrs'`)).length > 0;
  const [row] = await db.query(filterDimensionsSql(hasAttrs));
  return contextFromRow(row);
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
  const ctx = await filterContext(db);
  let segmentSql: string | null = null;
  if (filters.dims[SEGMENT_DIM]) {
    await db.execLong(unfiltered);
    segmentSql = await segments();
  }
  const customers = filterCustomersSql(filters, ctx, segmentSql, catalog);
  await db.execLong([...(customers ? [customers] : []), ...filteredModelSql(filters, ctx, catalog, customers !== null)]);
}
