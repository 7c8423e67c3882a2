import type { Sniffed } from './sniff';
import { fileKind as tableKind } from './survey-roles';
import { looksLikeEvents } from './event-roles';
import { looksLikeCustomers } from './customer-roles';

export type FileKind = 'transactions' | 'survey' | 'events' | 'customers';

/**
 * What a file holds, from its head: an event log (a user, a timestamp and event types such as pv / cart / buy, with
 * or without a header), a customer file (one row per customer with attributes), survey responses or transactions;
 * null when the columns fit both of the last two.
 */
export function kindOfFile(s: Sniffed): FileKind | null {
  if (looksLikeEvents(s)) return 'events';
  const kind = tableKind(s.headers, s.sample);
  if (kind === 'transactions' && looksLikeCustomers(s.headers, s.sample)) return 'customers';
  return kind;
}
