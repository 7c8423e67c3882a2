import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { download, loadFiles, openApp, type AppSession, sampleLoaded } from '../helpers/browser';
import { basketOrders, orderNets, purchaseDays, readRetailSample } from '../helpers/retail-reference';

const HEADER = 'product_a,product_b,orders_with_a,orders_with_b,orders_with_both,support,confidence_a_to_b,confidence_b_to_a,lift';


describe('Behaviour in the built app', () => {
  let s: AppSession;
  const lines = readRetailSample();
  const asOf = lines.reduce((m, l) => (l.day > m ? l.day : m), '');

  beforeAll(async () => {
    s = await openApp('?lang=en&sample=retail');
    await sampleLoaded(s.page);
    await s.page.getByRole('tab', { name: 'Behaviour' }).click();
  });
  afterAll(async () => {
    expect(s.foreignRequests).toEqual([]);
    expect(s.pageErrors).toEqual([]);
    await s?.close();
  });

  it('exports behaviour.csv: product pairs whose counts, support, confidence and lift a second computation confirms', async () => {
    const { page } = s;
    const file = await download(page, () => page.getByRole('button', { name: 'Download CSV', exact: true }).click());
    expect(file.name).toBe('behaviour.csv');
    expect(file.text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...pairs] = file.text.slice(1).trim().split('\n');
    expect(header).toBe(HEADER);
    expect(pairs.length).toBeGreaterThan(0);

    const { n, byProduct } = basketOrders(lines, asOf);
    for (const row of [pairs[0], pairs[pairs.length - 1]]) {
      const [a, b, withA, withB, both, support, confAB, confBA, lift] = row.split(',');
      const A = byProduct.get(a)!;
      const B = byProduct.get(b)!;
      const together = [...A].filter((o) => B.has(o)).length;
      expect([Number(withA), Number(withB), Number(both)]).toEqual([A.size, B.size, together]);
      expect(Number(support)).toBeCloseTo(together / n, 12);
      expect(Number(confAB)).toBeCloseTo(together / A.size, 12);
      expect(Number(confBA)).toBeCloseTo(together / B.size, 12);
      expect(Number(lift)).toBeCloseTo((together * n) / (A.size * B.size), 12);
      expect(together / n).toBeGreaterThanOrEqual(0.01); // the default minimum support
    }
    // Every pair at or above 1 % support is listed.
    const products = [...byProduct.keys()].sort();
    let frequent = 0;
    for (let i = 0; i < products.length; i++)
      for (let j = i + 1; j < products.length; j++) {
        const B = byProduct.get(products[j])!;
        if ([...byProduct.get(products[i])!].filter((o) => B.has(o)).length / n >= 0.01) frequent++;
      }
    expect(pairs).toHaveLength(frequent);
    await page.getByRole('button', { name: 'Bought together', exact: true }).click();
    await page.locator('section[data-view="behaviour"][aria-busy="false"]').waitFor();
    await page.locator('[data-basket-stats]').waitFor();
    expect(await page.locator('[data-basket-stats]').textContent()).toContain(`${n.toLocaleString('en-US')} orders with products`);
  });

  it('shows when customers buy, with the gaps between purchases a second computation counts', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'When', exact: true }).click();
    const cells = page.locator('figure', { hasText: 'Orders by weekday and hour' }).locator('svg g.mark-rect').first().locator('path');
    await cells.first().waitFor();
    expect(await cells.count()).toBe(7 * 24);
    const gaps = [...purchaseDays(lines, asOf).values()].reduce((sum, d) => sum + d.length - 1, 0);
    await page.locator('[data-gap-summary]').waitFor();
    expect(await page.locator('[data-gap-summary]').textContent()).toContain(`over ${gaps.toLocaleString('en-US')} gaps`);

    // Away to another section and back to this one: answered from the query layer, no statement runs.
    await page.locator('section[data-view="behaviour"][aria-busy="false"]').waitFor();
    const executed = () => page.evaluate(() => (window as unknown as { __customerLens: { layer: { stats: { executed: number } } } }).__customerLens.layer.stats.executed);
    await page.getByRole('button', { name: 'What', exact: true }).click();
    await page.locator('section[data-view="behaviour"][aria-busy="false"]').waitFor();
    const before = await executed();
    await page.getByRole('button', { name: 'When', exact: true }).click();
    await page.locator('[data-gap-summary]').waitFor();
    await page.locator('section[data-view="behaviour"][aria-busy="false"]').waitFor();
    expect(await executed()).toBe(before);
  });

  it('finds a customer by id in Customer 360 and lists all their orders', async () => {
    const { page } = s;
    const orders = new Map<string, Set<string>>();
    for (const l of lines) if (l.day <= asOf) orders.set(l.customer, (orders.get(l.customer) ?? new Set()).add(l.order));
    const [id, mine] = [...orders].sort((x, y) => y[1].size - x[1].size || (x[0] < y[0] ? -1 : 1))[0];
    const latest = lines.filter((l) => l.customer === id).reduce((m, l) => (l.ts > m.ts ? l : m));
    // The profile counts purchases (orders netting > 0); the orders table lists every order, returns too.
    const nets = orderNets(lines, asOf);
    const purchases = [...mine].filter((o) => (nets.get(`${id}|${o}`) ?? 0) > 0).length;
    expect(purchases).toBeLessThan(mine.size);

    await page.getByRole('button', { name: 'Customer 360', exact: true }).click();
    await page.getByLabel('Customer ID').fill(id.toLowerCase());
    await page.getByRole('heading', { name: `Customer ${id}` }).waitFor();
    expect(await page.locator('[data-c360=orders]').textContent()).toBe(purchases.toLocaleString('en-US'));
    const table = page.getByRole('table', { name: `Orders of ${id}` });
    await table.getByRole('cell', { name: latest.order, exact: true }).waitFor();
    expect(await table.locator('tbody tr').first().locator('td').first().textContent()).toBe(latest.order);
    await page.getByText(`Page 1 of ${Math.ceil(mine.size / 25)} (${mine.size} rows)`).waitFor();
    expect(await page.locator('[data-c360=segment]').count()).toBe(1);
  });

  it('says what is missing when the data has no products or times, and still exports the header', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Clear all data' }).click();
    const csv = 'customer_id,order_date,amount\na,2024-01-05,10\na,2024-02-05,20\nb,2024-02-01,5\n';
    await loadFiles(page, [{ name: 'plain.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) }]);
    await page.getByRole('tab', { name: 'Behaviour' }).click();
    await page.getByRole('button', { name: 'Bought together', exact: true }).click();
    await page.getByText('The data has no product column: basket analysis needs one.').waitFor();
    const file = await download(page, () => page.getByRole('button', { name: 'Download CSV', exact: true }).click());
    expect(file.name).toBe('behaviour.csv');
    expect(file.text).toBe(`\ufeff${HEADER}\n`);
    await page.getByRole('button', { name: 'When', exact: true }).click();
    await page.getByText('The order dates carry no time of day').waitFor();
    await page.getByRole('button', { name: 'How', exact: true }).click();
    await page.getByText('The data has no channel, region or payment column').waitFor();
  });
});
