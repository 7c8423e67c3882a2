import { en, type MessageKey } from './en';
import { zh } from './zh';

export type Lang = 'en' | 'zh';
const MESSAGES: Record<Lang, Record<MessageKey, string>> = { en, zh };

/** `?lang=en|zh` forces a language; otherwise the browser's preference picks it. */
export function initialLang(search: string, languages: readonly string[]): Lang {
  const forced = new URLSearchParams(search).get('lang');
  if (forced === 'en' || forced === 'zh') return forced;
  return languages.some((l) => l.toLowerCase().startsWith('zh')) && !languages[0]?.toLowerCase().startsWith('en') ? 'zh' : 'en';
}

/** Fills `{name}` placeholders. */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** The UI language, as reactive state. */
export class I18n {
  lang = $state<Lang>('en');

  constructor(lang: Lang) {
    this.lang = lang;
  }

  t = (key: MessageKey, params?: Record<string, string | number>): string => format(MESSAGES[this.lang][key], params);

  /** Formats a number for display in the UI language (exports never use this). */
  num = (value: number | null | undefined, digits = 0): string =>
    value === null || value === undefined || !Number.isFinite(value)
      ? '–'
      : value.toLocaleString(this.lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

  pct = (value: number | null | undefined, digits = 1): string =>
    value === null || value === undefined || !Number.isFinite(value) ? '–' : `${this.num(value * 100, digits)}%`;
}

export const i18n = new I18n(
  typeof window === 'undefined' ? 'en' : initialLang(window.location.search, navigator.languages ?? [navigator.language]),
);
export const t = i18n.t;
