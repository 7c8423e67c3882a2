import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auc, calibration, confusion, gains, rocCurve, spearman, thinCurve } from './metrics';

interface Fixture {
  roc: { scores: number[]; labels: number[]; auc: number; thresholds: number[]; fpr: number[]; tpr: number[] };
}

// Written by test/fixtures/churn/make_fixture.py (scikit-learn's roc_auc_score and roc_curve).
const { roc }: Fixture = JSON.parse(readFileSync(new URL('../../../test/fixtures/churn/fixture.json', import.meta.url), 'utf8'));

// Churners score 0.9, 0.8, 0.7; non-churners 0.7, 0.3, 0.2.
const tiny = { scores: [0.9, 0.8, 0.7, 0.7, 0.3, 0.2], labels: [1, 1, 1, 0, 0, 0] };

describe('auc', () => {
  it("equals scikit-learn's roc_auc_score on scores with many ties", () => {
    expect(new Set(roc.scores).size).toBeLessThan(roc.scores.length / 10);
    expect(Math.abs(auc(roc.scores, roc.labels)! - roc.auc)).toBeLessThan(1e-12);
  });

  it('counts a tie as half a pair', () => {
    // Of the 3 × 3 (churner, non-churner) pairs: 0.9 and 0.8 beat all 3 (3 + 3); 0.7 ties 0.7 (½) and beats
    // 0.3 and 0.2 (2). (3 + 3 + 2.5) / 9 = 8.5 / 9.
    expect(auc(tiny.scores, Uint8Array.from(tiny.labels))).toBeCloseTo(8.5 / 9, 15);
    expect(auc(Float64Array.from([0.5, 0.5, 0.5]), [1, 0, 0])).toBe(0.5);
    expect(auc([0.1, 0.2], [1, 0])).toBe(0);
  });

  it('is null without both classes', () => {
    expect(auc([0.1, 0.2], [1, 1])).toBeNull();
    expect(auc([], [])).toBeNull();
  });
});

describe('rocCurve', () => {
  it("equals scikit-learn's roc_curve (drop_intermediate=False) after the start at (0, 0)", () => {
    const points = rocCurve(roc.scores, roc.labels);
    expect(points[0]).toEqual({ threshold: Infinity, fpr: 0, tpr: 0 });
    expect(points).toHaveLength(roc.thresholds.length + 1);
    roc.thresholds.forEach((threshold, i) => {
      expect(points[i + 1].threshold).toBe(threshold);
      expect(Math.abs(points[i + 1].fpr - roc.fpr[i])).toBeLessThan(1e-15);
      expect(Math.abs(points[i + 1].tpr - roc.tpr[i])).toBeLessThan(1e-15);
    });
    expect(points.at(-1)).toMatchObject({ fpr: 1, tpr: 1 });
  });

  it('steps at each distinct score, a tie moving both rates at once', () => {
    expect(rocCurve(tiny.scores, tiny.labels)).toEqual([
      { threshold: Infinity, fpr: 0, tpr: 0 },
      { threshold: 0.9, fpr: 0, tpr: 1 / 3 },
      { threshold: 0.8, fpr: 0, tpr: 2 / 3 },
      { threshold: 0.7, fpr: 1 / 3, tpr: 1 },
      { threshold: 0.3, fpr: 2 / 3, tpr: 1 },
      { threshold: 0.2, fpr: 1, tpr: 1 },
    ]);
    expect(rocCurve([0.3, 0.1], [0, 0])).toEqual([]);
  });
});

// Seven customers; by descending score (the tie at 0.5 in input order): 1 (0.9, churned), 4 (0.8), 2 (0.5, churned),
// 3 (0.5), 6 (0.3), 5 (0.2, churned), 0 (0.1). Three churners: the overall rate is 3/7.
const seven = { scores: [0.1, 0.9, 0.5, 0.5, 0.8, 0.2, 0.3], labels: [0, 1, 1, 0, 0, 1, 0] };

describe('thinCurve', () => {
  it('keeps the ends and a point every step of either rate', () => {
    // 20,000 distinct scores: a curve of 20,001 points.
    let seed = 3;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const labels = Array.from({ length: 20_000 }, () => (rand() < 0.4 ? 1 : 0));
    const scores = labels.map((l, i) => l * 0.3 + rand() + i * 1e-9);
    const roc = rocCurve(scores, labels);
    expect(roc).toHaveLength(20_001);
    const thin = thinCurve(roc, 1 / 250);
    expect(thin.length).toBeLessThanOrEqual(502);
    expect(thin.length).toBeGreaterThan(250);
    expect(thin[0]).toBe(roc[0]);
    expect(thin.at(-1)).toBe(roc.at(-1));
    // Every point of the curve lies within a step (plus one of its own steps) of the last kept point before it.
    const at = new Map(thin.map((p, i) => [p, i]));
    let last = thin[0]!;
    for (const p of roc) {
      if (at.has(p)) last = p;
      expect(Math.max(p.fpr - last.fpr, p.tpr - last.tpr)).toBeLessThan(1 / 250 + 1 / 8000);
    }
    expect(thinCurve(roc).length).toBeLessThanOrEqual(202);
    expect(thinCurve(roc.slice(0, 2))).toEqual(roc.slice(0, 2));
  });
});

describe('gains', () => {
  it('cuts the ranking into groups, the first ones larger, ties in input order', () => {
    // 7 into 3 groups: 3, 2, 2. Group 1 = customers 1, 4, 2: 2 churners, rate 2/3, lift (2/3)/(3/7) = 14/9;
    // group 2 = 3, 6: none; group 3 = 5, 0: 1 churner, rate 1/2, lift (1/2)/(3/7) = 7/6.
    const rows = gains(seven.scores, seven.labels, 3);
    expect(rows.map(({ decile, customers, churners }) => [decile, customers, churners])).toEqual([
      [1, 3, 2],
      [2, 2, 0],
      [3, 2, 1],
    ]);
    [2 / 3, 0, 1 / 2].forEach((rate, i) => expect(rows[i].churnRate).toBeCloseTo(rate, 15));
    [2 / 3, 2 / 3, 1].forEach((share, i) => expect(rows[i].cumulativeShare).toBeCloseTo(share, 15));
    [14 / 9, 0, 7 / 6].forEach((lift, i) => expect(rows[i].lift).toBeCloseTo(lift, 14));
  });

  it('makes ten deciles by default, one customer each when there are fewer', () => {
    const scores = Array.from({ length: 23 }, (_, i) => 1 - i / 23);
    const labels = scores.map((_, i) => (i < 5 ? 1 : 0));
    const rows = gains(scores, labels);
    expect(rows.map((row) => row.customers)).toEqual([3, 3, 3, 2, 2, 2, 2, 2, 2, 2]);
    // The 5 churners are the top 5: 3 in decile 1, 2 in decile 2.
    expect(rows.map((row) => row.churners)).toEqual([3, 2, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(rows[1].cumulativeShare).toBe(1);
    expect(gains([0.2, 0.4], [0, 1]).map((row) => [row.decile, row.customers, row.churners])).toEqual([
      [1, 1, 1],
      [2, 1, 0],
    ]);
    expect(gains([0.2, 0.4], [0, 0]).map((row) => [row.cumulativeShare, row.lift])).toEqual([
      [null, null],
      [null, null],
    ]);
  });
});

describe('confusion', () => {
  it('predicts churn at scores at least the threshold', () => {
    // At 0.5: predicted 1 (churned), 4, 2 (churned), 3 → tp 2, fp 2; not predicted 5 (churned) → fn 1; 0, 6 → tn 2.
    expect(confusion(seven.scores, seven.labels, 0.5)).toEqual({ tp: 2, fp: 2, tn: 2, fn: 1, accuracy: 4 / 7, precision: 1 / 2, recall: 2 / 3 });
  });

  it('has no precision when nobody is predicted, no recall without churners', () => {
    expect(confusion(seven.scores, seven.labels, 0.95)).toEqual({ tp: 0, fp: 0, tn: 4, fn: 3, accuracy: 4 / 7, precision: null, recall: 0 });
    expect(confusion([0.2, 0.8], [0, 0], 0.5)).toMatchObject({ fp: 1, tn: 1, precision: 0, recall: null });
    expect(confusion([], [], 0.5).accuracy).toBeNull();
  });
});

describe('calibration', () => {
  it('bins the scores by equal widths, leaving out the empty bins', () => {
    // Quarters: [0, .25) holds 0.05, 0.1; [.25, .5) holds 0.25, 0.3; [.5, .75) none; [.75, 1] holds 0.8 and 1.
    const bins = calibration([0.05, 0.1, 0.25, 0.3, 1, 0.8], [0, 0, 1, 0, 1, 1], 4);
    expect(bins.map(({ bin, from, to, customers }) => [bin, from, to, customers])).toEqual([
      [0, 0, 0.25, 2],
      [1, 0.25, 0.5, 2],
      [3, 0.75, 1, 2],
    ]);
    [0.075, 0.275, 0.9].forEach((mean, i) => expect(bins[i].meanScore).toBeCloseTo(mean, 15));
    expect(bins.map((bin) => bin.churnRate)).toEqual([0, 0.5, 1]);
  });

  it('puts a score on an edge into the bin that starts there, and 1 into the last', () => {
    const edges = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
    expect(calibration(edges, edges.map(() => 0)).map((bin) => [bin.bin, bin.customers])).toEqual([
      [0, 1],
      [1, 1],
      [2, 1],
      [3, 1],
      [4, 1],
      [5, 1],
      [6, 1],
      [7, 1],
      [8, 1],
      [9, 2],
    ]);
    expect(calibration([1 / 3, 2 / 3], [0, 0], 3).map((bin) => bin.bin)).toEqual([1, 2]);
    expect(() => calibration([1.2], [0])).toThrow();
  });
});

describe('spearman', () => {
  it('is 1 − 6Σd² / (n(n² − 1)) without ties', () => {
    // Ranks (1, 2, 3, 4) against (1, 3, 2, 4): Σd² = 2, so 1 − 12/60 = 0.8.
    expect(spearman([10, 20, 30, 40], [1, 3, 2, 4])).toBeCloseTo(0.8, 15);
    expect(spearman([1, 2, 3], [30, 20, 10])).toBeCloseTo(-1, 15);
  });

  it('gives ties their average rank', () => {
    // Ranks (1, 2.5, 2.5, 4) against (1, 2, 3, 4); less the mean 2.5: (−1.5, 0, 0, 1.5) and (−1.5, −.5, .5, 1.5).
    // Σab = 4.5, Σa² = 4.5, Σb² = 5: ρ = 4.5 / √22.5 = 3 / √10.
    expect(spearman([1, 2, 2, 3], [5, 6, 7, 8])).toBeCloseTo(3 / Math.sqrt(10), 15);
  });

  it('is null when a side is constant', () => {
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(spearman([1], [2])).toBeNull();
  });
});
