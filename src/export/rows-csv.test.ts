import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { rowsToCsv } from './rows-csv';

describe('rowsToCsv', () => {
  it('writes every key seen, quotes what needs it and reads back with papaparse', () => {
    const rows = [
      { month: '2024-01', revenue: 12.5, label: 'Books, "new"' },
      { month: '2024-02', revenue: null, extra: true },
    ];
    const text = rowsToCsv(rows);
    expect(text).toBe('month,revenue,label,extra\r\n2024-01,12.5,"Books, ""new""",\r\n2024-02,,,true\r\n');
    const parsed = Papa.parse<string[]>(text.trim(), { newline: '\r\n' });
    expect(parsed.data).toEqual([
      ['month', 'revenue', 'label', 'extra'],
      ['2024-01', '12.5', 'Books, "new"', ''],
      ['2024-02', '', '', 'true'],
    ]);
  });

  it('keeps a spreadsheet from running a value as a formula, but leaves negative numbers alone', () => {
    const text = rowsToCsv([{ a: '=HYPERLINK("x")', b: '-12.50', c: '-1+1', d: '@SUM(A1)', e: -3 }]);
    expect(text.split('\r\n')[1]).toBe(`"'=HYPERLINK(""x"")",-12.50,'-1+1,'@SUM(A1),-3`);
  });

  it('writes a header only for no rows', () => {
    expect(rowsToCsv([])).toBe('\r\n');
  });
});
