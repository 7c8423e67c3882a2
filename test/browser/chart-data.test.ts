import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download, loadFiles, openApp, waitIdle, type AppSession } from '../helpers/browser';
import { MONTHLY_CSV } from '../helpers/monthly-fixture';

const CSV = MONTHLY_CSV;

describe('every chart’s data downloads as CSV', () => {
  let s: AppSession;
  beforeAll(async () => {
    s = await openApp('?lang=en');
    await waitIdle(s.page);
    await loadFiles(s.page, [{ name: 'shop.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) }]);
  });
  afterAll(async () => {
    expect(s.foreignRequests).toEqual([]);
    expect(s.pageErrors).toEqual([]);
    await s?.close();
  });

  /** Opens a view, waits until it is ready, and downloads the data of the chart titled `chart`. */
  async function chartCsv(tab: string, view: string, chart: string, open?: string): Promise<{ name: string; lines: string[] }> {
    await s.page.getByRole('tab', { name: tab, exact: true }).click();
    if (open) await s.page.getByRole('button', { name: open, exact: true }).click();
    await s.page.locator(`section[data-view="${view}"][aria-busy="false"]`).waitFor();
    const button = s.page.getByRole('button', { name: `Save the data of ${chart} as CSV`, exact: true });
    const file = await download(s.page, () => button.click());
    expect(file.text.charCodeAt(0), file.name).toBe(0xfeff);
    return { name: file.name, lines: file.text.slice(1).trim().split(/\r?\n/) };
  }

  it('Overview: revenue, purchases and active customers per month', async () => {
    const f = await chartCsv('Overview', 'overview', 'Revenue and active customers per month');
    expect(f.name).toBe('overview_monthly.csv');
    // Jan: 6+4+5+7.5+1+2 over a1, a2, b1, f1, f2 of a, b, f; Feb: b2 + c1; Mar: a3, d1, e1; Apr: d2.
    expect(f.lines).toEqual([
      'month,revenue,orders,active_customers',
      '2024-01-01,25.5,5,3',
      '2024-02-01,102.5,2,2',
      '2024-03-01,58,3,3',
      '2024-04-01,12,1,1',
    ]);
  });

  it('a chart’s tooltip shows the hovered mark’s values, formatted in the UI language', async () => {
    await s.page.getByRole('tab', { name: 'Overview', exact: true }).click();
    await s.page.locator('section[data-view="overview"][aria-busy="false"]').waitFor();
    const chart = s.page.getByRole('figure', { name: 'Revenue and active customers per month' });
    // The February bar: 102.50 of revenue from 2 active customers.
    await chart.locator('.mark-rect path').nth(1).hover();
    const tip = s.page.locator('#vg-tooltip-element.visible');
    await tip.waitFor();
    const text = (await tip.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('Feb 2024');
    expect(text).toContain('102.50');
    expect(text).toMatch(/Active customers\s*2\b/);
    await s.page.mouse.move(0, 0);
  });

  it('RFM: the Pareto curve of revenue from the top customers', async () => {
    const f = await chartCsv('RFM', 'rfm', 'Pareto curve: share of revenue from the top customers');
    expect(f.name).toBe('rfm_pareto.csv');
    expect(f.lines[0]).toBe('kind,customer_share,revenue_share,label');
    // By revenue: c 100, d 42, a 35, b 10, e 8, f 3 of 198.
    const curve = f.lines.filter((l) => l.startsWith('curve,')).map((l) => l.split(',').slice(1, 3).map(Number));
    const cumulative = [0, 100, 142, 177, 187, 195, 198];
    expect(curve.length).toBe(7);
    curve.forEach(([customers, revenue], i) => {
      expect(customers).toBeCloseTo(i / 6, 12);
      expect(revenue).toBeCloseTo(cumulative[i]! / 198, 12);
    });
  });

  it('Cohorts: period-1 retention by cohort, the running period marked', async () => {
    const f = await chartCsv('Cohorts', 'cohorts', 'Period-1 retention by cohort');
    expect(f.name).toBe('cohort_period_1_trend.csv');
    const columns = f.lines[0]!.split(',');
    const pick = (line: string, ...names: string[]) => names.map((n) => line.split(',')[columns.indexOf(n)]);
    // 2024-01 (a, b, f): b back in February; 2024-02 (c): nobody in March; 2024-03 (d, e): d in April, still running.
    expect(f.lines.slice(1).map((l) => pick(l, 'cohort', 'cohort_size', 'customers', 'partial'))).toEqual([
      ['2024-01', '3', '1', 'false'],
      ['2024-02', '1', '0', 'false'],
      ['2024-03', '2', '1', 'true'],
    ]);
  });

  it('CLV: historical revenue to date per customer', async () => {
    const f = await chartCsv('CLV', 'clv', 'Historical CLV by segment');
    expect(f.name).toBe('clv_historical.csv');
    expect(f.lines[0]).toBe('segment,measure,value');
    expect(f.lines).toContain('All customers,Revenue to date per customer,33'); // 198 / 6
  });

  it('Lifecycle: customers and revenue by number of purchases', async () => {
    const f = await chartCsv('Lifecycle', 'lifecycle', 'Customers by number of purchases');
    expect(f.name).toBe('lifecycle_orders_per_customer.csv');
    const columns = f.lines[0]!.split(',');
    const pick = (line: string) => ['orders', 'customers', 'revenue'].map((n) => line.split(',')[columns.indexOf(n)]);
    // One purchase: c, e (108); two: b, f, d (55); three: a (35).
    expect(f.lines.slice(1).map(pick)).toEqual([
      ['1', '2', '108'],
      ['2', '3', '55'],
      ['3', '1', '35'],
    ]);
  });

  it('Behaviour: revenue by month of the year', async () => {
    const f = await chartCsv('Behaviour', 'behaviour', 'Revenue per month, each year against the previous one', 'When');
    expect(f.name).toBe('behaviour_seasonality.csv');
    const columns = f.lines[0]!.split(',');
    const revenue = f.lines.slice(1).map((l) => Number(l.split(',')[columns.indexOf('revenue')]));
    expect(revenue).toEqual([25.5, 102.5, 58, 12]);
  });

  it('writes the charts’ months and numbers in the UI language', async () => {
    await s.page.getByRole('tab', { name: 'Overview', exact: true }).click();
    await s.page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
    await s.page.locator('section[data-view="overview"][aria-busy="false"]').waitFor();
    const axis = () => s.page.locator('section[data-view="overview"] .vega svg .role-axis-label text').allTextContents();
    await expect.poll(async () => (await axis()).join(' ')).toMatch(/1月/);
    expect((await axis()).join(' ')).not.toMatch(/Jan|Feb/);
    await s.page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await expect.poll(async () => (await axis()).join(' ')).toMatch(/Jan/);
  });
});
