import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { loadEventFixture, type FixtureEvent } from '../../../test/helpers/event-fixture';
import { funnelBreakdownSql, funnelSql, type FunnelStep } from './funnel';

const EVENTS: FixtureEvent[] = [
  // u1: view → cart 2 h later → purchase 4 h after that.
  { user: 'u1', ts: '2024-04-01 10:00:00', type: 'view', device: 'mobile' },
  { user: 'u1', ts: '2024-04-01 12:00:00', type: 'cart' },
  { user: 'u1', ts: '2024-04-01 16:00:00', type: 'buy' },
  // u2: the cart comes before the view, so it does not count; the purchase then has no cart before it.
  { user: 'u2', ts: '2024-04-01 09:00:00', type: 'cart' },
  { user: 'u2', ts: '2024-04-01 10:00:00', type: 'view', device: 'desktop' },
  { user: 'u2', ts: '2024-04-01 11:00:00', type: 'buy' },
  // u3: the purchase comes exactly 24 h after the view: in the window.
  { user: 'u3', ts: '2024-04-02 08:00:00', type: 'view', device: 'mobile' },
  { user: 'u3', ts: '2024-04-02 09:00:00', type: 'cart' },
  { user: 'u3', ts: '2024-04-03 08:00:00', type: 'buy' },
  // u4: the purchase comes 24 h 1 s after the view: out of it.
  { user: 'u4', ts: '2024-04-02 08:00:00', type: 'view', device: 'desktop' },
  { user: 'u4', ts: '2024-04-02 20:00:00', type: 'cart' },
  { user: 'u4', ts: '2024-04-03 08:00:01', type: 'buy' },
  // u5 enters at the first view; the complete path four days later is out of that view's window.
  { user: 'u5', ts: '2024-04-01 00:00:00', type: 'view', device: 'desktop' },
  { user: 'u5', ts: '2024-04-05 00:00:00', type: 'view', device: 'mobile' },
  { user: 'u5', ts: '2024-04-05 00:10:00', type: 'cart' },
  { user: 'u5', ts: '2024-04-05 00:20:00', type: 'buy' },
  // u6: the cart at the very second of the view (listed first, a lower id) counts; a Sunday.
  { user: 'u6', ts: '2024-03-31 12:00:00', type: 'cart' },
  { user: 'u6', ts: '2024-03-31 12:00:00', type: 'product_view', role: 'view' },
  { user: 'u6', ts: '2024-03-31 12:30:00', type: 'buy' },
];

const STEPS: FunnelStep[] = [{ roles: ['view'] }, { roles: ['cart'] }, { roles: ['purchase'] }];
const row = (step: number, event: string, users: number, prev: number | null, first: number | null, hours: number | null) =>
  ({ step, event, users, conversion_from_previous: prev, conversion_from_first: first, median_hours_from_previous: hours });

let db: NodeDb;
beforeAll(async () => {
  db = await NodeDb.create();
  await loadEventFixture(db, EVENTS);
});
afterAll(() => db.close());

describe('funnel per user', () => {
  it('follows each user from the first step-1 event, in order and within the window', async () => {
    // Step 1: all six. Step 2: u1 (2 h), u3 (1 h), u4 (12 h), u6 (0 h) = 4, 4 / 6 = 0.6667; median of 0, 1, 2, 12 = 1.5.
    // Step 3: u1 (4 h), u3 (23 h), u6 (0.5 h) = 3: 3 / 4 = 0.75, 3 / 6 = 0.5; median 4.
    expect(await db.query(funnelSql(STEPS, { by: 'user', windowHours: 24 }))).toEqual([
      row(1, 'view', 6, 1, 1, null),
      row(2, 'cart', 4, 0.6667, 0.6667, 1.5),
      row(3, 'purchase', 3, 0.75, 0.5, 4),
    ]);
  });

  it('matches a raw event type and labels the step with it', async () => {
    // Only u6 has a 'product_view'; its purchase is 30 min later.
    expect(await db.query(funnelSql([{ types: ['product_view'] }, { roles: ['purchase'] }], { by: 'user', windowHours: 1 }))).toEqual([
      row(1, 'product_view', 1, 1, 1, null),
      row(2, 'purchase', 1, 1, 1, 0.5),
    ]);
  });

  it('does not take one event for two steps', async () => {
    // view → view needs a second view: within 24 h nobody has one (step 2 empty: shares 0, no median); within 100 h
    // u5's view 96 h later counts.
    const viewTwice = [{ roles: ['view'] }, { roles: ['view'] }] as FunnelStep[];
    expect(await db.query(funnelSql(viewTwice, { by: 'user', windowHours: 24 }))).toEqual([
      row(1, 'view', 6, 1, 1, null),
      row(2, 'view', 0, 0, 0, null),
    ]);
    expect((await db.query(funnelSql(viewTwice, { by: 'user', windowHours: 100 })))[1]).toEqual(row(2, 'view', 1, 0.1667, 0.1667, 96));
  });

  it('writes the columns of funnel.csv and refuses a step without a role or type', async () => {
    const csv = new TextDecoder().decode(await db.exportCsv(funnelSql(STEPS, { by: 'user', windowHours: 24 }))).trim().split('\n');
    expect(csv[0]).toBe('step,event,users,conversion_from_previous,conversion_from_first,median_hours_from_previous');
    expect(csv[1]).toBe('1,view,6,1.0,1.0,');
    expect(() => funnelSql([{}], { by: 'user', windowHours: 24 })).toThrow();
    expect(() => funnelSql([{ roles: ['view'], types: ['pv'] }], { by: 'user', windowHours: 24 })).toThrow();
  });

  it('has NULL shares when nobody enters', async () => {
    expect(await db.query(funnelSql([{ types: ['nothing'] }, { roles: ['cart'] }], { by: 'user', windowHours: 24 }))).toEqual([
      row(1, 'nothing', 0, null, null, null),
      row(2, 'cart', 0, null, null, null),
    ]);
  });
});

describe('funnel per session (30-minute gap)', () => {
  it('runs the funnel inside each session', async () => {
    // Sessions with a view: u1's, u2's (its cart 60 min earlier is another session), u3's and u4's (their carts
    // come 1 h and 12 h later: other sessions), u5's on 04-01 and its 04-05 session, u6's (purchase exactly 30 min
    // after the view: same session) = 7. Only u5's second session (cart +10 min, purchase +10 min) and u6's
    // (0 h, 0.5 h) go on: 2 / 7 = 0.2857. Medians: (1/6 + 0) / 2 = 0.0833 → 0.08; (1/6 + 1/2) / 2 = 0.3333 → 0.33.
    expect(await db.query(funnelSql(STEPS, { by: 'session', windowHours: 24 }))).toEqual([
      row(1, 'view', 7, 1, 1, null),
      row(2, 'cart', 2, 0.2857, 0.2857, 0.08),
      row(3, 'purchase', 2, 1, 0.2857, 0.33),
    ]);
  });
});

describe('funnel breakdown', () => {
  const breakdown = (dimension: Parameters<typeof funnelBreakdownSql>[2]) =>
    db.query(funnelBreakdownSql(STEPS, { by: 'user', windowHours: 24 }, dimension));
  const rows = (value: string | null, users: number[], shares: number[]) =>
    users.map((n, i) => ({ dimension_value: value, step: i + 1, event: ['view', 'cart', 'purchase'][i], users: n, conversion_from_first: shares[i] }));

  it('splits by the device of the step-1 event', async () => {
    // desktop: u2 (step 1), u4 (step 2), u5 (entered on desktop; its later mobile view is not its entry): 3, 1, 0.
    // mobile: u1, u3 (both to the end); no device: u6.
    expect(await breakdown('device')).toEqual([
      ...rows('desktop', [3, 1, 0], [1, 0.3333, 0]),
      ...rows('mobile', [2, 2, 2], [1, 1, 1]),
      ...rows(null, [1, 1, 1], [1, 1, 1]),
    ]);
  });

  it('splits by the day and the ISO week of the step-1 event', async () => {
    // 03-31: u6. 04-01: u1 (3 steps), u2 (1), u5 (1). 04-02: u3 (3), u4 (2).
    expect(await breakdown('day')).toEqual([
      ...rows('2024-03-31', [1, 1, 1], [1, 1, 1]),
      ...rows('2024-04-01', [3, 1, 1], [1, 0.3333, 0.3333]),
      ...rows('2024-04-02', [2, 2, 1], [1, 1, 0.5]),
    ]);
    // Sunday 03-31 belongs to the week of Monday 03-25; 04-01 is a Monday: u1–u5 give 5, 3 (u1, u3, u4), 2 (u1, u3).
    expect(await breakdown('week')).toEqual([
      ...rows('2024-03-25', [1, 1, 1], [1, 1, 1]),
      ...rows('2024-04-01', [5, 3, 2], [1, 0.6, 0.4]),
    ]);
  });
});

describe('the funnel by RFM segment', () => {
  it('splits by the segment of the user’s customer, users who are no customer apart', async () => {
    const db = await NodeDb.create();
    await loadEventFixture(db, [
      { user: 'a', ts: '2024-04-01 10:00:00', type: 'view' },
      { user: 'a', ts: '2024-04-01 11:00:00', type: 'buy' },
      { user: 'b', ts: '2024-04-01 10:00:00', type: 'view' },
      { user: 'v', ts: '2024-04-01 10:00:00', type: 'view' },
      { user: 'v', ts: '2024-04-01 10:30:00', type: 'fav' },
    ]);
    await db.exec(`CREATE TABLE segs AS SELECT * FROM (VALUES ('a', 'champions'), ('b', 'champions')) t(customer_id, segment_key)`);
    // champions: a and b view, a buys (1 of 2); v is no customer: views and favourites, buys nothing.
    const rows = await db.query(funnelBreakdownSql([{ roles: ['view'] }, { roles: ['cart', 'favourite', 'purchase'] }], { by: 'user', windowHours: 24 }, { segmentsOf: 'segs' }));
    expect(rows).toEqual([
      { dimension_value: 'champions', step: 1, event: 'view', users: 2, conversion_from_first: 1 },
      { dimension_value: 'champions', step: 2, event: 'cart|favourite|purchase', users: 1, conversion_from_first: 0.5 },
      { dimension_value: null, step: 1, event: 'view', users: 1, conversion_from_first: 1 },
      { dimension_value: null, step: 2, event: 'cart|favourite|purchase', users: 1, conversion_from_first: 1 },
    ]);
    db.close();
  });
});
