import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { loadEventFixture, type FixtureEvent } from '../../../test/helpers/event-fixture';
import { nextEventSql, pathsSql, sankeySql } from './paths';

const at = (time: string) => `2024-06-03 ${time}`;
// Sessions at a 30-minute gap: S1 view, view, cart, purchase; S2 view (u1 again 100 min later: no transition from
// S1's purchase); S3 view, cart (same second, later id), view, other; S4 cart, purchase (one session id, 2 h apart).
const EVENTS: FixtureEvent[] = [
  { user: 'u1', ts: at('10:00:00'), type: 'view' },
  { user: 'u1', ts: at('10:05:00'), type: 'view' },
  { user: 'u1', ts: at('10:10:00'), type: 'cart' },
  { user: 'u1', ts: at('10:20:00'), type: 'buy' },
  { user: 'u1', ts: at('12:00:00'), type: 'view' },
  { user: 'u2', ts: at('10:00:00'), type: 'view' },
  { user: 'u2', ts: at('10:00:00'), type: 'cart' },
  { user: 'u2', ts: at('10:10:00'), type: 'view' },
  { user: 'u2', ts: at('10:15:00'), type: 'scroll' },
  { user: 'u3', ts: at('09:00:00'), type: 'cart', session: 'x' },
  { user: 'u3', ts: at('11:00:00'), type: 'buy', session: 'x' },
];

let db: NodeDb;
beforeAll(async () => {
  db = await NodeDb.create();
  await loadEventFixture(db, EVENTS);
});
afterAll(() => db.close());

const link = (from_event: string, to_event: string, transitions: number, share_of_from: number) =>
  ({ from_event, to_event, transitions, share_of_from });

describe('paths', () => {
  it('counts transitions within sessions and their share of the transitions from the same event', async () => {
    // From view (4): → cart in S1 and S3, → view in S1, → other in S3. From cart (3): → purchase in S1 and S4, → view in S3.
    expect(await db.query(pathsSql(30))).toEqual([
      link('cart', 'purchase', 2, 0.6667),
      link('cart', 'view', 1, 0.3333),
      link('view', 'cart', 2, 0.5),
      link('view', 'other', 1, 0.25),
      link('view', 'view', 1, 0.25),
    ]);
  });

  it('writes the columns of paths.csv', async () => {
    const csv = new TextDecoder().decode(await db.exportCsv(pathsSql(30))).trim().split('\n');
    expect(csv.slice(0, 2)).toEqual(['from_event,to_event,transitions,share_of_from', 'cart,purchase,2,0.6667']);
  });

  it('lists the events after one event', async () => {
    expect(await db.query(nextEventSql(30), ['cart'])).toEqual([link('cart', 'purchase', 2, 0.6667), link('cart', 'view', 1, 0.3333)]);
    expect(await db.query(nextEventSql(30), ['purchase'])).toEqual([]);
  });

  it('links the first events of each session, with exits', async () => {
    // Step 1 (1st → 2nd event): S1 view → view, S2 view → exit, S3 view → cart, S4 cart → purchase.
    // Step 2 (2nd → 3rd): S1 view → cart, S3 cart → view, S4 purchase → exit; S2 has ended.
    const l = (step: number, from_event: string, to_event: string) => ({ step, from_event, to_event, sessions: 1 });
    expect(await db.query(sankeySql(30, 3))).toEqual([
      l(1, 'cart', 'purchase'), l(1, 'view', 'cart'), l(1, 'view', 'exit'), l(1, 'view', 'view'),
      l(2, 'cart', 'view'), l(2, 'purchase', 'exit'), l(2, 'view', 'cart'),
    ]);
    // At a 2-hour gap S2's view joins S1 (100 min later), so no session exits at step 1.
    expect((await db.query(sankeySql(120, 2)))).toEqual([l(1, 'cart', 'purchase'), l(1, 'view', 'cart'), l(1, 'view', 'view')]);
    expect(() => sankeySql(30, 1)).toThrow();
  });
});
