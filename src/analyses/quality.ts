import { ORDERS, orderKindSql } from '../model/orders';

/**
 * The Data view's per-file report: what was read, rejected (by reason), duplicated and loaded; the file's return
 * orders and purchase orders (its lines of each order, by the model's rule) and customers with a purchase; dates and
 * revenue.
 */
export function qualityByFileSql(): string {
  return `SELECT s.file_index, s.source_file, s.rows_read, s.rows_rejected, s.duplicate_rows, s.duplicates_removed,
  coalesce(t.rows_loaded, 0) AS rows_loaded, coalesce(o.returns, 0) AS returns, o.customers, o.orders,
  t.first_date, t.last_date, t.revenue
FROM load_stats s
LEFT JOIN (
  SELECT file_index, count(*) AS rows_loaded, min(order_ts)::DATE AS first_date, max(order_ts)::DATE AS last_date,
    sum(amount) AS revenue
  FROM transactions GROUP BY ALL
) t USING (file_index)
LEFT JOIN (
  SELECT file_index, count(*) FILTER (WHERE kind = 'return') AS returns, count(*) FILTER (WHERE kind = 'purchase') AS orders,
    count(DISTINCT customer_id) FILTER (WHERE kind = 'purchase') AS customers
  FROM (SELECT file_index, customer_id, order_id, ${orderKindSql('sum(amount)', 'sum(quantity)')} AS kind FROM transactions GROUP BY ALL) GROUP BY ALL
) o USING (file_index)
ORDER BY s.file_index`;
}

/**
 * The model over all files: orders by kind (purchase, return, net zero) and the customers with returns only (they
 * are in the data but no analysis scores them).
 */
export function modelSummarySql(): string {
  return `SELECT count(*) FILTER (WHERE kind = 'purchase') AS purchases,
  count(*) FILTER (WHERE kind = 'return') AS returns,
  count(*) FILTER (WHERE kind = 'zero') AS zero_orders,
  coalesce(-sum(amount) FILTER (WHERE kind = 'return'), 0) AS returned_amount,
  (SELECT count(*) FROM (SELECT customer_id FROM ${ORDERS} GROUP BY ALL HAVING count(*) FILTER (WHERE kind = 'purchase') = 0)) AS return_only_customers
FROM ${ORDERS}`;
}

/** Rejected rows counted by file and reason. */
export function rejectReasonsSql(): string {
  return `SELECT source_file, reason, count(*) AS rows, min(line) AS first_line
FROM rejects GROUP BY ALL ORDER BY source_file, rows DESC`;
}

/** The first rejected rows, for the table in the Data view. */
export function rejectSampleSql(limit = 50): string {
  return `SELECT source_file, line, reason, customer_id, date_text, amount_text, detail
FROM rejects ORDER BY file_index, line LIMIT ${Math.max(1, Math.floor(limit))}`;
}

/** Every rejected row, for `rejected_rows.csv` (text cells made safe for spreadsheets by the caller). */
export function rejectExportSql(): string {
  return `SELECT source_file, line, reason, customer_id, date_text, amount_text, detail FROM rejects ORDER BY file_index, line`;
}

/** For one file just loaded: how many rows were rejected, the commonest reason and its first line. */
export function fileRejectSummarySql(): string {
  return `SELECT s.rows_read, s.rows_rejected, r.reason, r.first_line
FROM load_stats s LEFT JOIN (
  SELECT file_index, reason, min(line) AS first_line, count(*) AS n FROM rejects WHERE file_index = $1 GROUP BY ALL
  ORDER BY n DESC, first_line LIMIT 1
) r USING (file_index)
WHERE s.file_index = $1`;
}
