import { churnWindowSql } from '../src/analyses/lifecycle/churn-window';
import { createLifecycleCustomersSql } from '../src/analyses/lifecycle/customers';
import { stageFlowSql } from '../src/analyses/lifecycle/stage-flow';
import { medianLifetimeSql, survivalSql } from '../src/analyses/lifecycle/survival';
import { basketStatsSql, createBasketPairsSql, pairMatrixSql } from '../src/analyses/behaviour/basket';

/** One timed statement of a benchmark, with its parameters. */
export interface BenchStep {
  name: string;
  sql: string;
  params: unknown[];
}

/**
 * The survival and basket work of the Lifecycle and Behaviour views, as they run it, for a benchmark to time in
 * order (later steps read the tables earlier ones create). `window` is the churn window in days: the views use
 * `p90_days` of `churn_window` (the first step) unless the user sets one; `minSupport` is a fraction (default 1 %).
 */
export function benchSteps(asOf: string, window: number, minSupport = 0.01): BenchStep[] {
  return [
    { name: 'churn_window', sql: churnWindowSql(), params: [asOf] },
    { name: 'lifecycle_customers', sql: createLifecycleCustomersSql(), params: [asOf, window] },
    { name: 'stage_flow', sql: stageFlowSql(), params: [asOf, window] },
    { name: 'survival_all', sql: survivalSql('all'), params: [] },
    { name: 'survival_quarter_medians', sql: medianLifetimeSql('quarter'), params: [] },
    { name: 'basket_pairs', sql: createBasketPairsSql(), params: [asOf, minSupport] },
    { name: 'basket_stats', sql: basketStatsSql(), params: [asOf] },
    { name: 'basket_matrix', sql: pairMatrixSql(15), params: [] },
  ];
}
