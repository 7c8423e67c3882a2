import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download, loadFiles, openApp, waitIdle, type AppSession } from '../helpers/browser';

describe('Overview in the built app', () => {
  let s: AppSession;
  beforeAll(async () => {
    s = await openApp('?lang=en');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('loads a file through the file input and exports overview.csv', async () => {
    const csv = 'customer_id,order_date,amount\n0001,2024-01-05,10.50\n0002,2024-02-01,5\n0001,2024-02-10,"$1,000.00"\n,2024-02-11,3\n';
    await waitIdle(s.page);
    await loadFiles(s.page, [{ name: 'shop.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) }]);
    await s.page.getByRole('tab', { name: 'Overview' }).click();
    await s.page.getByRole('button', { name: 'Download CSV' }).waitFor();
    const file = await download(s.page, () => s.page.getByRole('button', { name: 'Download CSV' }).click());
    expect(file.name).toBe('overview.csv');
    expect(file.text.charCodeAt(0)).toBe(0xfeff);
    expect(file.text.slice(1).trim().split('\n')).toEqual([
      'metric,value',
      'rows_read,4',
      'rows_rejected,1',
      'duplicate_rows,0',
      'rows_loaded,3',
      'customers,2',
      'orders,3',
      'revenue,1015.50',
      'first_date,2024-01-05',
      'last_date,2024-02-10',
      'returns,0',
      'returned_amount,0.00',
    ]);
    expect(s.foreignRequests).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  });

  it('exports the monthly chart as PNG and SVG', async () => {
    const title = 'Revenue and active customers per month';
    await s.page.locator('.vega svg').first().waitFor();
    const [png] = await Promise.all([s.page.waitForEvent('download'), s.page.getByRole('button', { name: `Save ${title} as PNG` }).click()]);
    expect(png.suggestedFilename()).toBe('overview_monthly.png');
    const svg = await download(s.page, () => s.page.getByRole('button', { name: `Save ${title} as SVG` }).click());
    expect(svg.name).toBe('overview_monthly.svg');
    expect(svg.text).toContain('<svg');
    expect(svg.text).toContain('Active customers');
    expect(await s.cspViolations()).toEqual([]);
  });
});
