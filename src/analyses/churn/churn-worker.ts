/** The churn worker: `trainChurn` off the main thread. */
import { expose, transfer } from 'comlink';
import { fromColumns, trainChurn, type TrainColumns, type TrainResult } from './train';

const churnApi = {
  train(req: TrainColumns): TrainResult {
    const rows = fromColumns(req);
    // Copied into row-major matrices: the columns can go before the long part.
    req.x = [];
    req.current = [];
    const result = trainChurn(rows);
    const buffers = [result.holdoutRows, result.holdoutLabels, result.current.logistic, result.current.tree, ...Object.values(result.holdoutScores)]
      .map((a) => a.buffer as ArrayBuffer);
    return transfer(result, buffers);
  },
};
export type ChurnApi = typeof churnApi;

expose(churnApi);
