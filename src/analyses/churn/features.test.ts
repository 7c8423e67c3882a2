import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purchaseDaysSql } from '../../model/purchase-days';
import { NodeDb } from '../../../test/helpers/node-db';
import { fileOf } from '../../../test/helpers/files';
import { CHURN_CUSTOMERS, CHURN_ORDERS } from '../../../test/helpers/churn-fixture';
import { Dataset } from '../../ingest/loader';
import { CustomerSet } from '../../ingest/customer-loader';
import {
  BEHAVIOUR_COLUMNS, churnDataSpanSql, churnFeatureParams, churnFeaturesSql, churnLevels, churnLevelsSql, defaultCutoff,
  type ChurnFeatureOptions, type ChurnLevelRow,
} from './features';

const CUTOFF = '2024-03-31';
const W = 30;
const AS_OF = '2024-06-30';
const SEED = 'seed-1';
const labelled = (asOf = AS_OF, seed = SEED) => churnFeatureParams(CUTOFF, { windowDays: W, asOf, seed });

type Row = Record<string, unknown>;
const byId = (rows: Row[]) => Object.fromEntries(rows.map((r) => [r.customer_id as string, r]));
/** The features in customer order (the statement itself leaves the order open). */
const inOrder = (sql: string) => `SELECT * FROM (${sql}) ORDER BY customer_id`;
const pick = (row: Row | undefined, names: readonly string[]) => names.map((n) => row?.[n]);

describe('churn data set', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await NodeDb.create();
    await new Dataset(db).add(fileOf('orders.csv', CHURN_ORDERS));
    // The shared table the features read (the query layer builds it in the app).
    await db.exec(purchaseDaysSql());
  });
  afterAll(() => db.close());

  it('gives the span of the data and the default cutoff', async () => {
    expect(await db.query(churnDataSpanSql())).toEqual([{ first_date: '2023-10-01', last_date: '2024-05-01', first_purchase: '2023-10-01' }]);
    // 2024-06-30 − 91 days: June 30 − 30 = May 31, − 31 = April 30, − 30 = March 31.
    expect(defaultCutoff(AS_OF, 91)).toBe(CUTOFF);
    expect(defaultCutoff('2024-03-01', 1)).toBe('2024-02-29');
  });

  it('reads the first-channel levels at the cutoff', async () => {
    // First channels of the customers with a purchase by the cutoff: a Web (order 1), b App, c Web (order 8 at 10:00
    // before order 9 at 16:00), e none (d buys later, f never): Web 2, App 1 → Web; App, the least common, is the baseline.
    const rows = await db.query<ChurnLevelRow & Row>(churnLevelsSql({ customers: false }), [CUTOFF]);
    expect(rows).toEqual([{ source: 'channel', attribute: null, value: 'Web', customers: 2, rank: 1 }]);
    expect(churnLevels(rows)).toEqual({ channels: ['Web'], categorical: [] });
  });

  it('computes each feature and the label by hand', async () => {
    const opts: ChurnFeatureOptions = { label: true, channels: ['Web'], attributes: null };
    const { sql, columns } = churnFeaturesSql(opts);
    expect(columns.map((c) => c.name)).toEqual([...BEHAVIOUR_COLUMNS, 'channel_1']);
    expect(columns[columns.length - 1]).toEqual({ name: 'channel_1', kind: 'dummy', source: 'channel', label: 'Web', value: 'Web' });
    expect(columns.slice(0, 9).every((c) => c.kind === 'number' && c.source === 'behaviour' && c.label === c.name)).toBe(true);
    const rows = await db.query(inOrder(sql), labelled());
    // d first buys on 2024-04-05 (after the cutoff), f only returned: both left out.
    expect(rows.map((r) => r.customer_id)).toEqual(['a', 'b', 'c', 'e']);
    const names = [...columns.map((c) => c.name), 'churned'];
    const r = byId(rows);
    // The last 90 days: order date > 2024-03-31 − 90 = 2024-01-01 (Mar 31 back to Mar 1 is 30 days, to Feb 1 59, to Jan 1 90).
    // a: purchases 2023-12-20, 02-10, 03-20 (the −20 cancellation of 03-25 is a return, order 5 is after the cutoff).
    //   recency 03-31 − 03-20 = 11; frequency 3; monetary 100 + 50 + 30 − 20 = 160;
    //   tenure 2023-12-20 → 2024-03-31 = 11 (Dec) + 31 + 29 + 31 = 102; mean gap (03-20 − 12-20) / 2 = (102 − 11) / 2 = 45.5;
    //   last gap 03-20 − 02-10 = 19 + 20 = 39; trend: R = 50 + 30 − 20 = 60, B = 100 → (60 − 100) / 160 = −0.25;
    //   categories Books, Toys, Home = 3 (Garden comes after the cutoff); returns 1 / (3 + 1) = 0.25; first channel Web;
    //   buys on 04-30 23:00 = cutoff + 30 days, inside (03-31, 04-30] → not churned.
    expect(pick(r.a, names)).toEqual([11, 3, 160, 102, 45.5, 39, -0.25, 3, 0.25, 1, 0]);
    // b: one purchase 2023-11-15: recency = tenure = mean gap = last gap = 15 (Nov) + 31 + 31 + 29 + 31 = 137;
    //   monetary 80; trend: R = 0, B = 80 → −80 / 80 = −1; Books = 1; no returns; App; next purchase 05-01 = cutoff + 31
    //   days → churned.
    expect(pick(r.b, names)).toEqual([137, 1, 80, 137, 137, 137, -1, 1, 0, 0, 1]);
    // c: purchase days 2023-12-01 (two orders), 2024-01-10, 03-31 (23:30 counts: orders up to the end of the day).
    //   recency 0; frequency 4; monetary 40 + 15 + 25 + 45 = 125; tenure 30 (Dec) + 31 + 29 + 31 = 121;
    //   mean gap 121 / (3 − 1) = 60.5; last gap 01-10 → 03-31 = 21 + 29 + 31 = 81; trend: R = 25 + 45 = 70, B = 55 →
    //   15 / 125 = 0.12; Toys, Books, Home = 3; no returns; first order (10:00) Web; buys 04-10 → not churned.
    expect(pick(r.c, names)).toEqual([0, 4, 125, 121, 60.5, 81, 0.12, 3, 0, 1, 0]);
    // e: one purchase 2023-10-01: 30 (Oct) + 30 + 31 + 31 + 29 + 31 = 182 for the four day counts; monetary 70 − 30 = 40;
    //   trend: R = −30 (the 01-15 return), B = 70 → −100 / 100 = −1; no category → 0; returns 1 / 2 = 0.5; no channel →
    //   0; nothing after → churned.
    expect(pick(r.e, names)).toEqual([182, 1, 40, 182, 182, 182, -1, 0, 0.5, 0, 1]);
    for (const row of rows) for (const n of [...names, 'holdout']) expect(typeof row[n], `${row.customer_id}.${n}`).toBe('number');
  });

  it('never reads past the as-of date', async () => {
    // With the as-of date 2024-04-20 the window ends there: a's purchase of 04-30 is not seen (churned), c's of 04-10 is.
    const rows = await db.query(inOrder(churnFeaturesSql({ label: true, channels: ['Web'], attributes: null }).sql), labelled('2024-04-20'));
    expect(rows.map((r) => [r.customer_id, r.churned])).toEqual([['a', 1], ['b', 1], ['c', 0], ['e', 1]]);
  });

  it('scores every current customer with features at the as-of date, without a label', async () => {
    const { sql, columns } = churnFeaturesSql({ label: false, channels: ['Web'], attributes: null });
    const rows = await db.query(inOrder(sql), churnFeatureParams(AS_OF));
    expect(rows.map((r) => r.customer_id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(Object.keys(rows[0]!)).toEqual(['customer_id', ...columns.map((c) => c.name)]);
    const r = byId(rows);
    // a at 06-30: 4 purchases, the last 04-30 → recency 61 (May 31 + June 30); + Garden → 4 categories;
    //   monetary 160 + 60 = 220; last gap 03-20 → 04-30 = 11 + 30 = 41.
    expect(pick(r.a, ['recency_days', 'frequency', 'monetary', 'categories', 'last_gap_days'])).toEqual([61, 4, 220, 4, 41]);
    // d: one purchase 04-05 (Web): 25 (April) + 31 + 30 = 86 days; all in the last 90 days → trend 1.
    expect(pick(r.d, ['recency_days', 'tenure_days', 'mean_gap_days', 'spend_trend', 'channel_1'])).toEqual([86, 86, 86, 1, 1]);
  });

  it('splits by a seeded hash of the id, the same for the same seed', async () => {
    const { sql } = churnFeaturesSql({ label: true, channels: [], attributes: null });
    const once = (await db.query(inOrder(sql), labelled())).map((r) => r.holdout);
    expect((await db.query(inOrder(sql), labelled())).map((r) => r.holdout)).toEqual(once);
    expect(once.every((h) => h === 0 || h === 1)).toBe(true);
  });

  it('puts about 30 % of a few thousand customers in the holdout', async () => {
    const syn = await NodeDb.create();
    await syn.exec(`CREATE TABLE orders AS SELECT 'cust-' || i AS customer_id, 'o' || i AS order_id, TIMESTAMP '2024-01-01 10:00' AS order_ts,
      DATE '2024-01-01' AS order_date, CAST(10 AS DECIMAL(18,2)) AS amount, 'purchase' AS kind, NULL::VARCHAR AS channel FROM range(5000) t(i)`);
    await syn.exec(`CREATE TABLE order_lines AS SELECT customer_id, order_id, order_ts, amount, 1.0::DOUBLE AS quantity, NULL::VARCHAR AS category FROM orders`);
    await syn.exec(purchaseDaysSql());
    const { sql } = churnFeaturesSql({ label: true, channels: [], attributes: null });
    const split = async (seed: string) =>
      (await syn.query(inOrder(sql), churnFeatureParams('2024-01-31', { windowDays: 30, asOf: '2024-03-01', seed }))).map((r) => r.holdout as number);
    const a = await split('seed-1');
    const b = await split('seed-2');
    syn.close();
    expect(a).toHaveLength(5000);
    const share = (s: number[]) => s.reduce((x, y) => x + y, 0) / s.length;
    // Binomial(5000, 0.3): one standard deviation is √(5000 · 0.3 · 0.7) / 5000 ≈ 0.65 %; ±3 points is > 4.5 of them.
    expect(share(a)).toBeGreaterThan(0.27);
    expect(share(a)).toBeLessThan(0.33);
    expect(share(b)).toBeGreaterThan(0.27);
    expect(share(b)).toBeLessThan(0.33);
    // Another seed, another split: the two agree on about 0.3² + 0.7² = 58 % of the ids, far from all.
    const same = a.filter((h, i) => h === b[i]).length / a.length;
    expect(same).toBeGreaterThan(0.5);
    expect(same).toBeLessThan(0.66);
  });
});

describe('churn data set with a customer file', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await NodeDb.create();
    await new Dataset(db).add(fileOf('orders.csv', CHURN_ORDERS));
    // The shared table the features read (the query layer builds it in the app).
    await db.exec(purchaseDaysSql());
    await new CustomerSet(db).add(fileOf('customers.csv', CHURN_CUSTOMERS));
  });
  afterAll(() => db.close());

  it('reads the attribute levels of the customers at the cutoff', async () => {
    // Over a, b, c, e: gender F 2 (a, c), M 1 (b) → F (d and g, both M, do not count); membership Gold 2 (a, c),
    // Bronze 1 (e), Silver 1 (b) → Gold, Bronze (ties to the smaller value), Silver the baseline (d's and g's Bronze
    // do not count); email: 4 distinct values > 3 → no dummy.
    const rows = await db.query<ChurnLevelRow & Row>(churnLevelsSql({ customers: true, maxDistinct: 3 }), [CUTOFF]);
    expect(rows).toEqual([
      { source: 'attribute', attribute: 'gender', value: 'F', customers: 2, rank: 1 },
      { source: 'attribute', attribute: 'membership', value: 'Gold', customers: 2, rank: 1 },
      { source: 'attribute', attribute: 'membership', value: 'Bronze', customers: 1, rank: 2 },
      { source: 'channel', attribute: null, value: 'Web', customers: 2, rank: 1 },
    ]);
    expect(churnLevels(rows)).toEqual({
      channels: ['Web'],
      categorical: [{ attribute: 'gender', values: ['F'] }, { attribute: 'membership', values: ['Gold', 'Bronze'] }],
    });
    // With the default limit (12 distinct values) email's 4 values are few enough: its top 3 (all held by one
    // customer, so by value), the fourth the baseline.
    const all = churnLevels(await db.query<ChurnLevelRow & Row>(churnLevelsSql({ customers: true }), [CUTOFF]));
    expect(all.categorical.find((c) => c.attribute === 'email')?.values).toEqual(['a@example.com', 'b@example.com', 'c@example.com']);
  });

  it('adds the age at the date, its missing flag and the attribute dummies', async () => {
    const levels = churnLevels(await db.query<ChurnLevelRow & Row>(churnLevelsSql({ customers: true, maxDistinct: 3 }), [CUTOFF]));
    const opts: ChurnFeatureOptions = {
      label: true, channels: levels.channels,
      attributes: { age: { header: 'birth_date', from: 'birth_date' }, categorical: levels.categorical },
    };
    const { sql, columns } = churnFeaturesSql(opts);
    expect(columns.slice(BEHAVIOUR_COLUMNS.length)).toEqual([
      { name: 'channel_1', kind: 'dummy', source: 'channel', label: 'Web', value: 'Web' },
      { name: 'age', kind: 'number', source: 'attribute', label: 'birth_date', attribute: 'birth_date' },
      { name: 'age_missing', kind: 'dummy', source: 'attribute', label: 'birth_date', attribute: 'birth_date' },
      { name: 'attr_1', kind: 'dummy', source: 'attribute', label: 'gender: F', attribute: 'gender', value: 'F' },
      { name: 'attr_2', kind: 'dummy', source: 'attribute', label: 'membership: Gold', attribute: 'membership', value: 'Gold' },
      { name: 'attr_3', kind: 'dummy', source: 'attribute', label: 'membership: Bronze', attribute: 'membership', value: 'Bronze' },
    ]);
    const rows = await db.query(inOrder(sql), labelled());
    expect(rows.map((r) => r.customer_id)).toEqual(['a', 'b', 'c', 'e']);
    const names = ['age', 'age_missing', 'attr_1', 'attr_2', 'attr_3'];
    const r = byId(rows);
    // Ages on 2024-03-31: a (1990-04-01) 34 − 1 = 33, birthday tomorrow; b (2000-03-31) 24, birthday today;
    // e (1985-12-31) 39 − 1 = 38; c unknown → the mean of the known ones, (33 + 24 + 38) / 3 = 95 / 3 (d and g are
    // not rows: not counted). a F Gold; b M Silver → all 0; c F Gold; e no gender (0), Bronze.
    expect(pick(r.a, names)).toEqual([33, 0, 1, 1, 0]);
    expect(pick(r.b, names)).toEqual([24, 0, 0, 0, 0]);
    expect(r.c!.age).toBeCloseTo(95 / 3, 10);
    expect(pick(r.c, names.slice(1))).toEqual([1, 1, 1, 0]);
    expect(pick(r.e, names)).toEqual([38, 0, 0, 0, 1]);
    // The behaviour columns are unchanged by the attributes.
    expect(pick(r.a, ['recency_days', 'monetary', 'channel_1', 'churned'])).toEqual([11, 160, 1, 0]);

    // At the as-of date 2024-06-30: a 34, b 24, d (1960-06-15) 64, e 38 → c = (34 + 24 + 64 + 38) / 4 = 40.
    const scoring = await db.query(inOrder(churnFeaturesSql({ ...opts, label: false }).sql), [AS_OF]);
    expect(scoring.map((x) => [x.customer_id, x.age, x.age_missing])).toEqual([['a', 34, 0], ['b', 24, 0], ['c', 40, 1], ['d', 64, 0], ['e', 38, 0]]);
  });

  it('takes the age as written from an age column', async () => {
    const adb = await NodeDb.create();
    await new Dataset(adb).add(fileOf('orders.csv', CHURN_ORDERS));
    // a 41; b's 200 is out of range and c's "n/a" unreadable → unknown: the mean of a and e, (41 + 29) / 2 = 35.
    await new CustomerSet(adb).add(fileOf('customers.csv', 'customer_id,age,gender\na,41,F\nb,200,M\nc,n/a,F\ne,29,M\n'));
    await adb.exec(purchaseDaysSql());
    const { sql } = churnFeaturesSql({ label: false, channels: [], attributes: { age: { header: 'age', from: 'age' }, categorical: [] } });
    const rows = await adb.query(inOrder(sql), [CUTOFF]);
    adb.close();
    expect(rows.map((x) => [x.customer_id, x.age, x.age_missing])).toEqual([['a', 41, 0], ['b', 35, 1], ['c', 35, 1], ['e', 29, 0]]);
  });
});
