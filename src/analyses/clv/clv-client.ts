import { proxy, wrap, type Remote } from 'comlink';
import type { ClvApi, ClvEngine, ClvProgress } from './compute';

/**
 * Starts the CLV worker (a module worker, so `worker: { format: 'es' }` in the Vite config) and reaches it as a
 * `ClvEngine`. Progress callbacks cross the boundary as comlink proxies. If the worker cannot start or dies,
 * every call fails with that error instead of waiting for an answer that never comes.
 */
export function workerEngine(): ClvEngine & { terminate(): void } {
  const worker = new Worker(new URL('./clv-worker.ts', import.meta.url), { type: 'module', name: 'clv' });
  const remote: Remote<ClvApi> = wrap<ClvApi>(worker);
  const failed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (e) => reject(new Error(`the CLV worker stopped: ${e.message || 'it could not start'}`)), { once: true });
  });
  failed.catch(() => undefined);
  const guard = <T>(call: Promise<T>): Promise<T> => Promise.race([call, failed]);
  const callback = (f?: ClvProgress) => (f ? proxy(f) : undefined);
  return {
    fitModels: (req, onProgress) => guard(remote.fitModels(req, callback(onProgress))),
    predictTriples: (req, onProgress) => guard(remote.predictTriples(req, callback(onProgress))),
    diagnostics: (req) => guard(remote.diagnostics(req)),
    frequencyRecencyGrid: (req) => guard(remote.frequencyRecencyGrid(req)),
    terminate: () => worker.terminate(),
  };
}
