/** The k-means worker: `clusterPoints` off the main thread. */
import { expose, transfer } from 'comlink';
import { clusterPoints, type ClusterOptions, type ClusterResult } from './kmeans';

const kmeansApi = {
  cluster(points: Float64Array, dims: number, opts: ClusterOptions): ClusterResult {
    const result = clusterPoints(points, dims, opts);
    return transfer(result, [result.labels.buffer as ArrayBuffer, result.standardized.buffer as ArrayBuffer]);
  },
};
export type KmeansApi = typeof kmeansApi;

expose(kmeansApi);
