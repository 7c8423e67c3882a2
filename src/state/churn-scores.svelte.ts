import type { QueryLayer, TableSpec } from '../query/query-layer';

/** The churn model's settings, shared by the Churn view and the views that show its scores. */
export class ChurnSettings {
  /** The cutoff date as chosen; null: the as-of date minus the window. */
  cutoff = $state<string | null>(null);
  /** The prediction window in days; null: the Lifecycle view's churn window. */
  windowDays = $state<number | null>(null);
  minLeaf = $state(50);
  depth = $state(5);
  C = $state(1);
  /** The model whose probabilities score the current customers. */
  scoreModel = $state<'logistic' | 'tree'>('logistic');
  threshold = $state(0.5);
}

export const churn = new ChurnSettings();

/** The last trained models' scores table, for the views that show a customer's churn probability. */
let lastScores = $state.raw<{ asOf: string; version: number; table: TableSpec } | null>(null);

/** Called by the Churn view once `churn_scores` is built for an as-of date and data version. */
export function publishChurnScores(scores: { asOf: string; version: number; table: TableSpec }): void {
  lastScores = scores;
}

/** `churn_scores` of the last training at this as-of date and data version, when built, and the model that scores; else null. */
export function currentChurnScores(layer: QueryLayer, asOf: string): { table: TableSpec; model: 'logistic' | 'tree' } | null {
  const s = lastScores;
  return s && s.asOf === asOf && s.version === layer.version && layer.isBuilt(s.table) ? { table: s.table, model: churn.scoreModel } : null;
}
