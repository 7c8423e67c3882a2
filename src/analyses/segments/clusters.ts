/** The default features: ln(1 + recency days), ln(1 + frequency), ln(1 + max(monetary, 0)). */
export function clusterFeatures(rows: readonly { recency_days: number; frequency: number; monetary: number }[]): Float64Array {
  const out = new Float64Array(rows.length * 3);
  rows.forEach((r, i) => {
    out[i * 3] = Math.log1p(Math.max(0, r.recency_days));
    out[i * 3 + 1] = Math.log1p(Math.max(0, r.frequency));
    out[i * 3 + 2] = Math.log1p(Math.max(0, r.monetary));
  });
  return out;
}

/**
 * Renumbers clusters 1…k by descending mean monetary value (`monetary` per point, `labels` 0-based): the returned
 * array maps an old label to its new number.
 */
export function numberByMonetary(labels: ArrayLike<number>, monetary: ArrayLike<number>, k: number): number[] {
  const sum = new Array<number>(k).fill(0);
  const n = new Array<number>(k).fill(0);
  for (let i = 0; i < labels.length; i++) {
    sum[labels[i]!]! += monetary[i]!;
    n[labels[i]!]!++;
  }
  const order = [...Array(k).keys()].sort((a, b) => sum[b]! / (n[b]! || 1) - sum[a]! / (n[a]! || 1) || a - b);
  const map = new Array<number>(k);
  order.forEach((old, i) => (map[old] = i + 1));
  return map;
}

/** Each cluster's share of the total within-cluster sum of squares (points row-major, `dims` wide). */
export function inertiaShares(points: Float64Array, dims: number, labels: ArrayLike<number>, centroids: readonly number[][]): number[] {
  const ss = new Array<number>(centroids.length).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const c = centroids[labels[i]!]!;
    let d = 0;
    for (let j = 0; j < dims; j++) d += (points[i * dims + j]! - c[j]!) ** 2;
    ss[labels[i]!]! += d;
  }
  const total = ss.reduce((a, b) => a + b, 0);
  return ss.map((x) => (total > 0 ? Math.round((x / total) * 10000) / 10000 : 0));
}

/** A cluster's automatic name from its standardised centroid (recency, frequency, monetary): value level and recency. */
export function clusterNameCode(z: readonly number[]): { value: 'high' | 'mid' | 'low'; recency: 'recent' | 'lapsed' | 'steady' } {
  const [r = 0, f = 0, m = 0] = z;
  const worth = (f + m) / 2;
  return {
    value: worth > 0.5 ? 'high' : worth < -0.5 ? 'low' : 'mid',
    recency: r < -0.5 ? 'recent' : r > 0.5 ? 'lapsed' : 'steady',
  };
}
