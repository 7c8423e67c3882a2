import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { fileOf } from '../../../test/helpers/files';
import { MARKOV_AS_OF, MARKOV_CSV } from '../../../test/helpers/migration-fixture';
import { Dataset } from '../../ingest/loader';
import { rowsToCsv } from '../../export/rows-csv';
import {
  markovClv, markovCurrentStatesSql, markovCustomerClvSql, markovExportRows, markovStateCustomersSql,
  markovStateRevenueSql, markovTransitionsSql, type StateRevenue, type TransitionCount,
} from './markov';

type Matrix = number[][];
const mul = (a: Matrix, b: Matrix): Matrix => a.map((row) => b[0].map((_, j) => row.reduce((s, v, k) => s + v * b[k][j], 0)));
const sub = (a: Matrix, b: Matrix): Matrix => a.map((row, i) => row.map((v, j) => v - b[i][j]));
const eye = (n: number): Matrix => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
const power = (a: Matrix, t: number): Matrix => (t === 0 ? eye(a.length) : mul(a, power(a, t - 1)));
/** Gauss-Jordan solve of A X = B. */
function solve(a: Matrix, b: Matrix): Matrix {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...b[i]]);
  for (let c = 0; c < n; c++) {
    const pivot = m.reduce((best, row, r) => (r >= c && Math.abs(row[c]) > Math.abs(m[best][c]) ? r : best), c);
    [m[c], m[pivot]] = [m[pivot], m[c]];
    const div = m[c][c];
    m[c] = m[c].map((v) => v / div);
    for (let r = 0; r < n; r++) if (r !== c) m[r] = m[r].map((v, j) => v - m[r][c] * m[c][j]);
  }
  return m.map((row) => row.slice(n));
}

/*
 * States 0, 1 and lost (lostAfter = 2), observed: 0 → 0 six times, 0 → 1 four; 1 → 0 three, 1 → lost seven; lost → 0
 * twice and lost → lost five (made absorbing). P = [[.6, .4, 0], [.3, 0, .7], [0, 0, 1]], R = (100, 20, 0) (lost's
 * observed −3 forced to 0), d = 10 %.
 * N = 2: PR = (.6·100 + .4·20, .3·100, 0) = (68, 30, 0); P²R = P(68, 30, 0) = (.6·68 + .4·30, .3·68, 0) =
 * (52.8, 20.4, 0); V = PR/1.1 + P²R/1.21 = (680/11 + 480/11, 300/11 + 2040/121, 0) = (1160/11, 5340/121, 0).
 * N → ∞: V = (I − Q)⁻¹ Q R, Q = P/1.1; on the transient states u = V + R solves (I − Q)u = R:
 * [[5, −4], [−3, 11]] u = (1100, 220), det 43, u = (12980/43, 4400/43), V = u − R = (8680/43, 3540/43).
 */
const COUNTS: TransitionCount[] = [
  { from_state: 0, to_state: 0, transitions: 6 },
  { from_state: 0, to_state: 1, transitions: 4 },
  { from_state: 1, to_state: 0, transitions: 3 },
  { from_state: 1, to_state: 2, transitions: 7 },
  { from_state: 2, to_state: 0, transitions: 2 },
  { from_state: 2, to_state: 2, transitions: 5 },
];
const REVENUE: StateRevenue[] = [
  { state: 0, customer_periods: 10, mean_revenue: 100 },
  { state: 1, customer_periods: 10, mean_revenue: 20 },
  { state: 2, customer_periods: 7, mean_revenue: -3 },
];

describe('Markov-chain CLV', () => {
  it('estimates P from the counts with lost absorbing, and R with lost at 0', () => {
    const chain = markovClv(COUNTS, REVENUE, { lostAfter: 2, periods: 2, monthlyDiscount: 0.1 });
    expect(chain.P).toEqual([[0.6, 0.4, 0], [0.3, 0, 0.7], [0, 0, 1]]);
    expect(chain.R).toEqual([100, 20, 0]);
    expect(chain.exits).toEqual([10, 10, 7]);
    expect(chain.customerPeriods).toEqual([10, 10, 7]);
  });

  it('sums the discounted future revenue: N = 2 by hand, the closed form, and the infinite horizon', () => {
    const n2 = markovClv(COUNTS, REVENUE, { lostAfter: 2, periods: 2, monthlyDiscount: 0.1 }).clv;
    expect(n2[0]).toBeCloseTo(1160 / 11, 10);
    expect(n2[1]).toBeCloseTo(5340 / 121, 10);
    expect(n2[2]).toBe(0);
    const P = [[0.6, 0.4, 0], [0.3, 0, 0.7], [0, 0, 1]];
    const Q = P.map((row) => row.map((p) => p / 1.1));
    const R = [[100], [20], [0]];
    for (const N of [1, 2, 5, 12]) {
      // V = (I − Q)⁻¹ (Q − Q^{N+1}) R
      const closed = solve(sub(eye(3), Q), mul(sub(Q, power(Q, N + 1)), R)).map((r) => r[0]);
      const got = markovClv(COUNTS, REVENUE, { lostAfter: 2, periods: N, monthlyDiscount: 0.1 }).clv;
      got.forEach((v, i) => expect(v).toBeCloseTo(closed[i], 9));
    }
    const long = markovClv(COUNTS, REVENUE, { lostAfter: 2, periods: 600, monthlyDiscount: 0.1 }).clv;
    expect(long[0]).toBeCloseTo(8680 / 43, 8);
    expect(long[1]).toBeCloseTo(3540 / 43, 8);
    expect(markovClv(COUNTS, REVENUE, { lostAfter: 2, periods: 0 }).clv).toEqual([0, 0, 0]);
  });

  it('moves a state with no observed exit to the next state', () => {
    const chain = markovClv(COUNTS.filter((c) => c.from_state !== 1), REVENUE, { lostAfter: 2 });
    expect(chain.P[1]).toEqual([0, 0, 1]);
    expect(markovClv([], [], { lostAfter: 3 }).P).toEqual([[0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1], [0, 0, 0, 1]]);
  });
});

/*
 * The fixture (test/helpers/migration-fixture.ts) with lostAfter = 3, periods back from 2024-03-31, k = 5 … 0:
 *   x: buys in 5, 3, 0, a return (−10) in 2  → states 0 1 0 1 2 0; moves 0→1, 1→0, 0→1, 1→2, 2→0
 *   y: buys in 4                             → states 0 1 2 3 3 (k = 4 … 0); moves 0→1, 1→2, 2→lost, lost→lost
 *   z: a return in 2 before its first purchase (not in the chain), buys in 1 and 0 (25; 15 − 5) → 0 0; move 0→0
 * Customer-periods: state 0 x3 y1 z2 = 6 (50 + 30 + 40 + 20 + 25 + 10 = 175), 1: x2 y1 = 3 (−10), 2: x1 y1 = 2,
 * lost: y2 = 2. Now: x 0, y lost, z 0.
 * With the last 3 periods (k ≤ 2; moves into 2, 1, 0): x 0→1 (3→2), 1→2, 2→0; y 1→2, 2→lost, lost→lost; z 0→0.
 * Customer-periods: 0: x (k 0), z (1, 0) = 3 (40 + 25 + 10 = 75), 1: x (k 2, −10), 2: x (1), y (2), lost: y (1, 0).
 */
describe('Markov chain SQL', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await NodeDb.create();
    await new Dataset(db).add(fileOf('orders.csv', MARKOV_CSV));
  });
  afterAll(() => db.close());

  it('counts moves between consecutive months by hand', async () => {
    expect(await db.query(markovTransitionsSql(), [MARKOV_AS_OF, 3, null])).toEqual([
      { from_state: 0, to_state: 0, transitions: 1 },
      { from_state: 0, to_state: 1, transitions: 3 },
      { from_state: 1, to_state: 0, transitions: 1 },
      { from_state: 1, to_state: 2, transitions: 2 },
      { from_state: 2, to_state: 0, transitions: 1 },
      { from_state: 2, to_state: 3, transitions: 1 },
      { from_state: 3, to_state: 3, transitions: 1 },
    ]);
    expect(await db.query(markovTransitionsSql(), [MARKOV_AS_OF, 3, 3])).toEqual([
      { from_state: 0, to_state: 0, transitions: 1 },
      { from_state: 0, to_state: 1, transitions: 1 },
      { from_state: 1, to_state: 2, transitions: 2 },
      { from_state: 2, to_state: 0, transitions: 1 },
      { from_state: 2, to_state: 3, transitions: 1 },
      { from_state: 3, to_state: 3, transitions: 1 },
    ]);
  });

  it('gives each state its customer-periods and net revenue', async () => {
    const all = await db.query<StateRevenue & { revenue: number }>(markovStateRevenueSql(), [MARKOV_AS_OF, 3, null]);
    expect(all.map((r) => [r.state, r.customer_periods, r.revenue])).toEqual([[0, 6, 175], [1, 3, -10], [2, 2, 0], [3, 2, 0]]);
    expect(all[0].mean_revenue).toBeCloseTo(175 / 6, 10);
    expect(all[1].mean_revenue).toBeCloseTo(-10 / 3, 10);
    const last3 = await db.query(markovStateRevenueSql(), [MARKOV_AS_OF, 3, 3]);
    expect(last3).toEqual([
      { state: 0, customer_periods: 3, revenue: 75, mean_revenue: 25 },
      { state: 1, customer_periods: 1, revenue: -10, mean_revenue: -10 },
      { state: 2, customer_periods: 2, revenue: 0, mean_revenue: 0 },
      { state: 3, customer_periods: 2, revenue: 0, mean_revenue: 0 },
    ]);
  });

  it('gives the current states, the value per customer and markov_clv.csv', async () => {
    expect(await db.query(markovCurrentStatesSql(), [MARKOV_AS_OF, 3])).toEqual([
      { customer_id: 'x', state: 0 }, { customer_id: 'y', state: 3 }, { customer_id: 'z', state: 0 },
    ]);
    const customers = await db.query<{ state: number; customers: number }>(markovStateCustomersSql(), [MARKOV_AS_OF, 3]);
    expect(customers).toEqual([{ state: 0, customers: 2 }, { state: 3, customers: 1 }]);
    const chain = markovClv(
      await db.query<TransitionCount>(markovTransitionsSql(), [MARKOV_AS_OF, 3, null]),
      await db.query<StateRevenue>(markovStateRevenueSql(), [MARKOV_AS_OF, 3, null]),
      { lostAfter: 3, periods: 1, monthlyDiscount: 0 },
    );
    // P: 0 → (1/4 stay, 3/4 to 1); 1 → (1/3 to 0, 2/3 to 2); 2 → (1/2 to 0, 1/2 lost); lost absorbing.
    expect(chain.P).toEqual([[0.25, 0.75, 0, 0], [1 / 3, 0, 2 / 3, 0], [0.5, 0, 0, 0.5], [0, 0, 0, 1]]);
    // One period, undiscounted: V = P R with R = (175/6, −10/3, 0, 0).
    const R0 = 175 / 6;
    const expected = [0.25 * R0 + 0.75 * (-10 / 3), R0 / 3, 0.5 * R0, 0];
    chain.clv.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 10));
    const perCustomer = await db.query(markovCustomerClvSql(chain.clv), [MARKOV_AS_OF, 3]);
    expect(perCustomer.map((r) => r.customer_id)).toEqual(['x', 'z', 'y']);
    expect(perCustomer[0].clv).toBeCloseTo(expected[0], 10);
    expect(perCustomer[2]).toEqual({ customer_id: 'y', state: 3, clv: 0 });
    expect(rowsToCsv(markovExportRows(chain, customers)).trim().split('\r\n')).toEqual([
      'state,customers,expected_revenue_per_period,clv',
      `0,2,29.17,${Math.round(expected[0] * 100) / 100}`,
      '1,0,-3.33,9.72',
      '2,0,0,14.58',
      'lost,1,0,0',
    ]);
  });
});

/** y-m-d minus k months, the day clamped to the month's end (as DuckDB's DATE − INTERVAL). */
function monthsBefore(date: string, k: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) - k;
  const yy = Math.floor(index / 12);
  const mm = index % 12;
  const last = new Date(Date.UTC(yy, mm + 1, 0)).getUTCDate();
  return `${yy}-${String(mm + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The period of `date` as of `asOf` by walking the bounds: (asOf − (k+1) months, asOf − k months]. */
function periodOf(date: string, asOf: string): number {
  for (let k = 0; ; k++) if (date > monthsBefore(asOf, k + 1)) return k;
}

/** Every customer-period walked one by one (the definition), for comparison with the SQL's shortcut. */
function bruteForce(orders: { c: string; date: string; amount: number }[], asOf: string, L: number, H: number | null) {
  const moves = new Map<string, number>();
  const occ = new Map<number, { n: number; revenue: number }>();
  const current: Record<string, number> = {};
  const byCustomer = new Map<string, typeof orders>();
  for (const o of orders) if (o.date <= asOf) byCustomer.set(o.c, [...(byCustomer.get(o.c) ?? []), o]);
  for (const [c, list] of byCustomer) {
    const bought = new Set(list.filter((o) => o.amount > 0).map((o) => periodOf(o.date, asOf)));
    if (bought.size === 0) continue;
    const revenue = new Map<number, number>();
    for (const o of list) revenue.set(periodOf(o.date, asOf), (revenue.get(periodOf(o.date, asOf)) ?? 0) + o.amount);
    const first = Math.max(...bought);
    let last = first;
    let prev: number | null = null;
    for (let k = first; k >= 0; k--) {
      if (bought.has(k)) last = k;
      const state = Math.min(last - k, L);
      const used = H === null || k < H;
      if (prev !== null && used) moves.set(`${prev}>${state}`, (moves.get(`${prev}>${state}`) ?? 0) + 1);
      if (used) {
        const o = occ.get(state) ?? { n: 0, revenue: 0 };
        occ.set(state, { n: o.n + 1, revenue: o.revenue + (revenue.get(k) ?? 0) });
      }
      prev = state;
    }
    current[c] = prev!;
  }
  return { moves, occ, current };
}

describe('Markov chain SQL against the definition, on random orders', () => {
  let db: NodeDb;
  const orders: { c: string; date: string; amount: number }[] = [];
  beforeAll(async () => {
    let seed = 20240229;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const start = Date.UTC(2021, 10, 1);
    const span = Date.UTC(2024, 3, 15) - start;
    for (let c = 0; c < 40; c++) {
      const n = 1 + Math.floor(rand() * 8);
      for (let i = 0; i < n; i++) {
        const date = new Date(start + Math.floor(rand() * span / 86_400_000) * 86_400_000).toISOString().slice(0, 10);
        const amount = rand() < 0.15 ? -Math.round(rand() * 2000) / 100 : Math.round(rand() * 10000) / 100 + 1;
        orders.push({ c: `c${c}`, date, amount });
      }
    }
    // Month ends and the as-of dates themselves.
    orders.push({ c: 'e1', date: '2024-02-29', amount: 10 }, { c: 'e1', date: '2023-02-28', amount: 5 }, { c: 'e2', date: '2024-01-31', amount: 7 });
    db = await NodeDb.create();
    const values = orders.map((o, i) => `('${o.c}', 'o${i}', DATE '${o.date}', ${o.amount.toFixed(2)})`).join(',\n');
    await db.exec(`CREATE TABLE orders AS SELECT customer_id, order_id, CAST(d AS TIMESTAMP) + INTERVAL 13 HOUR AS order_ts, d AS order_date,
  CAST(a AS DECIMAL(18,2)) AS amount, CASE WHEN a > 0 THEN 'purchase' ELSE 'return' END AS kind
FROM (VALUES ${values}) v(customer_id, order_id, d, a)`);
  });
  afterAll(() => db.close());

  it.each([
    ['2024-02-29', 12, null], ['2024-02-29', 3, 5], ['2024-03-31', 1, null], ['2024-03-31', 2, 1], ['2023-12-15', 4, 13], ['2024-01-31', 6, null],
  ] as const)('as of %s, lost after %i, history %s', async (asOf, L, H) => {
    const want = bruteForce(orders, asOf, L, H);
    const moves = await db.query<TransitionCount>(markovTransitionsSql(), [asOf, L, H]);
    expect(new Map(moves.map((m) => [`${m.from_state}>${m.to_state}`, m.transitions]))).toEqual(want.moves);
    const occ = await db.query<StateRevenue & { revenue: number }>(markovStateRevenueSql(), [asOf, L, H]);
    expect(occ.map((r) => [r.state, r.customer_periods])).toEqual([...want.occ].sort((a, b) => a[0] - b[0]).map(([s, o]) => [s, o.n]));
    occ.forEach((r) => expect(r.revenue).toBeCloseTo(want.occ.get(r.state)!.revenue, 6));
    const current = await db.query<{ customer_id: string; state: number }>(markovCurrentStatesSql(), [asOf, L]);
    expect(Object.fromEntries(current.map((r) => [r.customer_id, r.state]))).toEqual(want.current);
    expect(moves.length).toBeGreaterThan(3);
  });
});
