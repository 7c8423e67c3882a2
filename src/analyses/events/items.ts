import type { TableSpec } from '../../query/query-layer';
import { otherCatalog, type EventCatalog } from './schema';
import { ident } from '../../db/sql';

/**
 * Per `key` (a column of `events`) and user: events of each role, and whether the user purchased at or after
 * their first view (`converted`; NULL when they never viewed).
 */
const perUser = (key: string) => `SELECT ${ident(key)} AS k, user_id,
    count(*) FILTER (WHERE event_role = 'view') AS views, count(*) FILTER (WHERE event_role = 'favourite') AS favourites,
    count(*) FILTER (WHERE event_role = 'cart') AS carts, count(*) FILTER (WHERE event_role = 'purchase') AS purchases,
    max(event_ts) FILTER (WHERE event_role = 'purchase') >= min(event_ts) FILTER (WHERE event_role = 'view') AS converted
  FROM events WHERE ${ident(key)} IS NOT NULL GROUP BY ALL`;

const FIGURES = `sum(views)::BIGINT AS views, sum(favourites)::BIGINT AS favourites, sum(carts)::BIGINT AS carts,
  sum(purchases)::BIGINT AS purchases,
  round(count(*) FILTER (WHERE converted) / nullif(count(*) FILTER (WHERE views > 0), 0), 4) AS view_to_purchase`;

/**
 * Per item (events without one left out), for paging (a parenthesised query, unsorted): `item, category, views,
 * favourites, carts, purchases, view_to_purchase`. The counts are events of each role; view_to_purchase = users
 * who purchased the item at or after their first view of it ÷ users who viewed it (4 decimals; NULL when nobody
 * viewed it). `category` is the item's most frequent one on its events (ties: the first alphabetically; NULL if none).
 */
export function itemsSql(): string {
  return `(WITH u AS (${perUser('item')}),
cat AS (SELECT item AS k, first(category ORDER BY n DESC, category) AS category
  FROM (SELECT item, category, count(*) AS n FROM events WHERE item IS NOT NULL AND category IS NOT NULL GROUP BY ALL) GROUP BY item)
SELECT u.k AS item, any_value(cat.category) AS category, ${FIGURES}
FROM u LEFT JOIN cat USING (k) GROUP BY u.k)`;
}

/**
 * Per category of the events (events without one left out), for paging: the figures of `itemsSql` over the
 * category's events (a user converts on buying anything of the category at or after first viewing anything of it)
 * and `items`, the distinct items on them.
 */
export function categoriesSql(): string {
  return `(WITH u AS (${perUser('category')}),
n AS (SELECT category AS k, count(DISTINCT item) AS items FROM events WHERE category IS NOT NULL GROUP BY 1)
SELECT u.k AS category, ${FIGURES}, any_value(n.items) AS items
FROM u JOIN n USING (k) GROUP BY u.k)`;
}

/** The item and category figures as shared tables (built once per data version, beside `events`), for paging and export. */
export function itemTables(catalog: EventCatalog = 'memory'): { items: TableSpec; categories: TableSpec } {
  const table = (name: string, sql: string): TableSpec => ({
    name,
    key: { catalog },
    build: [{ sql: `DROP TABLE IF EXISTS ${otherCatalog(catalog)}.main.${name}` }, { sql: `CREATE OR REPLACE TABLE ${catalog}.main.${name} AS SELECT * FROM ${sql}` }],
  });
  return { items: table('event_items', itemsSql()), categories: table('event_categories', categoriesSql()) };
}
