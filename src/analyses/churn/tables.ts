import type { Db } from '../../db/db';
import { createNumericTable } from '../clv/numeric-table';
import { isPurchase, ORDERS } from '../../model/orders';
import { purchaseDays } from '../../model/purchase-days';
import type { QueryRequest, TableSpec } from '../../query/query-layer';
import { churnFeatureParams, churnFeaturesSql, type ChurnAttributes, type ChurnColumn, type ChurnLevels } from './features';
import { CHURN_MODELS, type TrainResult } from './train';

export type FeatureColumn = ChurnColumn;

/** The labelled customers at the cutoff and the current customers at the as-of date, each with its `row` (0…n−1). */
export const CHURN_LABELLED = 'churn_labelled';
export const CHURN_CURRENT = 'churn_current';
/** Current customers' churn probabilities from both models (`customer_id, logistic, tree`). */
export const CHURN_SCORES = 'churn_scores';
/** The holdout predictions (`customer_id, model, score, label`). */
export const CHURN_HOLDOUT = 'churn_holdout';

export interface FeatureTableOptions {
  /** The cutoff (labelled) or the as-of date (current). */
  date: string;
  levels: ChurnLevels;
  attributes: Omit<ChurnAttributes, 'categorical'> | null;
  /** With a label: the window in days, the as-of date and the split's seed. */
  label?: { windowDays: number; asOf: string; seed: number };
}

/** `churn_labelled` or `churn_current`: the churn features (`churnFeaturesSql`) with a `row` number in customer order. */
export function churnFeatureTable(opts: FeatureTableOptions): { spec: TableSpec; columns: FeatureColumn[]; sql: string } {
  const attributes = opts.attributes ? { ...opts.attributes, categorical: opts.levels.categorical } : null;
  const { sql, columns } = churnFeaturesSql({ label: !!opts.label, channels: opts.levels.channels, attributes });
  const name = opts.label ? CHURN_LABELLED : CHURN_CURRENT;
  const build = `CREATE OR REPLACE TABLE ${name} AS SELECT CAST(row_number() OVER (ORDER BY customer_id) - 1 AS BIGINT) AS row, * FROM (${sql})`;
  const params = churnFeatureParams(opts.date, opts.label);
  return { spec: { name, key: { build, params }, deps: [purchaseDays()], build: [{ sql: build, params }] }, columns, sql };
}

/** The number of labelled customers and of churners among them. */
export function labelledCountSql(labelled: TableSpec): QueryRequest {
  return { sql: `SELECT count(*) AS n, CAST(coalesce(sum(churned), 0) AS BIGINT) AS churners FROM ${CHURN_LABELLED}`, tables: [labelled] };
}

/** `size` labelled rows drawn at random, the same ones for the same data (a hash of the id orders them). */
function sampleRowsSql(size: number): string {
  return `SELECT row FROM ${CHURN_LABELLED} ORDER BY hash(customer_id || ':sample'), row LIMIT ${Math.floor(size)}`;
}

/**
 * The feature matrix of a features table, row by row, then `row` (with `churned` and `holdout` before it for the
 * labelled one); `sample` > 0: only that many labelled rows, drawn by `sampleRowsSql`.
 */
export function featureMatrixSql(table: { spec: TableSpec; columns: readonly FeatureColumn[] }, sample = 0): QueryRequest {
  const label = table.spec.name === CHURN_LABELLED ? ', churned, holdout' : '';
  const where = sample > 0 ? ` WHERE row IN (${sampleRowsSql(sample)})` : '';
  return { sql: `SELECT ${table.columns.map((c) => c.name).join(', ')}${label}, row FROM ${table.spec.name}${where} ORDER BY row`, tables: [table.spec] };
}

/**
 * Each labelled customer's BG/NBD history at the cutoff `$1`, in weeks, in row order (of the `sample` drawn, if any): x = purchase days − 1,
 * t_x = last − first purchase day, T = cutoff − first purchase day (the CLV view's conventions).
 */
export function bgHistorySql(labelled: TableSpec, cutoff: string, sample = 0): QueryRequest {
  return {
    sql: `WITH cal AS (SELECT customer_id, count(DISTINCT order_date) - 1 AS x, min(order_date) AS first_day, max(order_date) AS last_day
  FROM ${ORDERS} WHERE ${isPurchase()} AND order_date <= CAST($1 AS DATE) GROUP BY customer_id)
SELECT CAST(cal.x AS DOUBLE) AS x, date_diff('day', cal.first_day, cal.last_day) / 7.0 AS t_x, date_diff('day', cal.first_day, CAST($1 AS DATE)) / 7.0 AS T
FROM ${CHURN_LABELLED} l JOIN cal USING (customer_id)${sample > 0 ? ` WHERE l.row IN (${sampleRowsSql(sample)})` : ''} ORDER BY l.row`,
    params: [cutoff],
    tables: [labelled],
  };
}

let runs = 0;

/** `churn_scores` from the worker's scores of the current customers (by row of `churn_current`). */
export function scoresTable(current: TableSpec, scores: TrainResult['current']): TableSpec {
  const run = ++runs;
  return {
    name: CHURN_SCORES,
    key: { run },
    deps: [current],
    build: async (db: Db) => {
      await createNumericTable(db, 'churn_score_rows', { row: Float64Array.from(scores.logistic, (_, i) => i), logistic: scores.logistic, tree: scores.tree });
      await db.exec(`CREATE OR REPLACE TABLE ${CHURN_SCORES} AS SELECT c.customer_id, s.logistic, s.tree
FROM ${CHURN_CURRENT} c JOIN churn_score_rows s ON c.row = CAST(s.row AS BIGINT)`);
      await db.exec('DROP TABLE churn_score_rows');
    },
  };
}

/** `churn_holdout` from the worker's holdout scores (rows of `churn_labelled`), one row per customer and model. */
export function holdoutTable(labelled: TableSpec, fit: TrainResult): TableSpec {
  const run = ++runs;
  const models = CHURN_MODELS.filter((m) => fit.holdoutScores[m]);
  const n = fit.holdoutRows.length;
  const cols = { row: new Float64Array(n * models.length), model: new Float64Array(n * models.length), score: new Float64Array(n * models.length), label: new Float64Array(n * models.length) };
  models.forEach((m, k) => {
    const s = fit.holdoutScores[m]!;
    for (let i = 0; i < n; i++) {
      const at = k * n + i;
      cols.row[at] = fit.holdoutRows[i]!;
      cols.model[at] = CHURN_MODELS.indexOf(m);
      cols.score[at] = s[i]!;
      cols.label[at] = fit.holdoutLabels[i]!;
    }
  });
  const names = CHURN_MODELS.map((m, i) => `WHEN ${i} THEN '${m}'`).join(' ');
  return {
    name: CHURN_HOLDOUT,
    key: { run },
    deps: [labelled],
    build: async (db: Db) => {
      await createNumericTable(db, 'churn_holdout_rows', cols);
      await db.exec(`CREATE OR REPLACE TABLE ${CHURN_HOLDOUT} AS
SELECT l.customer_id, CASE CAST(h.model AS INTEGER) ${names} END AS model, CAST(h.model AS INTEGER) AS model_order, h.score, CAST(h.label AS INTEGER) AS label
FROM churn_holdout_rows h JOIN ${CHURN_LABELLED} l ON l.row = CAST(h.row AS BIGINT)`);
      await db.exec('DROP TABLE churn_holdout_rows');
    },
  };
}

/** `churn_scores.csv`: every current customer, riskiest first, with the chosen model's probability. */
export function scoresExportSql(current: TableSpec, scores: TableSpec, model: 'logistic' | 'tree'): QueryRequest {
  return {
    sql: `SELECT s.customer_id, s.${model} AS churn_probability, '${model}' AS model, c.recency_days, c.frequency, c.monetary, c.tenure_days
FROM ${CHURN_SCORES} s JOIN ${CHURN_CURRENT} c USING (customer_id) ORDER BY churn_probability DESC, s.customer_id`,
    tables: [current, scores],
  };
}

/** The Churn view's list of current customers: the scores and the features shown beside them. */
export function scoresListSource(model: 'logistic' | 'tree'): string {
  return `(SELECT s.customer_id, s.${model} AS churn_probability, c.recency_days, c.frequency, c.monetary, c.tenure_days
FROM ${CHURN_SCORES} s JOIN ${CHURN_CURRENT} c USING (customer_id))`;
}

/** `churn_holdout.csv`: customer_id, model, score, label, model by model. */
export function holdoutExportSql(holdout: TableSpec): QueryRequest {
  return { sql: `SELECT customer_id, model, score, label FROM ${CHURN_HOLDOUT} ORDER BY model_order, customer_id`, tables: [holdout] };
}
