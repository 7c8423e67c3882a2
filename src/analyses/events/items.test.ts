import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { loadEventFixture, type FixtureEvent } from '../../../test/helpers/event-fixture';
import { pageSql } from '../paging';
import { categoriesSql, itemsSql } from './items';

const at = (time: string) => `2024-05-01 ${time}`;
const EVENTS: FixtureEvent[] = [
  // i1 (shoes): u1 views, carts, buys; u2 buys before viewing; u3 views twice and favourites.
  { user: 'u1', ts: at('10:00:00'), type: 'view', item: 'i1', category: 'shoes' },
  { user: 'u1', ts: at('10:05:00'), type: 'cart', item: 'i1', category: 'shoes' },
  { user: 'u1', ts: at('10:10:00'), type: 'buy', item: 'i1', category: 'shoes' },
  { user: 'u2', ts: at('09:00:00'), type: 'buy', item: 'i1', category: 'shoes' },
  { user: 'u2', ts: at('10:00:00'), type: 'view', item: 'i1', category: 'shoes' },
  { user: 'u3', ts: at('11:00:00'), type: 'view', item: 'i1', category: 'shoes' },
  { user: 'u3', ts: at('11:30:00'), type: 'view', item: 'i1', category: 'shoes' },
  { user: 'u3', ts: at('11:31:00'), type: 'fav', item: 'i1', category: 'shoes' },
  // i2: shoes twice, bags once; u2 buys in the second of the view.
  { user: 'u2', ts: at('12:00:00'), type: 'view', item: 'i2', category: 'shoes' },
  { user: 'u2', ts: at('12:00:00'), type: 'buy', item: 'i2', category: 'shoes' },
  { user: 'u3', ts: at('13:00:00'), type: 'view', item: 'i2', category: 'bags' },
  // i3: bought unseen, no category. i4: categories 'b' and 'a' once each.
  { user: 'u1', ts: at('14:00:00'), type: 'buy', item: 'i3' },
  { user: 'u4', ts: at('15:00:00'), type: 'view', item: 'i4', category: 'b' },
  { user: 'u4', ts: at('15:01:00'), type: 'fav', item: 'i4', category: 'a' },
  // A category page: no item.
  { user: 'u4', ts: at('16:00:00'), type: 'view', category: 'shoes' },
];

let db: NodeDb;
beforeAll(async () => {
  db = await NodeDb.create();
  await loadEventFixture(db, EVENTS);
});
afterAll(() => db.close());

describe('items and categories', () => {
  it('counts events per item and the viewers who bought afterwards', async () => {
    // i1: views u1, u2, u3 ×2 = 4; of the 3 viewers only u1 bought after viewing (u2 before): 1 / 3.
    // i2: viewers u2 (bought in the same second: counts) and u3: 1 / 2; shoes 2 : bags 1 → shoes.
    // i3: nobody viewed it: no rate. i4: a tie of 'a' and 'b' → 'a'; its viewer bought nothing: 0.
    expect(await db.query(`SELECT * FROM ${itemsSql()} ORDER BY item`)).toEqual([
      { item: 'i1', category: 'shoes', views: 4, favourites: 1, carts: 1, purchases: 2, view_to_purchase: 0.3333 },
      { item: 'i2', category: 'shoes', views: 2, favourites: 0, carts: 0, purchases: 1, view_to_purchase: 0.5 },
      { item: 'i3', category: null, views: 0, favourites: 0, carts: 0, purchases: 1, view_to_purchase: null },
      { item: 'i4', category: 'a', views: 1, favourites: 1, carts: 0, purchases: 0, view_to_purchase: 0 },
    ]);
  });

  it('counts the events of each category', async () => {
    // shoes: i1's 8 events, i2's two shoes events and u4's page view: views 1 + 1 + 2 (i1) + 1 (i2) + 1 = 6;
    //   purchases u1 (i1), u2 (i1, i2) = 3. Viewers u1, u2, u3, u4; u1 bought at 10:10 after viewing at 10:00,
    //   u2's last purchase (i2, 12:00) comes after its first view (i1, 10:00): 2 / 4. Items i1 and i2.
    // bags: u3's view of i2. a: a favourite, no viewer. b: a view. i3 has no category.
    expect(await db.query(`SELECT * FROM ${categoriesSql()} ORDER BY category`)).toEqual([
      { category: 'a', views: 0, favourites: 1, carts: 0, purchases: 0, view_to_purchase: null, items: 1 },
      { category: 'b', views: 1, favourites: 0, carts: 0, purchases: 0, view_to_purchase: 0, items: 1 },
      { category: 'bags', views: 1, favourites: 0, carts: 0, purchases: 0, view_to_purchase: 0, items: 1 },
      { category: 'shoes', views: 6, favourites: 1, carts: 1, purchases: 3, view_to_purchase: 0.5, items: 2 },
    ]);
  });

  it('pages like a table', async () => {
    // By views, most first: i1 (4), i2 (2), i4 (1), i3 (0); the second page of two.
    const page = pageSql(itemsSql(), { sortBy: 'views', descending: true, page: 1, pageSize: 2, search: '', searchColumn: null,
      filters: {}, unique: ['item'] });
    expect((await db.query(page.rows, page.params)).map((r) => r.item)).toEqual(['i4', 'i3']);
    expect(await db.query(page.count, page.params)).toEqual([{ n: 4 }]);
  });

  it('has exactly the columns of the items table', async () => {
    const cols = await db.query<{ column_name: string }>(`DESCRIBE SELECT * FROM ${itemsSql()}`);
    expect(cols.map((c) => c.column_name)).toEqual(['item', 'category', 'views', 'favourites', 'carts', 'purchases', 'view_to_purchase']);
  });
});
