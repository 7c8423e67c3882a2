/** The churn worker: `trainChurn` off the main thread. */
import { expose, transfer } from 'comlink';
import { fromColumns, trainChurn, type TrainColumns, type TrainResult } from './train';

const churnApi = {
  train(req: TrainColumns): TrainResult {
    const result = trainChurn(fromColumns(req));
    const buffers = [result.holdoutRows, result.holdoutLabels, result.current.logistic, result.current.tree, ...Object.values(result.holdoutScores)]
      .map((a) => a.buffer as ArrayBuffer);
    return transfer(result, buffers);
  },
};
export type ChurnApi = typeof churnApi;

expose(churnApi);
