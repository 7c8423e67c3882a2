import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download, loadFiles, openApp, waitIdle, type AppSession } from '../helpers/browser';

// Headerless, Unix seconds (the teaching data set's layout); 1704067200 = 2024-01-01 00:00:00 UTC. Worked by hand:
// u1 views, carts 10 minutes later, buys 10 minutes after that. u2 views, favourites an hour later (a new session).
// u3 carts before viewing (does not count), views on 01-02, favourites on 01-05 (72 h), buys on 01-09 at 00:00:01:
// one second past the 7-day window of its view.
const LOG = `u1,100,女装,pv,1704067200
u1,100,女装,cart,1704067800
u1,100,女装,buy,1704068400
u2,200,数码,pv,1704067200
u2,200,数码,fav,1704070800
u3,300,数码,cart,1704067200
u3,300,数码,pv,1704153600
u3,300,数码,fav,1704412800
u3,300,数码,buy,1704758401
`;
const csv = (text: string) => text.slice(1).trim().split(/\r?\n/);

describe('the Events view in the built app', () => {
  let s: AppSession;
  const ready = () => s.page.locator('section[data-view="events"][aria-busy="false"]').waitFor();
  beforeAll(async () => {
    s = await openApp('?lang=en', { timezoneId: 'UTC' });
    await waitIdle(s.page);
    await loadFiles(s.page, [{ name: 'UserBehavior.csv', mimeType: 'text/csv', buffer: Buffer.from(LOG) }]);
  });
  afterAll(async () => {
    expect(s.foreignRequests).toEqual([]);
    expect(s.pageErrors).toEqual([]);
    await s?.close();
  });

  it('recognises a headerless event log without asking and opens on its view', async () => {
    await expect.poll(() => s.page.getByRole('tab', { selected: true }).textContent()).toBe('Events');
    await ready();
    // Step 2 is "add to cart or favourite": all three reach it (median of 1/6 h, 1 h, 72 h = 1 h); only u1 buys.
    await expect.poll(() => s.page.getByRole('table', { name: 'Conversion funnel' }).locator('tbody tr').allTextContents()).toEqual([
      '1. View3100.0%100.0%––',
      '2. Add to cart or favourite3100.0%100.0%0.0%1.00',
      '3. Purchase133.3%33.3%66.7%0.17',
    ]);
  });

  it('exports funnel.csv, activity.csv, sessions.csv, paths.csv and items.csv', async () => {
    const funnel = await download(s.page, () => s.page.getByRole('button', { name: 'Download CSV' }).click());
    expect(funnel.name).toBe('funnel.csv');
    expect(funnel.text.charCodeAt(0)).toBe(0xfeff);
    expect(csv(funnel.text)).toEqual([
      'step,event,users,conversion_from_previous,conversion_from_first,median_hours_from_previous',
      '1,view,3,1.0,1.0,', '2,cart|favourite,3,1.0,1.0,1.0', '3,purchase,1,0.3333,0.3333,0.17',
    ]);
    // 01-01: all three active; the 7 days ending 01-08 hold only u3 (01-02, 01-05); the 30 days still hold all.
    const activity = csv((await download(s.page, () => s.page.getByRole('button', { name: 'Download activity' }).click())).text);
    expect(activity[0]).toBe('date,dau,wau,mau,stickiness,new_users,returning_users');
    expect(activity.filter((l) => /^2024-01-0[128]/.test(l))).toEqual([
      '2024-01-01,3,3,3,1.0,3,0', '2024-01-02,1,3,3,0.3333,0,1', '2024-01-08,0,1,3,0.0,0,0',
    ]);
    expect(activity).toHaveLength(10);
    // 01-01: u1's session (20 minutes, 3 events), u2's two one-event sessions and u3's cart: 4 sessions, 3 bounces.
    const sessions = csv((await download(s.page, () => s.page.getByRole('button', { name: 'Download sessions' }).click())).text);
    expect(sessions.slice(0, 2)).toEqual(['date,sessions,users,events,median_session_minutes,bounce_rate', '2024-01-01,4,3,6,0.0,0.75']);
    const paths = csv((await download(s.page, () => s.page.getByRole('button', { name: 'Download paths' }).click())).text);
    expect(paths).toEqual(['from_event,to_event,transitions,share_of_from', 'cart,purchase,1,1.0', 'view,cart,1,1.0']);
    // Item 300: u3 viewed it on 01-02 and bought it on 01-09; item 200 was viewed and never bought.
    const items = csv((await download(s.page, () => s.page.getByRole('button', { name: 'Download items' }).click())).text);
    expect(items).toEqual([
      'item,category,views,favourites,carts,purchases,view_to_purchase',
      '100,女装,1,0,1,1,1.0', '200,数码,1,1,0,0,0.0', '300,数码,1,1,1,1,1.0',
    ]);
  });

  it('shows the events in another time zone without reading the file again', async () => {
    await s.page.getByRole('combobox', { name: 'Time zone' }).selectOption('+08:00');
    await ready();
    const activity = csv((await download(s.page, () => s.page.getByRole('button', { name: 'Download activity' }).click())).text);
    // At UTC+8 every event is 8 hours later: still the same days (all at 00:00–01:00 UTC).
    expect(activity[1]).toBe('2024-01-01,3,3,3,1.0,3,0');
    await s.page.getByRole('tab', { name: 'Data' }).click();
    await expect.poll(() => s.page.getByRole('table').filter({ hasText: 'UserBehavior.csv' }).first().textContent()).toContain('2024-01-01 – 2024-01-09');
  });

  it('feeds the purchase analyses with the purchase events while no transactions are loaded', async () => {
    // Two purchase events (u1 on 01-01, u3 on 01-09), no amount column: two customers, two orders, revenue 0.
    await s.page.getByRole('tab', { name: 'Overview' }).click();
    await s.page.locator('section[data-view="overview"][aria-busy="false"]').waitFor();
    expect(await s.page.locator('[data-kpi="customers"]').textContent()).toBe('2');
    expect(await s.page.locator('[data-kpi="orders"]').textContent()).toBe('2');
    expect(await s.page.locator('[data-kpi="revenue"]').textContent()).toBe('0.00');
    await s.page.getByRole('tab', { name: 'Data' }).click();
    await s.page.locator('[data-derived]').waitFor();
    // Real transactions replace them; the events stay.
    await loadFiles(s.page, [{ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from('customer_id,order_date,amount\nu1,2024-01-03,25.00\n') }]);
    await s.page.getByRole('tab', { name: 'Overview' }).click();
    await s.page.locator('section[data-view="overview"][aria-busy="false"]').waitFor();
    await expect.poll(() => s.page.locator('[data-kpi="revenue"]').textContent()).toBe('25.00');
    expect(await s.page.locator('[data-kpi="customers"]').textContent()).toBe('1');
    expect(await s.page.getByRole('tab', { name: 'Events' }).count()).toBe(1);
    // The report holds the funnel; its finding names the step that loses most (step 3 keeps 1 of 3).
    const report = await download(s.page, () => s.page.getByRole('button', { name: 'Download report' }).click());
    expect(report.text).toContain('The funnel loses the most between “Add to cart / Favourite” and “Purchase”: only 33.3% go on');
  });
});

describe('an event log whose columns the app cannot tell', () => {
  it('asks for them: read as an event log, pick the event type, apply', async () => {
    const s = await openApp('?lang=en', { timezoneId: 'UTC' });
    try {
      await waitIdle(s.page);
      // Headerless, Unix seconds, but event words the app does not know.
      const log = 'u1,1704067200,open\nu1,1704067260,tap\nu2,1704067200,open\n';
      await loadFiles(s.page, [{ name: 'app_log.csv', mimeType: 'text/csv', buffer: Buffer.from(log) }]);
      await s.page.getByRole('button', { name: 'Read “app_log.csv” as an event log' }).click();
      const editor = s.page.locator('details', { hasText: 'Columns of “app_log.csv”' });
      await editor.getByRole('combobox', { name: 'Event type' }).selectOption('column_3');
      await editor.getByRole('button', { name: 'Apply' }).click();
      await s.page.getByRole('tab', { name: 'Events' }).click();
      await s.page.locator('section[data-view="events"][aria-busy="false"]').waitFor();
      await expect.poll(() => s.page.locator('[data-kpi="dau"]').textContent()).toBe('2');
      expect(s.foreignRequests).toEqual([]);
      expect(s.pageErrors).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
