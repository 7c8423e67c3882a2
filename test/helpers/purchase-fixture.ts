import { readFileSync } from 'node:fs';
import { fileOf } from './files';

/**
 * A UCI-style export worked by hand (`test/fixtures/purchases/shop.csv`), as of 2024-03-31:
 * - a: 536001 purchase 25 (2024-01-05), cancellation C536002 −5 (01-06), 536003 purchase 30 (02-10),
 *   cancellation C536004 −10 in a later month (03-02);
 * - b: 536005 purchase 40 (01-20), 536006 nets to 0 (+16 −16 on 01-25: neither purchase nor return),
 *   536007 purchase 12.50 (03-15);
 * - c: only a cancellation, C536008 −20 (02-14): not a customer;
 * - d: 536009 purchase 15 (02-01), 536010 purchase 5 (02-20), cancellation C536011 −5 (02-21);
 * - e: 536012 purchase 10 (03-30).
 */
export const PURCHASES_AS_OF = '2024-03-31';

export function purchasesFile(): File {
  return fileOf('shop.csv', readFileSync(new URL('../fixtures/purchases/shop.csv', import.meta.url), 'utf8'));
}

/** Per customer, purchases only: frequency, days since the last purchase, revenue net of returns. */
export const PURCHASE_FACTS = {
  a: { frequency: 2, recency_days: 50, monetary: 40, first: '2024-01-05', last: '2024-02-10' },
  b: { frequency: 2, recency_days: 16, monetary: 52.5, first: '2024-01-20', last: '2024-03-15' },
  d: { frequency: 2, recency_days: 40, monetary: 15, first: '2024-02-01', last: '2024-02-20' },
  e: { frequency: 1, recency_days: 1, monetary: 10, first: '2024-03-30', last: '2024-03-30' },
} as const;
