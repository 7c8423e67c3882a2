import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download, loadFiles, openApp, waitIdle, type AppSession } from '../helpers/browser';
import { SEGMENT_CUSTOMERS as CUSTOMERS, SEGMENT_ORDERS as ORDERS } from '../helpers/segments-fixture';

// Worked by hand in src/analyses/segments/attributes.test.ts.
const csv = (text: string) => text.slice(1).trim().split(/\r?\n/);

describe('the Segments view in the built app', () => {
  let s: AppSession;
  const ready = () => s.page.locator('section[data-view="segments"][aria-busy="false"]').waitFor();
  beforeAll(async () => {
    s = await openApp('?lang=en');
    await waitIdle(s.page);
    await loadFiles(s.page, [
      { name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(ORDERS) },
      { name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(CUSTOMERS) },
    ]);
    await s.page.getByRole('tab', { name: 'Segments' }).click();
    await ready();
  });
  afterAll(async () => {
    expect(s.foreignRequests).toEqual([]);
    expect(s.pageErrors).toEqual([]);
    await s?.close();
  });

  it('recognises the customer file, reports the repeated id with its lines and the match', async () => {
    expect(await s.page.getByRole('alert').filter({ hasText: '“customers.csv”: 1 rows repeat a customer ID already listed (first at line 6, ID a, first listed at line 2)' }).count()).toBe(1);
    await expect.poll(() => s.page.locator('[data-match-report]').textContent()).toContain('1 customers with transactions have no attributes; 1 attribute rows have no transactions; the customers with attributes bring 92.3% of revenue');
  });

  it('exports attribute_segments.csv', async () => {
    const file = await download(s.page, () => s.page.locator('section[data-view="segments"]').getByRole('button', { name: 'Download CSV' }).click());
    expect(file.name).toBe('attribute_segments.csv');
    const lines = csv(file.text);
    expect(lines[0]).toBe('attribute,value,customers,customer_share,revenue,revenue_share,orders_per_customer,average_order_value,repeat_rate');
    // As of 2024-06-30 (the last order): ages 33, 24 and 53 fall in 25-34, <25 and 45-54.
    expect(lines.filter((l) => l.startsWith('gender,') || l.startsWith('birth_date,'))).toEqual([
      'birth_date,25-34,1,0.3333,180.00,0.6,3.0,60.0,1.0',
      'birth_date,45-54,1,0.3333,80.00,0.2667,2.0,40.0,1.0',
      'birth_date,<25,1,0.3333,40.00,0.1333,1.0,40.0,0.0',
      'gender,F,2,0.6667,260.00,0.8667,2.5,52.0,1.0',
      'gender,M,1,0.3333,40.00,0.1333,1.0,40.0,0.0',
    ]);
  });

  it('draws a map of the places from the app’s own files', async () => {
    // Shanghai and Beijing are provinces (municipalities) of China: the city attribute gets China's map.
    await s.page.getByRole('combobox', { name: 'Attribute' }).selectOption('city');
    const map = s.page.locator('[data-map="china"]');
    await map.locator('.vega svg, .vega canvas').first().waitFor();
    expect(await s.page.locator('[data-unmatched]').count()).toBe(0);
  });

  it('clusters the customers and exports the clusters and their profiles', async () => {
    await s.page.locator('[data-clusters-ready]').waitFor();
    const clusters = csv((await download(s.page, () => s.page.getByRole('button', { name: 'Download clusters' }).click())).text);
    expect(clusters[0]).toBe('customer_id,cluster,recency_days,frequency,monetary');
    expect(clusters.slice(1).map((l) => l.split(',')[0]).sort()).toEqual(['a', 'b', 'c', 'd']);
    // Cluster 1 has the highest mean monetary: a (180) is in it.
    expect(clusters.find((l) => l.startsWith('a,'))!.split(',')[1]).toBe('1');
    const profiles = csv((await download(s.page, () => s.page.getByRole('button', { name: 'Download cluster profiles' }).click())).text);
    expect(profiles[0]).toBe('cluster,name,customers,customer_share,revenue_share,recency_days,frequency,monetary,inertia_share');
    // Names hold a comma ("High value, recent"): the field after the quoted name is the customer count.
    const customers = profiles.slice(1).map((l) => Number(/^\d+,(?:"[^"]*"|[^,]*),(\d+),/.exec(l)![1]));
    expect(customers.reduce((n, c) => n + c, 0)).toBe(4);
  });

  it('writes a persona card per RFM segment, exports them, and writes them in Chinese', async () => {
    await s.page.locator('[data-personas-ready]').waitFor();
    const cards = s.page.locator('article.card');
    expect(await cards.count()).toBeGreaterThan(0);
    const file = await download(s.page, () => s.page.getByRole('button', { name: 'Download personas', exact: true }).click());
    expect(file.name).toBe('personas.csv');
    const lines = csv(file.text);
    expect(lines[0]).toBe('group_by,group,name,customers,customer_share,revenue_share,median_recency_days,median_frequency,median_monetary,average_order_value,top_category,top_product,channel,payment,weekday,hour,month,gender,region,mean_clv,mean_churn_probability,action');
    expect(lines).toHaveLength((await cards.count()) + 1);
    // The four customers of the fixture, split over the segments.
    expect(lines.slice(1).reduce((n, l) => n + Number(l.split(',')[3]), 0)).toBe(4);
    const page = await download(s.page, () => s.page.getByRole('button', { name: 'Download personas page' }).click());
    expect(page.name).toBe('personas.html');
    expect(page.text).not.toMatch(/<script|https?:\/\//);
    await s.page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
    await expect.poll(() => cards.first().textContent()).toContain('位客户');
    await s.page.getByRole('combobox', { name: '语言' }).selectOption('en');
  });
});
