import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, sampleLoaded, type AppSession } from '../helpers/browser';

describe('navigation inside a view', () => {
  let s: AppSession;
  beforeAll(async () => {
    // A deep link to the RFM view's value tiers, with the retail sample.
    s = await openApp('?lang=en&sample=retail#rfm/tiers');
    await sampleLoaded(s.page);
  });
  afterAll(async () => {
    expect(s.foreignRequests).toEqual([]);
    expect(s.pageErrors).toEqual([]);
    await s?.close();
  });

  it('opens the linked view at the linked section', async () => {
    await expect.poll(() => s.page.getByRole('tab', { selected: true }).textContent()).toBe('RFM');
    await s.page.locator('section[data-view="rfm"][aria-busy="false"]').waitFor();
    const tiers = s.page.locator('#rfm-tiers');
    await expect.poll(async () => Math.abs((await tiers.boundingBox())?.y ?? 9999)).toBeLessThan(120);
    expect(await s.page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  });

  it('lists the sections in a table of contents whose links are deep links', async () => {
    const toc = s.page.getByRole('navigation', { name: 'Sections of this view' }).first();
    const links = await toc.getByRole('link').evaluateAll((as) => as.filter((a) => (a as HTMLElement).offsetParent !== null).map((a) => [a.textContent, a.getAttribute('href')]));
    expect(links).toEqual([
      ['Settings', '#rfm/settings'], ['Segments', '#rfm/segments'], ['Charts', '#rfm/charts'], ['Score ranges', '#rfm/scores'],
      ['How to read it', '#rfm/explain'], ['Value tiers', '#rfm/tiers'], ['Segment rules', '#rfm/rules'], ['Customers', '#rfm/customers'],
    ]);
    await s.page.locator('section[data-view="rfm"]').locator('..').getByRole('link', { name: 'Segment rules' }).click();
    await expect.poll(() => s.page.evaluate(() => location.hash)).toBe('#rfm/rules');
  });

  it('folds a section and opens it again', async () => {
    const toggle = s.page.getByRole('button', { name: 'Value tiers' });
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await s.page.locator('#rfm-tiers-body').isHidden()).toBe(true);
    await toggle.click();
    expect(await s.page.locator('#rfm-tiers-body').isVisible()).toBe(true);
  });
});
