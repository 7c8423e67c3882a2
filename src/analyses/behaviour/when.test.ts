import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { BEHAVIOUR_FIXTURE, createTransactions } from '../../../test/helpers/behaviour-fixture';
import { weekdayHourSql } from './weekday-hour';
import { monthlyYoySql } from './monthly-yoy';

describe('when customers buy', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await NodeDb.create();
    await createTransactions(db, BEHAVIOUR_FIXTURE);
  });
  afterAll(() => db.close());

  it('counts purchases per ISO weekday and hour, all 168 cells, revenue net of returns', async () => {
    const rows = await db.query<{ weekday: number; hour: number; orders: number; revenue: number }>(weekdayHourSql(), ['2024-03-31']);
    expect(rows.length).toBe(168);
    expect(rows[0]).toEqual({ weekday: 1, hour: 0, orders: 0, revenue: 0 });
    // c3's return o6 (Friday 12:00) is no purchase (it used to count as an order); its −0.99 counts at its time.
    expect(rows.filter((r) => r.orders > 0 || r.revenue !== 0)).toEqual([
      { weekday: 2, hour: 9, orders: 1, revenue: 499.99 },
      { weekday: 4, hour: 12, orders: 1, revenue: 2.97 },
      { weekday: 5, hour: 12, orders: 0, revenue: -0.99 },
      { weekday: 7, hour: 9, orders: 1, revenue: 3.99 },
      { weekday: 7, hour: 18, orders: 1, revenue: 25 },
      { weekday: 7, hour: 23, orders: 1, revenue: 1.5 },
    ]);
  });

  it('compares each month with the same month a year before, empty months 0', async () => {
    // March 2024: purchases o2 (25) and o4 (1.50), the return o6 (−0.99): revenue 25.51, 2 purchases (o6 used to be
    // a third order).
    const rows = await db.query(monthlyYoySql(), ['2024-03-31']);
    expect(rows.length).toBe(13);
    expect(rows[0]).toEqual({ month: '2023-03-01', year: 2023, month_of_year: 3, revenue: 3.99, orders: 1, previous_year_revenue: null, yoy_change: null, partial: false });
    expect(rows[1]).toEqual({ month: '2023-04-01', year: 2023, month_of_year: 4, revenue: 0, orders: 0, previous_year_revenue: null, yoy_change: null, partial: false });
    expect(rows.slice(10)).toEqual([
      { month: '2024-01-01', year: 2024, month_of_year: 1, revenue: 499.99, orders: 1, previous_year_revenue: null, yoy_change: null, partial: false },
      { month: '2024-02-01', year: 2024, month_of_year: 2, revenue: 2.97, orders: 1, previous_year_revenue: null, yoy_change: null, partial: false },
      { month: '2024-03-01', year: 2024, month_of_year: 3, revenue: 25.51, orders: 2, previous_year_revenue: 3.99, yoy_change: 21.52 / 3.99, partial: false },
    ]);
  });

  it('flags the as-of month as partial when the as-of date is not its last day', async () => {
    // Up to 03-15: o2 (25) and the return o6 (−0.99): one purchase.
    const rows = await db.query(monthlyYoySql(), ['2024-03-15']);
    expect(rows.at(-1)).toEqual({ month: '2024-03-01', year: 2024, month_of_year: 3, revenue: 24.01, orders: 1, previous_year_revenue: 3.99, yoy_change: 20.02 / 3.99, partial: true });
  });

  it('compares with 0 as a previous year with no orders (no change figure) inside the data', async () => {
    const rows = await db.query<{ month: string; previous_year_revenue: number | null; yoy_change: number | null }>(monthlyYoySql(), ['2024-04-30']);
    expect(rows.at(-1)).toMatchObject({ month: '2024-04-01', previous_year_revenue: 0, yoy_change: null });
  });
});
