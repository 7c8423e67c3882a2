import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download, loadFiles, openApp, waitIdle, type AppSession } from '../helpers/browser';
import { RFM_SHOP_CSV } from '../helpers/rfm-shop';

const CSV = RFM_SHOP_CSV;

const HEADER = 'customer_id,recency_days,frequency,monetary,r_score,f_score,m_score,rfm_score,segment';

describe('RFM in the built app', () => {
  let s: AppSession;
  beforeAll(async () => {
    s = await openApp('?lang=en');
  });
  afterAll(async () => {
    await s?.close();
  });

  const lines = (text: string) => text.slice(1).trim().split('\n');
  const layerStats = () =>
    s.page.evaluate(() => {
      const { stats } = (window as unknown as { __customerLens: { layer: { stats: { executed: number; builds: string[] } } } }).__customerLens.layer;
      return { executed: stats.executed, builds: [...stats.builds] };
    });
  const csv = async () => {
    const file = await download(s.page, () => s.page.getByRole('button', { name: 'Download CSV' }).click());
    expect(file.name).toBe('rfm.csv');
    expect(file.text.charCodeAt(0)).toBe(0xfeff);
    return lines(file.text);
  };

  it('scores the fixture, exports rfm.csv and follows the scheme and the language', async () => {
    await waitIdle(s.page);
    await loadFiles(s.page, [{ name: 'shop.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) }]);
    await s.page.getByLabel('As of').fill('2024-03-31');
    await s.page.getByRole('tab', { name: 'RFM' }).click();
    await s.page.locator('[data-rfm-ready]').waitFor();
    await s.page.getByText('9 customers scored as of 2024-03-31.').waitFor();

    expect(await csv()).toEqual([
      HEADER,
      'A,0,2,150.00,4,3,4,434,Potential Loyalists',
      'B,0,1,20.00,4,1,2,412,Promising',
      'C,59,2,50.00,2,3,3,233,At Risk',
      'E,10,1,40.00,3,1,2,312,About to Sleep',
      'F,59,1,40.00,2,1,2,212,Hibernating',
      'G,1,4,275.00,4,5,5,455,Loyal Customers',
      'H,60,1,10.00,1,1,1,111,Hibernating',
      'I,20,2,120.00,3,3,4,334,Need Attention',
      'J,304,1,5.00,1,1,1,111,Hibernating',
    ]);

    // The view shows the segment summary (Loyal: G alone), the empty F scores (2 and 4) and the charts.
    const loyal = s.page.locator('tr[data-segment="loyal"]');
    await expect.poll(() => loyal.locator('td').first().textContent()).toBe('1');
    await expect.poll(() => s.page.locator('table[data-measure="f"] tr.empty').count()).toBe(2);
    await expect.poll(() => s.page.locator('figure.chart svg').count()).toBeGreaterThanOrEqual(4);

    // A revisit (away to the Overview and back) is answered from the query layer's cache: no statement runs.
    await s.page.getByRole('tab', { name: 'Overview' }).click();
    await s.page.locator('section[data-view="overview"][aria-busy="false"]').waitFor();
    const before = await layerStats();
    await s.page.getByRole('tab', { name: 'RFM' }).click();
    await s.page.locator('section[data-view="rfm"][aria-busy="false"]').waitFor();
    await s.page.getByText('9 customers scored as of 2024-03-31.').waitFor();
    expect(await layerStats()).toMatchObject({ executed: before.executed, builds: before.builds });

    // The 8-class scheme splits at the means (R 513/9 = 57 days, F 15/9 ≈ 1.67 purchases, M 710/9 ≈ 78.9): A is 111,
    // B 100, C 010, E 100.
    const measuresBuilt = (await layerStats()).builds.filter((x) => x === 'rfm_measures').length;
    await s.page.getByLabel('Segment scheme').selectOption('eight_class');
    const eight = await csv();
    expect((await layerStats()).builds.filter((x) => x === 'rfm_measures').length).toBe(measuresBuilt);
    expect((await layerStats()).builds.at(-1)).toBe('rfm_customers');
    expect(eight[1]).toBe('A,0,2,150.00,1,1,1,111,Important value');
    expect(eight[2]).toBe('B,0,1,20.00,1,0,0,100,General development');
    expect(eight[3]).toBe('C,59,2,50.00,0,1,0,10,General retention');
    expect(eight[4]).toBe('E,10,1,40.00,1,0,0,100,General development');

    // Segment names follow the UI language, which rebuilds no table: the names are bound in the export query.
    const built = (await layerStats()).builds;
    await s.page.getByLabel('Language').selectOption('zh');
    const zh = await download(s.page, () => s.page.getByRole('button', { name: '下载 CSV' }).click());
    expect(zh.name).toBe('rfm.csv');
    expect(lines(zh.text)[1]).toBe('A,0,2,150.00,1,1,1,111,重要价值客户');
    await expect.poll(() => s.page.locator('tr[data-segment="important_value"] th').textContent()).toBe('重要价值客户');
    expect((await layerStats()).builds).toEqual(built);

    expect(s.foreignRequests).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  });

  it('edits rules into a custom scheme, filters the customer table and names the other downloads apart', async () => {
    await s.page.locator('header select').selectOption('en');
    await s.page.getByLabel('Segment scheme').selectOption('rf_grid');
    // Rule 1 (Champions: R 5, F 4–5) renamed and widened to R 3–5: G (R 4, F 5) now goes to rule 1, not Loyal; no
    // other customer has F 4–5 (F 4 is empty).
    await s.page.getByLabel('Name 1', { exact: true }).fill('Best');
    await s.page.getByLabel('Name 1', { exact: true }).press('Enter');
    await s.page.getByLabel('R from 1', { exact: true }).fill('3');
    await s.page.getByLabel('R from 1', { exact: true }).press('Enter');
    await expect.poll(() => s.page.getByLabel('Segment scheme').inputValue()).toBe('custom');
    const rows = await csv();
    expect(rows.filter((r) => r.endsWith(',Best')).map((r) => r.split(',')[0])).toEqual(['G']);

    // Removing the last rule (Hibernating) leaves F, H, J in Others, and the coverage grid says so.
    await s.page.getByRole('button', { name: 'Remove rule 10' }).click();
    const others = await csv();
    expect(others.filter((r) => r.endsWith(',Others')).map((r) => r.split(',')[0])).toEqual(['F', 'H', 'J']);
    await s.page.getByText('Some score combinations match no rule').waitFor();

    const summary = await download(s.page, () => s.page.getByRole('button', { name: 'Download segment summary' }).click());
    expect(summary.name).toBe('rfm_segments.csv');
    expect(lines(summary.text)[0]).toBe(
      'segment_key,segment,customers,customer_share,revenue,revenue_share,average_order_value,median_recency_days,median_frequency,median_monetary',
    );
    expect(lines(summary.text)[1]).toMatch(/^champions,Best,1,0\.111/);

    await s.page.getByRole('button', { name: 'Others', exact: true }).click();
    await expect.poll(() => s.page.locator('.paged tbody tr').count()).toBe(3);
    const segment = await download(s.page, () => s.page.getByRole('button', { name: 'Download this segment’s customers' }).click());
    expect(segment.name).toBe('rfm_segment_others.csv');
    expect(lines(segment.text).slice(1).map((r) => r.split(',')[0])).toEqual(['F', 'H', 'J']);

    expect(s.foreignRequests).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  });
});
