import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { createTransactions, ordersOn } from '../../../test/helpers/behaviour-fixture';
import { churnWindowSql, clampWindow, effectiveWindow, FALLBACK_WINDOW_DAYS } from './churn-window';

describe('default churn window', () => {
  let db: NodeDb;
  beforeAll(async () => (db = await NodeDb.create()));
  afterAll(() => db.close());

  it('is the 90th percentile of gaps between purchase days: gaps 10, 20, …, 100 give 91', async () => {
    // One customer buying on day 0, 10, 30, 60, … so that the ten gaps are 10, 20, …, 100.
    // Position 0.9 × (10 − 1) = 8.1 in the sorted gaps: 90 + 0.1 × (100 − 90) = 91.
    const days = [0, 10, 30, 60, 100, 150, 210, 280, 360, 450, 550];
    const dates = days.map((d) => new Date(Date.UTC(2023, 0, 1) + d * 86400000).toISOString().slice(0, 10));
    await createTransactions(db, ordersOn('a', dates));
    expect(await db.query(churnWindowSql(), ['2024-12-31'])).toEqual([{ p90_days: 91, gaps: 10, median_gap_days: 55 }]);
  });

  it('rounds half days up (gaps 10 and 15: 10 + 0.9 × 5 = 14.5 → 15) and counts one purchase day per date', async () => {
    await createTransactions(db, [
      ...ordersOn('a', ['2024-01-01', '2024-01-11', '2024-01-26']),
      { c: 'a', o: 'same-day', ts: '2024-01-26 18:00:00', amount: 5 },
    ]);
    expect(await db.query(churnWindowSql(), ['2024-12-31'])).toEqual([{ p90_days: 15, gaps: 2, median_gap_days: 12.5 }]);
  });

  it('counts days with a purchase; days with only returns and purchases after the as-of date are left out', async () => {
    // Purchase days 01-01 and 01-21: one gap of 20. The return on 01-05 makes no purchase day; the larger return on
    // 01-21 does not undo that day's purchase (summing the day, 10 − 30 < 0, would have dropped it: no gap at all).
    await createTransactions(db, [
      ...ordersOn('a', ['2024-01-01', '2024-01-21']),
      { c: 'a', o: 'ret', ts: '2024-01-05', amount: -10 },
      { c: 'a', o: 'ret2', ts: '2024-01-21 12:00:00', amount: -30 },
      { c: 'a', o: 'later', ts: '2024-06-01', amount: 10 },
    ]);
    expect(await db.query(churnWindowSql(), ['2024-03-01'])).toEqual([{ p90_days: 20, gaps: 1, median_gap_days: 20 }]);
  });

  it('makes no purchase day of an order whose lines net to 0', async () => {
    // a: purchases 01-01 and 01-31 (gap 30); the order on 01-11 nets +10 − 10 = 0: neither purchase nor return.
    await createTransactions(db, [
      ...ordersOn('a', ['2024-01-01', '2024-01-31']),
      { c: 'a', o: 'zero', ts: '2024-01-11', amount: 10 },
      { c: 'a', o: 'zero', ts: '2024-01-11', amount: -10 },
    ]);
    expect(await db.query(churnWindowSql(), ['2024-03-01'])).toEqual([{ p90_days: 30, gaps: 1, median_gap_days: 30 }]);
  });

  it('has no default when every customer bought once, and then falls back to 365 days', async () => {
    await createTransactions(db, [...ordersOn('a', ['2024-01-01']), ...ordersOn('b', ['2024-02-01'])]);
    const [row] = await db.query<{ p90_days: number | null; gaps: number }>(churnWindowSql(), ['2024-12-31']);
    expect(row).toEqual({ p90_days: null, gaps: 0, median_gap_days: null });
    expect(effectiveWindow(null, row.p90_days)).toBe(FALLBACK_WINDOW_DAYS);
    expect(FALLBACK_WINDOW_DAYS).toBe(365);
  });

  it('uses the user’s window when set, as whole days between 1 and 3650', () => {
    expect(effectiveWindow(45, 91)).toBe(45);
    expect(effectiveWindow(null, 91)).toBe(91);
    expect(clampWindow(0)).toBe(1);
    expect(clampWindow(44.6)).toBe(45);
    expect(clampWindow(99999)).toBe(3650);
  });
});
