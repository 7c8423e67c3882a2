import { proxy, wrap, type Remote } from 'comlink';
import type { ClvApi, ClvEngine, ClvProgress } from './compute';

/**
 * Starts the CLV worker (a module worker, so `worker: { format: 'es' }` in the Vite config) and reaches it as a
 * `ClvEngine`. Progress callbacks cross the boundary as comlink proxies.
 */
export function workerEngine(): ClvEngine & { terminate(): void } {
  const worker = new Worker(new URL('./clv-worker.ts', import.meta.url), { type: 'module', name: 'clv' });
  const remote: Remote<ClvApi> = wrap<ClvApi>(worker);
  const callback = (f?: ClvProgress) => (f ? proxy(f) : undefined);
  return {
    fitModels: (req, onProgress) => remote.fitModels(req, callback(onProgress)),
    predictTriples: (req, onProgress) => remote.predictTriples(req, callback(onProgress)),
    diagnostics: (req) => remote.diagnostics(req),
    frequencyRecencyGrid: (req) => remote.frequencyRecencyGrid(req),
    terminate: () => worker.terminate(),
  };
}
