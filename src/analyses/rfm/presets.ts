import type { Measure, Range, Rule } from './settings';

/** The preset segment schemes; `custom` is the user's own list of rules. */
export type Scheme = 'rf_grid' | 'eight_class' | 'rfm_package' | 'custom';
export const PRESETS: readonly Exclude<Scheme, 'custom'>[] = ['rf_grid', 'eight_class', 'rfm_package'];

type Rule5 = { key: string; r: Range | null; f: Range | null; m: Range | null };

/** The RF grid on 5 scores: R × F cells, every one of the 25 covered once. */
const RF_GRID: Rule5[] = [
  { key: 'champions', r: [5, 5], f: [4, 5], m: null },
  { key: 'loyal', r: [3, 4], f: [4, 5], m: null },
  { key: 'potential_loyalists', r: [4, 5], f: [2, 3], m: null },
  { key: 'new_customers', r: [5, 5], f: [1, 1], m: null },
  { key: 'promising', r: [4, 4], f: [1, 1], m: null },
  { key: 'need_attention', r: [3, 3], f: [3, 3], m: null },
  { key: 'about_to_sleep', r: [3, 3], f: [1, 2], m: null },
  { key: 'cant_lose', r: [1, 2], f: [5, 5], m: null },
  { key: 'at_risk', r: [1, 2], f: [3, 4], m: null },
  { key: 'hibernating', r: [1, 2], f: [1, 2], m: null },
];

/**
 * The scheme of the R package `rfm` (vignette and `rfm_segment` example), on 5 scores, first match wins:
 * segment names and the lower/upper bounds of R, F and M exactly as published there.
 */
const RFM_PACKAGE: Rule5[] = [
  { key: 'champions', r: [4, 5], f: [4, 5], m: [4, 5] },
  { key: 'loyal', r: [2, 5], f: [3, 5], m: [3, 5] },
  { key: 'potential_loyalists', r: [3, 5], f: [1, 3], m: [1, 3] },
  { key: 'new_customers', r: [4, 5], f: [1, 1], m: [1, 1] },
  { key: 'promising', r: [3, 4], f: [1, 1], m: [1, 1] },
  { key: 'need_attention', r: [2, 3], f: [2, 3], m: [2, 3] },
  { key: 'about_to_sleep', r: [2, 3], f: [1, 2], m: [1, 2] },
  { key: 'at_risk', r: [1, 2], f: [2, 5], m: [2, 5] },
  { key: 'cant_lose', r: [1, 1], f: [4, 5], m: [4, 5] },
  { key: 'lost', r: [1, 2], f: [1, 2], m: [1, 2] },
];

/** The Chinese 8-class scheme (客户分层): digits are R, F, M, 1 = high, 0 = low. */
const EIGHT_CLASS: { key: string; code: string }[] = [
  { key: 'important_value', code: '111' },
  { key: 'important_development', code: '101' },
  { key: 'important_retention', code: '011' },
  { key: 'important_winback', code: '001' },
  { key: 'general_value', code: '110' },
  { key: 'general_development', code: '100' },
  { key: 'general_retention', code: '010' },
  { key: 'general_winback', code: '000' },
];

/** Every key a preset segment can have: their names, meanings and actions are UI strings `rfm.seg.<key>…`. */
export const PRESET_SEGMENT_KEYS: ReadonlySet<string> = new Set([...RF_GRID, ...RFM_PACKAGE, ...EIGHT_CLASS].map((r) => r.key));

/** The 8-class code (e.g. `101`) of each of its segment keys. */
export const EIGHT_CLASS_CODES: Record<string, string> = Object.fromEntries(EIGHT_CLASS.map((c) => [c.key, c.code]));

/** Maps a score on `levels` to the 5-score scale by the middle of its band: 3 levels → 1, 3, 5; 9 → 1,1,2,2,3,4,4,5,5. */
export function toFiveScale(score: number, levels: Range): number {
  const n = levels[1] - levels[0] + 1;
  return Math.ceil((5 * (score - levels[0] + 0.5)) / n);
}

/** The scores on `levels` whose 5-scale value lies in `range`, as a range; null when none does. */
export function rescale(range: Range, levels: Range): Range | null {
  const hits: number[] = [];
  for (let s = levels[0]; s <= levels[1]; s++) {
    const v = toFiveScale(s, levels);
    if (v >= range[0] && v <= range[1]) hits.push(s);
  }
  return hits.length ? [hits[0], hits[hits.length - 1]] : null;
}

/**
 * The rules of a preset for the given score levels. The RF grid and the `rfm` package scheme are defined on 5
 * scores and are carried to other numbers of scores band by band (a rule left with no score is dropped). The 8-class
 * scheme splits each measure into its upper half (high) and lower half (low): with high/low scores, 1 and 0.
 */
export function presetRules(scheme: Exclude<Scheme, 'custom'>, levels: Record<Measure, Range>): Rule[] {
  if (scheme === 'eight_class') {
    const half = (m: Measure, digit: string): Range => {
      const [lo, hi] = levels[m];
      const mid = lo + Math.floor((hi - lo + 1) / 2);
      return digit === '1' ? [mid, hi] : [lo, mid - 1];
    };
    return EIGHT_CLASS.map(({ key, code }) => ({ key, r: half('r', code[0]), f: half('f', code[1]), m: half('m', code[2]) }));
  }
  const rules: Rule[] = [];
  for (const rule of scheme === 'rf_grid' ? RF_GRID : RFM_PACKAGE) {
    const out: Rule = { key: rule.key, r: null, f: null, m: null };
    let empty = false;
    for (const m of ['r', 'f', 'm'] as const) {
      const range = rule[m];
      if (!range) continue;
      const scaled = rescale(range, levels[m]);
      if (scaled) out[m] = scaled;
      else empty = true;
    }
    if (!empty) rules.push(out);
  }
  return rules;
}
