import { wrap, type Remote } from 'comlink';
import { workerActivity } from './worker-activity.svelte';

function stopped(signal: AbortSignal, what: string): unknown {
  return signal.reason ?? new DOMException(`The ${what} was stopped`, 'AbortError');
}

/**
 * One call to a fresh module worker reached through comlink: `start` creates the worker (a literal
 * `new Worker(new URL(…), …)`, so that Vite bundles it), `call` makes the call. Aborting `signal` terminates the
 * worker and rejects with the signal's reason; the worker also ends when the call settles. `what` names the work
 * in messages ("clustering").
 */
export function callWorker<Api, T>(start: () => Worker, call: (remote: Remote<Api>) => Promise<T>, what: string, signal?: AbortSignal): Promise<T> {
  if (signal?.aborted) return Promise.reject(stopped(signal, what));
  const worker = start();
  workerActivity.count++;
  let running = true;
  return new Promise<T>((resolve, reject) => {
    const end = () => {
      if (running) workerActivity.count--;
      running = false;
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      end();
      reject(stopped(signal!, what));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.addEventListener(
      'error',
      (e) => {
        end();
        reject(new Error(`the ${what} worker stopped: ${e.message || 'it could not start'}`));
      },
      { once: true },
    );
    call(wrap<Api>(worker)).then(
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
