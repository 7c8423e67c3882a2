import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download, loadFiles, openApp, waitIdle, type AppSession } from '../helpers/browser';

// A pandas export: float customer ids, timestamps in UTC (`Z`), and one timestamp without an offset. Worked out by
// hand: in Beijing (UTC+8) the first order is 2024-01-01 04:00 and the second 2024-02-01 02:30; in UTC they are
// 2023-12-31 20:00 and 2024-01-31 18:30. The third line has no offset: 2024-01-15 12:00 in every zone.
const CSV = `order_id,customer_id,order_date,amount
1,12347.0,2023-12-31T20:00:00Z,10.00
2,12348.0,2024-01-31T18:30:00Z,20.00
3,12347.0,2024-01-15 12:00:00,5.00
`;

describe('time zone and float ids in the built app', () => {
  let s: AppSession;
  beforeAll(async () => {
    // The test process runs under TZ=UTC; the browser is in Beijing.
    s = await openApp('?lang=en', { timezoneId: 'Asia/Shanghai' });
  });
  afterAll(async () => {
    await s?.close();
  });

  const overviewDates = async () => {
    await s.page.getByRole('tab', { name: 'Overview' }).click();
    await s.page.locator('section[data-view="overview"][aria-busy="false"]').waitFor();
    const file = await download(s.page, () => s.page.getByRole('button', { name: 'Download CSV' }).click());
    expect(file.name).toBe('overview.csv');
    const rows = file.text.slice(1).trim().split('\n');
    return rows.filter((r) => /^(first|last)_date,/.test(r));
  };
  const rfmIds = async () => {
    await s.page.getByRole('tab', { name: 'RFM' }).click();
    await s.page.locator('section[data-view="rfm"][aria-busy="false"]').waitFor();
    const file = await download(s.page, () => s.page.getByRole('button', { name: 'Download CSV' }).click());
    expect(file.name).toBe('rfm.csv');
    return file.text.slice(1).trim().split('\n').slice(1).map((line) => line.split(',')[0]).sort();
  };

  it('defaults to the browser’s zone, shown in the toolbar, and honours the offsets', async () => {
    await waitIdle(s.page);
    await loadFiles(s.page, [{ name: 'export.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) }]);
    const zone = s.page.getByLabel('Time zone');
    expect(await zone.inputValue()).toBe('browser');
    expect(await zone.locator('option:checked').textContent()).toBe('This browser (Asia/Shanghai)');
    expect(await overviewDates()).toEqual(['first_date,2024-01-01', 'last_date,2024-02-01']);
    expect(await s.page.getByLabel('As of').inputValue()).toBe('2024-02-01');
  });

  it('changes the zone to UTC without reloading the file: the dates and the as-of date follow', async () => {
    await s.page.getByLabel('Time zone').selectOption('UTC');
    await waitIdle(s.page);
    expect(await s.page.getByLabel('Time zone').inputValue()).toBe('UTC');
    expect(await overviewDates()).toEqual(['first_date,2023-12-31', 'last_date,2024-01-31']);
    expect(await s.page.getByLabel('As of').inputValue()).toBe('2024-01-31');
    // Back to UTC+8 as a fixed offset: the data reach 2024-02-01 again, but the as-of date (2024-01-31, still in
    // range) stays, so the Overview covers the orders of 2024-01-01 04:00 and 2024-01-15 12:00.
    await s.page.getByLabel('Time zone').selectOption('+08:00');
    await waitIdle(s.page);
    expect(await s.page.getByLabel('As of').getAttribute('max')).toBe('2024-02-01');
    expect(await overviewDates()).toEqual(['first_date,2024-01-01', 'last_date,2024-01-15']);
  });

  it('reads float customer ids as whole numbers, says so in the Data view, and keeps the text on request', async () => {
    // The as-of date stayed at 2024-01-31 (still in range); both customers are in with the last day.
    expect(await s.page.getByLabel('As of').inputValue()).toBe('2024-01-31');
    await s.page.getByLabel('As of').fill('2024-02-01');
    await s.page.getByLabel('As of').dispatchEvent('change');
    await s.page.waitForFunction(() => (window as unknown as { __customerLens: { asOf: string } }).__customerLens.asOf === '2024-02-01');
    expect(await rfmIds()).toEqual(['12347', '12348']);
    await s.page.getByRole('tab', { name: 'Data' }).click();
    const note = s.page.locator('[data-float-ids="convert"]');
    await note.waitFor();
    expect(await note.textContent()).toContain('“export.csv” are whole numbers written as decimals (12347.0, as pandas writes them): they are read as whole numbers (12347).');
    expect(await s.page.locator('[data-offsets]').textContent()).toBe('export.csv: 2 timestamps carry a UTC offset; they are shown in the analysis time zone (+08:00).');
    await s.page.getByRole('button', { name: 'Keep customer IDs as written' }).click();
    await waitIdle(s.page);
    await s.page.locator('[data-float-ids="keep"]').waitFor();
    expect(await rfmIds()).toEqual(['12347.0', '12348.0']);
    await s.page.getByRole('tab', { name: 'Data' }).click();
    await s.page.getByRole('button', { name: 'Read customer IDs as whole numbers' }).click();
    await waitIdle(s.page);
    expect(await rfmIds()).toEqual(['12347', '12348']);
    expect(s.foreignRequests).toEqual([]);
    expect(s.pageErrors).toEqual([]);
    expect(await s.cspViolations()).toEqual([]);
  });
});
