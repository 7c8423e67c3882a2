import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, waitIdle, type AppSession } from '../helpers/browser';

type Lens = { db: { statements: number }; layer: { stats: { executed: number; hits: number } } };
const statements = (page: Page) => page.evaluate(() => (window as unknown as { __customerLens: Lens }).__customerLens.db.statements);

/** A view is ready when its root section is no longer busy and each of its charts has drawn. */
async function ready(page: Page, view: string): Promise<void> {
  await page.locator(`section[data-view="${view}"][aria-busy="false"]`).waitFor({ timeout: 120_000 });
  await page.waitForFunction(
    (v) => Array.from(document.querySelectorAll(`section[data-view="${v}"] .vega`)).every((el) => el.querySelector('svg, canvas')),
    view,
    { timeout: 120_000 },
  );
}

const VIEWS = [
  { tab: 'Overview', view: 'overview' },
  { tab: 'RFM', view: 'rfm' },
  { tab: 'Cohorts', view: 'cohorts' },
  { tab: 'CLV', view: 'clv' },
  { tab: 'Lifecycle', view: 'lifecycle' },
  { tab: 'Behaviour', view: 'behaviour' },
];

describe('the query layer in the built app', () => {
  let s: AppSession;
  beforeAll(async () => {
    s = await openApp('?lang=en&sample=retail');
    await waitIdle(s.page);
    await s.page.locator('[data-kpi=customers]').waitFor();
  });
  afterAll(async () => {
    expect(s.foreignRequests).toEqual([]);
    expect(s.pageErrors).toEqual([]);
    await s?.close();
  });

  it('answers a revisit of every view from its cache, without a database statement', async () => {
    for (const v of VIEWS) {
      await s.page.getByRole('tab', { name: v.tab, exact: true }).click();
      await ready(s.page, v.view);
    }
    const before = await statements(s.page);
    for (const v of VIEWS) {
      await s.page.getByRole('tab', { name: v.tab, exact: true }).click();
      await ready(s.page, v.view);
      expect(await statements(s.page), `revisiting ${v.tab}`).toBe(before);
    }
  });

  it('runs the statements of a new as-of date once, and none when the date comes back', async () => {
    await s.page.getByRole('tab', { name: 'Overview', exact: true }).click();
    await ready(s.page, 'overview');
    const last = await s.page.getByLabel('As of').inputValue();
    const earlier = new Date(Date.parse(`${last}T00:00:00Z`) - 60 * 86_400_000).toISOString().slice(0, 10);
    const before = await statements(s.page);
    await s.page.getByLabel('As of').fill(earlier);
    await s.page.waitForFunction((d) => {
      const el = document.querySelector('[data-kpi=last_date]');
      return !!el && el.textContent! <= d && document.querySelector('section[data-view="overview"][aria-busy="false"]');
    }, earlier);
    const afterNew = await statements(s.page);
    expect(afterNew).toBeGreaterThan(before);
    await s.page.getByLabel('As of').fill(last);
    await s.page.waitForFunction((d) => document.querySelector('[data-kpi=last_date]')?.textContent === d, last);
    await ready(s.page, 'overview');
    expect(await statements(s.page)).toBe(afterNew);
  });
});
