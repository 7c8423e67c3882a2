import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download, loadFiles, openApp, waitIdle, type AppSession } from '../helpers/browser';

// Three customers' orders; a's second order is a return (net −5.00), c's name would be a formula in a spreadsheet.
const CSV = `order_id,customer_id,order_date,amount
o1,a,2024-01-05,10.00
o2,a,2024-01-20,-5.00
o3,b,2024-02-01,20.00
o4,b,2024-03-01,30.00
o5,=c,2024-03-10,7.50
`;

describe('the SQL console in the built app', () => {
  let s: AppSession;
  const editor = () => s.page.getByRole('textbox', { name: 'SQL query' });
  const run = async (sql: string) => {
    await editor().fill(sql);
    await s.page.getByRole('button', { name: 'Run query' }).click();
    await s.page.locator('section[data-view="sql"][aria-busy="false"]').waitFor();
  };
  beforeAll(async () => {
    s = await openApp('?lang=en');
    await waitIdle(s.page);
    await loadFiles(s.page, [{ name: 'shop.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) }]);
    await s.page.getByRole('tab', { name: 'SQL', exact: true }).click();
  });
  afterAll(async () => {
    expect(s.foreignRequests).toEqual([]);
    expect(s.pageErrors).toEqual([]);
    await s?.close();
  });

  it('lists the model’s tables and runs a SELECT over them, paged in SQL', async () => {
    await s.page.getByRole('group').filter({ hasText: 'orders' }).first().waitFor();
    await run('SELECT customer_id, count(*) AS orders, sum(amount) AS net FROM orders GROUP BY customer_id ORDER BY customer_id');
    const table = s.page.getByRole('table', { name: 'Result' });
    await expect.poll(() => table.locator('tbody tr').allTextContents()).toEqual(['=c17.5', 'a25', 'b250']);
  });

  it('exports the result as query.csv, formula-safe, with a BOM', async () => {
    const file = await download(s.page, () => s.page.getByRole('button', { name: 'Download CSV' }).click());
    expect(file.name).toBe('query.csv');
    expect(file.text.charCodeAt(0)).toBe(0xfeff);
    expect(file.text.slice(1).trim().split(/\r?\n/)).toEqual(['customer_id,orders,net', "'=c,1,7.50", 'a,2,5.00', 'b,2,50.00']);
  });

  it('refuses a write and a file read with an alert, and the model is untouched', async () => {
    await run('DROP TABLE orders');
    await expect.poll(() => s.page.getByRole('alert').allTextContents()).toEqual([expect.stringContaining('read-only')]);
    await run("SELECT * FROM read_csv('shop.csv')");
    await expect.poll(() => s.page.getByRole('alert').allTextContents()).toEqual([expect.stringContaining('read_csv')]);
    await run("SELECT * FROM 'shop.csv'");
    await expect.poll(() => s.page.getByRole('alert').allTextContents()).toEqual([expect.stringContaining('shop.csv')]);
    await run('SELECT count(*) AS n FROM orders');
    expect(await s.page.getByRole('alert').count()).toBe(0);
    await expect.poll(() => s.page.getByRole('table', { name: 'Result' }).locator('tbody tr').allTextContents()).toEqual(['5']);
  });

  it('opens a view’s statement from its Show SQL, with the values it bound', async () => {
    await s.page.getByRole('tab', { name: 'Overview', exact: true }).click();
    await s.page.locator('section[data-view="overview"][aria-busy="false"]').waitFor();
    await s.page.locator('section[data-view="overview"]').getByRole('button', { name: 'Show SQL' }).click();
    await s.page.getByRole('button', { name: 'Open “Revenue and active customers per month” in the SQL console' }).click();
    await expect.poll(() => editor().inputValue()).toContain("CAST('2024-03-10' AS DATE)");
    await s.page.getByRole('button', { name: 'Run query' }).click();
    await s.page.locator('section[data-view="sql"][aria-busy="false"]').waitFor();
    // January nets 10 − 5, February 20, March 30 + 7.50.
    await expect.poll(() => s.page.getByRole('table', { name: 'Result' }).locator('tbody tr').count()).toBe(3);
    expect(await s.page.getByRole('table', { name: 'Result' }).locator('tbody tr td:nth-child(2)').allTextContents()).toEqual(['5', '20', '37.5']);
  });
});
