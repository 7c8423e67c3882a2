import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { createTransactions, type Line } from '../../../test/helpers/behaviour-fixture';
import { basketExportSql, basketPairsSql, basketStatsSql, createBasketPairsSql, pairMatrixSql } from './basket';

// Four purchases: O1 bread (twice), milk · O2 bread, milk, eggs · O3 bread · O4 milk, eggs and a returned bread.
// N = 4; orders with bread 3, milk 3, eggs 2.
// eggs+milk: 2 orders → support 2/4 = 0.5, confidence eggs→milk 2/2 = 1, milk→eggs 2/3, lift 2·4/(2·3) = 4/3
// bread+milk: 2 orders → support 0.5, confidence 2/3 both ways, lift 2·4/(3·3) = 8/9
// bread+eggs: 1 order → support 0.25, confidence bread→eggs 1/3, eggs→bread 1/2, lift 1·4/(3·2) = 2/3
const line = (o: string, product: string, qty = 1, ts = '2024-01-01'): Line => ({ c: 'c', o, ts, amount: 2 * qty, qty, price: 2, product });
const BASKETS = [
  line('O1', 'bread'), line('O1', 'bread'), line('O1', 'milk'),
  line('O2', 'bread'), line('O2', 'milk'), line('O2', 'eggs'),
  line('O3', 'bread'),
  line('O4', 'milk'), line('O4', 'eggs'), line('O4', 'bread', -1),
  line('O5', 'bread', 1, '2024-02-01'), line('O5', 'eggs', 1, '2024-02-01'), // after the as-of date
  // Neither is a purchase, so none of their lines is bought: an exchange netting −2 (eggs +2, bread −4), and an
  // order netting 0 (milk +2 −2). Counting their positive lines would make N = 6 and change every figure below.
  line('O6', 'eggs'), line('O6', 'bread', -2),
  line('O7', 'milk'), line('O7', 'milk', -1),
];

describe('basket pairs', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await NodeDb.create();
    await createTransactions(db, BASKETS);
  });
  afterAll(() => db.close());

  it('computes support, confidence and lift of every pair with support ≥ 0.25', async () => {
    expect(await db.query(basketPairsSql(), ['2024-01-31', 0.25])).toEqual([
      { product_a: 'eggs', product_b: 'milk', orders_with_a: 2, orders_with_b: 3, orders_with_both: 2, support: 0.5, confidence_a_to_b: 1, confidence_b_to_a: 2 / 3, lift: 4 / 3 },
      { product_a: 'bread', product_b: 'milk', orders_with_a: 3, orders_with_b: 3, orders_with_both: 2, support: 0.5, confidence_a_to_b: 2 / 3, confidence_b_to_a: 2 / 3, lift: 8 / 9 },
      { product_a: 'bread', product_b: 'eggs', orders_with_a: 3, orders_with_b: 2, orders_with_both: 1, support: 0.25, confidence_a_to_b: 1 / 3, confidence_b_to_a: 0.5, lift: 2 / 3 },
    ]);
  });

  it('keeps pairs at exactly the minimum support and drops the rest', async () => {
    const pairs = async (min: number) => (await db.query<{ product_a: string; product_b: string }>(basketPairsSql(), ['2024-01-31', min])).map((r) => `${r.product_a}+${r.product_b}`);
    expect(await pairs(0.5)).toEqual(['eggs+milk', 'bread+milk']);
    expect(await pairs(0.51)).toEqual([]);
    expect(await pairs(0.75)).toEqual([]);
  });

  it('counts the orders, products and multi-product orders behind it', async () => {
    expect(await db.query(basketStatsSql(), ['2024-01-31'])).toEqual([{ orders: 4, products: 3, multi_product_orders: 3 }]);
  });

  it('materialises the pairs, exports behaviour.csv and builds the symmetric matrix', async () => {
    await db.query(createBasketPairsSql(), ['2024-01-31', 0.25]);
    const text = new TextDecoder().decode(await db.exportCsv(basketExportSql())).trim().split('\n');
    expect(text[0]).toBe('product_a,product_b,orders_with_a,orders_with_b,orders_with_both,support,confidence_a_to_b,confidence_b_to_a,lift');
    expect(text[1]).toMatch(/^eggs,milk,2,3,2,0\.5,1\.0,0\.666666666666666\d*,1\.333333333333333\d*$/);
    const m = await db.query<{ row_product: string; col_product: string; confidence: number }>(pairMatrixSql(3));
    expect(m.map((r) => `${r.row_product}>${r.col_product}:${r.confidence.toFixed(3)}`)).toEqual([
      'bread>eggs:0.333', 'bread>milk:0.667', 'eggs>bread:0.500', 'eggs>milk:1.000', 'milk>bread:0.667', 'milk>eggs:0.667',
    ]);
  });
});
