import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download, openApp, waitIdle, type AppSession } from '../helpers/browser';
import { readCdnowFixture } from '../helpers/cdnow';

const rel = (actual: number, expected: number): number => Math.abs(actual / expected - 1);

interface Lens {
  asOf: string;
  layer: { stats: { executed: number; builds: string[] } };
}
/** What the page's query layer did so far. */
const layerStats = (page: AppSession['page']) =>
  page.evaluate(() => {
    const { stats } = (window as unknown as { __customerLens: Lens }).__customerLens.layer;
    return { executed: stats.executed, builds: [...stats.builds] };
  });
/** Waits until the CLV view has every figure for its settings. */
const clvReady = (page: AppSession['page']) => page.locator('section[data-view="clv"][aria-busy="false"] [data-clv-ready]').waitFor({ timeout: 120_000 });

describe('CLV in the built app', () => {
  let s: AppSession;
  beforeAll(async () => {
    s = await openApp('?lang=en');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('fits CDNOW from the sample data as of 1997-09-30 and exports clv.csv', async () => {
    const { page } = s;
    await waitIdle(page);
    await page.getByRole('button', { name: 'Try sample data' }).click();
    await waitIdle(page);
    await page.getByLabel('As of').fill('1997-09-30');
    await page.waitForFunction(() => (window as unknown as { __customerLens: Lens }).__customerLens.asOf === '1997-09-30');
    await page.getByRole('tab', { name: 'CLV' }).click();
    await clvReady(page);

    // The published CDNOW fit (Fader, Hardie & Lee 2005; Fader & Hardie's Gamma-Gamma note), in weeks.
    const param = (name: string) => page.locator(`[data-param="${name}"]`).textContent();
    expect(await param('r')).toBe('0.2426');
    expect(await param('alpha')).toBe('4.4136');
    expect(await param('a')).toBe('0.7929');
    expect(await param('b')).toBe('2.4259');
    expect(await param('bg_loglik')).toBe('-9,582.43');
    expect(await param('p')).toBe('6.2496');
    expect(await param('q')).toBe('3.7442');
    expect(await param('v')).toBe('15.4435');
    expect(await param('gg_loglik')).toBe('-4,055.92');
    expect(await page.locator('[data-issue]').count()).toBe(0);
    expect(page.workers().some((w) => w.url().includes('clv-worker'))).toBe(true);
    const fitMs = await page.locator('[data-fit-ms]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-fit-ms'))));
    console.log(`CDNOW fit in the browser worker: BG/NBD ${fitMs[0]} ms, Gamma-Gamma ${fitMs[1]} ms`);

    // Validation: the holdout (weeks 40–78) holds 1,882 actual repeat purchases.
    await page.locator('[data-holdout-actual]').waitFor();
    expect(await page.locator('[data-holdout-actual]').getAttribute('data-holdout-actual')).toBe('1882');
    // CLV by RFM segment: the RFM table is built for the same date when the RFM tab was never opened.
    await page.locator('[data-clv-segments]').waitFor();
    expect(Number(await page.locator('[data-clv-segments]').getAttribute('data-clv-segments'))).toBeGreaterThan(1);

    const file = await download(page, () => page.getByRole('button', { name: 'Download CSV' }).click());
    expect(file.name).toBe('clv.csv');
    expect(file.text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...lines] = file.text.slice(1).trim().split('\n');
    expect(header).toBe('customer_id,frequency,recency,T,monetary_value,p_alive,expected_purchases,expected_avg_value,clv');
    expect(lines).toHaveLength(2357);

    // Customer 00004 is BTYD's customer 1 (x 2, t_x 30.43, T 38.86, m 22.345).
    const cells = lines.find((l) => l.startsWith('00004,'))!.split(',');
    const [ref] = readCdnowFixture('cdnow_btyd_cbs_predictions.csv');
    const [cbs1] = readCdnowFixture('cdnowSummary_cbs.csv');
    expect(cells.slice(1, 5).map(Number)).toEqual([cbs1.x, cbs1.t_x, cbs1.T_cal, cbs1.m_x]);
    const [pAlive, expected12, avgValue, clv] = cells.slice(5).map(Number);
    expect(rel(pAlive, ref.bg_palive)).toBeLessThan(1e-3);
    expect(rel(avgValue, ref.gg_exp_avg_value)).toBeLessThan(1e-3);
    expect(rel(clv, ref.clv_bg_12m_d01_freqW)).toBeLessThan(2e-3);
    // 12 months ≈ 52.18 weeks: more than the 1.226 expected in the 39-week holdout.
    expect(expected12).toBeGreaterThan(ref.bg_cet39);
    expect(expected12).toBeLessThan(2);
    // Full precision: more digits than any display rounding.
    expect(cells[5].replace(/^0\./, '').length).toBeGreaterThan(12);

    expect(s.foreignRequests).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  });

  it('answers a revisit from the query layer: not one database statement', async () => {
    const { page } = s;
    const before = await layerStats(page);
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.locator('section[data-view="overview"][aria-busy="false"]').waitFor();
    const away = await layerStats(page);
    await page.getByRole('tab', { name: 'CLV' }).click();
    await clvReady(page);
    await page.locator('[data-clv-segments]').waitFor();
    expect(await layerStats(page)).toEqual(away);
    expect(away.builds.filter((b) => b.startsWith('clv_'))).toEqual(before.builds.filter((b) => b.startsWith('clv_')));
  });

  it('applies a new margin without predicting again: clv_customers is not rebuilt and every CLV halves', async () => {
    const { page } = s;
    const kpi = async () => Number((await page.locator('[data-kpi="total_clv"]').textContent())!.replaceAll(',', ''));
    const total = await kpi();
    const exported = async () => {
      const file = await download(page, () => page.getByRole('button', { name: 'Download CSV' }).click());
      return Number(file.text.slice(1).split('\n').find((l) => l.startsWith('00004,'))!.split(',')[8]);
    };
    const clv00004 = await exported();
    const before = await layerStats(page);
    await page.getByLabel('Profit margin (%)').fill('50');
    await page.getByLabel('Profit margin (%)').press('Enter');
    await page.waitForFunction((t) => {
      const el = document.querySelector('[data-kpi="total_clv"]');
      return el !== null && Number(el.textContent!.replaceAll(',', '')) < t;
    }, total);
    await clvReady(page);
    const after = await layerStats(page);
    expect(after.builds).toEqual(before.builds);
    // Totals, distribution, segments, historical CLV and the top customers: a few reads, no scoring.
    expect(after.executed - before.executed).toBeGreaterThan(0);
    expect(after.executed - before.executed).toBeLessThan(10);
    expect(Math.abs((await kpi()) - total / 2)).toBeLessThanOrEqual(1);
    expect(rel(await exported(), clv00004 / 2)).toBeLessThan(1e-12);
    expect(s.pageErrors).toEqual([]);
  });
});
