import { callWorker } from '../../workers/worker-call';
import type { ChurnApi } from './churn-worker';
import type { TrainRequest, TrainResult } from './train';

/** `trainChurn` in a module worker of its own; aborting `signal` terminates it. */
export function trainInWorker(req: TrainRequest, signal?: AbortSignal): Promise<TrainResult> {
  return callWorker<ChurnApi, TrainResult>(
    () => new Worker(new URL('./churn-worker.ts', import.meta.url), { type: 'module', name: 'churn' }),
    (remote) => remote.train(req),
    'churn model',
    signal,
  );
}
