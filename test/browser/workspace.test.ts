import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_FLAGS, download, loadFiles, waitIdle } from '../helpers/browser';
import { serveStatic } from '../helpers/static-server';
import { RFM_SHOP_CSV } from '../helpers/rfm-shop';
import { generateTransactions } from '../../scripts/generate-transactions.mjs';

// The RFM fixture (9 customers as of 2024-03-31), with a customer list beside it.
const CSV = RFM_SHOP_CSV;
const CUSTOMERS = `customer_id,gender,city,signup_date
A,F,Shanghai,2023-01-05
B,M,Beijing,2023-02-01
C,F,"Guangzhou, Tianhe",2023-03-01
G,,Shenzhen,2023-04-01
`;
const FILES = [
  { name: 'shop.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) },
  { name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(CUSTOMERS) },
];

/**
 * The built app in a browser profile kept on disk, so that a restart (closing the browser and opening it again on
 * the same profile and origin) can be tried; every request to another origin blocked and recorded.
 */
async function openProfile(url: string, origin: string, profile: string, foreign: string[], errors: string[]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS, acceptDownloads: true, locale: 'en-US',
  });
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith(origin) || u.startsWith('blob:') || u.startsWith('data:')) return route.continue();
    foreign.push(u);
    return route.abort('blockedbyclient');
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return { context, page };
}

describe('saved workspace', () => {
  const dist = process.env.DIST_DIR ?? fileURLToPath(new URL('../../dist/', import.meta.url));
  const profile = mkdtempSync(join(tmpdir(), 'customer-lens-profile-'));
  const foreign: string[] = [];
  const errors: string[] = [];
  let server: Awaited<ReturnType<typeof serveStatic>>;
  let context: BrowserContext;
  let page: Page;
  let rfmBefore = '';
  let exported: Buffer;

  const app = () => page.evaluate(() => {
    type Named = { name: string }[];
    const a = (window as unknown as { __customerLens: { files: Named; customerFiles: Named; asOf: string } }).__customerLens;
    return { files: [...a.files, ...a.customerFiles].map((f) => f.name), asOf: a.asOf };
  });
  const stored = () => page.waitForSelector('[data-up-to-date="true"]', { timeout: 60_000 });
  const rfmCsv = async () => (await download(page, () => page.locator('section[data-view="rfm"]').getByRole('button', { name: 'Download CSV' }).click())).text;
  const rfmReady = () => page.locator('section[data-view="rfm"][aria-busy="false"]').waitFor({ timeout: 60_000 });
  const restart = async () => {
    await context.close();
    ({ context, page } = await openProfile(`${server.url}?lang=en`, new URL(server.url).origin, profile, foreign, errors));
    await waitIdle(page);
  };

  beforeAll(async () => {
    server = await serveStatic(dist);
    ({ context, page } = await openProfile(`${server.url}?lang=en`, new URL(server.url).origin, profile, foreign, errors));
    await waitIdle(page);
  });
  afterAll(async () => {
    await context?.close();
    await server?.close();
    rmSync(profile, { recursive: true, force: true });
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('opens after a reload and after a browser restart where the user left off, without the file chooser', async () => {
    await loadFiles(page, FILES);
    await page.getByLabel('As of').fill('2024-03-31');
    await page.getByRole('tab', { name: 'RFM' }).click();
    await page.getByLabel('Segment scheme').selectOption('eight_class');
    await rfmReady();
    rfmBefore = await rfmCsv();
    expect(rfmBefore).toContain('A,0,2,150.00,1,1,1,111,Important value');
    await stored();
    await expect.poll(() => page.locator('.workspace [role="status"]').textContent()).toMatch(/^Saved in this browser \(\d+ KB, /);

    await page.reload();
    await waitIdle(page);
    expect(await app()).toEqual({ files: ['shop.csv', 'customers.csv'], asOf: '2024-03-31' });
    expect(new URL(page.url()).hash).toBe('#rfm');
    await rfmReady();
    expect(await page.getByLabel('Segment scheme').inputValue()).toBe('eight_class');
    expect(await rfmCsv()).toBe(rfmBefore);

    await restart();
    expect(await app()).toEqual({ files: ['shop.csv', 'customers.csv'], asOf: '2024-03-31' });
    await rfmReady();
    expect(await rfmCsv()).toBe(rfmBefore);
    // The restored customer list is joined as before: the Segments view reads its attributes.
    await page.getByRole('tab', { name: 'Segments' }).click();
    await page.getByRole('combobox', { name: 'Attribute' }).selectOption('city');
    await page.locator('section[data-view="segments"][aria-busy="false"]').waitFor();
    await expect.poll(() => page.locator('section[data-view="segments"]').textContent()).toContain('Guangzhou, Tianhe');
    // A setting of a view made only when it is opened comes back too, with the view.
    await stored();
    await page.reload();
    await waitIdle(page);
    expect(new URL(page.url()).hash).toBe('#segments');
    await page.locator('section[data-view="segments"][aria-busy="false"]').waitFor();
    expect(await page.getByRole('combobox', { name: 'Attribute' }).inputValue()).toBe('city');
  });

  it('exports the workspace to one file; "Forget this data" removes every stored byte; the file brings it all back', async () => {
    await page.getByRole('tab', { name: 'RFM' }).click();
    await rfmReady();
    await stored();
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export workspace' }).click()]);
    expect(dl.suggestedFilename()).toBe('workspace.customerlens');
    exported = readFileSync(await dl.path());
    expect(exported.subarray(0, 24).toString()).toBe('CUSTOMER-LENS-WORKSPACE\n');

    await page.getByRole('button', { name: 'Forget this data' }).click();
    // Nothing is left to forget: the button goes.
    await page.getByRole('button', { name: 'Forget this data' }).waitFor({ state: 'detached' });
    expect((await app()).files).toEqual([]);
    const left = () => page.evaluate(async () => {
      const keys = Object.keys(localStorage).filter((k) => k.startsWith('customer-lens:'));
      const root = await navigator.storage.getDirectory();
      const entries: string[] = [];
      for await (const name of (root as unknown as { keys(): AsyncIterable<string> }).keys()) entries.push(name);
      return { keys, entries };
    });
    expect(await left()).toEqual({ keys: [], entries: [] });
    await restart();
    expect(await app()).toEqual({ files: [], asOf: '' });
    expect(await page.getByRole('button', { name: 'Forget this data' }).count()).toBe(0);
    expect((await left()).entries).toEqual([]);

    await loadFiles(page, [{ name: 'workspace.customerlens', mimeType: 'application/octet-stream', buffer: exported }]);
    expect(await app()).toEqual({ files: ['shop.csv', 'customers.csv'], asOf: '2024-03-31' });
    await rfmReady();
    expect(await page.getByLabel('Segment scheme').inputValue()).toBe('eight_class');
    expect(await rfmCsv()).toBe(rfmBefore);
    // What was imported is saved again: a reload keeps it.
    await stored();
    await page.reload();
    await waitIdle(page);
    expect(await app()).toEqual({ files: ['shop.csv', 'customers.csv'], asOf: '2024-03-31' });
  });

  it('refuses a workspace of another version or a truncated one with a message, and keeps what is loaded', async () => {
    const header = exported.subarray(0, 200).toString('latin1');
    const at = header.indexOf('"format":1,');
    expect(at).toBeGreaterThan(0);
    const newer = Buffer.from(exported);
    newer.write('"format":9,', at, 'latin1');
    await loadFiles(page, [{ name: 'newer.customerlens', mimeType: 'application/octet-stream', buffer: newer }]);
    await expect.poll(() => page.getByRole('alert').last().textContent()).toContain('“newer.customerlens” is a workspace from another version of Customer Lens (format 9)');
    await loadFiles(page, [{ name: 'cut.customerlens', mimeType: 'application/octet-stream', buffer: exported.subarray(0, exported.length - 10) }]);
    await expect.poll(() => page.getByRole('alert').last().textContent()).toContain('“cut.customerlens” is not a complete Customer Lens workspace');
    expect((await app()).files).toEqual(['shop.csv', 'customers.csv']);
    await rfmReady();
    expect(await rfmCsv()).toBe(rfmBefore);
  });

  it('a file added while the data are being saved stops the save; the next save holds both files', async () => {
    await page.getByRole('button', { name: 'Forget this data' }).click();
    await page.getByRole('button', { name: 'Forget this data' }).waitFor({ state: 'detached' });
    const big = join(profile, '..', `big-${Date.now()}.csv`);
    await generateTransactions(big, { rows: 100_000, seed: 3 });
    try {
      await page.locator('input[type=file]').setInputFiles(big);
      await page.locator('.workspace .status[data-status="saving"]').waitFor({ state: 'attached', timeout: 60_000 });
      await loadFiles(page, [FILES[0]!]);
      await stored();
      expect(await page.locator('.workspace .status').getAttribute('data-status')).toBe('saved');
      expect(await page.evaluate(() => (window as unknown as { __customerLensWorkspace: { stops: number } }).__customerLensWorkspace.stops)).toBe(1);
      const rows = () => page.evaluate(async () => {
        const db = (window as unknown as { __customerLens: { db: { query(sql: string): Promise<{ n: number; files: number }[]> } } }).__customerLens.db;
        return (await db.query('SELECT count(*) AS n, count(DISTINCT file_index) AS files FROM transactions'))[0];
      });
      const before = await rows();
      expect(before?.files).toBe(2);
      await page.reload();
      await waitIdle(page);
      expect((await app()).files).toEqual([big.split('/').pop(), 'shop.csv']);
      expect(await rows()).toEqual(before);
    } finally {
      rmSync(big, { force: true });
    }
  });

  it('brings back a UCI Online Retail-shaped export (cancellations, float ids, M/D/YYYY times) with every export unchanged', async () => {
    // Invoices of 1–4 lines; every 9th is a cancellation (C-prefixed, negative quantities), ids written as floats,
    // every 50th line without a customer.
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const lines = ['InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country'];
    for (let inv = 0; inv < 600; inv++) {
      const cancel = inv % 9 === 8;
      const customer = `${12346 + Math.floor(rand() * 120)}.0`;
      const day = new Date(Date.UTC(2010, 11, 1) + Math.floor(rand() * 370) * 86_400_000 + Math.floor(rand() * 600) * 60_000);
      const when = `${day.getUTCMonth() + 1}/${day.getUTCDate()}/${day.getUTCFullYear()} ${day.getUTCHours()}:${String(day.getUTCMinutes()).padStart(2, '0')}`;
      for (let l = 0; l < 1 + Math.floor(rand() * 4); l++) {
        const qty = (1 + Math.floor(rand() * 12)) * (cancel ? -1 : 1);
        const id = lines.length % 50 === 0 ? '' : customer;
        lines.push(`${cancel ? 'C' : ''}${536365 + inv},8512${l}A,"WHITE HANGING HEART, T-LIGHT",${qty},${when},${(0.5 + rand() * 9).toFixed(2)},${id},United Kingdom`);
      }
    }
    const forget = page.getByRole('button', { name: 'Forget this data' });
    if (await forget.count()) {
      await forget.click();
      await forget.waitFor({ state: 'detached' });
    }
    await loadFiles(page, [{ name: 'Online Retail.csv', mimeType: 'text/csv', buffer: Buffer.from(`${lines.join('\n')}\n`) }]);
    // The lines without a customer are rejected, as in the real export, and said so.
    expect(await page.getByRole('alert').allTextContents()).toEqual([expect.stringContaining('26 of 1307 rows were rejected, most for “blank customer ID” (first on line 51)')]);
    const exports = async () => {
      const out: Record<string, string> = {};
      for (const [tab, view] of [['Overview', 'overview'], ['RFM', 'rfm'], ['Cohorts', 'cohorts'], ['Lifecycle', 'lifecycle']] as const) {
        await page.getByRole('tab', { name: tab, exact: true }).click();
        await page.locator(`section[data-view="${view}"][aria-busy="false"]`).waitFor({ timeout: 60_000 });
        out[view] = (await download(page, () => page.locator(`section[data-view="${view}"]`).getByRole('button', { name: 'Download CSV' }).first().click())).text;
      }
      return out;
    };
    const before = await exports();
    // The float ids are read as whole numbers and the cancellations count as returns.
    expect(before.rfm).toContain('\n12346,');
    expect(before.rfm).not.toContain('12346.0');
    expect(before.overview).toMatch(/\nreturns,[1-9]/);
    await stored();
    await page.reload();
    await waitIdle(page);
    expect((await app()).files).toEqual(['Online Retail.csv']);
    expect(await exports()).toEqual(before);
  });
});
