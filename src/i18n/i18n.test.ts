import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zh } from './zh';
import { format, initialLang } from './i18n.svelte';
import { PRESET_SEGMENT_KEYS } from '../analyses/rfm/presets';

describe('i18n', () => {
  it('has every English key in Chinese, with the same placeholders, and no empty string', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(en)) {
      const zhText = zh[key as keyof typeof zh];
      expect(zhText.trim(), key).not.toBe('');
      const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(ph(zhText), key).toEqual(ph(text));
    }
  });

  it('writes the English names that reach export cells in plain ASCII (scripts filter on "Can\'t Lose Them")', () => {
    const keys = [...PRESET_SEGMENT_KEYS].map((k) => `rfm.seg.${k}`);
    keys.push('rfm.seg.others', ...Object.keys(en).filter((k) => /^lifecycle\.stage\.[a-z_]+$/.test(k)));
    expect(keys.length).toBeGreaterThan(20);
    for (const key of keys) expect(en[key as keyof typeof en], key).toMatch(/^[\x20-\x7e]+$/);
    expect(en['rfm.seg.cant_lose']).toBe("Can't Lose Them");
  });

  it('lets ?lang= force the language, else follows the browser', () => {
    expect(initialLang('?lang=zh', ['en-US'])).toBe('zh');
    expect(initialLang('?lang=en', ['zh-CN'])).toBe('en');
    expect(initialLang('', ['zh-CN', 'en'])).toBe('zh');
    expect(initialLang('', ['en-GB'])).toBe('en');
  });

  it('fills placeholders', () => {
    expect(format('“{file}” line {line}', { file: 'a.csv', line: 3 })).toBe('“a.csv” line 3');
  });
});
