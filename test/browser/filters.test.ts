import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download, loadFiles, openApp, waitIdle, type AppSession } from '../helpers/browser';
import { SEGMENT_CUSTOMERS, SEGMENT_ORDERS } from '../helpers/segments-fixture';

// The Segments fixture (test/helpers/segments-fixture.ts), worked by hand:
//   gender F = customers a (orders 1–3: 100, 50, 30) and c (orders 5, 6: 70, 10): 2 customers, 5 orders, 260.
//   channel Web = orders 1 (a, 100), 4 (b, 40), 6 (c, 10): 3 customers, 3 orders, 150.
//   orders from 2024-02-01 = 2, 3 (a), 6 (c), 7 (d, 25): 3 customers, 4 orders, 115.
const FILES = [
  { name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(SEGMENT_ORDERS) },
  { name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(SEGMENT_CUSTOMERS) },
];
const lines = (text: string) => text.slice(1).trim().split(/\r?\n/);
const VIEWS = [
  ['Overview', 'overview'],
  ['RFM', 'rfm'],
  ['Cohorts', 'cohorts'],
  ['CLV', 'clv'],
  ['Lifecycle', 'lifecycle'],
  ['Behaviour', 'behaviour'],
  ['Segments', 'segments'],
] as const;

describe('global filters in the built app', () => {
  let s: AppSession;
  const open = async (tab: string, id: string) => {
    await s.page.getByRole('tab', { name: tab, exact: true }).click();
    await s.page.locator(`section[data-view="${id}"][aria-busy="false"]`).waitFor({ timeout: 120_000 });
  };
  const exportOf = async (tab: string, id: string) => {
    await open(tab, id);
    return download(s.page, () => s.page.locator(`section[data-view="${id}"]`).getByRole('button', { name: 'Download CSV', exact: true }).first().click());
  };
  const overview = async () => {
    const rows = lines((await exportOf('Overview', 'overview')).text).slice(1).map((l) => l.split(','));
    const m = Object.fromEntries(rows.map(([k, v]) => [k, v]));
    return { customers: m.customers, orders: m.orders, revenue: m.revenue };
  };
  const everyExport = async () => {
    const out: Record<string, string> = {};
    for (const [tab, id] of VIEWS) out[id] = (await exportOf(tab, id)).text;
    // Behaviour's export is the basket pairs, and the fixture has no products: its channel table tells.
    await open('Behaviour', 'behaviour');
    await s.page.locator('section[data-view="behaviour"]').getByRole('button', { name: 'How', exact: true }).click();
    const table = s.page.locator('section[data-view="behaviour"] table').first();
    await table.waitFor();
    await s.page.locator('section[data-view="behaviour"][aria-busy="false"]').waitFor();
    out.behaviour_screen = await table.innerText();
    return out;
  };

  beforeAll(async () => {
    s = await openApp('?lang=en&f.gender=F');
    await waitIdle(s.page);
    await loadFiles(s.page, FILES);
  });
  afterAll(async () => {
    expect(s.foreignRequests).toEqual([]);
    expect(s.pageErrors).toEqual([]);
    await s?.close();
  });

  let filtered: Record<string, string> = {};

  it('applies a filter from the URL to data loaded afterwards, shown as a chip, the as-of date unchanged', async () => {
    expect(await s.page.locator('[data-chip="gender"]').textContent()).toContain('gender: F');
    expect(await overview()).toEqual({ customers: '2', orders: '5', revenue: '260.00' });
    // d (no attributes, not kept) placed the last order: the as-of date stays there.
    expect(await s.page.getByLabel('As of').first().inputValue()).toBe('2024-06-30');
    filtered = await everyExport();
    const rfm = lines(filtered.rfm!).slice(1).map((l) => l.split(',')[0]);
    expect(rfm.sort()).toEqual(['a', 'c']);
    // Segments: only F is left of the gender values.
    expect(lines(filtered.segments!).filter((l) => l.startsWith('gender,'))).toEqual(['gender,F,2,1.0,260.00,1.0,2.5,52.0,1.0']);
    // The report says which filters its figures are under, and its figures are the filtered ones.
    const report = await download(s.page, () => s.page.getByRole('button', { name: 'Download report' }).click());
    expect(report.text).toContain('<tr><td>Filters</td><td>gender: F</td></tr>');
    expect(report.text).toContain('data-metric="customers">2<');
  });

  it('changes the figures of every view and its export when removed, and the URL follows', async () => {
    await s.page.getByRole('button', { name: 'Remove filter gender: F' }).click();
    await waitIdle(s.page);
    expect(new URL(s.page.url()).searchParams.getAll('f.gender')).toEqual([]);
    expect(await overview()).toEqual({ customers: '4', orders: '7', revenue: '325.00' });
    const all = await everyExport();
    for (const id of [...VIEWS.map(([, v]) => v).filter((v) => v !== 'behaviour'), 'behaviour_screen']) expect(all[id], id).not.toBe(filtered[id]);
  });

  it('filters by an order dimension and a date range chosen in the bar, kept in the URL', async () => {
    await s.page.getByRole('combobox', { name: 'Filter by' }).selectOption('channel');
    const value = s.page.getByRole('combobox', { name: 'Value', exact: true });
    await value.locator('option[value="Web"]').waitFor({ state: 'attached' });
    await value.selectOption('Web');
    await s.page.getByRole('button', { name: 'Add filter' }).click();
    await waitIdle(s.page);
    expect(await overview()).toEqual({ customers: '3', orders: '3', revenue: '150.00' });
    expect(new URL(s.page.url()).searchParams.getAll('f.channel')).toEqual(['Web']);
    await s.page.getByRole('button', { name: 'Remove filter Channel: Web' }).click();
    await s.page.getByLabel('Orders from').fill('2024-02-01');
    await s.page.getByLabel('Orders from').dispatchEvent('change');
    await waitIdle(s.page);
    expect(await overview()).toEqual({ customers: '3', orders: '4', revenue: '115.00' });
    expect(new URL(s.page.url()).searchParams.get('from')).toBe('2024-02-01');
  });

  it('survives a reload through the URL, with the data back from the saved workspace', async () => {
    await s.page.locator('[data-up-to-date="true"]').waitFor({ timeout: 60_000 });
    await s.page.reload();
    await waitIdle(s.page);
    await s.page.waitForFunction(() => (window as unknown as { __customerLens: { files: unknown[] } }).__customerLens.files.length > 0);
    expect(await s.page.locator('[data-chip="dates"]').textContent()).toContain('2024-02-01');
    expect(await overview()).toEqual({ customers: '3', orders: '4', revenue: '115.00' });
    await s.page.getByRole('button', { name: 'Clear filters' }).click();
    await waitIdle(s.page);
    expect(await overview()).toEqual({ customers: '4', orders: '7', revenue: '325.00' });
    expect(new URL(s.page.url()).search).toBe('?lang=en');
  });

  it('narrows every view to an attribute value from the Segments table', async () => {
    await open('Segments', 'segments');
    await s.page.getByRole('combobox', { name: 'Attribute' }).selectOption('gender');
    await s.page.getByRole('button', { name: 'Only these — narrow every view to gender: M' }).click();
    await waitIdle(s.page);
    expect(await s.page.locator('[data-chip="gender"]').textContent()).toContain('gender: M');
    expect(await overview()).toEqual({ customers: '1', orders: '1', revenue: '40.00' });
    await s.page.getByRole('button', { name: 'Clear filters' }).click();
    await waitIdle(s.page);
  });

  it('filters by an RFM segment, scored on all the data', async () => {
    const rfm = lines((await exportOf('RFM', 'rfm')).text);
    const col = rfm[0]!.split(',').indexOf('segment');
    const names = rfm.slice(1).map((l) => l.split(',')[col]!);
    const name = names[0]!;
    await s.page.getByRole('combobox', { name: 'Filter by' }).selectOption('segment');
    const value = s.page.getByRole('combobox', { name: 'Value', exact: true });
    await value.locator('option', { hasText: name }).first().waitFor({ state: 'attached' });
    await value.selectOption({ label: name });
    await s.page.getByRole('button', { name: 'Add filter' }).click();
    await waitIdle(s.page);
    expect(await s.page.locator('[data-chip="segment"]').textContent()).toContain(`RFM segment: ${name}`);
    expect((await overview()).customers).toBe(String(names.filter((n) => n === name).length));
  });
});
