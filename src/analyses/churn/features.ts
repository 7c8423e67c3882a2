import { literal } from '../../db/sql';
import { isPurchase, isReturn, LINES, ORDERS } from '../../model/orders';
import { ordersUpTo } from '../../model/customer-facts';
import { PURCHASE_DAYS } from '../../model/purchase-days';
import { addDays } from './dates';

/**
 * The churn model's data set, as SQL over `orders`, `transactions` and (with a customer file) `customer_profile` /
 * `customer_attrs`.
 *
 * Training: features at a cutoff date (default: as-of − the churn window, `defaultCutoff`) for every customer with a
 * purchase on or before it, labelled `churned` = no purchase in (cutoff, cutoff + W], and split 70 / 30 by a seeded
 * hash of the id (`holdout`). Scoring: the same features at the as-of date, no label. The levels behind the dummy
 * columns (which channels, which attribute values) are read once, at the cutoff, by `churnLevelsSql` and passed to
 * both statements, so the training and the scoring matrices have the same columns in the same order.
 */

/** Share of customers (in %) put in the holdout set. */
export const HOLDOUT_PERCENT = 30;
/** Days of the "recent" spend of `spend_trend`. */
export const TREND_DAYS = 90;
/** At most this many first-channel dummies. */
export const MAX_CHANNELS = 5;
/** At most this many dummies per categorical attribute. */
export const MAX_VALUES = 5;
/** A categorical attribute with more distinct values than this (among the customers) gets no dummies. */
export const MAX_DISTINCT = 12;
/** Ages outside this range (a birth date after the date, a typo) count as unknown. */
const AGE_RANGE = [0, 120] as const;

/** One column of the feature matrix. */
export interface ChurnColumn {
  /** The SQL column (safe: `recency_days`, `channel_1`, `age`, `attr_2`, …). */
  name: string;
  kind: 'number' | 'dummy';
  source: 'behaviour' | 'channel' | 'attribute';
  /**
   * For display, not translated: the column name for behaviour, the channel value for a channel dummy, the header
   * for the age and `age_missing` columns, `header: value` for an attribute dummy.
   */
  label: string;
  /** The attribute's header as written (attribute columns). */
  attribute?: string;
  /** The value the dummy is 1 for (channel and attribute dummies). */
  value?: string;
}

/** The behaviour columns, in matrix order. */
export const BEHAVIOUR_COLUMNS = [
  'recency_days', 'frequency', 'monetary', 'tenure_days', 'mean_gap_days', 'last_gap_days', 'spend_trend', 'categories', 'returns_share',
] as const;

/** Where the age comes from (as in the Segments view's `AttributeSources.age`). */
export interface ChurnAge {
  /** The column's header as written (the label). */
  header: string;
  /** `birth_date`: whole years at the date; `age`: the age as written in the file. */
  from: 'birth_date' | 'age';
}

/** A categorical attribute of `customer_attrs` and the values that get a dummy, in order. */
export interface ChurnCategorical {
  /** The header as written (`customer_attrs.attribute`). */
  attribute: string;
  values: readonly string[];
}

/** Customer-file attributes of the features (only when a customer file is loaded). */
export interface ChurnAttributes {
  age: ChurnAge | null;
  /** Usually `churnLevels(rows).categorical`. */
  categorical: readonly ChurnCategorical[];
}

export interface ChurnFeatureOptions {
  /** Add `churned` and `holdout`: then the statement takes `$2` (W, days), `$3` (as-of date) and `$4` (seed). */
  label: boolean;
  /** First-channel values that get a dummy (`channel_1` …), in order; usually `churnLevels(rows).channels`. */
  channels: readonly string[];
  /** Null without a customer file. */
  attributes: ChurnAttributes | null;
}

/** Levels of the dummy columns, read at the cutoff by `churnLevelsSql`. */
export interface ChurnLevels {
  channels: string[];
  categorical: ChurnCategorical[];
}

export interface ChurnLevelRow {
  source: string;
  attribute: string | null;
  value: string;
  customers: number;
  rank: number;
}

/** Whole days `days` before `date` ('YYYY-MM-DD', UTC calendar): the default cutoff is as-of − the churn window. */
export function defaultCutoff(asOf: string, windowDays: number): string {
  return addDays(asOf, -windowDays);
}

/** The parameters of `churnFeaturesSql`: `[date]`, or `[cutoff, W, asOf, seed]` with a label. */
export function churnFeatureParams(date: string, label?: { windowDays: number; asOf: string; seed: string | number }): unknown[] {
  return label ? [date, Math.round(label.windowDays), label.asOf, String(label.seed)] : [date];
}

/**
 * The span of the data: `first_date`, `last_date` (first and last order of any kind) and `first_purchase` (the
 * first purchase), as 'YYYY-MM-DD'; NULL without orders. A cutoff needs `first_purchase` ≤ cutoff and
 * cutoff + W ≤ the as-of date (≤ `last_date`).
 */
export function churnDataSpanSql(): string {
  return `SELECT CAST(min(order_ts) AS DATE) AS first_date, CAST(max(order_ts) AS DATE) AS last_date,
  CAST(min(order_ts) FILTER (WHERE ${isPurchase()}) AS DATE) AS first_purchase
FROM ${ORDERS}`;
}

/** Per customer with a purchase up to `$1`: the channel of the first purchase that has one (ties: smaller order id). */
const firstChannels = `SELECT customer_id, arg_min(channel, (order_ts, order_id)) AS first_channel
  FROM ${ORDERS} WHERE ${isPurchase()} AND ${ordersUpTo('$1')} GROUP BY customer_id`;

const whole = (n: number | undefined, fallback: number) => (n !== undefined && Number.isFinite(n) && n >= 1 ? Math.floor(n) : fallback);

/**
 * The levels of the dummy columns at the date `$1` (the cutoff), over the customers with a purchase up to it, by
 * customers (ties: the smaller value), as rows `source` (`channel` / `attribute`), `attribute` (the header; NULL for
 * channels), `value`, `customers`, `rank` (1 = most customers), ordered by source, attribute, rank:
 * - channels: the first channel (`first_channel` of the features), the top `maxChannels` (5) values;
 * - attributes (with `customers`): every attribute of `customer_attrs` with at most `maxDistinct` (12) distinct values
 *   among these customers, its top `maxValues` (5) values.
 * Never every value: at least one value (the least common) is left out as the baseline, with the unknowns, so a
 * dummy set never adds up to the intercept. A single channel or value gives no dummy.
 */
export function churnLevelsSql(opts: { customers: boolean; maxChannels?: number; maxValues?: number; maxDistinct?: number }): string {
  const maxChannels = whole(opts.maxChannels, MAX_CHANNELS);
  const maxValues = whole(opts.maxValues, MAX_VALUES);
  const maxDistinct = whole(opts.maxDistinct, MAX_DISTINCT);
  const attrs = opts.customers
    ? `UNION ALL SELECT 'attribute', a.attribute, a.value, count(*) FROM customer_attrs a JOIN f USING (customer_id) WHERE a.value IS NOT NULL GROUP BY 2, 3`
    : '';
  return `WITH f AS (${firstChannels}),
v AS (SELECT 'channel' AS source, NULL::VARCHAR AS attribute, first_channel AS value, count(*) AS customers FROM f WHERE first_channel IS NOT NULL GROUP BY 3
  ${attrs}),
r AS (SELECT *, CAST(row_number() OVER (PARTITION BY source, attribute ORDER BY customers DESC, value) AS INTEGER) AS rank,
  count(*) OVER (PARTITION BY source, attribute) AS distinct_values FROM v)
SELECT source, attribute, value, CAST(customers AS INTEGER) AS customers, rank FROM r
WHERE rank < distinct_values AND CASE WHEN source = 'channel' THEN rank <= ${maxChannels} ELSE rank <= ${maxValues} AND distinct_values <= ${maxDistinct} END
ORDER BY source, attribute, rank`;
}

/** The rows of `churnLevelsSql` as levels (channels and attributes in the rows' order). */
export function churnLevels(rows: readonly ChurnLevelRow[]): ChurnLevels {
  const channels = rows.filter((r) => r.source === 'channel').map((r) => r.value);
  const byAttribute = new Map<string, string[]>();
  for (const r of rows) {
    if (r.source !== 'attribute' || r.attribute === null) continue;
    const values = byAttribute.get(r.attribute) ?? [];
    values.push(r.value);
    byAttribute.set(r.attribute, values);
  }
  return { channels, categorical: [...byAttribute].map(([attribute, values]) => ({ attribute, values })) };
}

/** Whole years from the DATE `birth` to the date `$1`. */
const ageAt = (birth: string) =>
  `(date_part('year', CAST($1 AS DATE)) - date_part('year', ${birth}) - CASE WHEN strftime(CAST($1 AS DATE), '%m%d') < strftime(${birth}, '%m%d') THEN 1 ELSE 0 END)`;

/**
 * The churn data set at the date `$1` ('YYYY-MM-DD'; orders up to and including that day): one row per customer
 * with at least one purchase up to it (customers with returns only are left out), in no particular order (reads
 * `purchase_days`). Every feature is a non-NULL INTEGER or DOUBLE, in the order of `columns`:
 *
 * - `recency_days` INTEGER: date − the last purchase's date;
 * - `frequency` INTEGER: purchase orders;
 * - `monetary` DOUBLE: net amount of all the customer's orders up to the date (returns included, when they happened);
 * - `tenure_days` INTEGER: date − the first purchase's date;
 * - `mean_gap_days` DOUBLE: mean days between consecutive purchase days, (last − first purchase date) / (purchase
 *   days − 1), counting the days with a purchase (two orders on one day are one day); a customer with purchases on one
 *   day only gets `tenure_days` (the gap so far is at least that long);
 * - `last_gap_days` INTEGER: days between the last two purchase days; one purchase day: `tenure_days`;
 * - `spend_trend` DOUBLE in [−1, 1]: (R − B) / (|R| + |B|), R = net amount of the orders of the last 90 days (order
 *   date > date − 90, so days 0…89 before the date), B = the net amount before them; +1 = everything spent lately
 *   (or no history before), −1 = nothing (or only returns) lately, 0 = as much lately as before, or no net spend;
 * - `categories` INTEGER: distinct non-NULL categories of the lines bought up to the date (amount > 0, or 0 with
 *   quantity > 0; returned lines do not count); 0 when the data has no category;
 * - `returns_share` DOUBLE: return orders / (purchase + return orders);
 * - `channel_k` INTEGER 0/1 per value of `opts.channels`: the customer's first channel (the channel of the first
 *   purchase that has one; ties on the time to the smaller order id) is that value; other channels and none: all 0;
 * - with `opts.attributes.age`: `age` DOUBLE (whole years at the date from the birth date, or the age as written;
 *   outside 0…120 = unknown; unknown = the mean of the known ages of this statement's rows, 0 when none is known)
 *   and `age_missing` INTEGER (1 when unknown);
 * - `attr_k` INTEGER 0/1 per (attribute, value) of `opts.attributes.categorical`: the customer's value in
 *   `customer_attrs` is that value (no row in the customer file, or no value: all 0).
 *
 * With `opts.label`, also `churned` INTEGER (1 when the customer has no purchase with order date in
 * ($1, min($1 + $2 days, $3)], $2 = W in days, $3 = the as-of date: data after the as-of date never counts; the caller
 * keeps $1 + W ≤ $3 so that every window is fully observed) and `holdout` INTEGER (1 when
 * `hash(customer_id || ':' || $4) % 100 < 30`, $4 = the seed as text: about 30 % of the customers; the same seed
 * gives the same split on the same DuckDB version, whatever the date or the other customers).
 */
export function churnFeaturesSql(opts: ChurnFeatureOptions): { sql: string; columns: ChurnColumn[] } {
  const date = 'CAST($1 AS DATE)';
  const columns: ChurnColumn[] = BEHAVIOUR_COLUMNS.map((name) => ({ name, kind: 'number', source: 'behaviour', label: name }));
  const extra: string[] = [];
  opts.channels.forEach((value, i) => {
    const name = `channel_${i + 1}`;
    columns.push({ name, kind: 'dummy', source: 'channel', label: value, value });
    extra.push(`CASE WHEN b.first_channel = ${literal(value)} THEN 1 ELSE 0 END AS ${name}`);
  });
  const joins: string[] = [];
  const ctes: string[] = [];
  const a = opts.attributes;
  if (a?.age) {
    const raw = a.age.from === 'age' ? 'p.age' : ageAt('p.birth_date');
    const valid = `CASE WHEN ${raw} BETWEEN ${AGE_RANGE[0]} AND ${AGE_RANGE[1]} THEN CAST(${raw} AS DOUBLE) END`;
    ctes.push(`ages AS (SELECT b.customer_id, ${valid} AS age FROM b JOIN customer_profile p USING (customer_id))`);
    joins.push('LEFT JOIN ages USING (customer_id)');
    extra.push(`coalesce(ages.age, avg(ages.age) OVER (), 0) AS age`, `CASE WHEN ages.age IS NULL THEN 1 ELSE 0 END AS age_missing`);
    columns.push(
      { name: 'age', kind: 'number', source: 'attribute', label: a.age.header, attribute: a.age.header },
      { name: 'age_missing', kind: 'dummy', source: 'attribute', label: a.age.header, attribute: a.age.header },
    );
  }
  const dummies = (a?.categorical ?? []).flatMap((c) => c.values.map((value) => ({ attribute: c.attribute, value })));
  if (dummies.length) {
    const names = dummies.map((_, i) => `attr_${i + 1}`);
    const attributes = [...new Set(dummies.map((d) => d.attribute))];
    ctes.push(`attrs AS (SELECT customer_id, ${dummies
      .map((d, i) => `max(CASE WHEN attribute = ${literal(d.attribute)} AND value = ${literal(d.value)} THEN 1 ELSE 0 END) AS ${names[i]}`)
      .join(', ')}
  FROM customer_attrs WHERE attribute IN (${attributes.map(literal).join(', ')}) GROUP BY customer_id)`);
    joins.push('LEFT JOIN attrs USING (customer_id)');
    dummies.forEach((d, i) => {
      extra.push(`CAST(coalesce(attrs.${names[i]}, 0) AS INTEGER) AS ${names[i]}`);
      columns.push({ name: names[i]!, kind: 'dummy', source: 'attribute', label: `${d.attribute}: ${d.value}`, attribute: d.attribute, value: d.value });
    });
  }
  if (opts.label) {
    ctes.push(`later AS (SELECT DISTINCT customer_id FROM ${ORDERS}
  WHERE ${isPurchase()} AND order_date > ${date} AND order_date <= least(${date} + CAST($2 AS INTEGER), CAST($3 AS DATE)))`);
    joins.push('LEFT JOIN later l USING (customer_id)');
    extra.push(
      `CASE WHEN l.customer_id IS NULL THEN 1 ELSE 0 END AS churned`,
      `CASE WHEN hash(b.customer_id || ':' || CAST($4 AS VARCHAR)) % 100 < ${HOLDOUT_PERCENT} THEN 1 ELSE 0 END AS holdout`,
    );
  }
  const sql = `WITH o AS (SELECT customer_id, order_id, order_ts, order_date, amount, kind, channel FROM ${ORDERS} WHERE ${ordersUpTo('$1')}),
b AS (SELECT customer_id,
    count(*) FILTER (WHERE ${isPurchase()}) AS purchases,
    count(*) FILTER (WHERE ${isReturn()}) AS returns,
    sum(amount) AS net,
    coalesce(sum(amount) FILTER (WHERE order_date > ${date} - ${TREND_DAYS}), 0) AS recent,
    arg_min(channel, (order_ts, order_id)) FILTER (WHERE ${isPurchase()}) AS first_channel
  FROM o GROUP BY customer_id HAVING count(*) FILTER (WHERE ${isPurchase()}) > 0),
g AS (SELECT customer_id, count(*) AS purchase_days, min(day) AS first_day, max(day) AS last_day, max(prev_day) AS prev_day
  FROM ${PURCHASE_DAYS} WHERE day <= ${date} GROUP BY customer_id),
cat AS (SELECT customer_id, count(*) AS categories FROM (SELECT DISTINCT customer_id, category FROM ${LINES}
  WHERE ${ordersUpTo('$1')} AND category IS NOT NULL AND (amount > 0 OR (amount = 0 AND quantity > 0))) GROUP BY customer_id),
t AS (SELECT customer_id, CAST(recent AS DOUBLE) AS r, CAST(net - recent AS DOUBLE) AS before FROM b)${ctes.map((c) => `,\n${c}`).join('')}
SELECT b.customer_id,
  CAST(date_diff('day', g.last_day, ${date}) AS INTEGER) AS recency_days,
  CAST(b.purchases AS INTEGER) AS frequency,
  CAST(b.net AS DOUBLE) AS monetary,
  CAST(date_diff('day', g.first_day, ${date}) AS INTEGER) AS tenure_days,
  CAST(CASE WHEN g.purchase_days > 1 THEN date_diff('day', g.first_day, g.last_day) / (g.purchase_days - 1)
    ELSE date_diff('day', g.first_day, ${date}) END AS DOUBLE) AS mean_gap_days,
  CAST(CASE WHEN g.purchase_days > 1 THEN date_diff('day', g.prev_day, g.last_day) ELSE date_diff('day', g.first_day, ${date}) END AS INTEGER) AS last_gap_days,
  CASE WHEN abs(t.r) + abs(t.before) = 0 THEN 0.0 ELSE (t.r - t.before) / (abs(t.r) + abs(t.before)) END AS spend_trend,
  CAST(coalesce(cat.categories, 0) AS INTEGER) AS categories,
  CAST(b.returns / (b.purchases + b.returns) AS DOUBLE) AS returns_share${extra.map((e) => `,\n  ${e}`).join('')}
FROM b JOIN g USING (customer_id) JOIN t USING (customer_id) LEFT JOIN cat USING (customer_id)
${joins.join('\n')}`;
  return { sql, columns };
}
