import { wrap } from 'comlink';
import type { ClusterOptions, ClusterResult } from './kmeans';
import type { KmeansApi } from './kmeans-worker';

export type { ClusterOptions, ClusterResult };

function stopped(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The clustering was stopped', 'AbortError');
}

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
  if (signal?.aborted) return Promise.reject(stopped(signal));
  const worker = new Worker(new URL('./kmeans-worker.ts', import.meta.url), { type: 'module', name: 'kmeans' });
  return new Promise<ClusterResult>((resolve, reject) => {
    const end = () => {
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      end();
      reject(stopped(signal!));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.addEventListener(
      'error',
      (e) => {
        end();
        reject(new Error(`the clustering worker stopped: ${e.message || 'it could not start'}`));
      },
      { once: true },
    );
    wrap<KmeansApi>(worker)
      .cluster(points, dims, options)
      .then(
        (result) => {
          end();
          resolve(result);
        },
        (error: unknown) => {
          end();
          reject(error);
        },
      );
  });
}
