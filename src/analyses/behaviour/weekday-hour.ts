import { ordersUpTo } from '../../model/customer-facts';
import { isPurchase, ORDERS } from '../../model/orders';

/**
 * Purchases and revenue by ISO weekday (1 = Monday … 7 = Sunday) and hour of the order's time (0–23), up to the
 * as-of date (`$1`); all 168 cells, empty ones 0. `orders` counts purchases; `revenue` is net of returns, a return
 * counting at its own time. Only meaningful when timestamps carry times (`dimensionsSql`). An order's time is that
 * of its first line.
 */
export function weekdayHourSql(): string {
  return `WITH c AS (
  SELECT CAST(isodow(order_ts) AS INTEGER) AS weekday, CAST(hour(order_ts) AS INTEGER) AS hour,
    count(*) FILTER (WHERE ${isPurchase()}) AS orders, sum(amount) AS revenue
  FROM ${ORDERS} WHERE ${ordersUpTo('$1')} GROUP BY ALL
)
SELECT d.weekday, h.hour, coalesce(c.orders, 0) AS orders, coalesce(c.revenue, 0) AS revenue
FROM range(1, 8) d(weekday) CROSS JOIN range(0, 24) h(hour)
LEFT JOIN c ON c.weekday = d.weekday AND c.hour = h.hour
ORDER BY d.weekday, h.hour`;
}
