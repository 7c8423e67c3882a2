import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download, loadFiles, openApp, waitIdle, type AppSession } from '../helpers/browser';

// The fixture of src/analyses/cockpit/cockpit.test.ts. The last order (c, 2024-03-10) is the as-of date, so the
// default period is the last whole month, 2024-02. The default churn window is the 90th percentile of the gaps
// between purchase days (10, 36, 86): 36 + 0.8 × 50 = 76 days, so c (2023-12-15, back only on 2024-03-10, 86 days
// later) turned churned on 2024-02-29: the one lost customer of February. Nobody was lost in January.
const CSV = `customer_id,order_id,order_date,amount,quantity
a,a1,2024-01-05,50,1
a,a2,2024-02-10,30,1
a,a3,2024-02-20,20,1
a,a4,2024-03-03,-10,-1
b,b1,2024-02-01,100,1
c,c1,2023-12-15,40,1
c,c2,2024-03-10,60,1
d,d1,2024-01-20,10,1
e,e1,2024-02-15,-5,-1
`;
const lines = (text: string) => text.slice(1).trim().split(/\r?\n/);

describe('the Overview cockpit in the built app', () => {
  let s: AppSession;
  const cockpit = () => s.page.locator('section.cockpit');
  const ready = async (label: string) => {
    await s.page.locator(`section.cockpit[data-cockpit="${label}"][aria-busy="false"]`).waitFor();
    await s.page.locator('section[data-view="overview"][aria-busy="false"]').waitFor();
  };
  beforeAll(async () => {
    s = await openApp('?lang=en');
    await waitIdle(s.page);
    await loadFiles(s.page, [{ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) }]);
    await ready('2024-02');
  });
  afterAll(async () => {
    expect(s.foreignRequests).toEqual([]);
    expect(s.pageErrors).toEqual([]);
    await s?.close();
  });

  it('shows the last whole month against the month before and a year before', async () => {
    expect(await cockpit().locator('[data-cockpit-kpi="new_customers"] [data-value]').textContent()).toBe('1');
    expect(await cockpit().locator('[data-cockpit-kpi="revenue"] [data-value]').textContent()).toBe('145.00');
    expect(await cockpit().locator('[data-cockpit-kpi="repeat_rate"] [data-value]').textContent()).toBe('50.0%');
    expect(await cockpit().locator('[data-cockpit-kpi="orders"]').textContent()).toContain('vs 2024-01: +50.0%');
    expect(await cockpit().textContent()).toContain('churn window: 76 days');
    // Retention: January's buyers a and d, a back in February. Churn: a, d and c were not churned on 02-01 (a purchase
    // in the 76 days before); c turned churned in February: 1 of 3, an expected lifetime of 3 months.
    expect(await cockpit().locator('[data-cockpit-rate="retention_rate"] [data-value]').textContent()).toBe('50.0%');
    expect(await cockpit().locator('[data-cockpit-rate="churn_rate"] [data-value]').textContent()).toBe('33.3%');
    expect(await cockpit().locator('[data-cockpit-rate="lifetime"] [data-value]').textContent()).toBe('3.0 months');
    // Historical CLV: February's buyers a (50 + 30 + 20 to date) and b (100).
    expect(await cockpit().locator('[data-cockpit-rate="historical_clv"] [data-value]').textContent()).toBe('100.00');
  });

  it('exports kpis.csv', async () => {
    const file = await download(s.page, () => s.page.getByRole('button', { name: 'Download KPIs' }).click());
    expect(file.name).toBe('kpis.csv');
    expect(file.text.charCodeAt(0)).toBe(0xfeff);
    expect(lines(file.text)).toEqual([
      'kpi,period,value,previous_value,change,year_ago_value',
      'new_customers,2024-02,1,2,-0.5000,0',
      'active_customers,2024-02,2,2,0.0000,0',
      'returning_customers,2024-02,1,0,,0',
      'lost_customers,2024-02,1,0,,0',
      'repeat_rate,2024-02,0.5000,0.0000,,',
      'aov,2024-02,48.33,30.00,0.6111,',
      'arpu,2024-02,72.50,30.00,1.4167,',
      'revenue,2024-02,145.00,60.00,1.4167,0.00',
      'orders,2024-02,3,2,0.5000,0',
    ]);
  });

  it('opens the customers behind a KPI, paged, and exports them', async () => {
    // c bought nothing in February: lost customers are listed with what they bought in the period, here nothing.
    await cockpit().getByRole('button', { name: /^Customers behind Lost customers/ }).click();
    const table = cockpit().getByRole('table', { name: 'Customers behind “Lost customers” in 2024-02' });
    await expect.poll(() => table.locator('tbody tr').allInnerTexts()).toEqual(['c\t0\t0.00\t2023-12-15']);
    const file = await download(s.page, () => cockpit().getByRole('button', { name: 'Download customers' }).click());
    expect(file.name).toBe('kpi_customers_lost_customers.csv');
    expect(lines(file.text)).toEqual(['customer_id,purchases,revenue,first_purchase', 'c,0,0.00,2023-12-15']);
  });

  it('changes the period type and the period', async () => {
    await cockpit().getByRole('combobox', { name: 'Period type' }).selectOption('quarter');
    // 2024-Q1 is still open on 2024-03-10: the last whole quarter is 2023-Q4, c's first purchase alone.
    await ready('2023-Q4');
    expect(await cockpit().locator('[data-cockpit-kpi="new_customers"] [data-value]').textContent()).toBe('1');
    expect(await cockpit().locator('[data-cockpit-kpi="revenue"] [data-value]').textContent()).toBe('40.00');
    await cockpit().getByRole('combobox', { name: 'Period', exact: true }).selectOption('2024-Q1');
    await ready('2024-Q1');
    // Up to the as-of date: purchases a ×3, b, c, d; returns −10 and −5.
    expect(await cockpit().locator('[data-cockpit-kpi="orders"] [data-value]').textContent()).toBe('6');
    expect(await cockpit().locator('[data-cockpit-kpi="revenue"] [data-value]').textContent()).toBe('255.00');
  });
});
