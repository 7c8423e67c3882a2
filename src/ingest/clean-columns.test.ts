import { describe, expect, it } from 'vitest';
import { cleanRoles } from './clean-columns';
import type { Mapping } from './roles';

const mapping = (m: Partial<Mapping>): Mapping => ({
  customer_id: 'c', order_date: null, amount: null, order_id: null, quantity: null, unit_price: null,
  product: null, category: null, channel: null, region: null, payment: null, ...m,
});

describe('cleanRoles', () => {
  const headers = ['c', 'd', 'a', 'q', 'p'];
  it('takes ISO dates and timestamps and plain decimal numbers, blanks allowed', () => {
    const rows = [['x', '2024-01-05', '10.50', '2', '0.125'], ['y', '2024-01-05 13:45:10', '-3', '', '4'], ['z', '2024-12-31T23:59:59.5', '', '1', '5']];
    expect(cleanRoles(headers, rows, mapping({ order_date: 'd', amount: 'a', quantity: 'q', unit_price: 'p' }))).toEqual(['order_date', 'amount', 'unit_price', 'quantity']);
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
