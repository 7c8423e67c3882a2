/**
 * k-means (Lloyd, greedy k-means++, best of several seeded restarts) and the silhouette, as scikit-learn computes
 * them (`KMeans(algorithm="lloyd")`, `silhouette_score`), on row-major Float64Arrays.
 */

/** Points stored row-major: point i is `data[i * dims … (i + 1) * dims)`. */
export interface FlatPoints {
  data: Float64Array;
  dims: number;
}
export type Points = readonly (readonly number[])[] | FlatPoints;

export interface KMeansOptions {
  seed: number;
  restarts?: number;
  maxIter?: number;
  /** Relative, as scikit-learn's: the bound on the summed squared centre shift is tol × the mean of the column variances. */
  tol?: number;
  /** Initial centroids (k rows): then one run, without k-means++. */
  init?: readonly (readonly number[])[];
}

export interface KMeansResult {
  labels: Int32Array;
  centroids: number[][];
  inertia: number;
  iterations: number;
}

export interface SilhouetteOptions {
  sampleSize?: number;
  seed: number;
}

export interface KScore {
  k: number;
  inertia: number;
  silhouette: number;
}

export interface ChooseKOptions extends Omit<KMeansOptions, 'init'>, Partial<Pick<SilhouetteOptions, 'sampleSize'>> {
  kMin?: number;
  kMax?: number;
}

export interface ChooseKResult {
  perK: KScore[];
  /** The fit for each k, as `perK`. */
  fits: KMeansResult[];
  /** The k with the highest silhouette. */
  k: number;
  best: KMeansResult;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function toFlat(points: Points): FlatPoints {
  if (!Array.isArray(points)) {
    const flat = points as FlatPoints;
    if (!(flat.dims > 0) || flat.data.length % flat.dims !== 0) throw new Error('the points do not fill whole rows');
    return flat;
  }
  const rows = points as readonly (readonly number[])[];
  if (!rows.length || !rows[0].length) throw new Error('there are no points, or they have no coordinates');
  const dims = rows[0].length;
  const data = new Float64Array(rows.length * dims);
  rows.forEach((row, i) => {
    if (row.length !== dims) throw new Error(`point ${i} has ${row.length} coordinates, not ${dims}`);
    data.set(row, i * dims);
  });
  return { data, dims };
}

function toRows(data: Float64Array, dims: number): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < data.length; i += dims) rows.push(Array.from(data.subarray(i, i + dims)));
  return rows;
}

function columnStats(data: Float64Array, dims: number): { mean: number[]; variance: number[] } {
  const n = data.length / dims;
  const mean: number[] = [];
  const variance: number[] = [];
  for (let j = 0; j < dims; j++) {
    let sum = 0;
    for (let i = j; i < data.length; i += dims) sum += data[i];
    const m = n ? sum / n : 0;
    // Two passes with the correction term, as scikit-learn's _incremental_mean_and_var.
    let squares = 0;
    let residual = 0;
    for (let i = j; i < data.length; i += dims) {
      const dx = data[i] - m;
      residual += dx;
      squares += dx * dx;
    }
    mean.push(m);
    variance.push(n ? Math.max(0, (squares - (residual * residual) / n) / n) : 0);
  }
  return { mean, variance };
}

/** Each column to mean 0 and population sd 1; a constant column (sd 0, by scikit-learn's test) is left at 0. */
export function standardizeFlat(data: Float64Array, dims: number): { z: Float64Array; mean: number[]; sd: number[] } {
  const n = data.length / dims;
  const { mean, variance } = columnStats(data, dims);
  const sd = variance.map((v, j) => (v <= n * Number.EPSILON * v + (n * mean[j] * Number.EPSILON) ** 2 ? 0 : Math.sqrt(v)));
  const z = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const j = i % dims;
    z[i] = sd[j] ? (data[i] - mean[j]) / sd[j] : 0;
  }
  return { z, mean, sd };
}

export function standardize(rows: number[][]): { z: number[][]; mean: number[]; sd: number[] } {
  const { data, dims } = toFlat(rows);
  const { z, mean, sd } = standardizeFlat(data, dims);
  return { z: toRows(z, dims), mean, sd };
}

function squaredDistance(x: Float64Array, i: number, c: Float64Array, j: number, dims: number): number {
  let s = 0;
  for (let t = 0; t < dims; t++) {
    const diff = x[i + t] - c[j + t];
    s += diff * diff;
  }
  return s;
}

/** scikit-learn's greedy k-means++: each centre is the best of 2 + ⌊ln k⌋ candidates drawn by D². */
function kmeansPlusPlus(x: Float64Array, dims: number, k: number, random: () => number): Float64Array {
  const n = x.length / dims;
  const centres = new Float64Array(k * dims);
  const first = Math.floor(random() * n);
  centres.set(x.subarray(first * dims, (first + 1) * dims));
  let closest = new Float64Array(n);
  for (let i = 0; i < n; i++) closest[i] = squaredDistance(x, i * dims, x, first * dims, dims);
  let best = new Float64Array(n);
  let trial = new Float64Array(n);
  const cumulative = new Float64Array(n);
  const trials = 2 + Math.floor(Math.log(k));
  for (let c = 1; c < k; c++) {
    let sum = 0;
    for (let i = 0; i < n; i++) cumulative[i] = sum += closest[i];
    let bestPot = Infinity;
    let bestIndex = 0;
    for (let t = 0; t < trials; t++) {
      const candidate = Math.min(upperBound(cumulative, random() * sum), n - 1);
      let pot = 0;
      for (let i = 0; i < n; i++) pot += trial[i] = Math.min(closest[i], squaredDistance(x, i * dims, x, candidate * dims, dims));
      if (pot < bestPot) {
        bestPot = pot;
        bestIndex = candidate;
        [best, trial] = [trial, best];
      }
    }
    [closest, best] = [best, closest];
    centres.set(x.subarray(bestIndex * dims, (bestIndex + 1) * dims), c * dims);
  }
  return centres;
}

/** The first index whose value exceeds `value` (so a point already at a centre is never drawn while others are not). */
function upperBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] > value) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Hamerly's bounds: `upper` on each point's distance to its centre, `lower` on its distance to any other. */
interface Bounds {
  upper: Float64Array;
  lower: Float64Array;
  /** How far each centre moved since the bounds were last brought up to date. */
  shifts: Float64Array;
}

/**
 * The E-step with Hamerly's bounds: labels each point with its nearest centre, skipping the points whose bounds
 * prove it unchanged; `sums` and `counts`, if given, follow the points that change cluster.
 */
function assign(
  x: Float64Array,
  dims: number,
  centres: Float64Array,
  labels: Int32Array,
  bounds: Bounds,
  sums?: Float64Array,
  counts?: Float64Array,
): void {
  const k = centres.length / dims;
  const { upper, lower, shifts } = bounds;
  let most = 0;
  for (let j = 1; j < k; j++) if (shifts[j] > shifts[most]) most = j;
  let runnerUp = 0;
  for (let j = 0; j < k; j++) if (j !== most) runnerUp = Math.max(runnerUp, shifts[j]);
  // Half the distance from each centre to the nearest other: a point nearer than that to its centre stays.
  const half = new Float64Array(k).fill(Infinity);
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const d = Math.sqrt(squaredDistance(centres, a * dims, centres, b * dims, dims)) / 2;
      if (d < half[a]) half[a] = d;
      if (d < half[b]) half[b] = d;
    }
  }
  for (let i = 0, p = 0; i < labels.length; i++, p += dims) {
    let label = labels[i];
    upper[i] += shifts[label];
    lower[i] -= label === most ? runnerUp : shifts[most];
    const bound = Math.max(half[label], lower[i]);
    if (upper[i] > bound) upper[i] = Math.sqrt(squaredDistance(x, p, centres, label * dims, dims));
    if (upper[i] > bound) {
      const was = label;
      let nearest = Infinity;
      let second = Infinity;
      for (let j = 0, q = 0; j < k; j++, q += dims) {
        const d = squaredDistance(x, p, centres, q, dims);
        if (d < nearest) {
          second = nearest;
          nearest = d;
          label = j;
        } else if (d < second) second = d;
      }
      labels[i] = label;
      upper[i] = Math.sqrt(nearest);
      lower[i] = Math.sqrt(second);
      if (sums && counts && label !== was) {
        counts[was]--;
        counts[label]++;
        for (let t = 0; t < dims; t++) {
          sums[was * dims + t] -= x[p + t];
          sums[label * dims + t] += x[p + t];
        }
      }
    }
  }
  shifts.fill(0);
}

/** As scikit-learn's _relocate_empty_clusters_dense: each empty cluster takes one of the points farthest from their centres. */
function relocateEmpty(
  x: Float64Array,
  dims: number,
  old: Float64Array,
  labels: Int32Array,
  sums: Float64Array,
  counts: Float64Array,
): void {
  const empty: number[] = [];
  counts.forEach((count, j) => count === 0 && empty.push(j));
  if (!empty.length) return;
  const n = labels.length;
  const far = new Float64Array(n);
  for (let i = 0; i < n; i++) far[i] = squaredDistance(x, i * dims, old, labels[i] * dims, dims);
  for (const target of empty) {
    let farthest = 0;
    for (let i = 1; i < n; i++) if (far[i] > far[farthest]) farthest = i;
    far[farthest] = -1;
    const from = labels[farthest];
    for (let t = 0; t < dims; t++) {
      sums[from * dims + t] -= x[farthest * dims + t];
      sums[target * dims + t] = x[farthest * dims + t];
    }
    counts[from]--;
    counts[target] = 1;
  }
}

/** scikit-learn's _kmeans_single_lloyd (the same steps and stopping rules), with Hamerly's E-step. */
function lloyd(x: Float64Array, dims: number, init: Float64Array, maxIter: number, tol: number): KMeansResult {
  const n = x.length / dims;
  const k = init.length / dims;
  let centres = Float64Array.from(init);
  let next = new Float64Array(init.length);
  const labels = new Int32Array(n);
  // The sums and sizes of the clusters as labelled; every point starts in cluster 0.
  const sums = new Float64Array(init.length);
  const sizes = new Float64Array(k);
  sizes[0] = n;
  for (let i = 0; i < x.length; i++) sums[i % dims] += x[i];
  const counts = new Float64Array(k);
  const previous = new Int32Array(n).fill(-1);
  const bounds: Bounds = { upper: new Float64Array(n).fill(Infinity), lower: new Float64Array(n), shifts: new Float64Array(k) };
  let strict = false;
  let iter = 0;
  for (; iter < maxIter; iter++) {
    assign(x, dims, centres, labels, bounds, sums, sizes);
    next.set(sums);
    counts.set(sizes);
    relocateEmpty(x, dims, centres, labels, next, counts);
    let total = 0;
    for (let j = 0; j < k; j++) {
      let shift = 0;
      for (let t = 0, q = j * dims; t < dims; t++, q++) {
        if (counts[j] > 0) next[q] /= counts[j];
        shift += (next[q] - centres[q]) ** 2;
      }
      total += shift;
      bounds.shifts[j] = Math.sqrt(shift);
    }
    [centres, next] = [next, centres];
    if (sameLabels(labels, previous)) {
      strict = true;
      break;
    }
    if (total <= tol) break;
    previous.set(labels);
  }
  if (!strict) assign(x, dims, centres, labels, bounds);
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += squaredDistance(x, i * dims, centres, labels[i] * dims, dims);
  return { labels, centroids: toRows(centres, dims), inertia, iterations: Math.min(iter + 1, maxIter) };
}

function sameLabels(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Lloyd's k-means from greedy k-means++ (or `opts.init`), the lowest inertia of `restarts` seeded runs. */
export function kmeans(points: Points, k: number, opts: KMeansOptions): KMeansResult {
  const { data, dims } = toFlat(points);
  const n = data.length / dims;
  const { restarts = 10, maxIter = 300, tol = 1e-4, init } = opts;
  if (!Number.isInteger(k) || k < 1 || k > n) throw new Error(`k must be a whole number from 1 to the ${n} points`);
  if (!data.every(Number.isFinite)) throw new Error('the points must be finite numbers');
  if (!(restarts >= 1) || !(maxIter >= 1) || !(tol >= 0)) throw new Error('restarts and maxIter must be at least 1, tol at least 0');
  const { mean, variance } = columnStats(data, dims);
  const absoluteTol = (tol * variance.reduce((a, b) => a + b, 0)) / dims;
  // As scikit-learn, on the points less their mean, so that the cluster sums cancel less.
  const centred = data.map((value, i) => value - mean[i % dims]);
  let best: KMeansResult | undefined;
  if (init) {
    if (init.length !== k || init.some((row) => row.length !== dims)) throw new Error(`init must have ${k} rows of ${dims} numbers`);
    best = lloyd(centred, dims, toFlat(init).data.map((value, i) => value - mean[i % dims]), maxIter, absoluteTol);
  } else {
    const random = mulberry32(opts.seed);
    for (let run = 0; run < restarts; run++) {
      const result = lloyd(centred, dims, kmeansPlusPlus(centred, dims, k, random), maxIter, absoluteTol);
      if (!best || result.inertia < best.inertia) best = result;
    }
  }
  return { ...best!, centroids: best!.centroids.map((row) => row.map((value, j) => value + mean[j])) };
}

function sampleIndices(n: number, size: number, seed: number): Int32Array {
  const indices = Int32Array.from({ length: n }, (_, i) => i);
  if (size >= n) return indices;
  const random = mulberry32(seed);
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (n - i));
    [indices[i], indices[j]] = [indices[j], indices[i]];
  }
  return indices.subarray(0, size);
}

/**
 * The mean silhouette (Euclidean) over a seeded sample of at most `sampleSize` points, measured within the sample,
 * as scikit-learn's `silhouette_score(…, sample_size)`. NaN when the sample holds fewer than 2 clusters, or no
 * point outside a cluster of its own (where scikit-learn raises).
 */
export function silhouette(points: Points, labels: ArrayLike<number>, k: number, opts: SilhouetteOptions): number {
  const { data, dims } = toFlat(points);
  const n = data.length / dims;
  if (labels.length !== n) throw new Error(`${labels.length} labels for ${n} points`);
  const chosen = sampleIndices(n, opts.sampleSize ?? 10_000, opts.seed);
  const m = chosen.length;
  const x = new Float64Array(m * dims);
  const own = new Int32Array(m);
  const sizes = new Float64Array(k);
  chosen.forEach((index, i) => {
    const label = labels[index];
    if (!Number.isInteger(label) || label < 0 || label >= k) throw new Error(`label ${label} is not from 0 to ${k - 1}`);
    x.set(data.subarray(index * dims, (index + 1) * dims), i * dims);
    own[i] = label;
    sizes[label]++;
  });
  const present = sizes.filter((size) => size > 0).length;
  if (present < 2 || present > m - 1) return NaN;
  // sums[i * k + c]: the summed distance from sampled point i to the sampled points of cluster c.
  const sums = new Float64Array(m * k);
  for (let i = 0, p = 0; i < m; i++, p += dims) {
    const row = i * k;
    const label = own[i];
    for (let j = i + 1, q = p + dims; j < m; j++, q += dims) {
      const d = Math.sqrt(squaredDistance(x, p, x, q, dims));
      sums[row + own[j]] += d;
      sums[j * k + label] += d;
    }
  }
  let total = 0;
  for (let i = 0; i < m; i++) {
    const label = own[i];
    if (sizes[label] < 2) continue;
    const a = sums[i * k + label] / (sizes[label] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== label && sizes[c] > 0) b = Math.min(b, sums[i * k + c] / sizes[c]);
    const scale = Math.max(a, b);
    if (scale > 0) total += (b - a) / scale;
  }
  return total / m;
}

/** k-means for each k in kMin…kMax (at most n − 1) with the same seed; the chosen k has the highest silhouette. */
export function chooseK(points: Points, opts: ChooseKOptions): ChooseKResult {
  const flat = toFlat(points);
  const n = flat.data.length / flat.dims;
  const { kMin = 2, kMax = 10, sampleSize, ...fitOptions } = opts;
  const top = Math.min(kMax, n - 1);
  if (!Number.isInteger(kMin) || !Number.isInteger(kMax) || kMin < 2 || kMin > top) {
    throw new Error(`no k from ${kMin} to ${kMax} can be scored on ${n} points`);
  }
  const perK: KScore[] = [];
  const fits: KMeansResult[] = [];
  let chosen = 0;
  for (let k = kMin; k <= top; k++) {
    const fit = kmeans(flat, k, fitOptions);
    const score = silhouette(flat, fit.labels, k, { sampleSize, seed: opts.seed });
    const best = perK[chosen]?.silhouette ?? NaN;
    if (score > best || (Number.isNaN(best) && !Number.isNaN(score))) chosen = perK.length;
    perK.push({ k, inertia: fit.inertia, silhouette: score });
    fits.push(fit);
  }
  return { perK, fits, k: perK[chosen].k, best: fits[chosen] };
}

/**
 * Most points k-means is fitted on: above it, on a seeded sample of this many, every point then going to its
 * nearest centre (a million customers, ten restarts of nine k each, took 105 s in the worker and most of a 2 GB tab).
 */
export const FIT_SAMPLE = 100_000;

export interface ClusterOptions extends ChooseKOptions {
  /** The k to fit; by default the k of the highest silhouette. */
  k?: number;
  /** The scores of an earlier scan of the same points: with `k`, only that k is fitted. */
  scanned?: { perK: KScore[]; bestK: number };
  /** Most points to fit on (`FIT_SAMPLE` unless given). */
  fitSample?: number;
}

export interface ClusterResult {
  labels: Int32Array;
  /** In standard units (the space clustered in). */
  centroids: number[][];
  /** In the units of the points given. */
  centroidsRaw: number[][];
  /** The points standardised, row-major, as clustered. */
  standardized: Float64Array;
  mean: number[];
  sd: number[];
  /** Over every point. */
  inertia: number;
  /** Every k from kMin to kMax (and `opts.k`), scored on the points fitted on. */
  perK: KScore[];
  k: number;
  /** The k of the highest silhouette. */
  bestK: number;
  /** How many points the centres were fitted on when that was a sample; null: all of them. */
  sampled: number | null;
}

/** The rows `rows` of row-major points. */
function gather(z: Float64Array, dims: number, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length * dims);
  rows.forEach((r, i) => out.set(z.subarray(r * dims, (r + 1) * dims), i * dims));
  return out;
}

/** Each point's nearest centre (ties to the lower index, as Lloyd's assignment) and the summed squared distances. */
export function assignNearest(z: Float64Array, dims: number, centroids: readonly (readonly number[])[]): { labels: Int32Array; inertia: number } {
  const n = z.length / dims;
  const centres = Float64Array.from(centroids.flat());
  const labels = new Int32Array(n);
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    let bestD = Infinity;
    for (let j = 0; j < centroids.length; j++) {
      const d = squaredDistance(z, i * dims, centres, j * dims, dims);
      if (d < bestD) {
        bestD = d;
        labels[i] = j;
      }
    }
    inertia += bestD;
  }
  return { labels, inertia };
}

/**
 * Standardises the points and scores k = kMin…kMax (`chooseK`); the fit is for `opts.k`, else for the best k. Above
 * `fitSample` points, the scan and the fit use a seeded sample; every point is then labelled by its nearest centre.
 */
export function clusterPoints(data: Float64Array, dims: number, opts: ClusterOptions): ClusterResult {
  const { k, scanned, fitSample = FIT_SAMPLE, ...rest } = opts;
  const { z, mean, sd } = standardizeFlat(data, dims);
  const n = z.length / dims;
  const sample = n > fitSample ? sampleIndices(n, fitSample, rest.seed) : null;
  const scaled = { data: sample ? gather(z, dims, sample) : z, dims };
  const finish = (fit: KMeansResult, perK: KScore[], bestK: number): ClusterResult => {
    const centroidsRaw = fit.centroids.map((row) => row.map((value, j) => value * sd[j]! + mean[j]!));
    const all = sample ? assignNearest(z, dims, fit.centroids) : { labels: fit.labels, inertia: fit.inertia };
    return { ...all, centroids: fit.centroids, centroidsRaw, standardized: z, mean, sd, perK, k: fit.centroids.length, bestK, sampled: sample ? sample.length : null };
  };
  if (k !== undefined && scanned) return finish(kmeans(scaled, k, rest), scanned.perK, scanned.bestK);
  const scan = chooseK(scaled, rest);
  const perK = [...scan.perK];
  const at = perK.findIndex((score) => score.k === (k ?? scan.k));
  let fit = scan.fits[at];
  if (!fit) {
    fit = kmeans(scaled, k!, rest);
    const m = scaled.data.length / dims;
    const score = k! >= 2 && k! < m ? silhouette(scaled, fit.labels, k!, { sampleSize: rest.sampleSize, seed: rest.seed }) : NaN;
    perK.push({ k: k!, inertia: fit.inertia, silhouette: score });
    perK.sort((a, b) => a.k - b.k);
  }
  return finish(fit, perK, scan.k);
}
