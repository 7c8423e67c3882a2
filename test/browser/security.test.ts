import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSync, mkdtempSync, openSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { download, loadFiles, openApp, waitIdle, type AppSession } from '../helpers/browser';

const XSS = '<img src=x onerror="window.__xss=1">';

/**
 * What the view in tab panel `id` still waits for: being shown, its section busy (the Data view, which has no busy
 * state, until its summary is there), anything inside it busy, a chart not drawn yet (no SVG or canvas, nor the
 * chart's error). With `explain` false, only whether it has settled.
 */
function waitingFor({ id, explain }: { id: string; explain: boolean }): string[] | boolean {
  const panel = document.getElementById(`panel-${id}`);
  const section = panel?.querySelector('section');
  const waiting: string[] = [];
  if (!panel || panel.hidden || !section) waiting.push('the view is not shown');
  else {
    if (section.getAttribute('aria-busy') === 'true') waiting.push('the view is busy');
    if (id === 'data' && !panel.querySelector('[data-model-summary]')) waiting.push('no data summary yet');
    for (const e of Array.from(panel.querySelectorAll('[aria-busy="true"]'))) waiting.push(`busy: <${e.tagName.toLowerCase()}> ${(e.textContent ?? '').trim().slice(0, 80)}`);
    for (const f of Array.from(panel.querySelectorAll('figure.chart')))
      if (!f.querySelector('.vega svg, .vega canvas, [role="alert"]')) waiting.push(`chart not drawn: ${f.getAttribute('aria-label')}`);
  }
  return explain ? waiting : waiting.length === 0;
}

/** Waits until the view in tab panel `id` has settled (see `waitingFor`); on a timeout, says what it still waits for. */
async function settled(page: AppSession['page'], id: string): Promise<void> {
  try {
    await page.waitForFunction(waitingFor, { id, explain: false }, { timeout: 60_000 });
  } catch (e) {
    const waiting = (await page.evaluate(waitingFor, { id, explain: true })) as string[];
    throw new Error(`view ${id} did not settle: ${waiting.join('; ')}`, { cause: e });
  }
}

const hostile = [
  'customer_id,order_date,amount,product,region,channel,category',
  `"${XSS.replaceAll('"', '""')}",2024-01-05 10:00,10,"${XSS.replaceAll('"', '""')}",javascript:alert(1),=HYPERLINK(""x""),<b>bold</b>`,
  `=1+1,2024-02-05 11:00,20,<script>window.__xss=2</script>,"<svg onload=window.__xss=3>",@SUM(A1),+cmd`,
  `=1+1,2024-03-05 12:00,5,javascript:alert(1),x,y,z`,
].join('\n');

describe('security in the built app', () => {
  let s: AppSession;
  beforeAll(async () => {
    s = await openApp('?lang=en');
    s.page.on('dialog', (d) => {
      s.pageErrors.push(`dialog opened: ${d.message()}`);
      void d.dismiss();
    });
    await waitIdle(s.page);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('keeps DuckDB from loading extensions, and refuses to read other origins', async () => {
    const settings = await s.page.evaluate(async () => {
      const db = (window as unknown as { __customerLens: { db: { query: (q: string) => Promise<Record<string, unknown>[]> } } }).__customerLens.db;
      const [r] = await db.query(`SELECT current_setting('autoload_known_extensions') AS autoload, current_setting('autoinstall_known_extensions') AS autoinstall`);
      const attempts: string[] = [];
      for (const q of [`SELECT * FROM read_parquet('https://example.com/x.parquet')`, `SELECT * FROM read_json('https://example.com/x.json')`, `SELECT * FROM read_csv('https://example.com/x.csv')`]) {
        try {
          await db.query(q);
          attempts.push('ran');
        } catch {
          attempts.push('refused');
        }
      }
      return { ...r, attempts };
    });
    expect(settings).toEqual({ autoload: false, autoinstall: false, attempts: ['refused', 'refused', 'refused'] });
    expect(s.foreignRequests).toEqual([]);
  });

  it('shows hostile values as text in every view and exports them made safe', async () => {
    const { page } = s;
    await loadFiles(page, [{ name: 'hostile.csv', mimeType: 'text/csv', buffer: Buffer.from(hostile) }]);
    const shownAsText: string[] = [];
    /** Checks the page after a view has settled: no injected markup ran or was built, and whether the view shows a hostile value as text. */
    const check = async (view: string) => {
      await settled(page, view.split(':')[0]);
      // Each click turns a button into "Hide SQL", so take the first remaining one each time.
      const show = page.locator(`#panel-${view.split(':')[0]}`).getByRole('button', { name: 'Show SQL', exact: true });
      while ((await show.count()) > 0) await show.first().click();
      const found = await page.evaluate((id) => {
        const all = Array.from(document.querySelectorAll('*'));
        const panel = document.getElementById(`panel-${id}`)!;
        return {
          xss: (window as unknown as { __xss?: number }).__xss ?? null,
          imgs: document.querySelectorAll('img[src="x"]').length,
          scripts: Array.from(document.querySelectorAll('script')).filter((e) => e.textContent?.includes('__xss')).length,
          handlers: all.filter((e) => Array.from(e.attributes).some((a) => a.name.startsWith('on') && a.value.includes('__xss'))).length,
          bold: Array.from(document.querySelectorAll('b')).filter((e) => e.textContent === 'bold').length,
          jsLinks: document.querySelectorAll('a[href^="javascript:"]').length,
          failedCharts: Array.from(panel.querySelectorAll('figure.chart [role="alert"]')).map((e) => e.textContent),
          text: /<img src=x onerror=|<script>window\.__xss=2<\/script>|<svg onload=/.test(panel.textContent ?? ''),
        };
      }, view.split(':')[0]);
      const { text, ...markup } = found;
      expect(markup, view).toEqual({ xss: null, imgs: 0, scripts: 0, handlers: 0, bold: 0, jsLinks: 0, failedCharts: [] });
      if (text) shownAsText.push(view);
    };
    const tabs = await page.getByRole('tab').evaluateAll((els) => els.map((e) => [e.id.replace(/^tab-/, ''), e.textContent!.trim()]));
    for (const [id, name] of tabs) {
      await page.getByRole('tab', { name, exact: true }).click();
      if (id !== 'behaviour') {
        await check(id);
        continue;
      }
      // The Behaviour view shows one section at a time: each is checked.
      const sections = page.locator('section[data-view="behaviour"] nav button');
      for (const label of await sections.allTextContents()) {
        await sections.filter({ hasText: label }).click();
        if (label === 'Customer 360') {
          await page.locator('section[data-view="behaviour"]').getByRole('searchbox', { name: 'Customer ID' }).fill('img');
          await page.locator('section[data-view="behaviour"] .matches button').first().click();
        }
        await check(`behaviour:${label}`);
      }
    }
    // Not vacuous: the hostile customer ids and products reached these views, as text.
    expect(shownAsText).toEqual(expect.arrayContaining(['rfm', 'cohorts', 'clv', 'behaviour:What', 'behaviour:How', 'behaviour:Customer 360']));
    await page.getByRole('tab', { name: 'Overview', exact: true }).click();
    const file = await download(page, () => page.getByRole('button', { name: 'Download CSV' }).click());
    expect(file.text).toContain('customers,2');
  });

  it('refuses a 2 GB file with the limit explained, keeping the data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lens-huge-'));
    const path = join(dir, 'huge.csv');
    const fd = openSync(path, 'w');
    ftruncateSync(fd, 2 * 1024 ** 3);
    closeSync(fd);
    await s.page.locator('input[type=file]').setInputFiles(path);
    await waitIdle(s.page);
    const alert = await s.page.getByRole('alert').filter({ hasText: 'huge.csv' }).textContent();
    expect(alert).toContain('limit 1.5 GB');
    await s.page.getByRole('tab', { name: 'Overview', exact: true }).click();
    const file = await download(s.page, () => s.page.getByRole('button', { name: 'Download CSV' }).click());
    expect(file.text).toContain('customers,2');
  });

  it('alerts on each broken file by name with what to do', async () => {
    const files: [string, Buffer, string][] = [
      ['empty.csv', Buffer.from(''), 'is empty'],
      ['only-header.csv', Buffer.from('customer_id,order_date,amount\n'), 'no data rows'],
      ['noise.csv', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256)), 'not a text file'],
      ['book.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0, 8, 0]), 'Save As'],
      ['archive.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0, 8, 0]), 'Unzip'],
      ['people.csv', Buffer.from('name,city\nAnn,Paris\n'), 'no column was found for customer ID, order date, amount'],
      ['dates.csv', Buffer.from('customer_id,order_date,amount\na,2024-01-01,1\n' + Array.from({ length: 9 }, (_, i) => `b${i},garbage,1`).join('\n')), '9 of 10 rows were rejected'],
    ];
    for (const [name, buffer, text] of files) {
      await loadFiles(s.page, [{ name, mimeType: 'text/csv', buffer }]);
      const alert = await s.page.getByRole('alert').filter({ hasText: name }).last().textContent();
      expect(alert, name).toContain(text);
    }
    await s.page.getByRole('tab', { name: 'Data', exact: true }).click();
    await s.page.getByRole('cell', { name: 'dates.csv' }).first().waitFor();
  });

  it('survives corrupted files in the page: each loads or alerts, and nothing throws', async () => {
    const valid = Buffer.from(['customer_id,order_date,amount,product', ...Array.from({ length: 30 }, (_, i) => `c${i % 7},2024-0${1 + (i % 9)}-1${i % 10},${i}.5,"P, ${i}"`)].join('\r\n'));
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let n = 0; n < 24; n++) {
      const bytes = Buffer.from(valid);
      const kind = n % 3;
      let variant: Buffer;
      if (kind === 0) variant = bytes.subarray(0, Math.floor(rand() * bytes.length));
      else if (kind === 1) {
        for (let k = 0; k < 4; k++) bytes[Math.floor(rand() * bytes.length)] = Math.floor(rand() * 256);
        variant = bytes;
      } else {
        const at = Math.floor(rand() * bytes.length);
        variant = Buffer.concat([bytes.subarray(0, at), Buffer.from('"\u0000,,'), bytes.subarray(at)]);
      }
      const before = await s.page.getByRole('alert').count();
      await loadFiles(s.page, [{ name: `fuzz-${n}.csv`, mimeType: 'text/csv', buffer: variant }]);
      const loaded = await s.page.evaluate((name) => (window as unknown as { __customerLens: { files: { name: string }[] } }).__customerLens.files.some((f) => f.name === name), `fuzz-${n}.csv`);
      const alerted = (await s.page.getByRole('alert').count()) > before;
      expect(loaded || alerted, `fuzz-${n}.csv`).toBe(true);
    }
    expect(s.pageErrors).toEqual([]);
  });

  it('made no request to another origin, raised no page error and no CSP violation', async () => {
    expect(s.foreignRequests).toEqual([]);
    expect(s.pageErrors).toEqual([]);
    expect(await s.cspViolations()).toEqual([]);
  });
});
