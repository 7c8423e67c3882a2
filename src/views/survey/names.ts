import { i18n } from '../../i18n/i18n.svelte';
import type { MessageKey } from '../../i18n/en';

const CODES = new Set(['promoter', 'passive', 'detractor', 'no_score', '(blank)']);

/** An NPS group or term-group code in the UI language; a grouping column's value as it is. */
export function groupName(code: string): string {
  if (!CODES.has(code)) return code;
  return i18n.t(`survey.group.${code === '(blank)' ? 'blank' : code}` as MessageKey);
}
