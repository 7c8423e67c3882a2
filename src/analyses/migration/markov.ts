import { ordersUpTo } from '../../model/customer-facts';
import { isPurchase, ORDERS } from '../../model/orders';
import { sqlNumber } from '../rfm/settings';

/**
 * Markov-chain customer lifetime value (Pfeifer & Carraway 2000), with recency states.
 *
 * Periods are whole months counted back from the as-of date: period k (k = 0, 1, 2, …) is
 * (asOf − (k+1) months, asOf − k months], each bound taken from the as-of date with INTERVAL arithmetic (a month
 * end stays a month end: as of 2024-03-31, period 0 is (02-29, 03-31] and period 1 (01-31, 02-29]), so every period is
 * complete and orders after the as-of date are left out. An order belongs to the period holding its date.
 *
 * A customer's state in a period is 0 when they purchased in it, else the number of periods since their last
 * purchase, capped at `lostAfter` (default 12), the state "lost". A customer enters the chain in the period of
 * their first purchase (state 0); a return before it is not in the chain. Moves are counted between consecutive
 * periods (period k+1 → period k), and each customer-period's net revenue (purchases less returns, a return counted
 * in the period it happened) is counted in its state.
 *
 * The SQL counts what happened, moves out of "lost" included (a lost customer who buys again); `markovClv` makes
 * "lost" absorbing, as in the model, and computes the value of each state.
 */

/** The default number of periods after which a customer is "lost". */
export const DEFAULT_LOST_AFTER = 12;
/** The default horizon of the value, in periods (months). */
export const DEFAULT_MARKOV_PERIODS = 36;
/** The default discount rate per month (as the CLV view's). */
export const DEFAULT_MONTHLY_DISCOUNT = 0.01;

const AS_OF = 'CAST($1 AS DATE)';
const LOST = 'CAST($2 AS INTEGER)';

/**
 * CTEs `cp` (per customer and period with an order: `k`, `bought`, net `revenue`) and, with `history`, `seg`: one row
 * per purchase period `p` with the next purchase period `next_p` (-1 when none: the chain runs on to period 0),
 * `g` = p − next_p (the periods from this purchase to the next) and `h`, the periods of history used (`$3`; all of
 * them when NULL).
 */
function periodsCte(history: boolean): string {
  const cp = `op AS (
  SELECT customer_id, kind, amount,
    m - CAST(order_date > CAST(${AS_OF} - to_months(m) AS DATE) AS INTEGER) AS k
  FROM (
    SELECT customer_id, kind, amount, order_date, CAST(date_diff('month', order_date, ${AS_OF}) AS INTEGER) AS m
    FROM ${ORDERS} WHERE ${ordersUpTo('$1')}
  ) o
),
cp AS (
  SELECT customer_id, k, bool_or(${isPurchase()}) AS bought, sum(amount) AS revenue FROM op GROUP BY customer_id, k
)`;
  if (!history) return cp;
  return `${cp},
seg AS (
  SELECT customer_id, p, next_p, p - next_p AS g, coalesce(CAST($3 AS INTEGER), p + 1) AS h
  FROM (SELECT customer_id, k AS p, coalesce(lead(k) OVER (PARTITION BY customer_id ORDER BY k DESC), -1) AS next_p FROM cp WHERE bought) s
)`;
}

/*
 * Between a purchase in period p and the next one (or period 0), the periods p − j (j = 0 … g−1) have the states
 * min(j, L). The moves within are j → j+1 (capped), from period p − j to p − j − 1 for j = 0 … g−2, then
 * min(g−1, L) → 0 into the next purchase. A move counts when its later period is among the `h` used (p − j − 1 < h),
 * a customer-period when its period is (p − j < h). Rows are generated for the states below L only; the lost ones are
 * counted in one row per gap, so the work grows with the purchase periods, not with customers × periods.
 */

/**
 * Moves between consecutive periods: `from_state, to_state, transitions`, ordered. `$1` = the as-of date, `$2` =
 * `lostAfter` (the state "lost"), `$3` = the number of periods of history to use (moves into the last `$3` periods,
 * i.e. from period `$3` into `$3` − 1 … from 1 into 0), NULL for all.
 */
export function markovTransitionsSql(): string {
  return `WITH ${periodsCte(true)},
moves AS (
  SELECT from_state, from_state + 1 AS to_state, 1 AS n
  FROM (SELECT unnest(generate_series(greatest(0, p - h), least(g - 2, ${LOST} - 1))) AS from_state FROM seg) w
  UNION ALL
  SELECT ${LOST}, ${LOST}, g - 1 - greatest(0, p - h, ${LOST}) FROM seg WHERE g - 2 >= greatest(0, p - h, ${LOST})
  UNION ALL
  SELECT least(g - 1, ${LOST}), 0, 1 FROM seg WHERE next_p >= 0 AND next_p < h
)
SELECT CAST(from_state AS INTEGER) AS from_state, CAST(to_state AS INTEGER) AS to_state, CAST(sum(n) AS BIGINT) AS transitions
FROM moves GROUP BY from_state, to_state ORDER BY from_state, to_state`;
}

/**
 * Per state with at least one customer-period (parameters as `markovTransitionsSql`): `state`, `customer_periods`,
 * `revenue` (their net revenue) and `mean_revenue` (per customer-period, returns netted), ordered by state.
 */
export function markovStateRevenueSql(): string {
  return `WITH ${periodsCte(true)},
occ AS (
  SELECT state, 1 AS n
  FROM (SELECT unnest(generate_series(greatest(0, p - h + 1), least(g - 1, ${LOST} - 1))) AS state FROM seg) w
  UNION ALL
  SELECT ${LOST}, g - greatest(0, p - h + 1, ${LOST}) FROM seg WHERE g - 1 >= greatest(0, p - h + 1, ${LOST})
),
occupancy AS (SELECT state, sum(n) AS customer_periods FROM occ GROUP BY state),
money AS (
  SELECT least(last_p - k, ${LOST}) AS state, sum(revenue) AS revenue
  FROM (
    SELECT k, revenue,
      min(CASE WHEN bought THEN k END) OVER (PARTITION BY customer_id ORDER BY k DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS last_p
    FROM cp
  ) r
  WHERE last_p IS NOT NULL AND (CAST($3 AS INTEGER) IS NULL OR k < CAST($3 AS INTEGER))
  GROUP BY 1
)
SELECT CAST(o.state AS INTEGER) AS state, CAST(o.customer_periods AS BIGINT) AS customer_periods,
  CAST(coalesce(m.revenue, 0) AS DECIMAL(18,2)) AS revenue,
  CAST(coalesce(m.revenue, 0) AS DOUBLE) / o.customer_periods AS mean_revenue
FROM occupancy o LEFT JOIN money m ON m.state = o.state
ORDER BY o.state`;
}

/** The query of every customer's state in period 0 (`$1` = as-of date, `$2` = lostAfter): customer_id, state. */
function currentStates(): string {
  return `WITH ${periodsCte(false)}
SELECT customer_id, CAST(least(min(k), ${LOST}) AS INTEGER) AS state FROM cp WHERE bought GROUP BY customer_id`;
}

/**
 * Per customer with a purchase up to the as-of date (`$1`; `$2` = lostAfter): `customer_id`, `state` in period 0
 * (0 bought in it, …, lostAfter = lost), ordered by customer_id.
 */
export function markovCurrentStatesSql(): string {
  return `${currentStates()} ORDER BY customer_id`;
}

/** Customers per current state (`$1`, `$2` as `markovCurrentStatesSql`): state, customers, ordered by state. */
export function markovStateCustomersSql(): string {
  return `SELECT state, CAST(count(*) AS BIGINT) AS customers FROM (${currentStates()}) s GROUP BY state ORDER BY state`;
}

/**
 * Per customer (`$1`, `$2` as `markovCurrentStatesSql`): customer_id, state and `clv`, the value of their state
 * (`clv[state]`, as `markovClv` gives it), the highest first.
 */
export function markovCustomerClvSql(clv: readonly number[]): string {
  const values = clv.length ? clv.map((v) => `${sqlNumber(v)}::DOUBLE`).join(', ') : 'NULL::DOUBLE';
  return `SELECT customer_id, state, list_extract([${values}], state + 1) AS clv
FROM (${currentStates()}) s ORDER BY clv DESC NULLS LAST, customer_id`;
}

/** A row of `markovTransitionsSql`. */
export type TransitionCount = {
  from_state: number;
  to_state: number;
  transitions: number;
};

/** A row of `markovStateRevenueSql` (`revenue`, the total, is not needed). */
export type StateRevenue = {
  state: number;
  customer_periods: number;
  mean_revenue: number;
};

export interface MarkovOptions {
  /** The state "lost" (periods without a purchase); states are 0 … lostAfter. */
  lostAfter?: number;
  /** The horizon N, in periods (default 36). */
  periods?: number;
  /** The discount rate per period (month), d (default 0.01). */
  monthlyDiscount?: number;
}

export interface MarkovChain {
  lostAfter: number;
  /** P[i][j]: the probability of moving from state i to state j in one period; every row sums to 1. */
  P: number[][];
  /** R[i]: the expected net revenue of a customer-period in state i (0 for "lost" and for unseen states). */
  R: number[];
  /** V[i] = Σ_{t=1..N} (1+d)^−t (Pᵗ R)[i]: the value of a customer in state i now. */
  clv: number[];
  /** Moves observed out of each state ("lost": those back to 0 too, left out of P). */
  exits: number[];
  /** Customer-periods observed in each state. */
  customerPeriods: number[];
}

/** A state's name in the export: its number, or `lost`. */
export function stateLabel(state: number, lostAfter: number): string {
  return state === lostAfter ? 'lost' : String(state);
}

/**
 * The chain from the observed counts.
 * - P: each row is the observed moves out of the state divided by their number. "Lost" is absorbing:
 *   P(lost → lost) = 1 whatever was observed (customers who came back after `lostAfter` periods are left out) and
 *   its revenue is 0. A state below "lost" with no observed move out moves to the next state with probability 1 (no
 *   evidence of a purchase: the customer ages one period).
 * - R: `mean_revenue` of each state (0 when it has no customer-period).
 * - V = Σ_{t=1..N} (1+d)^−t Pᵗ R: future periods only (the current period's revenue is not included), discounted per
 *   month from the first future period on, as the CLV view discounts a BG/NBD forecast, so the two compare.
 * Counts for states outside 0 … lostAfter are ignored.
 */
export function markovClv(counts: readonly TransitionCount[], revenue: readonly StateRevenue[], opts: MarkovOptions = {}): MarkovChain {
  const L = Math.round(opts.lostAfter ?? DEFAULT_LOST_AFTER);
  if (!Number.isFinite(L) || L < 1) throw new Error(`lostAfter must be a whole number ≥ 1: ${opts.lostAfter}`);
  const N = Math.max(0, Math.round(opts.periods ?? DEFAULT_MARKOV_PERIODS));
  const d = opts.monthlyDiscount ?? DEFAULT_MONTHLY_DISCOUNT;
  if (!Number.isFinite(d) || d <= -1) throw new Error(`the discount rate must be > −1: ${d}`);
  const S = L + 1;
  const inRange = (s: number) => Number.isInteger(s) && s >= 0 && s <= L;

  const moves = Array.from({ length: S }, () => new Array<number>(S).fill(0));
  const exits = new Array<number>(S).fill(0);
  for (const c of counts) {
    const n = Number(c.transitions);
    if (!inRange(c.from_state) || !inRange(c.to_state) || !(n > 0)) continue;
    moves[c.from_state][c.to_state] += n;
    exits[c.from_state] += n;
  }
  const P = moves.map((row, i) => {
    const out = new Array<number>(S).fill(0);
    if (i === L) out[L] = 1;
    else if (exits[i] > 0) row.forEach((n, j) => (out[j] = n / exits[i]));
    else out[i + 1] = 1;
    return out;
  });

  const R = new Array<number>(S).fill(0);
  const customerPeriods = new Array<number>(S).fill(0);
  for (const r of revenue) {
    if (!inRange(r.state)) continue;
    customerPeriods[r.state] = Number(r.customer_periods);
    if (r.state !== L && Number(r.customer_periods) > 0 && Number.isFinite(r.mean_revenue)) R[r.state] = r.mean_revenue;
  }

  const clv = new Array<number>(S).fill(0);
  let y = R.slice();
  for (let t = 1; t <= N; t++) {
    y = P.map((row) => row.reduce((sum, p, j) => sum + p * y[j], 0));
    const f = (1 + d) ** -t;
    for (let i = 0; i < S; i++) clv[i] += f * y[i];
  }
  return { lostAfter: L, P, R, clv, exits, customerPeriods };
}

/** A row of `markov_clv.csv`. */
export interface MarkovExportRow {
  state: string;
  customers: number;
  expected_revenue_per_period: number;
  clv: number;
}

/**
 * `markov_clv.csv` (write it with `rowsToCsv`): one row per state, 0 … lost, with the customers in it now
 * (`customers`, from `markovStateCustomersSql`), R and V rounded to cents.
 */
export function markovExportRows(chain: MarkovChain, customers: readonly { state: number; customers: number }[]): MarkovExportRow[] {
  const now = new Map(customers.map((c) => [c.state, Number(c.customers)]));
  const cents = (v: number) => Math.round(v * 100) / 100;
  return chain.R.map((r, s) => ({
    state: stateLabel(s, chain.lostAfter),
    customers: now.get(s) ?? 0,
    expected_revenue_per_period: cents(r),
    clv: cents(chain.clv[s]),
  }));
}
