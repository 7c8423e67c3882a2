import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { loadEventFixture, type FixtureEvent } from '../../../test/helpers/event-fixture';
import { activeDaysSql, activitySql, hourWeekdaySql, userLifecycleSql } from './activity';

// Day n = 2024-01-n (day 32 = 02-01 … day 40 = 02-09). A: days 1 (twice) and 8; B: day 3; C: days 8 and 40.
const EVENTS: FixtureEvent[] = [
  { user: 'A', ts: '2024-01-01 09:15:00', type: 'pv' }, // Monday
  { user: 'A', ts: '2024-01-01 09:45:00', type: 'pv' },
  { user: 'A', ts: '2024-01-08 00:00:00', type: 'pv' }, // Monday
  { user: 'B', ts: '2024-01-03 23:59:59', type: 'pv' }, // Wednesday
  { user: 'C', ts: '2024-01-08 09:00:00', type: 'pv' },
  { user: 'C', ts: '2024-02-09 12:00:00', type: 'pv' }, // Friday
];

let db: NodeDb;
beforeAll(async () => {
  db = await NodeDb.create();
  await loadEventFixture(db, EVENTS);
});
afterAll(() => db.close());

const day = (date: string, dau: number, wau: number, mau: number, stickiness: number | null, newUsers: number) =>
  ({ date, dau, wau, mau, stickiness, new_users: newUsers, returning_users: dau - newUsers });

describe('daily, weekly and monthly active users', () => {
  it('counts each user once in the trailing windows, with every day present', async () => {
    const rows = await db.query(activitySql());
    expect(rows).toHaveLength(40);
    const at = new Map(rows.map((r) => [r.date, r]));
    // WAU of day t = days t−6 … t; MAU = days t−29 … t. A counts in WAU through day 7 (from day 1), then again from
    // day 8 through day 14, not on day 15; in MAU once on days 8 … 30 although both its days are in those windows.
    // B's day 3 counts in WAU through day 9 and in MAU through day 32; A's and C's day 8 in MAU through day 37.
    const dayOf = (n: number) => new Date(Date.UTC(2024, 0, n)).toISOString().slice(0, 10);
    expect([1, 2, 3, 7, 8, 9, 10, 14, 15, 32, 33, 37, 38, 40].map((n) => at.get(dayOf(n)))).toEqual([
      day('2024-01-01', 1, 1, 1, 1, 1),
      day('2024-01-02', 0, 1, 1, 0, 0),
      day('2024-01-03', 1, 2, 2, 0.5, 1),
      day('2024-01-07', 0, 2, 2, 0, 0),
      day('2024-01-08', 2, 3, 3, 0.6667, 1), // A returns, C is new
      day('2024-01-09', 0, 3, 3, 0, 0),
      day('2024-01-10', 0, 2, 3, 0, 0), // B's day 3 leaves the week
      day('2024-01-14', 0, 2, 3, 0, 0),
      day('2024-01-15', 0, 0, 3, 0, 0),
      day('2024-02-01', 0, 0, 3, 0, 0),
      day('2024-02-02', 0, 0, 2, 0, 0), // B's day 3 leaves the 30 days
      day('2024-02-06', 0, 0, 2, 0, 0),
      day('2024-02-07', 0, 0, 0, null, 0), // nobody in the 30 days: no stickiness
      day('2024-02-09', 1, 1, 1, 1, 0), // C returns
    ]);
  });

  it('writes the columns of activity.csv', async () => {
    const csv = new TextDecoder().decode(await db.exportCsv(activitySql())).trim().split('\n');
    expect(csv[0]).toBe('date,dau,wau,mau,stickiness,new_users,returning_users');
    expect(csv[8]).toBe('2024-01-08,2,3,3,0.6667,1,1');
  });

  it('has no rows without events', async () => {
    const empty = await NodeDb.create();
    await loadEventFixture(empty, []);
    expect(await empty.query(activitySql())).toEqual([]);
    empty.close();
  });

  it('counts users by active days per month', async () => {
    // January: A on days 1 and 8 (its two events on day 1 make one day), B and C on one day each. February: C.
    expect(await db.query(activeDaysSql())).toEqual([
      { month: '2024-01-01', active_days: 1, users: 2 },
      { month: '2024-01-01', active_days: 2, users: 1 },
      { month: '2024-02-01', active_days: 1, users: 1 },
    ]);
  });

  it('counts events and users per weekday and hour, all 168 cells', async () => {
    const rows = await db.query<{ weekday: number; hour: number; events: number; users: number }>(hourWeekdaySql());
    expect(rows).toHaveLength(168);
    // Monday 9 h: A twice on day 1, C on day 8 → 3 events of 2 users; Monday 0 h: A on day 8.
    expect(rows.filter((r) => r.events > 0)).toEqual([
      { weekday: 1, hour: 0, events: 1, users: 1 },
      { weekday: 1, hour: 9, events: 3, users: 2 },
      { weekday: 3, hour: 23, events: 1, users: 1 },
      { weekday: 5, hour: 12, events: 1, users: 1 },
    ]);
    expect(rows[0]).toEqual({ weekday: 1, hour: 0, events: 1, users: 1 });
    expect(rows[167]).toEqual({ weekday: 7, hour: 23, events: 0, users: 0 });
  });
});

describe('user lifecycle', () => {
  it('classes users per month', async () => {
    await loadEventFixture(db, [
      ...['2024-01-15', '2024-02-15', '2024-03-15'].map((d) => ({ user: 'P', ts: `${d} 10:00:00`, type: 'pv' })),
      ...['2024-01-31', '2024-03-01'].map((d) => ({ user: 'Q', ts: `${d} 10:00:00`, type: 'pv' })),
      { user: 'R', ts: '2024-02-29 10:00:00', type: 'pv' },
      ...['2024-01-01', '2024-04-30'].map((d) => ({ user: 'S', ts: `${d} 10:00:00`, type: 'pv' })),
    ]);
    // P: Jan, Feb, Mar; Q: Jan, Mar; R: Feb; S: Jan, Apr.
    // Feb: R new, P returning, Q and S gone. Mar: P returning, Q back, R gone. Apr: S back, P and Q gone.
    // (P and Q would be dormant in May, after the last period.)
    expect(await db.query(userLifecycleSql('month'))).toEqual([
      { period: '2024-01-01', new: 3, returning: 0, resurrecting: 0, dormant: 0 },
      { period: '2024-02-01', new: 1, returning: 1, resurrecting: 0, dormant: 2 },
      { period: '2024-03-01', new: 0, returning: 1, resurrecting: 1, dormant: 1 },
      { period: '2024-04-01', new: 0, returning: 0, resurrecting: 1, dormant: 2 },
    ]);
  });

  it('classes users per ISO week', async () => {
    await loadEventFixture(db, [
      { user: 'X', ts: '2024-01-07 10:00:00', type: 'pv' }, // Sunday: week of Monday 01-01
      { user: 'X', ts: '2024-01-08 10:00:00', type: 'pv' }, // Monday: week of 01-08
      { user: 'Y', ts: '2024-01-01 10:00:00', type: 'pv' },
      { user: 'Y', ts: '2024-01-21 10:00:00', type: 'pv' }, // Sunday: week of 01-15
    ]);
    expect(await db.query(userLifecycleSql('week'))).toEqual([
      { period: '2024-01-01', new: 2, returning: 0, resurrecting: 0, dormant: 0 },
      { period: '2024-01-08', new: 0, returning: 1, resurrecting: 0, dormant: 1 },
      { period: '2024-01-15', new: 0, returning: 0, resurrecting: 1, dormant: 1 },
    ]);
    await loadEventFixture(db, EVENTS);
  });
});
