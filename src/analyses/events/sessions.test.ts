import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { loadEventFixture, type FixtureEvent } from '../../../test/helpers/event-fixture';
import { eventSessionsTable, sessionKeySql, sessionsSql, sessionSummarySql } from './sessions';

// Event ids are the positions, 1-based.
const EVENTS: FixtureEvent[] = [
  { user: 'a', ts: '2024-03-01 10:00:00', type: 'pv' }, // 1: a's first session
  { user: 'a', ts: '2024-03-01 10:30:00', type: 'pv' }, // 2: exactly 30 min later: same session
  { user: 'a', ts: '2024-03-01 11:00:01', type: 'cart' }, // 3: 30 min 1 s later: a new session
  { user: 'a', ts: '2024-03-01 11:10:01', type: 'buy' }, // 4: 10 min later: same session, a purchase
  { user: 'b', ts: '2024-03-01 09:00:00', type: 'pv', session: 's1' }, // 5
  { user: 'b', ts: '2024-03-01 12:00:00', type: 'pv', session: 's1' }, // 6: 3 h later, same id: same session
  { user: 'b', ts: '2024-03-01 12:05:00', type: 'pv', session: 's2' }, // 7: 5 min later, another id: a new session
  { user: 'b', ts: '2024-03-01 12:06:00', type: 'pv' }, // 8: no id: b's first session by the gap rule
  { user: 'c', ts: '2024-03-02 23:50:00', type: 'pv' }, // 9
  { user: 'c', ts: '2024-03-03 00:10:00', type: 'pv' }, // 10: 20 min later, after midnight: same session
  { user: 'd', ts: '2024-03-02 08:00:00', type: 'pv', session: 's1' }, // 11: b's id, another user: its own session
];

let db: NodeDb;
beforeAll(async () => {
  db = await NodeDb.create();
  await loadEventFixture(db, EVENTS);
});
afterAll(() => db.close());

const sessionsOf = async (gap: number) =>
  (await db.query<{ ids: number[] }>(`SELECT list(event_id ORDER BY event_id) AS ids FROM ${sessionKeySql(gap)}
    GROUP BY session_key ORDER BY min(event_id)`)).map((r) => r.ids);

describe('session keys', () => {
  it('cuts after more than the gap, keeps the file’s ids and keeps users apart', async () => {
    expect(await sessionsOf(30)).toEqual([[1, 2], [3, 4], [5, 6], [7], [8], [9, 10], [11]]);
  });

  it('follows the gap', async () => {
    // 60 min: a's gaps of 30 min, 30 min 1 s and 10 min all stay within it.
    expect(await sessionsOf(60)).toEqual([[1, 2, 3, 4], [5, 6], [7], [8], [9, 10], [11]]);
    // 0 min: only events at the same instant would share a session; b's and d's ids still hold.
    expect(await sessionsOf(0)).toEqual([[1], [2], [3], [4], [5, 6], [7], [8], [9], [10], [11]]);
  });

  it('refuses a duration that is not a number', () => {
    expect(() => sessionKeySql(Number.NaN)).toThrow();
    expect(() => sessionKeySql(-1)).toThrow();
  });
});

describe('sessions per day and overall', () => {
  it('counts sessions on the day they start', async () => {
    // 2024-03-01: a 1–2 (30 min), a 3–4 (10 min), b s1 (5–6, 180 min), b s2 (7, 0), b 8 (0): 5 sessions of a and b,
    //   2 + 2 + 2 + 1 + 1 = 8 events; lengths 0, 0, 10, 30, 180 → median 10; 2 of 5 bounce = 0.4.
    // 2024-03-02: c 9–10 (20 min, ends on the 3rd), d 11 (0): 2 sessions, 3 events, median (0 + 20) / 2 = 10, bounce 0.5.
    expect(await db.query(sessionsSql(30))).toEqual([
      { date: '2024-03-01', sessions: 5, users: 2, events: 8, median_session_minutes: 10, bounce_rate: 0.4 },
      { date: '2024-03-02', sessions: 2, users: 2, events: 3, median_session_minutes: 10, bounce_rate: 0.5 },
    ]);
  });

  it('sums up all sessions', async () => {
    // 7 sessions of 4 users: 1.75 each; lengths 0, 0, 0, 10, 20, 30, 180 → median 10; 11 events / 7 = 1.571 → 1.57;
    // bounce 3 / 7 = 0.42857 → 0.4286; one session (a 3–4) holds a purchase: 1 / 7 = 0.142857 → 0.1429.
    expect(await db.query(sessionSummarySql(30))).toEqual([{
      sessions: 7, users: 4, sessions_per_user: 1.75, median_session_minutes: 10, events_per_session: 1.57,
      bounce_rate: 0.4286, conversion_rate: 0.1429,
    }]);
  });

  it('writes the columns of sessions.csv', async () => {
    const csv = new TextDecoder().decode(await db.exportCsv(sessionsSql(30))).trim().split('\n');
    expect(csv[0]).toBe('date,sessions,users,events,median_session_minutes,bounce_rate');
    expect(csv[1]).toBe('2024-03-01,5,2,8,10.0,0.4');
  });

  it('gives zeros and NULLs without events', async () => {
    const empty = await NodeDb.create();
    await loadEventFixture(empty, []);
    expect(await empty.query(sessionSummarySql(30))).toEqual([{
      sessions: 0, users: 0, sessions_per_user: null, median_session_minutes: null, events_per_session: null,
      bounce_rate: null, conversion_rate: null,
    }]);
    expect(await empty.query(sessionsSql(30))).toEqual([]);
    empty.close();
  });
});

describe('the shared session table', () => {
  it('gives every session figure the same answer as computing the keys in the statement', async () => {
    const db = await NodeDb.create();
    await loadEventFixture(db, [
      { user: 'a', ts: '2024-01-01 10:00:00', type: 'pv' },
      { user: 'a', ts: '2024-01-01 10:30:00', type: 'cart' },
      { user: 'a', ts: '2024-01-01 11:00:01', type: 'buy' },
      { user: 'b', ts: '2024-01-02 09:00:00', type: 'pv', session: 's1' },
      { user: 'b', ts: '2024-01-02 12:00:00', type: 'pv', session: 's1' },
    ]);
    const table = eventSessionsTable(30);
    for (const st of table.build as { sql: string }[]) await db.exec(st.sql);
    const src = { table: table.name };
    expect(await db.query(sessionsSql(src))).toEqual(await db.query(sessionsSql(30)));
    expect(await db.query(sessionSummarySql(src))).toEqual(await db.query(sessionSummarySql(30)));
    // a: 10:00 and 10:30 (exactly 30 minutes) in one session, 11:00:01 a new one; b: one session by its id.
    expect((await db.query<{ sessions: number }>(sessionSummarySql(src)))[0]!.sessions).toBe(3);
    db.close();
  });
});

describe('purchase events as transaction lines', () => {
  it('writes them as CSV with quoting, a page at a time', async () => {
    const { purchaseCsvLines, purchasesPageSql } = await import('./purchases');
    const db = await NodeDb.create();
    await loadEventFixture(db, [
      { user: 'a', ts: '2024-01-01 10:00:00', type: 'buy', item: 'x,1', category: '女装' },
      { user: 'b', ts: '2024-01-02 10:00:00', type: 'pv' },
      { user: 'b', ts: '2024-01-03 10:00:00', type: 'buy', item: 'say "hi"', amount: 12.5 },
    ]);
    const first = await db.query(purchasesPageSql(), [1, 0]);
    const second = await db.query(purchasesPageSql(), [1, 1]);
    expect(purchaseCsvLines(first, true) + purchaseCsvLines(second, false)).toBe(
      'customer_id,order_date,amount,quantity,product,category,channel\n' +
      'a,2024-01-01 10:00:00,0,1,"x,1",女装,\n' +
      'b,2024-01-03 10:00:00,12.5,1,"say ""hi""",,\n',
    );
    db.close();
  });
});
