import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFiles, openApp, waitIdle, type AppSession } from '../helpers/browser';

const CSV = `order_id,customer_id,order_date,amount
o1,a,2024-01-05,10.00
o2,a,2024-02-20,5.00
o3,b,2024-02-01,20.00
`;

describe('offline and installable', () => {
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

  it('caches every file of the build on the first visit and can be installed', async () => {
    await s.page.locator('[data-offline-ready]').waitFor({ timeout: 60_000 });
    const cached = await s.page.evaluate(async () => {
      const names = await caches.keys();
      const cache = await caches.open(names.find((n) => n.startsWith('customer-lens-'))!);
      return (await cache.keys()).map((r) => new URL(r.url).pathname.split('/').pop());
    });
    expect(cached.some((f) => /^duckdb-eh-.*\.wasm$/.test(f ?? ''))).toBe(true);
    expect(cached.some((f) => /^duckdb-browser-eh\.worker-.*\.js$/.test(f ?? ''))).toBe(true);
    expect(cached).toContain('retail_sample.csv');
    const cdp = await s.context.newCDPSession(s.page);
    // A test browser's profile is incognito, which no browser installs from; nothing else may stand in the way.
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
    expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
    const manifest = (await cdp.send('Page.getAppManifest')) as { errors: unknown[]; data?: string };
    expect(manifest.errors).toEqual([]);
    expect(JSON.parse(manifest.data ?? '{}')).toMatchObject({ name: 'Customer Lens', display: 'standalone' });
  });

  it('opens and analyses a file with the network off and the host gone', async () => {
    await s.stopServer();
    await s.context.setOffline(true);
    try {
      await s.page.reload();
      await waitIdle(s.page);
      await loadFiles(s.page, [{ name: 'shop.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) }]);
      await s.page.locator('section[data-view="overview"][aria-busy="false"]').waitFor();
      expect(await s.page.locator('[data-kpi="customers"]').textContent()).toBe('2');
      expect(await s.page.locator('[data-kpi="revenue"]').textContent()).toBe('35.00');
    } finally {
      await s.context.setOffline(false);
    }
  });
});

describe('a new version', () => {
  let s: AppSession;
  let dir: string;
  beforeAll(async () => {
    // A copy of the build, so the test can publish a "new version" of it.
    dir = mkdtempSync(join(tmpdir(), 'lens-update-'));
    cpSync(process.env.DIST_DIR ?? fileURLToPath(new URL('../../dist/', import.meta.url)), dir, { recursive: true });
    const before = process.env.DIST_DIR;
    process.env.DIST_DIR = dir;
    try {
      s = await openApp('?lang=en');
    } finally {
      if (before === undefined) delete process.env.DIST_DIR;
      else process.env.DIST_DIR = before;
    }
    await waitIdle(s.page);
    await s.page.locator('[data-offline-ready]').waitFor({ timeout: 60_000 });
  });
  afterAll(async () => {
    await s?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is offered, not forced: the page keeps its data until the user reloads', async () => {
    await loadFiles(s.page, [{ name: 'shop.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) }]);
    appendFileSync(join(dir, 'sw.js'), '\n// a new version\n');
    await s.page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    const offer = s.page.getByRole('button', { name: 'Reload to update' });
    await offer.waitFor({ timeout: 60_000 });
    // Still the same page, with its file loaded.
    expect(await s.page.evaluate(() => (window as unknown as { __customerLens: { files: unknown[] } }).__customerLens.files.length)).toBe(1);
    await Promise.all([s.page.waitForEvent('load'), offer.click()]);
    await waitIdle(s.page);
    expect(await offer.count()).toBe(0);
    const version = await s.page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('customer-lens-')));
    expect(version.length).toBe(1);
  });
});
