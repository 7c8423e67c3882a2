import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitTree, isSplit, predictTree, treeRules, type TreeNode } from './tree';

interface SklearnTree {
  maxDepth: number;
  minLeaf: number;
  feature: number[];
  threshold: number[];
  childrenLeft: number[];
  childrenRight: number[];
  nNodeSamples: number[];
  /** Per node, the (retained, churned) class counts in scikit-learn 1.2 (class shares from 1.4). */
  value: number[][];
  proba: number[];
  probaTest: number[];
}
interface Fixture {
  tree: { x: number[][]; y: number[]; xTest: number[][]; fits: SklearnTree[] };
}

// Written by test/fixtures/churn/make_fixture.py (scikit-learn's DecisionTreeClassifier).
const fixture: Fixture = JSON.parse(readFileSync(new URL('../../../test/fixtures/churn/fixture.json', import.meta.url), 'utf8'));
const { tree: data } = fixture;
const n = data.x.length;
const d = data.x[0].length;
const x = Float64Array.from(data.x.flat());
const y = Uint8Array.from(data.y);

/** Compares our node with scikit-learn's node `id` and its subtree; returns the number of nodes compared. */
function expectSameTree(ours: TreeNode, ref: SklearnTree, id = 0): number {
  const samples = ref.nNodeSamples[id];
  const [retained, churned] = ref.value[id];
  const share = churned / (retained + churned);
  expect(ours.samples).toBe(samples);
  expect(ours.positives).toBe(Math.round(share * samples));
  if (ref.childrenLeft[id] === -1) {
    expect(isSplit(ours), `node ${id} is a leaf`).toBe(false);
    if (!isSplit(ours)) expect(Math.abs(ours.value - share)).toBeLessThan(1e-12);
    return 1;
  }
  expect(isSplit(ours), `node ${id} is split`).toBe(true);
  if (!isSplit(ours)) return 1;
  expect(ours.feature).toBe(ref.feature[id]);
  expect(Math.abs(ours.threshold - ref.threshold[id])).toBeLessThan(1e-9);
  return 1 + expectSameTree(ours.left, ref, ref.childrenLeft[id]) + expectSameTree(ours.right, ref, ref.childrenRight[id]);
}

describe('fitTree against scikit-learn', () => {
  for (const ref of data.fits) {
    describe(`max_depth ${ref.maxDepth}, min_samples_leaf ${ref.minLeaf}`, () => {
      const tree = fitTree(x, n, d, y, { maxDepth: ref.maxDepth, minLeaf: ref.minLeaf });

      it('grows the same tree: features, thresholds, sample counts, leaf values', () => {
        expect(expectSameTree(tree, ref)).toBe(ref.feature.length);
      });

      it('predicts the same probabilities on the training rows and on new rows', () => {
        const train = predictTree(tree, x, n, d);
        ref.proba.forEach((p, i) => expect(Math.abs(train[i] - p)).toBeLessThan(1e-12));
        const test = predictTree(tree, Float64Array.from(data.xTest.flat()), data.xTest.length, d);
        ref.probaTest.forEach((p, i) => expect(Math.abs(test[i] - p)).toBeLessThan(1e-12));
      });

      it('has one rule per leaf, covering every row once', () => {
        const rules = treeRules(tree);
        expect(rules).toHaveLength(ref.childrenLeft.filter((child) => child === -1).length);
        expect(rules.reduce((sum, rule) => sum + rule.samples, 0)).toBe(n);
        for (const rule of rules) {
          let matched = 0;
          let positives = 0;
          for (let i = 0; i < n; i++) {
            const holds = rule.conditions.every(({ feature, op, threshold }) => (op === '<=' ? data.x[i][feature] <= threshold : data.x[i][feature] > threshold));
            if (holds) {
              matched++;
              positives += data.y[i];
            }
          }
          expect(matched).toBe(rule.samples);
          expect(positives).toBe(rule.positives);
          expect(rule.conditions.length).toBeLessThanOrEqual(ref.maxDepth);
        }
      });

      it('is plain JSON', () => {
        expect(JSON.parse(JSON.stringify(tree))).toEqual(tree);
      });
    });
  }
});

describe('fitTree', () => {
  it('splits at the midpoint between the classes', () => {
    const tree = fitTree(Float64Array.from([1, 2, 3, 4, 5, 6]), 6, 1, Uint8Array.from([0, 0, 0, 1, 1, 1]), { maxDepth: 3, minLeaf: 1 });
    expect(tree).toEqual({
      feature: 0,
      threshold: 3.5,
      samples: 6,
      positives: 3,
      left: { samples: 3, positives: 0, value: 0 },
      right: { samples: 3, positives: 3, value: 1 },
    });
  });

  it('orders negative, tiny and huge values correctly (rows in any order)', () => {
    // Churned exactly when x < 0 (−0 is not): the one pure split is between −0.25 and −0, at −0.125.
    const x = Float64Array.from([4, -1e10, 3, -2.5, -0.5, 0.25, -0.25, 1e300, -0]);
    const tree = fitTree(x, 9, 1, Uint8Array.from([0, 1, 0, 1, 1, 0, 1, 0, 0]), { maxDepth: 2, minLeaf: 1 });
    expect(tree).toEqual({
      feature: 0,
      threshold: -0.125,
      samples: 9,
      positives: 4,
      left: { samples: 4, positives: 4, value: 1 },
      right: { samples: 5, positives: 0, value: 0 },
    });
  });

  it('does not split values closer than 1e-7 apart, as scikit-learn', () => {
    // 0 (retained) and 5e-8 (churned) count as one value: the best split left is between 5e-8 and 1
    // (proxy −2·(1 − (1 + 1)/4) = −1), not the pure one at 2.5e-8; at 1.5 it would be −3·(1 − (1 + 4)/9) = −4/3.
    const tree = fitTree(Float64Array.from([0, 5e-8, 1, 2]), 4, 1, Uint8Array.from([0, 1, 1, 1]), { maxDepth: 1, minLeaf: 1 });
    expect(isSplit(tree) && tree.threshold).toBe(5e-8 / 2 + 1 / 2);
  });

  it('breaks ties by the lowest feature, then the lowest threshold (scikit-learn: at random)', () => {
    // Labels 1, 0, 0, 1 at x = 1 … 4: the splits at 1.5 and at 3.5 each cut off one pure churner and leave
    // (1 churner in 3) on the other side: proxy −3·(1 − (1 + 4)/9) = −4/3 for both; at 2.5 it is −2.
    // Column 1 repeats column 0, so every split there ties with one on column 0.
    const x = Float64Array.from([1, 1, 2, 2, 3, 3, 4, 4]);
    const tree = fitTree(x, 4, 2, Uint8Array.from([1, 0, 0, 1]), { maxDepth: 1, minLeaf: 1 });
    expect(isSplit(tree) && [tree.feature, tree.threshold]).toEqual([0, 1.5]);
  });

  it('keeps min_samples_leaf rows on each side, stops at max_depth and at pure nodes', () => {
    const x = Float64Array.from({ length: 10 }, (_, i) => i);
    const labels = Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
    // The best split (7.5) would leave 2 rows on the right: with 3 at least, the best allowed is 6.5.
    const tree = fitTree(x, 10, 1, labels, { maxDepth: 1, minLeaf: 3 });
    expect(isSplit(tree) && [tree.threshold, tree.left.samples, tree.right.samples]).toEqual([6.5, 7, 3]);
    expect(fitTree(x, 10, 1, labels, { maxDepth: 0, minLeaf: 1 })).toEqual({ samples: 10, positives: 2, value: 0.2 });
    // 10 rows < 2 × 6: no split.
    expect(isSplit(fitTree(x, 10, 1, labels, { maxDepth: 3, minLeaf: 6 }))).toBe(false);
    expect(fitTree(x, 10, 1, new Uint8Array(10), { maxDepth: 3, minLeaf: 1 })).toEqual({ samples: 10, positives: 0, value: 0 });
  });

  it('splits even when the best split leaves the impurity as it was, as scikit-learn', () => {
    // Both sides of the one split keep the root's Gini 0.5; scikit-learn 1.2 makes the same 3 nodes.
    const tree = fitTree(Float64Array.from([1, 1, 2, 2]), 4, 1, Uint8Array.from([1, 0, 1, 0]), { maxDepth: 3, minLeaf: 1 });
    expect(tree).toEqual({
      feature: 0,
      threshold: 1.5,
      samples: 4,
      positives: 2,
      left: { samples: 2, positives: 1, value: 0.5 },
      right: { samples: 2, positives: 1, value: 0.5 },
    });
  });

  it('splits only between distinct values, and leaves a constant feature alone', () => {
    // Column 0 constant; column 1 takes 0 (5 rows, 1 churner) and 1 (5 rows, 4 churners).
    const x = Float64Array.from([7, 0, 7, 0, 7, 0, 7, 0, 7, 0, 7, 1, 7, 1, 7, 1, 7, 1, 7, 1]);
    const tree = fitTree(x, 10, 2, Uint8Array.from([1, 0, 0, 0, 0, 1, 1, 1, 1, 0]), { maxDepth: 2, minLeaf: 1 });
    expect(isSplit(tree) && [tree.feature, tree.threshold, tree.left.samples, tree.left.positives]).toEqual([1, 0.5, 5, 1]);
    expect(isSplit(tree) && !isSplit(tree.left) && !isSplit(tree.right)).toBe(true);
  });
});

describe('treeRules', () => {
  it('lists the leaves left to right with their paths', () => {
    const tree: TreeNode = {
      feature: 2,
      threshold: 30,
      samples: 100,
      positives: 40,
      left: { samples: 60, positives: 6, value: 0.1 },
      right: {
        feature: 0,
        threshold: 1.5,
        samples: 40,
        positives: 34,
        left: { samples: 10, positives: 4, value: 0.4 },
        right: { samples: 30, positives: 30, value: 1 },
      },
    };
    expect(treeRules(tree)).toEqual([
      { conditions: [{ feature: 2, op: '<=', threshold: 30 }], samples: 60, positives: 6, value: 0.1 },
      {
        conditions: [
          { feature: 2, op: '>', threshold: 30 },
          { feature: 0, op: '<=', threshold: 1.5 },
        ],
        samples: 10,
        positives: 4,
        value: 0.4,
      },
      {
        conditions: [
          { feature: 2, op: '>', threshold: 30 },
          { feature: 0, op: '>', threshold: 1.5 },
        ],
        samples: 30,
        positives: 30,
        value: 1,
      },
    ]);
    expect(Array.from(predictTree(tree, Float64Array.from([0, 0, 30, 1.5, 0, 31, 2, 0, 31]), 3, 3))).toEqual([0.1, 0.4, 1]);
  });
});
