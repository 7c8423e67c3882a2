import { callWorker } from '../../workers/worker-call';
import type { ClusterOptions, ClusterResult } from './kmeans';
import type { KmeansApi } from './kmeans-worker';

export type { ClusterOptions, ClusterResult };

/**
 * `clusterPoints` in a module worker of its own (the points row-major, `dims` to a point): standardised, k = kMin…kMax
 * scored, then the fit for `opts.k` or the k of the highest silhouette. Aborting `opts.signal` terminates the worker
 * and rejects with the signal's reason; the worker also ends when the call settles.
 */
export function clusterInWorker(
  points: Float64Array,
  dims: number,
  opts: ClusterOptions & { signal?: AbortSignal },
): Promise<ClusterResult> {
  const { signal, ...options } = opts;
  return callWorker<KmeansApi, ClusterResult>(
    () => new Worker(new URL('./kmeans-worker.ts', import.meta.url), { type: 'module', name: 'kmeans' }),
    (remote) => remote.cluster(points, dims, options),
    'clustering',
    signal,
  );
}
