import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDb } from '../../../test/helpers/node-db';
import { createTransactions, type Line } from '../../../test/helpers/behaviour-fixture';
import { cockpitSql, kpiCustomersSql, kpisExportSql } from './kpis-sql';
import { customerFactsSql } from '../../../src/model/customer-facts';
import { cockpitPeriods, customPeriod, lastFullPeriod, periodChoices, periodOf, previousOf, shiftPeriod, type Period } from './periods';

// As of 2024-03-31, churn window 30 days. Purchase days: a 01-05, 02-10, 02-20 (and a return on 03-03); b 02-01;
// c 2023-12-15, 2024-03-10; d 01-20; e only a return (02-15), so never a customer.
// Churn moments (a purchase day with no purchase for more than 30 days after it, + 30): a 02-04 (gap 36) and 03-21;
// b 03-02; c 2024-01-14 (gap 86) and 04-09 (after the as-of date: not counted); d 02-19.
const LINES: Line[] = [
  { c: 'a', o: 'a1', ts: '2024-01-05', amount: 50, qty: 1 },
  { c: 'a', o: 'a2', ts: '2024-02-10', amount: 30, qty: 1 },
  { c: 'a', o: 'a3', ts: '2024-02-20', amount: 20, qty: 1 },
  { c: 'a', o: 'a4', ts: '2024-03-03', amount: -10, qty: -1 },
  { c: 'b', o: 'b1', ts: '2024-02-01', amount: 100, qty: 1 },
  { c: 'c', o: 'c1', ts: '2023-12-15', amount: 40, qty: 1 },
  { c: 'c', o: 'c2', ts: '2024-03-10', amount: 60, qty: 1 },
  { c: 'd', o: 'd1', ts: '2024-01-20', amount: 10, qty: 1 },
  { c: 'e', o: 'e1', ts: '2024-02-15', amount: -5, qty: -1 },
];
const PARAMS = ['2024-03-31', 30];

describe('cockpit periods', () => {
  it('finds the week, month, quarter and year of a date', () => {
    expect(periodOf('week', '2024-11-20')).toEqual({ label: '2024-W47', start: '2024-11-18', end: '2024-11-24' });
    // 2024-12-30 (a Monday) starts ISO week 1 of 2025; 2021-01-03 (a Sunday) ends week 53 of 2020.
    expect(periodOf('week', '2024-12-31').label).toBe('2025-W01');
    expect(periodOf('week', '2021-01-03')).toEqual({ label: '2020-W53', start: '2020-12-28', end: '2021-01-03' });
    expect(periodOf('month', '2024-02-10')).toEqual({ label: '2024-02', start: '2024-02-01', end: '2024-02-29' });
    expect(periodOf('quarter', '2024-11-05')).toEqual({ label: '2024-Q4', start: '2024-10-01', end: '2024-12-31' });
    expect(periodOf('year', '2024-11-05')).toEqual({ label: '2024', start: '2024-01-01', end: '2024-12-31' });
  });

  it('takes the last whole period up to the as-of date', () => {
    expect(lastFullPeriod('month', '2024-03-15').label).toBe('2024-02');
    expect(lastFullPeriod('month', '2024-03-31').label).toBe('2024-03');
    expect(lastFullPeriod('week', '2024-11-24').label).toBe('2024-W47');
    expect(lastFullPeriod('week', '2024-11-23').label).toBe('2024-W46');
    expect(lastFullPeriod('quarter', '2024-11-05').label).toBe('2024-Q3');
  });

  it('compares with the period before and the same period a year earlier', () => {
    const m = cockpitPeriods('month', periodOf('month', '2024-01-15'));
    expect([m.previous.label, m.yearAgo.label]).toEqual(['2023-12', '2023-01']);
    expect(m.trend.map((p) => p.label)).toEqual(['2023-02', '2023-03', '2023-04', '2023-05', '2023-06', '2023-07', '2023-08', '2023-09', '2023-10', '2023-11', '2023-12', '2024-01']);
    const w = cockpitPeriods('week', periodOf('week', '2024-11-20'));
    expect([w.previous.label, w.yearAgo]).toEqual(['2024-W46', { label: '2023-W47', start: '2023-11-20', end: '2023-11-26' }]);
    expect(cockpitPeriods('quarter', periodOf('quarter', '2024-02-01')).previous.label).toBe('2023-Q4');
    const c = cockpitPeriods('custom', customPeriod('2024-02-10', '2024-02-29'));
    expect(c.previous).toEqual({ label: '2024-01-21..2024-02-09', start: '2024-01-21', end: '2024-02-09' });
    expect(c.yearAgo).toEqual({ label: '2023-02-10..2023-02-28', start: '2023-02-10', end: '2023-02-28' });
    expect(shiftPeriod('month', periodOf('month', '2024-01-31'), 1).label).toBe('2024-02');
  });

  it('offers the open period first, then whole periods back to the first order', () => {
    expect(periodChoices('month', '2023-12-15', '2024-03-20').map((p) => p.label)).toEqual(['2024-03', '2024-02', '2024-01', '2023-12']);
    expect(periodChoices('month', '2023-12-15', '2024-03-31').map((p) => p.label)).toEqual(['2024-03', '2024-02', '2024-01', '2023-12']);
  });
});

describe('cockpit KPIs', () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await NodeDb.create();
    await createTransactions(db, LINES);
  });
  afterAll(() => db.close());
  /** Runs cockpit SQL as the app does: after `customer_facts` for the as-of date `params[0]`. */
  const query = async (sql: string, params: unknown[]) => {
    await db.query(customerFactsSql(), [params[0]]);
    return db.query(sql, params);
  };

  const pair = (p: Period) => ({ period: p, previous: previousOf('month', p) });
  const feb = pair(periodOf('month', '2024-02-01'));
  const jan = pair(periodOf('month', '2024-01-01'));
  const mar = pair(periodOf('month', '2024-03-01'));
  const feb23 = pair(periodOf('month', '2023-02-01'));

  // Historical CLV: the net revenue to the period's end of its active customers — February a 100 (50 + 30 + 20) and
  // b 100; January a 50 and d 10; March c 100 (40 + 60).
  // Retention: January's active customers (a, d) active again in February: a, 1 of 2. Churn rate: the customers with
  // a purchase in the 30 days before the period starts (February: a 01-05, d 01-20), of whom both turn churned in it.
  it('counts each KPI per period, with period boundaries and lost customers worked by hand', async () => {
    const rows = await query(cockpitSql([feb, jan, mar, feb23]), PARAMS);
    expect(rows).toEqual([
      // Feb: purchases a ×2, b; e's return counts in revenue (30 + 20 + 100 − 5); lost a (02-04) and d (02-19).
      { i: 0, label: '2024-02', start: '2024-02-01', end: '2024-02-29', new_customers: 1, active_customers: 2, returning_customers: 1, lost_customers: 2, repeat_rate: 0.5, aov: 145 / 3, arpu: 72.5, revenue: 145, orders: 3, retention_rate: 0.5, churn_rate: 1, historical_clv: 100 },
      // Jan: a and d buy for the first time; c turns churned on 01-14.
      { i: 1, label: '2024-01', start: '2024-01-01', end: '2024-01-31', new_customers: 2, active_customers: 2, returning_customers: 0, lost_customers: 1, repeat_rate: 0, aov: 30, arpu: 30, revenue: 60, orders: 2, retention_rate: 0, churn_rate: 1, historical_clv: 30 },
      // Mar: c comes back (60), a returns 10; b (03-02) and a (03-21) turn churned, c's 04-09 is after the as-of date.
      { i: 2, label: '2024-03', start: '2024-03-01', end: '2024-03-31', new_customers: 0, active_customers: 1, returning_customers: 1, lost_customers: 2, repeat_rate: 0, aov: 50, arpu: 50, revenue: 50, orders: 1, retention_rate: 0, churn_rate: 1, historical_clv: 100 },
      { i: 3, label: '2023-02', start: '2023-02-01', end: '2023-02-28', new_customers: 0, active_customers: 0, returning_customers: 0, lost_customers: 0, repeat_rate: null, aov: null, arpu: null, revenue: 0, orders: 0, retention_rate: null, churn_rate: null, historical_clv: null },
    ]);
  });

  it('computes the cheap KPIs alone for the trend lines, the same as in full', async () => {
    const full = await query(cockpitSql([feb, jan, mar]), PARAMS);
    const light = await query(cockpitSql([feb, jan, mar], false), PARAMS.slice(0, 1));
    const costly = ['lost_customers', 'retention_rate', 'churn_rate', 'historical_clv'];
    expect(light).toEqual(full.map((r) => ({ ...r, ...Object.fromEntries(costly.map((k) => [k, null])) })));
  });

  it('takes the churn rate over the customers not churned when the period starts', async () => {
    // With a 60-day window the base of February is a (01-05), d (01-20) and c (2023-12-15): only c turns churned
    // in February (2024-02-13, 86 days before coming back); a's and d's moments fall later.
    const [r] = await query(cockpitSql([feb]), ['2024-03-31', 60]);
    expect(r).toMatchObject({ lost_customers: 1, churn_rate: 1 / 3, retention_rate: 0.5 });
  });

  it('leaves out what comes after the as-of date', async () => {
    const [r] = await query(cockpitSql([mar]), ['2024-03-05', 30]);
    // Up to 03-05: only b's churn (03-02) and a's return; c's purchase on 03-10 is not yet there.
    expect(r).toMatchObject({ active_customers: 0, lost_customers: 1, revenue: -10, orders: 0 });
  });

  it('exports kpis.csv against the previous period and a year before', async () => {
    const rows = await query(kpisExportSql(feb, jan, feb23), PARAMS);
    expect(rows.map((r) => Object.values(r).join(','))).toEqual([
      'new_customers,2024-02,1,2,-0.5000,0',
      'active_customers,2024-02,2,2,0.0000,0',
      'returning_customers,2024-02,1,0,,0',
      'lost_customers,2024-02,2,1,1.0000,0',
      'repeat_rate,2024-02,0.5000,0.0000,,',
      'aov,2024-02,48.33,30.00,0.6111,',
      'arpu,2024-02,72.50,30.00,1.4167,',
      'revenue,2024-02,145.00,60.00,1.4167,0.00',
      'orders,2024-02,3,2,0.5000,0',
    ]);
  });

  it('lists the customers behind a KPI', async () => {
    const ids = async (kpi: Parameters<typeof kpiCustomersSql>[0]) =>
      (await query(`SELECT customer_id FROM ${kpiCustomersSql(kpi, feb)} ORDER BY 1`, PARAMS)).map((r) => String(r.customer_id));
    expect(await ids('new_customers')).toEqual(['b']);
    expect(await ids('active_customers')).toEqual(['a', 'b']);
    expect(await ids('returning_customers')).toEqual(['a']);
    expect(await ids('lost_customers')).toEqual(['a', 'd']);
    expect(await ids('repeat_rate')).toEqual(['a']);
    expect(await query(`SELECT * FROM ${kpiCustomersSql('revenue', feb)} ORDER BY 1`, PARAMS)).toEqual([
      { customer_id: 'a', purchases: 2, revenue: 50, first_purchase: '2024-01-05' },
      { customer_id: 'b', purchases: 1, revenue: 100, first_purchase: '2024-02-01' },
    ]);
  });
});
