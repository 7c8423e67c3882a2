import { CUSTOMER_FACTS, customerFacts, ordersUpTo } from '../../model/customer-facts';
import { isPurchase, ORDERS } from '../../model/orders';
import type { QueryRequest, TableSpec } from '../../query/query-layer';
import { LIFECYCLE_CUSTOMERS } from '../lifecycle/tables';
import { RFM_CUSTOMERS } from '../rfm/tables';
import { npsOverallSql } from '../survey/nps';

/**
 * The questions a tutorial step can ask, each answered by the loaded data. Every check's query returns one row:
 * `answer` (text: a number, a key or a value) and `options` (the choices offered, for multiple choice; NULL for a
 * number to type).
 */
export const CHECKS = ['rejected_rows', 'customers', 'top_segment_revenue', 'top_cohort_month', 'top20_majority', 'top_stage', 'top_weekday', 'top_gender_revenue', 'nps'] as const;
export type CheckId = (typeof CHECKS)[number];

/** What a check reads besides the as-of date: the shared tables it needs and the customer file's gender header. */
export interface CheckInputs {
  asOf: string;
  rfm: TableSpec;
  lifecycle: TableSpec;
  gender: string | null;
}

export function checkRequest(id: CheckId, x: CheckInputs): QueryRequest {
  const facts = customerFacts(x.asOf);
  switch (id) {
    case 'rejected_rows':
      return { sql: 'SELECT CAST(coalesce(sum(rows_rejected), 0) AS VARCHAR) AS answer, NULL::VARCHAR[] AS options FROM load_stats' };
    case 'customers':
      return { sql: `SELECT CAST(count(*) AS VARCHAR) AS answer, NULL::VARCHAR[] AS options FROM ${CUSTOMER_FACTS}`, tables: [facts] };
    case 'top_segment_revenue':
      return {
        sql: `SELECT arg_max(segment_key, (revenue, -segment_order)) AS answer, list(segment_key ORDER BY segment_order) AS options
FROM (SELECT segment_key, min(segment_order) AS segment_order, sum(monetary) AS revenue FROM ${RFM_CUSTOMERS} GROUP BY 1)`,
        tables: [x.rfm],
      };
    case 'top_cohort_month':
      return {
        sql: `SELECT arg_max(m, (n, m)) AS answer, list(m ORDER BY m) AS options
FROM (SELECT strftime(first_purchase, '%Y-%m') AS m, count(*) AS n FROM ${CUSTOMER_FACTS} GROUP BY 1)`,
        tables: [facts],
      };
    case 'top20_majority':
      // The top 20 % of customers by revenue (rounded up) bring more than half of the revenue: yes or no.
      return {
        sql: `WITH r AS (SELECT revenue, row_number() OVER (ORDER BY revenue DESC, customer_id) AS k, count(*) OVER () AS n FROM ${CUSTOMER_FACTS})
SELECT CASE WHEN sum(revenue) FILTER (WHERE k <= ceil(n * 0.2)) > sum(revenue) / 2 THEN 'yes' ELSE 'no' END AS answer, ['yes', 'no'] AS options FROM r`,
        tables: [facts],
      };
    case 'top_stage':
      return {
        sql: `SELECT arg_max(stage, (n, stage)) AS answer, ['new', 'active', 'reactivated', 'at_risk', 'churned'] AS options
FROM (SELECT stage, count(*) AS n FROM ${LIFECYCLE_CUSTOMERS} GROUP BY 1)`,
        tables: [x.lifecycle],
      };
    case 'top_weekday':
      return {
        sql: `SELECT CAST(arg_max(d, (n, -d)) AS VARCHAR) AS answer, ['1', '2', '3', '4', '5', '6', '7'] AS options
FROM (SELECT isodow(order_date) AS d, count(*) AS n FROM ${ORDERS} WHERE ${isPurchase()} AND ${ordersUpTo('$1')} GROUP BY 1)`,
        params: [x.asOf],
      };
    case 'nps':
      // The Satisfaction view's NPS over every response, to the nearest whole point.
      return { sql: `SELECT CAST(round(nps) AS INTEGER)::VARCHAR AS answer, NULL::VARCHAR[] AS options FROM (${npsOverallSql()})` };
    case 'top_gender_revenue':
      if (!x.gender) return { sql: 'SELECT NULL::VARCHAR AS answer, NULL::VARCHAR[] AS options' };
      return {
        sql: `SELECT arg_max(value, (revenue, value)) AS answer, list(value ORDER BY value) AS options
FROM (SELECT a.value, sum(f.revenue) AS revenue FROM customer_attrs a JOIN ${CUSTOMER_FACTS} f USING (customer_id) WHERE a.attribute = $1 GROUP BY 1)`,
        params: [x.gender],
        tables: [facts],
      };
  }
}

/** Whether a typed or picked answer is the data's: numbers compare as numbers (within `tolerance`), the rest as text. */
export function isRight(given: string, answer: string | null, tolerance = 0): boolean {
  if (answer === null) return false;
  const g = given.trim().replace(/[,，\s]/g, '');
  const a = Number(answer);
  if (g !== '' && Number.isFinite(Number(g)) && Number.isFinite(a)) return Math.abs(Number(g) - a) <= tolerance;
  return given.trim() === answer;
}
