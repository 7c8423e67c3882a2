import { describe, expect, it } from 'vitest';
import { cleanRoles, floatIds, isoFormat } from './clean-columns';
import type { Mapping } from './roles';

const mapping = (m: Partial<Mapping>): Mapping => ({
  customer_id: 'c', order_date: null, amount: null, order_id: null, quantity: null, unit_price: null,
  product: null, category: null, channel: null, region: null, payment: null, ...m,
});

describe('cleanRoles', () => {
  const headers = ['c', 'd', 'a', 'q', 'p'];
  it('takes ISO dates and timestamps and plain decimal numbers, blanks allowed', () => {
    const rows = [['x', '2024-01-05 08:00:00', '10.50', '2', '0.125'], ['y', '2024-01-05 13:45:10', '-3', '', '4'], ['z', '', '', '1', '5']];
    expect(cleanRoles(headers, rows, mapping({ order_date: 'd', amount: 'a', quantity: 'q', unit_price: 'p' }))).toEqual(['order_date', 'amount', 'unit_price', 'quantity']);
  });
  it('gives the reader the one format the dates are written in, and none when they mix forms or carry an offset', () => {
    const m = mapping({ order_date: 'd' });
    const format = (...dates: string[]) => isoFormat(headers, dates.map((d) => ['x', d, '', '', '']), m);
    expect(format('2024-01-05', '', '2024-12-31')).toBe('%Y-%m-%d');
    expect(format('2024-01-05 13:45')).toBe('%Y-%m-%d %H:%M');
    expect(format('2024-01-05T13:45:10', '2024-01-06T00:00:00')).toBe('%Y-%m-%dT%H:%M:%S');
    expect(format('2024-01-05 13:45:10.5', '2024-01-05 13:45:10.123456')).toBe('%Y-%m-%d %H:%M:%S.%f');
    // One format per column: mixed forms, and offsets (which the reader's cast would drop), go to the text parsers.
    expect(format('2024-01-05', '2024-01-05 13:45:10')).toBeNull();
    expect(format('2024-01-05 13:45:10', '2024-01-05T13:45:10')).toBeNull();
    expect(format('2024-01-05T13:45:10Z')).toBeNull();
    expect(format('2024-01-05 13:45:10+08:00')).toBeNull();
    expect(cleanRoles(headers, [['x', '2024-01-05', '1', '1', '1'], ['y', '2024-01-05 10:00', '1', '1', '1']], m)).toEqual([]);
  });
  it('finds customer ids that are whole numbers written as floats (as pandas writes an id column with blanks)', () => {
    const ids = (...values: string[]) => floatIds(['c', 'd'], values.map((v) => [v, '2024-01-05']), mapping({}));
    expect(ids('12347.0', '', '12348.0', ' 9.00 ')).toBe(true);
    expect(ids('-5.0')).toBe(true);
    expect(ids('12347.0', '12348')).toBe(false); // one plain id: the ids are kept as written
    expect(ids('12347.5')).toBe(false);
    expect(ids('12347.0', 'C12348')).toBe(false);
    expect(ids('1e5')).toBe(false);
    expect(ids('12347')).toBe(false);
    expect(ids('', ' ')).toBe(false);
    expect(floatIds(['c', 'd'], [['1.0', 'x']], mapping({ customer_id: null }))).toBe(false);
  });
  it('leaves to the text parsers what only they read', () => {
    const m = mapping({ order_date: 'd', amount: 'a', quantity: 'q', unit_price: 'p' });
    for (const [d, a, q, p] of [
      ['12/01/2010 08:26', '1', '1', '1'], // UCI's month-first dates
      ['2024-1-5', '1', '1', '1'],
      ['2024-13-01', '1', '1', '1'],
      ['2024-01-05', '$10.50', '1', '1'],
      ['2024-01-05', '1,234.50', '1.000', '1'],
      ['2024-01-05', ' 10', '1e3', '(5)'],
      ['2024-01-05', '+10', '1', '5-'],
    ]) {
      const got = cleanRoles(headers, [['x', d, a, q, p]], m);
      expect(got.includes('order_date') && got.includes('amount') && got.includes('quantity') && got.includes('unit_price'), `${d} ${a} ${q} ${p}`).toBe(false);
    }
  });
  it('needs at least one value, and a mapped column', () => {
    expect(cleanRoles(headers, [['x', '', '', '', '']], mapping({ order_date: 'd', amount: 'a' }))).toEqual([]);
    expect(cleanRoles(headers, [['x', '2024-01-05', '1', '1', '1']], mapping({}))).toEqual([]);
  });
});
