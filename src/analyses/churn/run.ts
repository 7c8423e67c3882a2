import type { Columns } from '../../db/db';
import type { QueryLayer, TableSpec } from '../../query/query-layer';
import { addDays } from './dates';
import { churnLevels, churnLevelsSql, defaultCutoff, type ChurnAttributes, type ChurnLevelRow } from './features';
import { bgHistorySql, churnFeatureTable, featureMatrixSql, holdoutTable, scoresTable, type FeatureColumn } from './tables';
import type { TrainColumns, TrainResult } from './train';

/** The seed of the 70 / 30 split: the same data always gives the same holdout. */
export const SPLIT_SEED = 7;
/** Fewest labelled customers worth training on (and at least 2 of each label). */
const MIN_CUSTOMERS = 20;

export interface ChurnRunOptions {
  asOf: string;
  /** Null: the as-of date minus the window. */
  cutoff: string | null;
  /** The prediction window W in days. */
  window: number;
  /** The customer file's attributes the features use (null without one). */
  attributes: Omit<ChurnAttributes, 'categorical'> | null;
  C: number;
  maxDepth: number;
  minLeaf: number;
}

export type ChurnProblem = { key: 'churn.tooLate' | 'churn.tooFew'; params: Record<string, string | number> };

export interface ChurnOutcome {
  asOf: string;
  cutoff: string;
  window: number;
  labelled: number;
  churners: number;
  columns: FeatureColumn[];
  fit: TrainResult | null;
  problem: ChurnProblem | null;
  tables: { current: TableSpec; scores: TableSpec | null; holdout: TableSpec | null };
  /** The statements behind the figures (`$1` the cutoff, `$2` the window, `$3` the as-of date, `$4` the seed). */
  sql: { features: string; levels: string };
}

function columnOf(data: Columns, name: string): Float64Array {
  return data.columns[data.names.indexOf(name)]!;
}

/**
 * The Churn view's work: the dummy levels at the cutoff, the labelled set there and the current customers' features
 * (tables through the layer), the models trained by `train` (a worker in the browser), then `churn_scores` and
 * `churn_holdout` built from its answer. A cutoff whose window passes the as-of date, or too few customers, is a
 * `problem`, not an error.
 */
export async function runChurn(
  layer: QueryLayer,
  opts: ChurnRunOptions,
  train: (req: TrainColumns, signal?: AbortSignal) => Promise<TrainResult>,
  signal?: AbortSignal,
): Promise<ChurnOutcome> {
  const { asOf, window, attributes } = opts;
  const cutoff = opts.cutoff ?? defaultCutoff(asOf, window);
  const levelRows = await layer.query({ sql: churnLevelsSql({ customers: !!attributes }), params: [cutoff] }, { signal });
  const levels = churnLevels(levelRows as unknown as ChurnLevelRow[]);
  const current = churnFeatureTable({ date: asOf, levels, attributes });
  const labelled = churnFeatureTable({ date: cutoff, levels, attributes, label: { windowDays: window, asOf, seed: SPLIT_SEED } });
  const sql = { features: labelled.sql, levels: churnLevelsSql({ customers: !!attributes }) };
  const base = { asOf, cutoff, window, sql, tables: { current: current.spec, scores: null, holdout: null } };
  if (addDays(cutoff, window) > asOf) {
    return { ...base, labelled: 0, churners: 0, columns: current.columns, fit: null, problem: { key: 'churn.tooLate', params: { cutoff, window, asOf } } };
  }
  const [rows, now] = await Promise.all([
    layer.queryColumns(featureMatrixSql(labelled), { signal }),
    layer.queryColumns(featureMatrixSql(current), { signal }),
  ]);
  const columns = labelled.columns;
  const n = rows.rows;
  const churned = Uint8Array.from(columnOf(rows, 'churned'));
  const churners = churned.reduce((s, v) => s + v, 0);
  const counts = { labelled: n, churners };
  if (n < MIN_CUSTOMERS || churners < 2 || n - churners < 2) {
    return { ...base, ...counts, columns, fit: null, problem: { key: 'churn.tooFew', params: { cutoff, customers: n, churners } } };
  }
  const history = await layer.queryColumns(bgHistorySql(labelled.spec, cutoff), { signal });
  // Copies (the layer caches the columns it answered), moved to the worker by `train`.
  const features = (data: Columns) => data.columns.slice(0, columns.length).map((c) => c.slice());
  const fit = await train({
    x: features(rows), n,
    y: churned,
    holdout: Uint8Array.from(columnOf(rows, 'holdout')),
    current: features(now), currentN: now.rows,
    recency: columns.findIndex((c) => c.name === 'recency_days'),
    history: history.rows === n ? { x: columnOf(history, 'x').slice(), tx: columnOf(history, 't_x').slice(), T: columnOf(history, 'T').slice() } : null,
    C: opts.C, maxDepth: opts.maxDepth, minLeaf: opts.minLeaf,
  }, signal);
  const scores = scoresTable(current.spec, fit.current);
  const holdout = holdoutTable(labelled.spec, fit);
  await layer.ensure([scores, holdout], { signal });
  return { ...base, ...counts, columns, fit, problem: null, tables: { current: current.spec, scores, holdout } };
}
