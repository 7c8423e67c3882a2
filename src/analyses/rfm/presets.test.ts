import { describe, expect, it } from 'vitest';
import { presetRules, rescale, toFiveScale } from './presets';
import { coverage } from './coverage';
import type { Range } from './settings';

const levels = (n: number) => ({ r: [1, n] as Range, f: [1, n] as Range, m: [1, n] as Range });

describe('segment presets', () => {
  it('maps other numbers of scores to the 5-score scale by the middle of each band', () => {
    expect([1, 2, 3].map((s) => toFiveScale(s, [1, 3]))).toEqual([1, 3, 5]);
    expect([1, 2, 3, 4, 5].map((s) => toFiveScale(s, [1, 5]))).toEqual([1, 2, 3, 4, 5]);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((s) => toFiveScale(s, [1, 9]))).toEqual([1, 1, 2, 2, 3, 4, 4, 5, 5]);
    expect(rescale([4, 4], [1, 3])).toBeNull();
    expect(rescale([4, 5], [1, 9])).toEqual([6, 9]);
  });

  it('covers every R × F cell of the RF grid exactly once, for 3 to 9 scores', () => {
    const five = coverage(presetRules('rf_grid', levels(5)), levels(5));
    expect(five.uncovered).toBe(false);
    expect(five.unreachable).toEqual([]);
    // Top row is R = 5: New Customers (F1), Potential Loyalists (F2–3), Champions (F4–5).
    const keys = presetRules('rf_grid', levels(5)).map((r) => r.key);
    expect(five.rows[0].map((c) => keys[c.parts[0].rule])).toEqual(['new_customers', 'potential_loyalists', 'potential_loyalists', 'champions', 'champions']);
    expect(five.rows[4].map((c) => keys[c.parts[0].rule])).toEqual(['hibernating', 'hibernating', 'at_risk', 'at_risk', 'cant_lose']);
    for (let n = 3; n <= 9; n++) expect(coverage(presetRules('rf_grid', levels(n)), levels(n)).uncovered, `n = ${n}`).toBe(false);
    // With 3 scores R = 2 stands for 5-scale 3: "Promising" (R 4) has no score left and is dropped.
    expect(presetRules('rf_grid', levels(3)).map((r) => r.key)).not.toContain('promising');
  });

  it('defines the 8-class scheme on high (1) / low (0) scores', () => {
    const rules = presetRules('eight_class', { r: [0, 1], f: [0, 1], m: [0, 1] });
    expect(rules.map((r) => `${r.key}:${r.r?.[0]}${r.f?.[0]}${r.m?.[0]}`)).toEqual([
      'important_value:111', 'important_development:101', 'important_retention:011', 'important_winback:001',
      'general_value:110', 'general_development:100', 'general_retention:010', 'general_winback:000',
    ]);
    expect(coverage(rules, { r: [0, 1], f: [0, 1], m: [0, 1] }).uncovered).toBe(false);
    // On 5 scores, high is the upper half 3–5.
    expect(presetRules('eight_class', levels(5))[0]).toEqual({ key: 'important_value', r: [3, 5], f: [3, 5], m: [3, 5] });
  });

  it('keeps the rfm package bounds and leaves some score combinations to Others', () => {
    const rules = presetRules('rfm_package', levels(5));
    expect(rules.map((r) => [r.key, r.r, r.f, r.m])).toEqual([
      ['champions', [4, 5], [4, 5], [4, 5]],
      ['loyal', [2, 5], [3, 5], [3, 5]],
      ['potential_loyalists', [3, 5], [1, 3], [1, 3]],
      ['new_customers', [4, 5], [1, 1], [1, 1]],
      ['promising', [3, 4], [1, 1], [1, 1]],
      ['need_attention', [2, 3], [2, 3], [2, 3]],
      ['about_to_sleep', [2, 3], [1, 2], [1, 2]],
      ['at_risk', [1, 2], [2, 5], [2, 5]],
      ['cant_lose', [1, 1], [4, 5], [4, 5]],
      ['lost', [1, 2], [1, 2], [1, 2]],
    ]);
    const cov = coverage(rules, levels(5));
    expect(cov.uncovered).toBe(true);
    // As published, New Customers and Promising are hidden behind Potential Loyalists (R 3–5, F 1–3, M 1–3), and
    // Can't Lose Them (R 1, F 4–5, M 4–5) behind At Risk (R 1–2, F 2–5, M 2–5): the editor warns about such rules.
    expect(cov.unreachable).toEqual([3, 4, 8]);
    // R 2, F 1: M 1–2 About To Sleep, M 3–5 nothing.
    const cell = cov.rows[3][0];
    expect([cell.r, cell.f, cell.parts]).toEqual([2, 1, [{ rule: 6, mFrom: 1, mTo: 2 }, { rule: -1, mFrom: 3, mTo: 5 }]]);
  });
});
