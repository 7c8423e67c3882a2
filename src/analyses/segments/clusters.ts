/** The default features: ln(1 + recency days), ln(1 + frequency), ln(1 + max(monetary, 0)). */
export function clusterFeatures(recency: ArrayLike<number>, frequency: ArrayLike<number>, monetary: ArrayLike<number>): Float64Array {
  const out = new Float64Array(recency.length * 3);
  for (let i = 0; i < recency.length; i++) {
    out[i * 3] = Math.log1p(Math.max(0, recency[i]!));
    out[i * 3 + 1] = Math.log1p(Math.max(0, frequency[i]!));
    out[i * 3 + 2] = Math.log1p(Math.max(0, monetary[i]!));
  }
  return out;
}

/**
 * `labels` (cluster numbers 1…99, in the order of `clusterFeaturesSql`) as a one-column CSV, written byte by byte:
 * a million customers' labels never become a million strings.
 */
export function labelsCsv(labels: ArrayLike<number>): Uint8Array {
  const header = new TextEncoder().encode('cluster\n');
  const out = new Uint8Array(header.length + labels.length * 3);
  out.set(header);
  let at = header.length;
  for (let i = 0; i < labels.length; i++) {
    const n = labels[i]!;
    if (!(n >= 1 && n <= 99 && Number.isInteger(n))) throw new Error(`cluster label ${n} out of range`);
    if (n >= 10) out[at++] = 48 + Math.floor(n / 10);
    out[at++] = 48 + (n % 10);
    out[at++] = 10;
  }
  return out.subarray(0, at);
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
