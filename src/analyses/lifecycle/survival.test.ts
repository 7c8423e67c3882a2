import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { createTransactions, type Line } from '../../../test/helpers/behaviour-fixture';
import { customerFactsSql } from '../../model/customer-facts';
import { createLifecycleCustomersSql, customerStagesSql } from './customers';
import { medianLifetimeSql, survivalSql } from './survival';

// As of 2024-12-31, window 60 days. Lifetime = last − first purchase day; E = churned (event), C = censored.
// p 0 E (one order in January), u 0 C (one order 46 days ago: new), r 30 C (active), q 60 E, s 90 E.
// t = 0:  n = 5, d = 1 → S = 4/5
// t = 30: n = 3, d = 0 (r censored) → S = 4/5
// t = 60: n = 2, d = 1 → S = 4/5 × 1/2 = 2/5 → median lifetime 60 days
// t = 90: n = 1, d = 1 → S = 0
const line = (c: string, o: string, ts: string, channel?: string): Line => ({ c, o, ts, amount: 10, channel });
const FIVE = [
  line('p', 'p1', '2024-01-01', 'Web'),
  line('u', 'u1', '2024-11-15'),
  line('r', 'r1', '2024-11-01', 'Store'),
  line('r', 'r2', '2024-12-01', 'Web'),
  line('q', 'q1', '2024-01-01', 'Web'),
  line('q', 'q2', '2024-03-01', 'Web'),
  line('s', 's1', '2024-05-01', 'Store'),
  line('s', 's2', '2024-07-30', 'Store'),
];

describe('Kaplan–Meier survival', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await NodeDb.create();
    await createTransactions(db, FIVE);
    await db.query(customerFactsSql(), ['2024-12-31']);
    await db.query(createLifecycleCustomersSql(), ['2024-12-31', 60]);
  });
  afterAll(() => db.close());

  it('works the five-customer example with censoring', async () => {
    const rows = await db.query<{ survival: number }>(survivalSql('all'));
    expect(rows.map(({ survival, ...r }) => r)).toEqual([
      { grp: 'all', days: 0, at_risk: 5, events: 1, censored: 1 },
      { grp: 'all', days: 30, at_risk: 3, events: 0, censored: 1 },
      { grp: 'all', days: 60, at_risk: 2, events: 1, censored: 0 },
      { grp: 'all', days: 90, at_risk: 1, events: 1, censored: 0 },
    ]);
    const s = rows.map((r) => r.survival);
    [4 / 5, 4 / 5, 2 / 5, 0].forEach((v, i) => expect(s[i]).toBeCloseTo(v, 14));
    expect(await db.query(medianLifetimeSql('all'))).toEqual([{ grp: 'all', customers: 5, churned: 3, censored: 2, median_days: 60 }]);
  });

  it('splits by first-order quarter: S(0) = 1/2 is already the median; no median when nobody churned', async () => {
    expect(await db.query(medianLifetimeSql('quarter'))).toEqual([
      { grp: '2024-Q1', customers: 2, churned: 2, censored: 0, median_days: 0 },
      { grp: '2024-Q2', customers: 1, churned: 1, censored: 0, median_days: 90 },
      { grp: '2024-Q4', customers: 2, churned: 0, censored: 2, median_days: null },
    ]);
  });

  it('splits by the channel of the first purchase, unknown channel last', async () => {
    const rows = await db.query(survivalSql('channel'));
    expect(rows).toEqual([
      { grp: 'Store', days: 30, at_risk: 2, events: 0, censored: 1, survival: 1 },
      { grp: 'Store', days: 90, at_risk: 1, events: 1, censored: 0, survival: 0 },
      { grp: 'Web', days: 0, at_risk: 2, events: 1, censored: 0, survival: 0.5 },
      { grp: 'Web', days: 60, at_risk: 1, events: 1, censored: 0, survival: 0 },
      { grp: null, days: 0, at_risk: 1, events: 0, censored: 1, survival: 1 },
    ]);
  });

  it('runs standalone from the orders and customer facts with the same answer', async () => {
    const rows = await db.query(medianLifetimeSql('all', `(${customerStagesSql()})`), ['2024-12-31', 60]);
    expect(rows).toEqual([{ grp: 'all', customers: 5, churned: 3, censored: 2, median_days: 60 }]);
  });
});
