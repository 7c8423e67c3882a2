import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { download, openApp, type AppSession, sampleLoaded } from '../helpers/browser';


describe('the one-file report', () => {
  let s: AppSession;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lens-report-'));
    s = await openApp('?lang=en&sample=retail');
    await sampleLoaded(s.page);
    await s.page.locator('section[data-view="overview"][aria-busy="false"]').waitFor();
  });
  afterAll(async () => {
    expect(s.foreignRequests).toEqual([]);
    expect(s.pageErrors).toEqual([]);
    await s?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('saves report.html whose key figures equal overview.csv, and opens from disk with nothing fetched', async () => {
    const overview = await download(s.page, () => s.page.getByRole('button', { name: 'Download CSV' }).click());
    const metrics = Object.fromEntries(overview.text.slice(1).trim().split(/\r?\n/).slice(1).map((l) => l.split(',')));
    const report = await download(s.page, () => s.page.getByRole('button', { name: 'Download report' }).click());
    expect(report.name).toBe('report.html');
    const path = join(dir, 'report.html');
    writeFileSync(path, report.text);

    const page = await s.browser.newPage();
    const requests: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url === pathToFileURL(path).href) return route.continue();
      requests.push(url);
      return route.abort();
    });
    try {
      await page.goto(pathToFileURL(path).href);
      expect(await page.locator('h1').textContent()).toBe('Customer analysis report');
      for (const [name, value] of Object.entries(metrics)) {
        const text = (await page.locator(`[data-metric="${name}"]`).textContent()) ?? '';
        if (/date/.test(name)) expect(text, name).toBe(value);
        else expect(Number(text.replaceAll(',', '')), name).toBe(Number(value));
      }
      // Charts inline as SVG: the monthly chart, the RFM segments, the retention curve.
      expect(await page.locator('figure svg').count()).toBe(3);
      expect(await page.locator('figure svg .mark-rect path, figure svg path').count()).toBeGreaterThan(10);
      expect(await page.locator('.findings li').count()).toBeGreaterThanOrEqual(3);
      expect(await page.locator('.appendix pre').count()).toBeGreaterThan(5);
      expect(await page.locator('script').count()).toBe(0);
      expect(requests).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('leaves out the sections the user unticks, and writes in Chinese', async () => {
    await s.page.getByRole('checkbox', { name: 'RFM' }).uncheck();
    let report = await download(s.page, () => s.page.getByRole('button', { name: 'Download report' }).click());
    expect(report.text).not.toContain('<h2>RFM</h2>');
    expect(report.text).toContain('<h2>Cohorts</h2>');
    await s.page.getByRole('checkbox', { name: 'RFM' }).check();
    await s.page.getByRole('combobox', { name: /language|语言/i }).selectOption('zh');
    report = await download(s.page, () => s.page.getByRole('button', { name: '下载报告' }).click());
    expect(report.text).toContain('<html lang="zh-CN">');
    expect(report.text).toContain('分析目标');
    expect(report.text).toContain('分析结果与建议措施');
  });
});
