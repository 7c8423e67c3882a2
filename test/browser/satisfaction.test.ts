import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download, loadFiles, openApp, waitIdle, type AppSession } from '../helpers/browser';

// Worked by hand. f's NPS answer 12 is off the 0–10 scale: rejected, the rest of f's response kept.
// January: a 10 (promoter), b 6 (detractor), c 8 (passive): NPS 0, half-width 196·√((2/3 − 0)/3) = 92.4.
// February: d 9, e 3: NPS 0, half-width 196·√(1/2) = 138.6, clipped to −100…100.
const SURVEY = `respondent_id,response_date,likelihood_to_recommend,overall_satisfaction,delivery,competitor_delivery,store,comment
a,2024-01-05,10,5,5,3,North,Fast delivery
b,2024-01-20,6,2,2,4,South,Delivery was slow
c,2024-01-25,8,4,4,4,North,
d,2024-02-03,9,4,5,3,South,Great support
e,2024-02-10,3,1,1,2,South,Slow and rude support
f,2024-02-15,12,3,3,3,North,ok
`;
// a and d buy again after answering; b does not. c and e never bought. As of 2024-03-01 (the last order).
const ORDERS = `order_id,customer_id,order_date,amount
1,a,2024-01-01,10.00
2,a,2024-02-01,20.00
3,b,2024-01-10,15.00
4,d,2024-01-15,30.00
5,d,2024-03-01,5.00
`;
const csv = (text: string) => text.slice(1).trim().split(/\r?\n/);

describe('the Satisfaction view in the built app', () => {
  let s: AppSession;
  const ready = () => s.page.locator('section[data-view="satisfaction"][aria-busy="false"]').waitFor();
  beforeAll(async () => {
    s = await openApp('?lang=en');
    await waitIdle(s.page);
    await loadFiles(s.page, [{ name: 'survey.csv', mimeType: 'text/csv', buffer: Buffer.from(SURVEY) }]);
  });
  afterAll(async () => {
    expect(s.foreignRequests).toEqual([]);
    expect(s.pageErrors).toEqual([]);
    await s?.close();
  });

  it('recognises a survey loaded alone and opens on its view', async () => {
    await expect.poll(() => s.page.getByRole('tab', { selected: true }).textContent()).toBe('Satisfaction');
    expect(await s.page.getByRole('tab', { name: 'Overview' }).count()).toBe(0);
    await ready();
    await expect.poll(() => s.page.locator('[data-kpi="nps"]').textContent()).toBe('0.0');
    expect(await s.page.locator('[data-kpi="responses"]').textContent()).toBe('5');
    expect(await s.page.getByRole('note').filter({ hasText: 'Only 5 responses' }).count()).toBe(1);
    expect(await s.page.getByRole('alert').filter({ hasText: 'off their question’s scale; the first is on line 7' }).count()).toBe(1);
  });

  it('exports nps.csv and nps_by_group.csv', async () => {
    const nps = await download(s.page, () => s.page.getByRole('button', { name: 'Download CSV' }).click());
    expect(nps.name).toBe('nps.csv');
    expect(nps.text.charCodeAt(0)).toBe(0xfeff);
    expect(csv(nps.text)).toEqual([
      'period,responses,promoters,passives,detractors,nps,nps_low,nps_high',
      '2024-01-01,3,1,1,1,0.0,-92.4,92.4',
      '2024-02-01,2,1,0,1,0.0,-100.0,100.0',
    ]);
    // South: b, d, e → NPS −33.3 ± 106.7; North: a, c (f has no NPS answer) → 50.0 ± 69.3.
    const groups = await download(s.page, () => s.page.getByRole('button', { name: 'Download NPS by group' }).click());
    expect(groups.name).toBe('nps_by_group.csv');
    expect(csv(groups.text)).toEqual([
      'group_column,group,responses,promoters,passives,detractors,nps,nps_low,nps_high',
      'store,South,3,1,0,2,-33.3,-100.0,73.4',
      'store,North,2,1,1,0,50.0,-19.3,100.0',
    ]);
  });

  it('exports the drivers and the comment terms', async () => {
    // delivery: 5, 2, 4, 5, 1, 3 → mean 3.333, top-two 3/6; r with overall (5, 2, 4, 4, 1, 3) = 11.667 / √(10.833 · 13.333) = 0.9707.
    const drivers = await download(s.page, () => s.page.getByRole('button', { name: 'Download drivers' }).click());
    expect(drivers.name).toBe('satisfaction_drivers.csv');
    expect(csv(drivers.text)).toEqual(['question,responses,mean,top2_share,importance,quadrant', 'delivery,6,3.333,0.5,0.9707,keep_up']);
    await s.page.locator('[data-terms-ready]').waitFor();
    const terms = await download(s.page, () => s.page.getByRole('button', { name: 'Download comment terms' }).click());
    expect(terms.name).toBe('comment_terms.csv');
    const lines = csv(terms.text);
    expect(lines[0]).toBe('group,term,count,share_of_comments');
    // Detractors' comments: "Delivery was slow", "Slow and rude support".
    expect(lines.filter((l) => l.startsWith('detractor,'))).toEqual(['detractor,slow,2,1', 'detractor,delivery,1,0.5', 'detractor,rude,1,0.5', 'detractor,support,1,0.5']);
    await s.page.getByRole('searchbox').fill('rude');
    await expect.poll(() => s.page.getByRole('table', { name: 'Comments, newest first' }).locator('tbody tr').allTextContents()).toEqual([
      expect.stringContaining('Slow and rude support'),
    ]);
  });

  it('links respondents to the transactions loaded after it', async () => {
    await loadFiles(s.page, [{ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(ORDERS) }]);
    await s.page.getByRole('tab', { name: 'Satisfaction' }).click();
    await ready();
    await expect.poll(() => s.page.locator('[data-link-coverage]').textContent()).toContain('3 of 5 respondents');
    const rows = s.page.getByRole('table', { name: 'Repurchase and revenue after the response, per NPS group' }).locator('tbody tr');
    await expect.poll(() => rows.allTextContents()).toEqual(['Promoters (9–10)2100.0%–', 'Passives (7–8)0––', 'Detractors (0–6)10.0%–']);
    const seg = await download(s.page, () => s.page.getByRole('button', { name: 'Download NPS by segment' }).click());
    expect(seg.name).toBe('nps_by_segment.csv');
    const lines = csv(seg.text);
    expect(lines[0]).toBe('segment,respondents,nps,repurchase_rate,revenue_per_respondent_90d');
    expect(lines.slice(1).reduce((n, l) => n + Number(l.split(',')[1]), 0)).toBe(3);
  });

  it('puts the NPS and its finding in the report', async () => {
    const report = await download(s.page, () => s.page.getByRole('button', { name: 'Download report' }).click());
    expect(report.name).toBe('report.html');
    expect(report.text).toContain('data-metric="nps">0.0<');
    // All five answers: p = d = 2/5, half-width 196 · √(0.8 / 5) = 78.4.
    expect(report.text).toContain('NPS is 0 (95 % interval -78 to 78) over 5 responses');
  });

  it('asks when a file’s columns fit both kinds', async () => {
    await loadFiles(s.page, [{ name: 'both.csv', mimeType: 'text/csv', buffer: Buffer.from('customer_id,order_date,amount,nps\nz,2024-01-02,12.50,9\n') }]);
    const ask = s.page.getByRole('group', { name: /both\.csv.*Which is it/ });
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Transactions' }).click();
    await s.page.getByRole('tab', { name: 'Data' }).click();
    await expect.poll(() => s.page.getByRole('rowheader', { name: 'both.csv' }).count()).toBe(1);
  });
});
