/**
 * A CART classification tree as scikit-learn's `DecisionTreeClassifier(criterion='gini', max_depth, min_samples_leaf)`
 * (every feature tried at every node, no sample weights), grown depth first from presorted columns.
 *
 * Where scikit-learn differs: it casts x to float32 (here float64 throughout: the same tree when the values are exact
 * in float32), and it breaks ties between equally good splits at random: it visits the features in a seeded random
 * order and keeps the first best (within a feature the lowest threshold, as here); here the lowest feature index
 * wins. So a reference tree from scikit-learn only checks this one where every node's best split is unique.
 */

export interface TreeLeaf {
  samples: number;
  positives: number;
  /** positives / samples: the churn share. */
  value: number;
}

export interface TreeSplit {
  feature: number;
  /** Rows with x[feature] ≤ threshold go left. */
  threshold: number;
  left: TreeNode;
  right: TreeNode;
  samples: number;
  positives: number;
}

export type TreeNode = TreeLeaf | TreeSplit;

export interface TreeOptions {
  /** The root is at depth 0; a node at depth maxDepth is a leaf. */
  maxDepth?: number;
  /** The fewest rows in a leaf, as scikit-learn's min_samples_leaf. */
  minLeaf?: number;
}

export interface TreeCondition {
  feature: number;
  op: '<=' | '>';
  threshold: number;
}

export interface TreeRule {
  conditions: TreeCondition[];
  samples: number;
  positives: number;
  value: number;
}

/** scikit-learn's FEATURE_THRESHOLD: sorted neighbours closer than this are not split apart. */
const FEATURE_THRESHOLD = 1e-7;

export function isSplit(node: TreeNode): node is TreeSplit {
  return 'feature' in node;
}

function checkShape(x: Float64Array, n: number, d: number): void {
  if (!Number.isInteger(n) || !Number.isInteger(d) || n < 0 || d < 1 || x.length !== n * d) {
    throw new Error(`x holds ${x.length} numbers, not ${n} rows × ${d} columns`);
  }
}

/** Whether a Float64Array's low 32 bits come first in memory (as on every common platform). */
const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

/**
 * The indices 0 … n−1 in ascending order of the column's values: a least-significant-digit radix sort on 16-bit
 * digits of the bits of each double, made to order as unsigned integers (the sign bit flipped, and all the bits of
 * negative values). A digit that every value shares costs no pass (whole numbers below 2²⁰ skip the low 32 bits). `values`
 * gets the values in that order.
 */
function sortColumn(column: Float64Array, out: Int32Array, values: Float64Array): void {
  const n = column.length;
  const bits = new Uint32Array(column.buffer, column.byteOffset, 2 * n);
  const lowWord = LITTLE_ENDIAN ? 0 : 1;
  let low = new Uint32Array(n);
  let high = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const h = bits[2 * i + 1 - lowWord];
    const l = bits[2 * i + lowWord];
    const negative = h >>> 31;
    low[i] = negative ? ~l >>> 0 : l;
    high[i] = negative ? ~h >>> 0 : (h | 0x80000000) >>> 0;
  }
  let index = new Int32Array(n);
  for (let i = 0; i < n; i++) index[i] = i;
  // Each pass moves the keys with the indices, so that every pass reads in order.
  let nextIndex = new Int32Array(n);
  let nextLow = new Uint32Array(n);
  let nextHigh = new Uint32Array(n);
  const counts = new Int32Array(65537);
  for (let pass = 0; pass < 4; pass++) {
    const words = pass < 2 ? low : high;
    const shift = (pass & 1) * 16;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[((words[i] >>> shift) & 0xffff) + 1]++;
    if (counts[((words[0] >>> shift) & 0xffff) + 1] === n) continue;
    for (let digit = 1; digit <= 65536; digit++) counts[digit] += counts[digit - 1];
    for (let p = 0; p < n; p++) {
      const q = counts[(words[p] >>> shift) & 0xffff]++;
      nextIndex[q] = index[p];
      nextLow[q] = low[p];
      nextHigh[q] = high[p];
    }
    [index, nextIndex] = [nextIndex, index];
    [low, nextLow] = [nextLow, low];
    [high, nextHigh] = [nextHigh, high];
  }
  out.set(index);
  const sortedBits = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  for (let p = 0; p < n; p++) {
    const negative = ~high[p] >>> 31;
    sortedBits[2 * p + lowWord] = negative ? ~low[p] >>> 0 : low[p];
    sortedBits[2 * p + 1 - lowWord] = negative ? ~high[p] >>> 0 : (high[p] & 0x7fffffff) >>> 0;
  }
}

/** scikit-learn's Gini proxy_impurity_improvement, term for term so that it rounds alike: −n_R·gini_R − n_L·gini_L. */
function proxy(nLeft: number, posLeft: number, nRight: number, posRight: number): number {
  const negLeft = nLeft - posLeft;
  const negRight = nRight - posRight;
  const giniLeft = 1 - (negLeft * negLeft + posLeft * posLeft) / (nLeft * nLeft);
  const giniRight = 1 - (negRight * negRight + posRight * posRight) / (nRight * nRight);
  return -nRight * giniRight - nLeft * giniLeft;
}

/** Grows the tree on the n × d row-major x and the 0/1 labels y (1 = churned). */
export function fitTree(x: Float64Array, n: number, d: number, y: Uint8Array, opts: TreeOptions = {}): TreeNode {
  const { maxDepth = 5, minLeaf = 50 } = opts;
  checkShape(x, n, d);
  if (y.length !== n) throw new Error(`${y.length} labels for ${n} rows`);
  if (n < 1) throw new Error('there are no rows to grow a tree on');
  if (!(maxDepth >= 0) || !(Number.isInteger(maxDepth) || maxDepth === Infinity)) throw new Error('maxDepth must be a whole number, at least 0');
  if (!Number.isInteger(minLeaf) || minLeaf < 1) throw new Error('minLeaf must be a whole number, at least 1');
  let positives = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] > 1) throw new Error(`label ${y[i]} is neither 0 nor 1`);
    positives += y[i];
  }

  // orders[j·n + p], p in a node's [start, end): that node's rows sorted by feature j, and sorted[j·n + p] their
  // values of it. Splits keep each run sorted.
  const orders = new Int32Array(d * n);
  const sorted = new Float64Array(d * n);
  // Column-major first (one pass over x), then each column sorted in place.
  for (let i = 0, r = 0; i < n; i++, r += d) {
    for (let j = 0; j < d; j++) {
      const value = x[r + j];
      if (value - value !== 0) throw new Error(`x[${i}][${j}] = ${value} is not a finite number`);
      sorted[j * n + i] = value;
    }
  }
  const column = new Float64Array(n);
  for (let j = 0; j < d; j++) {
    const values = sorted.subarray(j * n, (j + 1) * n);
    column.set(values);
    sortColumn(column, orders.subarray(j * n, (j + 1) * n), values);
  }
  const goesLeft = new Uint8Array(n);
  const spillOrder = new Int32Array(n);
  const spillValue = new Float64Array(n);

  interface Pending {
    start: number;
    end: number;
    depth: number;
    positives: number;
    attach: (node: TreeNode) => void;
  }
  let root: TreeNode | undefined;
  const stack: Pending[] = [{ start: 0, end: n, depth: 0, positives, attach: (node) => (root = node) }];
  while (stack.length) {
    const { start, end, depth, positives: pos, attach } = stack.pop()!;
    const samples = end - start;
    // As scikit-learn: no split at the depth limit, below 2 × minLeaf rows, or in a pure node; otherwise the best
    // allowed split, even one that leaves the impurity as it was.
    let bestFeature = -1;
    let bestLeftSize = 0;
    let bestLeftPositives = 0;
    let bestThreshold = 0;
    if (depth < maxDepth && samples >= 2 * minLeaf && samples >= 2 && pos > 0 && pos < samples) {
      let best = -Infinity;
      for (let j = 0; j < d; j++) {
        const base = j * n;
        let posLeft = 0;
        for (let p = start; p < start + minLeaf - 1; p++) posLeft += y[orders[base + p]];
        // The left side is [start, p], the right (p, end).
        for (let p = start + minLeaf - 1; p < end - minLeaf; p++) {
          posLeft += y[orders[base + p]];
          const value = sorted[base + p];
          const following = sorted[base + p + 1];
          if (following <= value + FEATURE_THRESHOLD) continue;
          const nLeft = p - start + 1;
          // Strictly better only: the first (lowest) feature and threshold keep a tie.
          const score = proxy(nLeft, posLeft, samples - nLeft, pos - posLeft);
          if (score > best) {
            best = score;
            bestFeature = j;
            bestLeftSize = nLeft;
            bestLeftPositives = posLeft;
            // The midpoint as scikit-learn rounds it; the left value when the midpoint rounds up to the right one.
            const mid = value / 2 + following / 2;
            bestThreshold = mid === following ? value : mid;
          }
        }
      }
    }
    if (bestFeature < 0) {
      attach({ samples, positives: pos, value: pos / samples });
      continue;
    }
    const middle = start + bestLeftSize;
    const chosen = bestFeature * n;
    for (let p = start; p < end; p++) goesLeft[orders[chosen + p]] = p < middle ? 1 : 0;
    for (let j = 0; j < d; j++) {
      if (j === bestFeature) continue;
      const base = j * n;
      let left = base + start;
      let right = 0;
      // Without a branch (which side is as good as random): each row is written to both, and only one advances.
      // Writing at left never overwrites a row yet to be read: left ≤ p.
      for (let p = base + start; p < base + end; p++) {
        const row = orders[p];
        const value = sorted[p];
        const side = goesLeft[row];
        orders[left] = row;
        sorted[left] = value;
        spillOrder[right] = row;
        spillValue[right] = value;
        left += side;
        right += 1 - side;
      }
      orders.set(spillOrder.subarray(0, right), left);
      sorted.set(spillValue.subarray(0, right), left);
    }
    const split: TreeSplit = {
      feature: bestFeature,
      threshold: bestThreshold,
      left: undefined as unknown as TreeNode,
      right: undefined as unknown as TreeNode,
      samples,
      positives: pos,
    };
    attach(split);
    stack.push(
      { start: middle, end, depth: depth + 1, positives: pos - bestLeftPositives, attach: (node) => (split.right = node) },
      { start, end: middle, depth: depth + 1, positives: bestLeftPositives, attach: (node) => (split.left = node) },
    );
  }
  return root!;
}

/** The churn share of the leaf each row of the n × d row-major x falls in. */
export function predictTree(tree: TreeNode, x: Float64Array, n: number, d: number): Float64Array {
  checkShape(x, n, d);
  const out = new Float64Array(n);
  for (let i = 0, r = 0; i < n; i++, r += d) {
    let node = tree;
    while (isSplit(node)) node = x[r + node.feature] <= node.threshold ? node.left : node.right;
    out[i] = node.value;
  }
  return out;
}

/** One rule per leaf, left to right: the conditions on the path from the root (left is ≤, as scikit-learn). */
export function treeRules(tree: TreeNode): TreeRule[] {
  const rules: TreeRule[] = [];
  const walk = (node: TreeNode, conditions: TreeCondition[]): void => {
    if (!isSplit(node)) {
      rules.push({ conditions, samples: node.samples, positives: node.positives, value: node.value });
      return;
    }
    const { feature, threshold } = node;
    walk(node.left, [...conditions, { feature, op: '<=', threshold }]);
    walk(node.right, [...conditions, { feature, op: '>', threshold }]);
  };
  walk(tree, []);
  return rules;
}
