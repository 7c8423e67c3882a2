import { upToAsOf } from '../../db/sql';

/**
 * Orders and revenue by ISO weekday (1 = Monday … 7 = Sunday) and hour of the order's time (0–23), up to the
 * as-of date (`$1`); all 168 cells, empty ones 0. Only meaningful when timestamps carry times (`dimensionsSql`).
 * An order's time is that of its first line.
 */
export function weekdayHourSql(): string {
  return `WITH o AS (
  SELECT min(order_ts) AS ts, sum(amount) AS revenue FROM transactions WHERE ${upToAsOf('$1')} GROUP BY customer_id, order_id
),
c AS (SELECT CAST(isodow(ts) AS INTEGER) AS weekday, CAST(hour(ts) AS INTEGER) AS hour, count(*) AS orders, sum(revenue) AS revenue FROM o GROUP BY ALL)
SELECT d.weekday, h.hour, coalesce(c.orders, 0) AS orders, coalesce(c.revenue, 0) AS revenue
FROM range(1, 8) d(weekday) CROSS JOIN range(0, 24) h(hour)
LEFT JOIN c ON c.weekday = d.weekday AND c.hour = h.hour
ORDER BY d.weekday, h.hour`;
}
