import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download, openApp, type AppSession, sampleLoaded } from '../helpers/browser';
import { defaultWindow, kmMedian, purchaseDays, readRetailSample, stageCounts } from '../helpers/retail-reference';

const BASE = 'customer_id,first_order,last_order,orders,revenue,days_since_last_order,median_gap_days,stage,churned';
const RFM = 'r_score,f_score,m_score,rfm_score,segment';

/** Waits until the sample named in the URL is loaded. */

const rows = (text: string) => text.slice(1).trim().split('\n').map((l) => l.split(','));

describe('Lifecycle in the built app', () => {
  let s: AppSession;
  // The JS reference, computed from the sample file itself.
  const lines = readRetailSample();
  const asOf = lines.reduce((m, l) => (l.day > m ? l.day : m), '');
  const days = purchaseDays(lines, asOf);
  const window = defaultWindow(days);

  beforeAll(async () => {
    s = await openApp('?lang=en&sample=retail');
    await sampleLoaded(s.page);
  });
  afterAll(async () => {
    expect(s.foreignRequests).toEqual([]);
    expect(s.pageErrors).toEqual([]);
    await s?.close();
  });

  it('takes the churn window from the data and assigns the stages a second computation finds', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: 'Lifecycle' }).click();
    await page.getByText(`Default from your data: ${window} days`).waitFor();
    await page.locator('[data-stage-count=churned]').waitFor();
    // The view says when every figure is shown (the benchmark waits for it).
    await page.locator('section[data-view="lifecycle"][aria-busy="false"]').waitFor();
    expect(await page.locator('section[data-view="lifecycle"] .vega svg').count()).toBe(6);

    const file = await download(page, () => page.getByRole('button', { name: 'Download CSV', exact: true }).click());
    expect(file.name).toBe('lifecycle.csv');
    expect(file.text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...customers] = rows(file.text);
    expect(header.join(',')).toBe(`${BASE},${RFM}`);
    expect(customers).toHaveLength(days.size);

    const expected = stageCounts(days, asOf, window);
    const stage = header.indexOf('stage');
    const counted: Record<string, number> = { new: 0, active: 0, reactivated: 0, at_risk: 0, churned: 0 };
    for (const c of customers) counted[c[stage]]++;
    expect(counted).toEqual(expected);
    for (const [key, n] of Object.entries(expected)) {
      expect(await page.locator(`[data-stage-count=${key}]`).textContent()).toBe(n.toLocaleString('en-US'));
    }
    expect(customers.every((c) => (c[header.indexOf('churned')] === 'true') === (c[stage] === 'churned'))).toBe(true);
  });

  it('answers a revisit from the query layer: leaving the view and coming back runs no statement', async () => {
    const { page } = s;
    const executed = () => page.evaluate(() => (window as unknown as { __customerLens: { layer: { stats: { executed: number } } } }).__customerLens.layer.stats.executed);
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.locator('section[data-view="overview"][aria-busy="false"]').waitFor();
    const before = await executed();
    await page.getByRole('tab', { name: 'Lifecycle' }).click();
    await page.locator('[data-stage-count=churned]').waitFor();
    await page.locator('section[data-view="lifecycle"][aria-busy="false"]').waitFor();
    expect(await executed()).toBe(before);
  });

  it('exports the at-risk list with its own name', async () => {
    const { page } = s;
    const file = await download(page, () => page.getByRole('button', { name: 'Download at-risk list (CSV)' }).click());
    expect(file.name).toBe('at_risk.csv');
    expect(file.text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...customers] = rows(file.text);
    expect(header.join(',')).toBe(`customer_id,first_order,last_order,orders,revenue,days_since_last_order,median_gap_days,overdue_ratio,${RFM}`);
    expect(customers).toHaveLength(stageCounts(days, asOf, window).at_risk);
    const overdue = header.indexOf('overdue_ratio');
    expect(customers.every((c) => Number(c[overdue]) > 1)).toBe(true);
  });

  it('shows the Kaplan–Meier median lifetime the reference finds', async () => {
    const median = kmMedian(days, asOf, window);
    expect(median).not.toBeNull();
    await expect(s.page.locator('[data-median-lifetime]').first().textContent()).resolves.toBe(`${median!.toLocaleString('en-US')} days`);
  });

  it('recomputes the stages when the user sets the window', async () => {
    const { page } = s;
    const input = page.getByLabel('Churn window (days)');
    await input.fill('30');
    await input.press('Enter');
    const expected = stageCounts(days, asOf, 30);
    await page.locator('[data-stage-count=churned]', { hasText: expected.churned.toLocaleString('en-US') }).waitFor();
    expect(await page.locator('[data-stage-count=at_risk]').textContent()).toBe(expected.at_risk.toLocaleString('en-US'));
    await page.getByRole('button', { name: 'Use the default' }).click();
  });

  it('adds P(alive) and CLV once the CLV view has scored customers for this date', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: 'CLV' }).click();
    await page.locator('[data-clv-ready]').waitFor({ timeout: 120_000 });
    await page.getByRole('tab', { name: 'Lifecycle' }).click();
    await page.getByRole('columnheader', { name: 'P(alive)' }).waitFor();
    const file = await download(page, () => page.getByRole('button', { name: 'Download CSV', exact: true }).click());
    const [header, ...customers] = rows(file.text);
    expect(header.join(',')).toBe(`${BASE},${RFM},p_alive,clv`);
    const pAlive = customers.map((c) => Number(c[header.indexOf('p_alive')]));
    expect(pAlive.every((p) => p >= 0 && p <= 1)).toBe(true);
  });
});
