import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download, openApp, sampleLoaded, waitIdle, type AppSession } from '../helpers/browser';

const lines = (text: string) => text.slice(1).trim().split(/\r?\n/);

describe('the tutorial in the built app', () => {
  let s: AppSession;
  const panel = () => s.page.getByRole('complementary', { name: 'Tutorial: a customer analysis, step by step' });
  const atStep = (id: string) => s.page.locator(`aside[data-tutorial-step="${id}"]`).waitFor();
  beforeAll(async () => {
    s = await openApp('?lang=en');
    await waitIdle(s.page);
  });
  afterAll(async () => {
    expect(s.foreignRequests).toEqual([]);
    expect(s.pageErrors).toEqual([]);
    await s?.close();
  });

  it('loads its sample and opens the first step on the Data view', async () => {
    await s.page.getByRole('button', { name: 'Tutorial', exact: true }).click();
    await sampleLoaded(s.page);
    await atStep('data');
    expect(await s.page.getByRole('tab', { name: 'Data', exact: true }).getAttribute('aria-selected')).toBe('true');
    expect(await panel().textContent()).toContain('Step 1 of 8');
  });

  it('checks an answer against the data, wrong and right', async () => {
    await panel().getByRole('button', { name: 'Next step' }).click();
    await atStep('overview');
    await panel().getByRole('button', { name: 'Next step' }).click();
    await atStep('rfm');
    await s.page.locator('section[data-view="rfm"][aria-busy="false"]').waitFor({ timeout: 120_000 });
    // The segment with the most revenue, from the RFM view's own export.
    const summary = lines((await download(s.page, () => s.page.getByRole('button', { name: 'Download segment summary' }).click())).text);
    const cols = summary[0]!.split(',');
    const rows = summary.slice(1).map((l) => l.split(','));
    const top = rows.reduce((a, b) => (Number(b[cols.indexOf('revenue')]) > Number(a[cols.indexOf('revenue')]) ? b : a));
    const right = top[cols.indexOf('segment')]!;
    const wrong = rows.find((r) => r !== top)![cols.indexOf('segment')]!;
    const answer = panel().getByRole('combobox', { name: 'Your answer' });
    await answer.locator('option', { hasText: right }).first().waitFor({ state: 'attached' });
    await answer.selectOption({ label: wrong });
    await panel().getByRole('button', { name: 'Check answer' }).click();
    await expect.poll(() => panel().getByRole('status').textContent()).toBe(`Not quite: the data says ${right}. Look at the view again to see why.`);
    expect(await panel().textContent()).toContain('0 of 8 questions answered right');
    await answer.selectOption({ label: right });
    await panel().getByRole('button', { name: 'Check answer' }).click();
    await expect.poll(() => panel().getByRole('status').textContent()).toBe(`Right: ${right}.`);
    expect(await panel().textContent()).toContain('1 of 8 questions answered right');
  });

  it('checks a typed number', async () => {
    await panel().getByRole('button', { name: 'Previous step' }).click();
    await atStep('overview');
    const overview = lines((await download(s.page, () => s.page.locator('section[data-view="overview"]').getByRole('button', { name: 'Download CSV' }).first().click())).text);
    const customers = overview.find((l) => l.startsWith('customers,'))!.split(',')[1]!;
    await panel().getByRole('textbox', { name: 'Your answer' }).fill(String(Number(customers) + 1));
    await panel().getByRole('button', { name: 'Check answer' }).click();
    await expect.poll(() => panel().getByRole('status').getAttribute('data-verdict')).toBe('wrong');
    await panel().getByRole('textbox', { name: 'Your answer' }).fill(customers);
    await panel().getByRole('button', { name: 'Check answer' }).click();
    await expect.poll(() => panel().getByRole('status').getAttribute('data-verdict')).toBe('right');
  });

  it('keeps its progress across a reload, and speaks Chinese', async () => {
    await s.page.goto(s.page.url().replace('?lang=en', '?lang=zh'));
    await waitIdle(s.page);
    await s.page.getByRole('button', { name: '教程', exact: true }).click();
    await sampleLoaded(s.page);
    const zh = s.page.getByRole('complementary', { name: '教程：一步一步做客户分析' });
    await s.page.locator('aside[data-tutorial-step="overview"]').waitFor();
    expect(await zh.textContent()).toContain('第 2 步，共 8 步');
    expect(await zh.textContent()).toContain('已答对 2 / 8 题');
  });
});
