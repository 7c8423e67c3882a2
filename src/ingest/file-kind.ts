import type { Sniffed } from './sniff';
import { fileKind as tableKind } from './survey-roles';
import { looksLikeEvents } from './event-roles';

export type FileKind = 'transactions' | 'survey' | 'events';

/**
 * What a file holds, from its head: an event log (a user, a timestamp and event types such as pv / cart / buy, with
 * or without a header), survey responses or transactions; null when the columns fit both of the last two.
 */
export function kindOfFile(s: Sniffed): FileKind | null {
  if (looksLikeEvents(s)) return 'events';
  return tableKind(s.headers, s.sample);
}
