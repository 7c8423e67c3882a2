import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download, loadFiles, openApp, waitIdle, type AppSession } from '../helpers/browser';
import { MARKOV_CSV, MIGRATION_CSV } from '../helpers/migration-fixture';

const csv = (text: string) => text.slice(1).trim().split(/\r?\n/);

describe('the Migration view in the built app', () => {
  let s: AppSession;
  const view = () => s.page.locator('section[data-view="migration"]');
  const ready = () => s.page.locator('section[data-view="migration"][aria-busy="false"]').waitFor({ timeout: 120_000 });
  beforeAll(async () => {
    s = await openApp('?lang=en');
    await waitIdle(s.page);
    await loadFiles(s.page, [{ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(MIGRATION_CSV) }]);
    await s.page.getByRole('tab', { name: 'Migration' }).click();
    await ready();
  });
  afterAll(async () => {
    expect(s.foreignRequests).toEqual([]);
    expect(s.pageErrors).toEqual([]);
    await s?.close();
  });

  it('defaults to the as-of date and 90 days before, RF-grid segments, and exports them', async () => {
    // The last order (e2) is on 2024-07-05: the as-of date; 90 days before is 2024-04-06.
    expect(await view().getByLabel('From date').inputValue()).toBe('2024-04-06');
    expect(await view().getByLabel('To date').inputValue()).toBe('2024-07-05');
    const file = await download(s.page, () => view().getByRole('button', { name: 'Download CSV' }).click());
    expect(file.name).toBe('segment_migration.csv');
    const lines = csv(file.text);
    expect(lines[0]).toBe('from_segment,to_segment,customers,share_of_from');
    // Ten customers bought by the as-of date; c, h and i first bought after 04-06 and j on 04-01: three new.
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.reduce((n, r) => n + Number(r.at(-2)), 0)).toBe(10);
    expect(rows.filter((r) => r[0] === '(new)').reduce((n, r) => n + Number(r.at(-2)), 0)).toBe(3);
  });

  it('migrates A/B/C tiers between two chosen dates, worked by hand', async () => {
    await view().getByLabel('From date').fill('2024-04-01');
    await view().getByLabel('To date').fill('2024-06-30');
    await view().getByRole('combobox', { name: 'Segments' }).selectOption('tier');
    await expect.poll(() => s.page.locator('[data-migration-summary]').textContent()).toBe('3 stayed, 2 moved up, 2 moved down, 3 new.');
    await ready();
    // Worked in src/analyses/migration/migration-sql.test.ts ("migrates A/B/C tiers").
    const file = await download(s.page, () => view().getByRole('button', { name: 'Download CSV' }).click());
    expect(csv(file.text)).toEqual([
      'from_segment,to_segment,customers,share_of_from',
      'A,B,1,0.5', 'A,C,1,0.5', 'B,A,1,0.5', 'B,B,1,0.5', 'C,B,1,0.3333', 'C,C,2,0.6667', '(new),A,1,0.3333', '(new),C,2,0.6667',
    ]);
    // The new customers who ended in C: c (30) and h (10), the most money first.
    await view().getByRole('button', { name: '(new) to C' }).click();
    const list = view().locator('table').filter({ hasText: 'Customers from (new) to C' });
    await expect.poll(() => list.locator('tbody tr th, tbody tr td:first-child').allTextContents()).toEqual(['c', 'h']);
  });

  it('migrates the k-means clusters of the Segments view, under the names given there', async () => {
    await view().getByLabel('From date').fill('2024-04-01');
    await view().getByLabel('To date').fill('2024-07-05');
    await view().getByRole('combobox', { name: 'Segments' }).selectOption('cluster');
    await ready();
    await expect.poll(() => view().locator('[data-migration-summary]').count()).toBe(1);
    const sizes = (lines: string[], pick: (cells: string[]) => string) => {
      const out: Record<string, number> = {};
      for (const l of lines) {
        const cells = l.match(/"[^"]*"|[^,]+/g)!;
        out[pick(cells)] = (out[pick(cells)] ?? 0) + Number(cells.at(-2));
      }
      return out;
    };
    const moved = csv((await download(s.page, () => view().getByRole('button', { name: 'Download CSV' }).click())).text);
    // At the as-of date each customer is in the cluster the Segments view fitted: the to-column totals are its sizes.
    const byTo = sizes(moved.slice(1), (c) => /^"?(\d+) · /.exec(c[1]!)![1]!);
    await s.page.getByRole('tab', { name: 'Segments' }).click();
    await s.page.locator('[data-clusters-ready]').waitFor({ timeout: 120_000 });
    const clusters = csv((await download(s.page, () => s.page.getByRole('button', { name: 'Download clusters' }).click())).text).slice(1);
    const fitted: Record<string, number> = {};
    for (const l of clusters) fitted[l.split(',')[1]!] = (fitted[l.split(',')[1]!] ?? 0) + 1;
    expect(byTo).toEqual(fitted);
    expect(Object.keys(fitted).length).toBeGreaterThan(1);
    // A name typed in the Segments view names the cluster in the migration too.
    const rename = s.page.getByLabel('Name of cluster 1');
    await rename.fill('Stars');
    await rename.press('Tab');
    await s.page.getByRole('tab', { name: 'Migration' }).click();
    await ready();
    const renamed = csv((await download(s.page, () => view().getByRole('button', { name: 'Download CSV' }).click())).text);
    expect(renamed.slice(1).some((l) => l.split(',')[1] === '1 · Stars')).toBe(true);
  });
});

describe('Markov-chain CLV in the built app', () => {
  let s: AppSession;
  beforeAll(async () => {
    s = await openApp('?lang=en');
    await waitIdle(s.page);
    await loadFiles(s.page, [{ name: 'markov.csv', mimeType: 'text/csv', buffer: Buffer.from(MARKOV_CSV) }]);
    await s.page.getByLabel('As of').fill('2024-03-31');
    await s.page.getByRole('tab', { name: 'Migration' }).click();
  });
  afterAll(async () => {
    expect(s.foreignRequests).toEqual([]);
    expect(s.pageErrors).toEqual([]);
    await s?.close();
  });

  it('exports markov_clv.csv worked by hand', async () => {
    const view = s.page.locator('section[data-view="migration"]');
    await view.getByLabel('Lost after (months without a purchase)').fill('3');
    await view.getByLabel('Lost after (months without a purchase)').press('Tab');
    await view.getByLabel('Months ahead').fill('1');
    await view.getByLabel('Months ahead').press('Tab');
    await view.getByLabel(/Monthly discount rate/).fill('0');
    await view.getByLabel(/Monthly discount rate/).press('Tab');
    await expect.poll(() => view.locator('[data-table="markov"] tbody tr').count()).toBe(4);
    await s.page.locator('section[data-view="migration"][aria-busy="false"]').waitFor();
    // Worked in src/analyses/migration/markov.test.ts: R₀ = 175/6, R₁ = −10/3; one month undiscounted, V = P R:
    // V₀ = ¼ R₀ + ¾ R₁ = 4.79, V₁ = R₀ / 3 = 9.72, V₂ = R₀ / 2 = 14.58; x and z bought in March, y is lost.
    const file = await download(s.page, () => view.getByRole('button', { name: 'Download Markov CLV' }).click());
    expect(file.name).toBe('markov_clv.csv');
    expect(csv(file.text)).toEqual(['state,customers,expected_revenue_per_period,clv', '0,2,29.17,4.79', '1,0,-3.33,9.72', '2,0,0,14.58', 'lost,1,0,0']);
  });
});
