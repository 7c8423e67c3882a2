import { ident, literal } from '../db/sql';
import { ALL_ORDERS, LINES, ORDER_DIMENSIONS, ORDERS, ordersSelectSql, unfilteredViewsSql } from './orders';

/**
 * The global filters: a date range of orders and values of dimensions, applied by every view and export. Values of
 * one dimension are alternatives (OR), dimensions combine (AND). The as-of date is not a filter.
 */
export interface Filters {
  /** First and last order date kept, `YYYY-MM-DD`; empty = open. */
  from: string;
  to: string;
  /** Dimension → values kept. A dimension is a role (`region`, `channel`, `payment`, `category`, `product`),
   * `segment` (RFM segment key) or a customer attribute's header as written. */
  dims: Record<string, string[]>;
}

export const NO_FILTERS: Filters = { from: '', to: '', dims: {} };

/** Dimensions of an order (`orders`) and of a line (`transactions`). */
export const ORDER_FILTER_DIMS: readonly string[] = ORDER_DIMENSIONS;
export const LINE_FILTER_DIMS: readonly string[] = ['category', 'product'];
/** The RFM segment filter's dimension. */
export const SEGMENT_DIM = 'segment';

/** The customers a customer-level filter keeps (built before the views, from the unfiltered model). */
export const FILTER_CUSTOMERS = 'filter_customers';
/** The orders of the filtered lines (a table: the analyses read it many times). */
export const FILTERED_ORDERS = 'filtered_orders';

/** A calendar date written `YYYY-MM-DD` (2024-02-30 is none). */
function isDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The filters with empty dimensions dropped and malformed dates cleared. */
export function cleanFilters(f: Filters): Filters {
  const dims: Record<string, string[]> = {};
  for (const [d, values] of Object.entries(f.dims)) {
    const v = [...new Set(values)];
    if (d && v.length) dims[d] = v;
  }
  return { from: isDate(f.from) ? f.from : '', to: isDate(f.to) ? f.to : '', dims };
}

export function hasFilters(f: Filters): boolean {
  return f.from !== '' || f.to !== '' || Object.keys(f.dims).length > 0;
}

/** How the model resolves each filter dimension. */
export interface FilterContext {
  /** Order dimensions the transactions carry (mapped and not empty). */
  orderDims: readonly string[];
  /** Line dimensions the transactions carry. */
  lineDims: readonly string[];
  /** The customer file's categorical attributes (headers as written). */
  attributes: readonly string[];
}

/** `unknown`: nothing loaded carries the dimension (yet): the filter waits, applying to nothing. */
export type DimKind = 'order' | 'line' | 'segment' | 'attribute' | 'unknown';

/** An order dimension when the transactions carry it, a line dimension likewise, then a customer attribute. */
export function dimKind(dim: string, ctx: FilterContext): DimKind {
  if (dim === SEGMENT_DIM) return 'segment';
  if (ctx.orderDims.includes(dim)) return 'order';
  if (ctx.lineDims.includes(dim)) return 'line';
  if (ctx.attributes.includes(dim)) return 'attribute';
  return 'unknown';
}

const inList = (expr: string, values: readonly string[]) => `CAST(${expr} AS VARCHAR) IN (${values.map(literal).join(', ')})`;

/**
 * The customers kept by the customer-level filters (attributes from `customer_attrs`, segments from `segments`: a
 * SELECT of `customer_id, segment_key`), or null when none applies. Each dimension narrows the set.
 */
export function filterCustomersSql(f: Filters, ctx: FilterContext, segments: string | null, catalog: string): string | null {
  const parts: string[] = [];
  for (const [dim, values] of Object.entries(f.dims)) {
    const kind = dimKind(dim, ctx);
    if (kind === 'attribute') {
      parts.push(`SELECT customer_id FROM customer_attrs WHERE attribute = ${literal(dim)} AND ${inList('value', values)}`);
    } else if (kind === 'segment' && segments) {
      parts.push(`SELECT customer_id FROM (${segments}) WHERE ${inList('segment_key', values)}`);
    }
  }
  if (!parts.length) return null;
  return `CREATE OR REPLACE TABLE ${catalog}.main.${FILTER_CUSTOMERS} AS\n${parts.join('\nINTERSECT\n')}`;
}

/**
 * The statements that point `order_lines` and `orders` at the data the filters keep, in `catalog`: no filter, the
 * plain views; otherwise the lines of the orders in the date range with the order dimensions' values, with the
 * line dimensions' values, of the customers in `filter_customers` (when `customers`), and their orders re-aggregated.
 */
export function filteredModelSql(f: Filters, ctx: FilterContext, catalog: string, customers: boolean): string[] {
  const orderPreds: string[] = [];
  if (f.from) orderPreds.push(`order_date >= DATE ${literal(f.from)}`);
  if (f.to) orderPreds.push(`order_date <= DATE ${literal(f.to)}`);
  const linePreds: string[] = [];
  for (const [dim, values] of Object.entries(f.dims)) {
    const kind = dimKind(dim, ctx);
    if (kind === 'order') orderPreds.push(inList(ident(dim), values));
    else if (kind === 'line') linePreds.push(inList(`t.${ident(dim)}`, values));
  }
  const q = (name: string) => `${catalog}.main.${name}`;
  if (customers) linePreds.push(`t.customer_id IN (SELECT customer_id FROM ${q(FILTER_CUSTOMERS)})`);
  const cleanup = [`DROP TABLE IF EXISTS ${q(FILTERED_ORDERS)}`, ...(customers ? [] : [`DROP TABLE IF EXISTS ${q(FILTER_CUSTOMERS)}`])];
  if (!orderPreds.length && !linePreds.length) return [...unfilteredViewsSql(catalog), ...cleanup];
  const semi = orderPreds.length
    ? `\nSEMI JOIN (SELECT customer_id, order_id FROM ${q(ALL_ORDERS)} WHERE ${orderPreds.join(' AND ')}) o USING (customer_id, order_id)`
    : '';
  return [
    `CREATE OR REPLACE VIEW ${q(LINES)} AS SELECT t.* FROM ${q('transactions')} t${semi}${linePreds.length ? `\nWHERE ${linePreds.join(' AND ')}` : ''}`,
    `CREATE OR REPLACE TABLE ${q(FILTERED_ORDERS)} AS\n${ordersSelectSql(q(LINES))}`,
    `CREATE OR REPLACE VIEW ${q(ORDERS)} AS FROM ${q(FILTERED_ORDERS)}`,
  ];
}

/** Filters as URL parameters: `f.<dim>=<value>` (repeated), `from`, `to`; other parameters are kept. */
export function filtersToSearch(f: Filters, search: string): string {
  const p = new URLSearchParams(search);
  for (const k of [...p.keys()]) if (k.startsWith('f.') || k === 'from' || k === 'to') p.delete(k);
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  for (const [dim, values] of Object.entries(f.dims)) for (const v of values) p.append(`f.${dim}`, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function filtersFromSearch(search: string): Filters {
  const p = new URLSearchParams(search);
  const dims: Record<string, string[]> = {};
  for (const [k, v] of p) if (k.startsWith('f.') && k.length > 2) (dims[k.slice(2)] ??= []).push(v);
  return cleanFilters({ from: p.get('from') ?? '', to: p.get('to') ?? '', dims });
}

/** Most values offered for one dimension in the filter bar (the commonest first). */
export const VALUE_LIMIT = 500;

/** The context of `filterDimensionsSql`'s row. */
export function contextFromRow(row: Record<string, unknown> | undefined): FilterContext {
  const carried = (d: string) => row?.[d] === true;
  return { orderDims: ORDER_FILTER_DIMS.filter(carried), lineDims: LINE_FILTER_DIMS.filter(carried), attributes: (row?.attributes as string[] | undefined) ?? [] };
}

/** The dimensions the data carries: one row of booleans, and the customer file's attributes when it is loaded. */
export function filterDimensionsSql(attributes: boolean): string {
  const dims = [...ORDER_FILTER_DIMS, ...LINE_FILTER_DIMS];
  // EXISTS stops at the first value: a count would read every line of a column that has values.
  return `SELECT ${dims.map((d) => `EXISTS (SELECT 1 FROM transactions WHERE ${d} IS NOT NULL) AS ${d}`).join(', ')},
  ${attributes ? '(SELECT list(DISTINCT attribute ORDER BY attribute) FROM customer_attrs)' : 'CAST([] AS VARCHAR[])'} AS attributes`;
}

/**
 * The values of a dimension on all the data (filters do not narrow the choices), commonest first: orders for an
 * order dimension, lines for a line dimension, customers for an attribute (its header bound as `$1`).
 */
export function filterValuesSql(kind: 'order' | 'line' | 'attribute', dim: string): string {
  if (kind === 'attribute') {
    return `SELECT value, count(*) AS n FROM customer_attrs WHERE attribute = $1 GROUP BY value ORDER BY n DESC, value LIMIT ${VALUE_LIMIT}`;
  }
  const table = kind === 'order' ? ALL_ORDERS : 'transactions';
  return `SELECT CAST(${ident(dim)} AS VARCHAR) AS value, count(*) AS n FROM ${table} WHERE ${ident(dim)} IS NOT NULL
GROUP BY 1 ORDER BY n DESC, value LIMIT ${VALUE_LIMIT}`;
}
