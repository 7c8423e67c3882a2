import { describe, expect, it } from 'vitest';
import { sankeyRows } from './event-sankey';

describe('the session Sankey', () => {
  it('stacks nodes by size and gives each link its share of both ends', () => {
    // 10 sessions start with a view: 6 go on to a cart, 4 exit; the 6 carts: 5 purchase, 1 exits.
    const rows = sankeyRows([
      { step: 1, from_event: 'view', to_event: 'cart', sessions: 6 },
      { step: 1, from_event: 'view', to_event: 'exit', sessions: 4 },
      { step: 2, from_event: 'cart', to_event: 'purchase', sessions: 5 },
      { step: 2, from_event: 'cart', to_event: 'exit', sessions: 1 },
    ], ['view', 'cart', 'purchase', 'exit'], (e) => e.toUpperCase());
    const nodes = rows.filter((r) => r.kind === 'node').map((r) => [r.id, r.y0, r.y1]);
    // Gap: 4 % of the biggest column (10) = 0.4. Column 2: cart 0–6, exit 6.4–10.4; column 3: purchase 0–5, exit 5.4–6.4.
    expect(nodes).toEqual([['1|view', 0, 10], ['2|cart', 0, 6], ['2|exit', 6.4, 10.4], ['3|purchase', 0, 5], ['3|exit', 5.4, 6.4]]);
    const band = (id: string) => rows.filter((r) => r.id === id).map((r) => [r.x, r.y0, r.y1]);
    expect(band('1|view>2|exit')).toEqual([[1, 6, 10], [2, 6.4, 10.4]]);
    expect(band('2|cart>3|exit')).toEqual([[2, 5, 6], [3, 5.4, 6.4]]);
    expect(rows.find((r) => r.id === '2|cart>3|purchase')!.name).toBe('CART → PURCHASE');
  });
});
