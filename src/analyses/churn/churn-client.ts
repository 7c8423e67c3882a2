import { transfer } from 'comlink';
import { callWorker } from '../../workers/worker-call';
import type { ChurnApi } from './churn-worker';
import { columnBuffers, type TrainColumns, type TrainResult } from './train';

/**
 * `trainChurn` in a module worker of its own; aborting `signal` terminates it. The request's arrays are moved to the
 * worker (unusable here afterwards), not copied.
 */
export function trainInWorker(req: TrainColumns, signal?: AbortSignal): Promise<TrainResult> {
  return callWorker<ChurnApi, TrainResult>(
    () => new Worker(new URL('./churn-worker.ts', import.meta.url), { type: 'module', name: 'churn' }),
    (remote) => remote.train(transfer(req, columnBuffers(req))),
    'churn model',
    signal,
  );
}
