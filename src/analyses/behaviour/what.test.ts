import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { BEHAVIOUR_FIXTURE, createTransactions } from '../../../test/helpers/behaviour-fixture';
import { topItemsSql } from './top-items';
import { bandBounds, priceBandsSql } from './price-bands';
import { dimensionsSql } from './dimensions';

// As of 2024-03-31: revenue TV 499.99, Lamp 25, Bread 3.00 + 1.50 = 4.50, Milk 0.99 + 2.97 − 0.99 = 2.97; total 532.46.
// Purchases holding each item: TV o3, Lamp o2, Bread o1 and o4, Milk o1 and o5; o6 (c3's returned milk) is a return,
// so it is no order holding milk (it used to count as one). Customers with a purchase holding a product: c1, c2, c3.
describe('what customers buy', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await NodeDb.create();
    await createTransactions(db, BEHAVIOUR_FIXTURE);
  });
  afterAll(() => db.close());

  it('ranks products by revenue and groups the rest', async () => {
    const rows = await db.query(topItemsSql('product'), ['2024-03-31', 2]);
    expect(rows).toEqual([
      { item: 'TV', is_rest: false, items: 1, revenue: 499.99, revenue_share: 499.99 / 532.46, orders: 1, customers: 1, customer_share: 1 / 3, quantity: 1 },
      { item: 'Lamp', is_rest: false, items: 1, revenue: 25, revenue_share: 25 / 532.46, orders: 1, customers: 1, customer_share: 1 / 3, quantity: 1 },
      // Bread and Milk: purchases o1, o4, o5 (o6 is a return); quantity net 2 + 1 + 1 + 3 − 1.
      { item: null, is_rest: true, items: 2, revenue: 7.47, revenue_share: 7.47 / 532.46, orders: 3, customers: 3, customer_share: 1, quantity: 6 },
    ]);
  });

  it('ranks categories the same way, with no rest row when all fit', async () => {
    const top1 = await db.query<{ item: string | null; revenue: number; orders: number; customers: number }>(topItemsSql('category'), ['2024-03-31', 1]);
    // Home and Food: purchases o1, o2, o4, o5 (the return o6 left out).
    expect(top1.map((r) => [r.item, r.revenue, r.orders, r.customers])).toEqual([['Electronics', 499.99, 1, 1], [null, 32.47, 4, 3]]);
    const all = await db.query<{ item: string | null }>(topItemsSql('category'), ['2024-03-31', 10]);
    expect(all.map((r) => r.item)).toEqual(['Electronics', 'Home', 'Food']);
  });

  it('puts lines into 1–2–5 price bands, revenue net of returns, lines sold counted', async () => {
    // 0.50–1: Milk in o1 (1 × 0.99) and o5 (3 × 0.99) sold, o6's returned milk (−1 × 0.99) nets off: quantity 3,
    // revenue 0.99 + 2.97 − 0.99 = 2.97 (returns used to be left out: 4 and 3.96). 1–2: Bread 3.00 + 1.50.
    // Total 2.97 + 4.50 + 25 + 499.99 = 532.46, as the top items'.
    expect(await db.query(priceBandsSql(), ['2024-03-31'])).toEqual([
      { lo: 0.5, hi: 1, lines: 2, quantity: 3, revenue: 2.97, revenue_share: 2.97 / 532.46, orders: 2, customers: 2, products: 1 },
      { lo: 1, hi: 2, lines: 2, quantity: 3, revenue: 4.5, revenue_share: 4.5 / 532.46, orders: 2, customers: 2, products: 1 },
      { lo: 20, hi: 50, lines: 1, quantity: 1, revenue: 25, revenue_share: 25 / 532.46, orders: 1, customers: 1, products: 1 },
      { lo: 200, hi: 500, lines: 1, quantity: 1, revenue: 499.99, revenue_share: 499.99 / 532.46, orders: 1, customers: 1, products: 1 },
    ]);
  });

  it('derives the price from amount ÷ quantity without a unit price; a price on a bound opens the next band', async () => {
    const other = await NodeDb.create();
    await createTransactions(other, [
      { c: 'a', o: '1', ts: '2024-01-01', amount: 10, qty: 4 }, // 2.50
      { c: 'a', o: '2', ts: '2024-01-02', amount: 5, qty: 1 }, // 5.00
      { c: 'a', o: '3', ts: '2024-01-03', amount: 7 }, // no quantity, no price: left out
    ]);
    const rows = await other.query<{ lo: number; hi: number; lines: number }>(priceBandsSql(), ['2024-12-31']);
    expect(rows.map((r) => [r.lo, r.hi, r.lines])).toEqual([[2, 5, 1], [5, 10, 1]]);
    expect(await other.query(dimensionsSql(), ['2024-12-31'])).toEqual([
      { product: false, category: false, channel: false, region: false, payment: false, price: true, times: false },
    ]);
    other.close();
  });

  it('lists the bounds as exact decimals', () => {
    expect(bandBounds().slice(0, 7)).toEqual(['0.01', '0.02', '0.05', '0.10', '0.20', '0.50', '1.00']);
    expect(bandBounds()).toContain('5000.00');
  });

  it('finds which optional columns the data has and that its timestamps carry times', async () => {
    expect(await db.query(dimensionsSql(), ['2024-03-31'])).toEqual([
      { product: true, category: true, channel: true, region: true, payment: true, price: true, times: true },
    ]);
  });
});
