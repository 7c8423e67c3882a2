import type { Columns } from '../../db/db';
import type { QueryLayer, TableSpec } from '../../query/query-layer';
import { addDays } from './dates';
import { churnLevels, churnLevelsSql, defaultCutoff, type ChurnAttributes, type ChurnLevelRow } from './features';
import { bgHistorySql, churnFeatureTable, featureMatrixSql, holdoutTable, labelledCountSql, scoresTable, type FeatureColumn } from './tables';
import type { TrainColumns, TrainResult } from './train';

/** The seed of the 70 / 30 split: the same data always gives the same holdout. */
export const SPLIT_SEED = 7;
/**
 * Most labelled customers the models learn from: above it they learn from a random sample of this many (the same
 * for the same data), split 70 / 30 as usual. A model of a few features needs no more, and the whole set of a
 * 10M-row file (a million customers) would take the tab past 2 GB.
 */
export const TRAIN_SAMPLE = 100_000;
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
  /** Most labelled customers to learn from (`TRAIN_SAMPLE` unless given). */
  sample?: number;
}

export type ChurnProblem = { key: 'churn.tooLate' | 'churn.tooFew'; params: Record<string, string | number> };

export interface ChurnOutcome {
  asOf: string;
  cutoff: string;
  window: number;
  labelled: number;
  churners: number;
  /** The labelled customers the models learned from when they are a sample (`TRAIN_SAMPLE`); null: all of them. */
  sample: number | null;
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

/** The array itself when it has its buffer to itself, else a copy: `train` moves buffers to the worker. */
function own(a: Float64Array): Float64Array {
  return a.byteOffset === 0 && a.byteLength === a.buffer.byteLength ? a : a.slice();
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
    return { ...base, labelled: 0, churners: 0, sample: null, columns: current.columns, fit: null, problem: { key: 'churn.tooLate', params: { cutoff, window, asOf } } };
  }
  const [totals] = await layer.query<{ n: number; churners: number }>(labelledCountSql(labelled.spec), { signal });
  const counts = { labelled: Number(totals?.n ?? 0), churners: Number(totals?.churners ?? 0) };
  const tooFew = (n: number, churners: number) => n < MIN_CUSTOMERS || churners < 2 || n - churners < 2;
  if (tooFew(counts.labelled, counts.churners)) {
    return { ...base, ...counts, sample: null, columns: labelled.columns, fit: null, problem: { key: 'churn.tooFew', params: { cutoff, customers: counts.labelled, churners: counts.churners } } };
  }
  const cap = opts.sample ?? TRAIN_SAMPLE;
  const sample = counts.labelled > cap ? cap : 0;
  // Not cached: the columns move to the worker (a revisit is answered by the cached outcome).
  const [rows, now] = await Promise.all([
    layer.queryColumns(featureMatrixSql(labelled, sample), { signal, keep: false }),
    layer.queryColumns(featureMatrixSql(current), { signal, keep: false }),
  ]);
  const columns = labelled.columns;
  const n = rows.rows;
  const churned = Uint8Array.from(columnOf(rows, 'churned'));
  const sampledChurners = churned.reduce((s, v) => s + v, 0);
  if (tooFew(n, sampledChurners)) {
    return { ...base, ...counts, sample: n, columns, fit: null, problem: { key: 'churn.tooFew', params: { cutoff, customers: n, churners: sampledChurners } } };
  }
  const rowIds = Uint32Array.from(columnOf(rows, 'row'));
  const history = await layer.queryColumns(bgHistorySql(labelled.spec, cutoff, sample), { signal, keep: false });
  const features = (data: Columns) => data.columns.slice(0, columns.length).map(own);
  const fit = await train({
    x: features(rows), n,
    y: churned,
    holdout: Uint8Array.from(columnOf(rows, 'holdout')),
    current: features(now), currentN: now.rows,
    recency: columns.findIndex((c) => c.name === 'recency_days'),
    history: history.rows === n ? { x: own(columnOf(history, 'x')), tx: own(columnOf(history, 't_x')), T: own(columnOf(history, 'T')) } : null,
    C: opts.C, maxDepth: opts.maxDepth, minLeaf: opts.minLeaf,
  }, signal);
  // The worker numbers the holdout by position in the matrix; the tables by `row`.
  fit.holdoutRows = Uint32Array.from(fit.holdoutRows, (i) => rowIds[i]!);
  const scores = scoresTable(current.spec, fit.current);
  const holdout = holdoutTable(labelled.spec, fit);
  await layer.ensure([scores, holdout], { signal });
  return { ...base, ...counts, sample: sample > 0 ? n : null, columns, fit, problem: null, tables: { current: current.spec, scores, holdout } };
}
