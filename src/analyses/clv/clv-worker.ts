/** The CLV worker: the model fits and per-triple outputs of `compute.ts`, off the main thread. */
import { expose } from 'comlink';
import { clvApi } from './compute';

expose(clvApi);
