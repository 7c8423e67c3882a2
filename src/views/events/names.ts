import { i18n } from '../../i18n/i18n.svelte';
import type { MessageKey } from '../../i18n/en';

const ROLES = new Set(['view', 'favourite', 'cart', 'purchase', 'other', 'exit', 'cart|favourite']);

/** An event role (or `exit`, `cart|favourite`) in the UI language; an event type as written otherwise. */
export function eventLabel(code: string): string {
  return ROLES.has(code) ? i18n.t(`events.role.${code === 'cart|favourite' ? 'cart_or_favourite' : code}` as MessageKey) : code;
}
