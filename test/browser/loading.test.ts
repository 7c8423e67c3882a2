import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { download, loadFiles, openApp, waitIdle, type AppSession } from '../helpers/browser';
import { generateTransactions } from '../../scripts/generate-transactions.mjs';

const csv = (text: string, name = 'a.csv') => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
const overviewRows = async (s: AppSession) => {
  await s.page.getByRole('tab', { name: 'Overview' }).click();
  const file = await download(s.page, () => s.page.getByRole('button', { name: 'Download CSV' }).click());
  return Object.fromEntries(file.text.slice(1).trim().split('\n').slice(1).map((l) => l.split(',')));
};

describe('loading files in the built app', () => {
  let s: AppSession;
  beforeAll(async () => {
    s = await openApp('?lang=en');
    await waitIdle(s.page);
  });
  afterAll(async () => {
    expect(s.foreignRequests).toEqual([]);
    expect(s.pageErrors).toEqual([]);
    await s?.close();
  });

  it('loads the CDNOW sample from the "Try sample data" button', async () => {
    await s.page.getByRole('button', { name: 'Try sample data' }).click();
    await waitIdle(s.page);
    expect(await s.page.locator('[data-kpi=customers]').textContent()).toBe('2,357');
    const o = await overviewRows(s);
    expect(o).toMatchObject({ rows_read: '6919', rows_rejected: '0', customers: '2357', first_date: '1997-01-01', last_date: '1998-06-30' });
  });

  it('recomputes every figure when the as-of date changes', async () => {
    await s.page.getByLabel('As of').fill('1997-03-31');
    const o = await overviewRows(s);
    expect(o).toMatchObject({ customers: '2357', last_date: '1997-03-31' });
    expect(Number(o.orders)).toBeLessThan(6696);
    await s.page.getByLabel('As of').fill('1998-06-30');
  });

  it('reports quality per file, offers the rejected rows and removes duplicates on request', async () => {
    await s.page.getByRole('button', { name: 'Clear all data' }).click();
    await loadFiles(s.page, [csv('customer_id,order_date,amount\na,2024-01-01,1\na,2024-01-01,1\n,2024-01-02,1\nb,bad,2\n', 'q.csv')]);
    await s.page.getByRole('tab', { name: 'Data' }).click();
    await s.page.getByRole('cell', { name: 'q.csv' }).first().waitFor();
    const rejected = await download(s.page, () => s.page.getByRole('button', { name: 'Download rejected rows' }).click());
    expect(rejected.name).toBe('rejected_rows.csv');
    // The amount column is plain numbers, read typed: a rejected row shows the amount as read (2 decimals).
    expect(rejected.text.slice(1).trim().split('\n')).toEqual([
      'source_file,line,reason,customer_id,date_text,amount_text,detail',
      'q.csv,4,missing_customer,,2024-01-02,1.00,',
      'q.csv,5,bad_date,b,bad,2.00,',
    ]);
    expect(await overviewRows(s)).toMatchObject({ rows_read: '4', rows_rejected: '2', duplicate_rows: '1', rows_loaded: '2', revenue: '2.00' });
    await s.page.getByRole('tab', { name: 'Data' }).click();
    await s.page.getByRole('button', { name: 'Remove duplicates' }).click();
    await waitIdle(s.page);
    expect(await overviewRows(s)).toMatchObject({ duplicate_rows: '1', rows_loaded: '1', revenue: '1.00', orders: '1' });
  });

  it('alerts on a broken file by name and keeps the data loaded before', async () => {
    await loadFiles(s.page, [csv('', 'empty.csv')]);
    await expect(s.page.getByRole('alert').filter({ hasText: 'empty.csv' }).textContent()).resolves.toContain('is empty');
    await loadFiles(s.page, [csv('name,city\nAnn,Paris\n', 'people.csv')]);
    await expect(s.page.getByRole('alert').filter({ hasText: 'people.csv' }).textContent()).resolves.toContain('customer ID, order date, amount');
    expect(await overviewRows(s)).toMatchObject({ rows_loaded: '1', customers: '1' });
  });

  it('shows progress while a big file loads, and Cancel stops it without losing data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lens-big-'));
    const path = join(dir, 'big.csv');
    await generateTransactions(path, { rows: 600_000, seed: 3 });
    await s.page.locator('input[type=file]').setInputFiles(path);
    await s.page.getByRole('progressbar').waitFor();
    await s.page.getByRole('button', { name: 'Cancel' }).click();
    await waitIdle(s.page);
    await expect(s.page.getByRole('alert').filter({ hasText: 'big.csv' }).textContent()).resolves.toContain('cancelled');
    expect(await overviewRows(s)).toMatchObject({ rows_loaded: '1', customers: '1' });
  });

  it('removes a file: figures and the as-of date follow the remaining data; removing the last one empties the app', async () => {
    await loadFiles(s.page, [csv('customer_id,order_date,amount\nz,2025-06-01,9\n', 'later.csv')]);
    expect(await overviewRows(s)).toMatchObject({ customers: '2', last_date: '2025-06-01' });
    await s.page.getByRole('tab', { name: 'Data' }).click();
    await s.page.getByRole('button', { name: 'Remove later.csv' }).click();
    await waitIdle(s.page);
    expect(await s.page.getByLabel('As of').inputValue()).toBe('2024-01-01');
    expect(await overviewRows(s)).toMatchObject({ customers: '1', last_date: '2024-01-01' });
    const alertsBefore = await s.page.getByRole('alert').count();
    await s.page.getByRole('tab', { name: 'Data' }).click();
    await s.page.getByRole('button', { name: 'Remove q.csv' }).click();
    await s.page.getByRole('heading', { name: 'No data yet' }).waitFor();
    expect(await s.page.getByRole('alert').count()).toBe(alertsBefore);
  });

  it('switches language, and ?lang=zh forces Chinese', async () => {
    await s.page.getByLabel('Language').selectOption('zh');
    await s.page.getByRole('button', { name: '试用示例数据' }).waitFor();
    await s.page.getByLabel('语言').selectOption('en');
    const zh = await openApp('?lang=zh');
    try {
      await zh.page.getByRole('button', { name: '试用示例数据' }).waitFor();
      expect(await zh.page.locator('html').getAttribute('lang')).toBe('zh-CN');
      expect(zh.foreignRequests).toEqual([]);
    } finally {
      await zh.close();
    }
  });
});
