/** Column standardisation for the churn models, as scikit-learn's `StandardScaler` (population standard deviation). */
import { standardizeFlat } from '../segments/kmeans';

export interface Scaler {
  mean: Float64Array;
  /** The population standard deviation of each column; 1 for a constant column, as scikit-learn's `scale_`. */
  scale: Float64Array;
}

function checkShape(x: Float64Array, n: number, d: number): void {
  if (!Number.isInteger(n) || !Number.isInteger(d) || n < 0 || d < 1 || x.length !== n * d) {
    throw new Error(`x holds ${x.length} numbers, not ${n} rows × ${d} columns`);
  }
}

/** The mean and scale of each column of the n × d row-major matrix x (the same numbers as the k-means scaler). */
export function fitScaler(x: Float64Array, n: number, d: number): Scaler {
  checkShape(x, n, d);
  const { mean, sd } = standardizeFlat(x, d);
  return { mean: Float64Array.from(mean), scale: Float64Array.from(sd, (s) => s || 1) };
}

/** (x − mean) / scale, column by column, into a new array. */
export function applyScaler(scaler: Scaler, x: Float64Array, n: number, d: number): Float64Array {
  checkShape(x, n, d);
  if (scaler.mean.length !== d || scaler.scale.length !== d) throw new Error(`the scaler has ${scaler.mean.length} columns, not ${d}`);
  const z = new Float64Array(n * d);
  for (let i = 0; i < n * d; i += d) {
    for (let j = 0; j < d; j++) z[i + j] = (x[i + j] - scaler.mean[j]) / scaler.scale[j];
  }
  return z;
}
