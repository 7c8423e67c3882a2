import { describe, expect, it } from 'vitest';
import { clusterFeatures, clusterNameCode, inertiaShares, numberByMonetary } from './clusters';

describe('cluster bookkeeping', () => {
  it('takes ln(1 + x) of recency, frequency and non-negative monetary', () => {
    expect([...clusterFeatures([0, Math.E - 1], [1, 0], [-5, Math.E ** 2 - 1])].map((x) => +x.toFixed(12)))
      .toEqual([0, +Math.log(2).toFixed(12), 0, 1, 0, 2]);
  });

  it('numbers clusters by descending mean monetary value', () => {
    // Label 0 averages 10, label 1 averages 100, label 2 averages 50 → 1 is first, 2 second, 0 third.
    expect(numberByMonetary([0, 1, 2, 0, 1], [5, 90, 50, 15, 110], 3)).toEqual([3, 1, 2]);
  });

  it('splits the inertia between clusters', () => {
    // Cluster 0: points 0 and 2 around 1 (SS 1 + 1); cluster 1: 10 and 14 around 12 (SS 4 + 4): shares 0.2, 0.8.
    expect(inertiaShares(new Float64Array([0, 2, 10, 14]), 1, [0, 0, 1, 1], [[1], [12]])).toEqual([0.2, 0.8]);
  });

  it('names a cluster from its centroid', () => {
    expect(clusterNameCode([-1, 1, 1.2])).toEqual({ value: 'high', recency: 'recent' });
    expect(clusterNameCode([1, -1, -0.8])).toEqual({ value: 'low', recency: 'lapsed' });
    expect(clusterNameCode([0, 0.2, -0.2])).toEqual({ value: 'mid', recency: 'steady' });
  });
});
