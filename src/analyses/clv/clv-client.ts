import { proxy, wrap, type Remote } from 'comlink';
import type { ClvApi, ClvEngine, ClvProgress } from './compute';

interface Started {
  remote: Remote<ClvApi>;
  /** Races a call against the worker's death, so a dead worker fails the call instead of hanging it. */
  guard<T>(call: Promise<T>): Promise<T>;
  worker: Worker;
}

function start(name: string): Started {
  const worker = new Worker(new URL('./clv-worker.ts', import.meta.url), { type: 'module', name });
  const failed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (e) => reject(new Error(`the CLV worker stopped: ${e.message || 'it could not start'}`)), { once: true });
  });
  failed.catch(() => undefined);
  return { remote: wrap<ClvApi>(worker), guard: (call) => Promise.race([call, failed]), worker };
}

/**
 * Starts the CLV workers (module workers, so `worker: { format: 'es' }` in the Vite config) and reaches them as a
 * `ClvEngine`. BG/NBD and Gamma-Gamma are fitted at the same time in two workers (the machines we aim at have two
 * or more cores), then Pareto/NBD in the second; predictions run in the first. Progress callbacks cross the boundary as comlink proxies.
 */
export function workerEngine(): ClvEngine & { terminate(): void } {
  const main = start('clv');
  const spend = start('clv-spend');
  const callback = (f?: ClvProgress) => (f ? proxy(f) : undefined);
  return {
    fitModels: async (req, onProgress) => {
      const [frequency, gg] = await Promise.all([
        main.guard(main.remote.fitFrequency(req, callback(onProgress))),
        spend.guard(spend.remote.fitSpend(req)),
      ]);
      return { ...frequency, ...gg };
    },
    // Pareto/NBD is fitted in the second worker once Gamma-Gamma is done, beside BG/NBD and the predictions.
    fitPareto: (req, onProgress) => spend.guard(spend.remote.fitPareto(req, callback(onProgress))),
    predictTriples: (req, onProgress) => main.guard(main.remote.predictTriples(req, callback(onProgress))),
    holdoutTriples: (req) => main.guard(main.remote.holdoutTriples(req)),
    diagnostics: (req) => main.guard(main.remote.diagnostics(req)),
    frequencyRecencyGrid: (req) => main.guard(main.remote.frequencyRecencyGrid(req)),
    terminate: () => {
      main.worker.terminate();
      spend.worker.terminate();
    },
  };
}
