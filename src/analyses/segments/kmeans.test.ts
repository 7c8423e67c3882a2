import { expose } from 'comlink';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chooseK, clusterPoints, kmeans, mulberry32, silhouette, standardize, toFlat, type ClusterOptions } from './kmeans';
import { clusterInWorker } from './kmeans-client';

interface Run {
  k: number;
  labels: number[];
  inertia: number;
  iterations: number;
  centroids: number[][];
}
interface Fixture {
  rfm: number[][];
  points: number[][];
  z: number[][];
  best: (Run & { silhouette: number })[];
  explicit: (Run & { init: number[][] })[];
  emptyCluster: Run & { init: number[][] };
}

// Written by test/fixtures/kmeans/make_fixture.py (scikit-learn).
const fixture: Fixture = JSON.parse(readFileSync(new URL('../../../test/fixtures/kmeans/fixture.json', import.meta.url), 'utf8'));

/** The one-to-one map from our labels to scikit-learn's when both make the same partition, else undefined. */
function samePartition(ours: ArrayLike<number>, theirs: readonly number[]): Map<number, number> | undefined {
  const forward = new Map<number, number>();
  const backward = new Map<number, number>();
  for (let i = 0; i < theirs.length; i++) {
    const a = ours[i];
    const b = theirs[i];
    if ((forward.get(a) ?? b) !== b || (backward.get(b) ?? a) !== a) return undefined;
    forward.set(a, b);
    backward.set(b, a);
  }
  return forward;
}

describe('standardize', () => {
  it('equals StandardScaler', () => {
    const { z, mean, sd } = standardize(fixture.points);
    expect(mean).toHaveLength(3);
    expect(sd.every((s) => s > 0)).toBe(true);
    z.forEach((row, i) => row.forEach((value, j) => expect(Math.abs(value - fixture.z[i][j])).toBeLessThan(1e-12)));
  });

  it('leaves a constant column at 0', () => {
    const { z, mean, sd } = standardize([
      [1, 0.1],
      [2, 0.1],
      [3, 0.1],
    ]);
    expect(sd[1]).toBe(0);
    expect(mean[1]).toBeCloseTo(0.1, 15);
    expect(z.map((row) => row[1])).toEqual([0, 0, 0]);
    expect(z.map((row) => row[0])).toEqual([-Math.sqrt(1.5), 0, Math.sqrt(1.5)]);
  });
});

describe('kmeans against scikit-learn', () => {
  it.each(fixture.best.map((run) => [run.k, run] as const))('k = %i: the best of 10 is within 0.5 %% of its inertia', (k, run) => {
    const ours = kmeans(fixture.z, k, { seed: 0 });
    expect(Math.abs(ours.inertia - run.inertia) / run.inertia).toBeLessThan(0.005);
    expect(new Set(ours.labels).size).toBe(k);
  });

  const fromInit = [...fixture.explicit.map((run) => [`k = ${run.k}`, run] as const), ['an empty cluster', fixture.emptyCluster] as const];
  it.each(fromInit)('from its initial centroids (%s): the same partition, inertia, iterations and centroids', (_, run) => {
    const ours = kmeans(fixture.z, run.k, { seed: 0, init: run.init });
    const map = samePartition(ours.labels, run.labels);
    expect(map).toBeDefined();
    expect(Math.abs(ours.inertia - run.inertia) / run.inertia).toBeLessThan(1e-6);
    expect(ours.iterations).toBe(run.iterations);
    ours.centroids.forEach((centre, label) =>
      centre.forEach((value, j) => expect(value).toBeCloseTo(run.centroids[map!.get(label)!][j], 10)),
    );
  });

  it('moves an empty cluster to the point farthest from its centre', () => {
    const init = fixture.emptyCluster.init;
    const first = kmeans(fixture.z, 4, { seed: 0, init, maxIter: 1 });
    expect(first.centroids[3].every((value) => Math.abs(value) < 10)).toBe(true);
    expect(first.centroids.some((centre) => centre.some((value) => value === 50))).toBe(false);
  });
});

describe('silhouette against scikit-learn', () => {
  it.each(fixture.best.map((run) => [run.k, run] as const))('k = %i: silhouette_score on the full set to 1e-9', (k, run) => {
    expect(Math.abs(silhouette(fixture.z, run.labels, k, { seed: 1, sampleSize: 600 }) - run.silhouette)).toBeLessThan(1e-9);
    expect(Math.abs(silhouette(fixture.z, run.labels, k, { seed: 1 }) - run.silhouette)).toBeLessThan(1e-9);
  });

  it('on a sample: seeded, and near the full-set value', () => {
    const run = fixture.best[2];
    const a = silhouette(fixture.z, run.labels, run.k, { seed: 3, sampleSize: 200 });
    expect(silhouette(fixture.z, run.labels, run.k, { seed: 3, sampleSize: 200 })).toBe(a);
    expect(silhouette(fixture.z, run.labels, run.k, { seed: 4, sampleSize: 200 })).not.toBe(a);
    expect(Math.abs(a - run.silhouette)).toBeLessThan(0.05);
  });

  it('is NaN where scikit-learn refuses: one cluster, or every point alone', () => {
    expect(silhouette([[0], [1], [2]], [0, 0, 0], 1, { seed: 0 })).toBeNaN();
    expect(silhouette([[0], [1], [2]], [0, 1, 2], 3, { seed: 0 })).toBeNaN();
    expect(silhouette([[0], [1], [5]], [0, 0, 1], 2, { seed: 0 })).toBeCloseTo((4 / 5 + 3 / 4) / 3, 15);
  });
});

describe('seeding and choosing k', () => {
  it('gives identical results for the same seed', () => {
    const a = kmeans(fixture.z, 5, { seed: 42, restarts: 3 });
    const b = kmeans(fixture.z, 5, { seed: 42, restarts: 3 });
    expect(b).toEqual(a);
    const draws = (seed: number) => Array.from({ length: 5 }, mulberry32(seed));
    expect(draws(9)).toEqual(draws(9));
    expect(draws(9)).not.toEqual(draws(10));
    expect(draws(9).every((u) => u >= 0 && u < 1)).toBe(true);
  });

  it('picks the k of the four blobs by silhouette, with the fit for that k', () => {
    const chosen = chooseK(fixture.z, { kMin: 2, kMax: 6, seed: 0 });
    expect(chosen.k).toBe(4);
    expect(chosen.perK.map((s) => s.k)).toEqual([2, 3, 4, 5, 6]);
    chosen.perK.forEach((score, i) => {
      expect(Math.abs(score.inertia - fixture.best[i].inertia) / fixture.best[i].inertia).toBeLessThan(0.005);
      expect(Math.abs(score.silhouette - fixture.best[i].silhouette)).toBeLessThan(0.01);
    });
    expect(samePartition(chosen.best.labels, fixture.best[2].labels)).toBeDefined();
  });

  it('clusterPoints standardises, scores each k and fits the best, with the centroids also in the units given', () => {
    const { data, dims } = toFlat(fixture.points);
    const result = clusterPoints(data, dims, { seed: 0, kMax: 6 });
    expect([result.k, result.bestK]).toEqual([4, 4]);
    const scan = chooseK(fixture.z, { seed: 0, kMax: 6 }).perK;
    expect(result.perK).toEqual(scan.map((s) => ({ k: s.k, inertia: expect.closeTo(s.inertia, 9), silhouette: expect.closeTo(s.silhouette, 12) })));
    expect(samePartition(result.labels, fixture.best[2].labels)).toBeDefined();
    result.standardized.forEach((value, i) => expect(Math.abs(value - fixture.z[Math.floor(i / 3)][i % 3])).toBeLessThan(1e-12));
    result.centroidsRaw.forEach((centre, label) => {
      const members = fixture.points.filter((_, i) => result.labels[i] === label);
      centre.forEach((value, j) => expect(value).toBeCloseTo(members.reduce((s, p) => s + p[j], 0) / members.length, 10));
    });
  });

  it('clusterPoints fits a k given, inside the range scored or not', () => {
    const { data, dims } = toFlat(fixture.points);
    const three = clusterPoints(data, dims, { seed: 0, kMax: 6, k: 3 });
    expect([three.k, three.bestK, three.centroids.length, three.perK.length]).toEqual([3, 4, 3, 5]);
    expect(three.inertia).toBe(three.perK[1].inertia);
    const eight = clusterPoints(data, dims, { seed: 0, kMax: 6, k: 8 });
    expect([eight.k, eight.bestK]).toEqual([8, 4]);
    expect(eight.perK.map((s) => s.k)).toEqual([2, 3, 4, 5, 6, 8]);
    expect(eight.perK[5]).toEqual({ k: 8, inertia: eight.inertia, silhouette: expect.any(Number) });
  });

  it('clusterPoints with an earlier scan fits only the k given, the same as within the scan', () => {
    const { data, dims } = toFlat(fixture.points);
    const full = clusterPoints(data, dims, { seed: 0, kMax: 6, k: 3 });
    const again = clusterPoints(data, dims, { seed: 0, kMax: 6, k: 3, scanned: { perK: full.perK, bestK: full.bestK } });
    expect([again.k, again.bestK, again.perK]).toEqual([3, 4, full.perK]);
    expect(again.inertia).toBeCloseTo(full.inertia, 9);
    expect(samePartition(again.labels, Array.from(full.labels))).toBeDefined();
  });

  it('clusterPoints above its sample size fits on a seeded sample and puts every point with its nearest centre', () => {
    const { data, dims } = toFlat(fixture.points);
    const n = fixture.points.length;
    const whole = clusterPoints(data, dims, { seed: 0, kMax: 6 });
    const part = clusterPoints(data, dims, { seed: 0, kMax: 6, fitSample: Math.floor(n / 2) });
    const again = clusterPoints(data, dims, { seed: 0, kMax: 6, fitSample: Math.floor(n / 2) });
    expect([whole.sampled, part.sampled, part.labels.length]).toEqual([null, Math.floor(n / 2), n]);
    expect(Array.from(again.labels)).toEqual(Array.from(part.labels));
    // Each point's label is its nearest centre, and the inertia sums the squared distances over every point.
    let inertia = 0;
    for (let i = 0; i < n; i++) {
      const d = part.centroids.map((c) => c.reduce((sum, v, j) => sum + (part.standardized[i * dims + j]! - v) ** 2, 0));
      expect(part.labels[i]).toBe(d.indexOf(Math.min(...d)));
      inertia += Math.min(...d);
    }
    expect(part.inertia).toBeCloseTo(inertia, 9);
    // Half the points find the same clusters as all of them: the best k, and within 2 % of the inertia.
    expect(part.k).toBe(whole.k);
    expect(Math.abs(part.inertia - whole.inertia) / whole.inertia).toBeLessThan(0.02);
  });

  it('refuses a k it cannot fit', () => {
    expect(() => kmeans([[0], [1]], 3, { seed: 0 })).toThrow();
    expect(() => kmeans([[0], [1]], 0, { seed: 0 })).toThrow();
    expect(() => kmeans([[0], [Number.NaN]], 1, { seed: 0 })).toThrow();
    expect(kmeans([[0], [1], [2]], 1, { seed: 0 }).inertia).toBe(2);
    expect(() => chooseK([[0], [1]], { seed: 0 })).toThrow();
  });
});

describe('clusterInWorker', () => {
  interface Started {
    url: string;
    options: WorkerOptions;
    terminated: boolean;
  }
  let started: Started[] = [];

  /** A Worker on a MessageChannel, serving `clusterPoints` on this thread as the worker module does. */
  function stubWorker() {
    started = [];
    vi.stubGlobal('Worker', function FakeWorker(url: URL, options: WorkerOptions) {
      const { port1, port2 } = new MessageChannel();
      expose({ cluster: (points: Float64Array, dims: number, opts: ClusterOptions) => clusterPoints(points, dims, opts) }, port2);
      const record: Started = { url: url.href, options, terminated: false };
      started.push(record);
      return Object.assign(port1, {
        terminate: () => {
          record.terminated = true;
          port1.close();
          port2.close();
        },
      });
    });
  }
  afterEach(() => vi.unstubAllGlobals());

  const { data, dims } = toFlat(fixture.points);

  it('clusters in a module worker, then ends it', async () => {
    stubWorker();
    const result = await clusterInWorker(data, dims, { seed: 0, k: 4, kMax: 5 });
    expect(result).toEqual(clusterPoints(data, dims, { seed: 0, k: 4, kMax: 5 }));
    expect(started).toHaveLength(1);
    expect(started[0].url).toMatch(/kmeans-worker\.ts$/);
    expect(started[0].options.type).toBe('module');
    expect(started[0].terminated).toBe(true);
  });

  it('terminates the worker when aborted, rejecting with the reason', async () => {
    stubWorker();
    const controller = new AbortController();
    const call = clusterInWorker(data, dims, { seed: 0, kMax: 4, signal: controller.signal });
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    expect(started[0].terminated).toBe(true);
    const already = clusterInWorker(data, dims, { seed: 0, signal: AbortSignal.abort(new Error('gone')) });
    await expect(already).rejects.toThrow('gone');
    expect(started).toHaveLength(1);
  });

  it('passes the error of a call on', async () => {
    stubWorker();
    await expect(clusterInWorker(data, dims, { seed: 0, k: 601, kMax: 3 })).rejects.toThrow(/k must be/);
    expect(started[0].terminated).toBe(true);
  });
});
