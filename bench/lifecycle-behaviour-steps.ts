import { customerFactsSql } from '../src/model/customer-facts';
import { purchaseDaysSql } from '../src/model/purchase-days';
import type { QueryLayer, QueryRequest } from '../src/query/query-layer';
import { pageSql } from '../src/analyses/paging';
import { churnWindowSql, effectiveWindow } from '../src/analyses/lifecycle/churn-window';
import { createLifecycleCustomersSql } from '../src/analyses/lifecycle/customers';
import { stageFlowSql } from '../src/analyses/lifecycle/stage-flow';
import { medianLifetimeSql, survivalSql } from '../src/analyses/lifecycle/survival';
import { atRiskRequest, churnWindowRequest, gapStatsRequest, lifecycleRequests, loyaltyRequests, type ValueSources } from '../src/analyses/lifecycle/requests';
import { BASKET_PAIRS, basketPairs, basketStatsSql, createBasketPairsSql, pairMatrixSql } from '../src/analyses/behaviour/basket';
import { breakdownSql, DIMENSIONS } from '../src/analyses/behaviour/breakdowns';
import { dimensionsSql, type Dimensions } from '../src/analyses/behaviour/dimensions';
import { monthlyYoySql } from '../src/analyses/behaviour/monthly-yoy';
import { priceBandsSql } from '../src/analyses/behaviour/price-bands';
import { topItemsSql } from '../src/analyses/behaviour/top-items';
import { weekdayHourSql } from '../src/analyses/behaviour/weekday-hour';

/** One timed statement of a benchmark, with its parameters. */
export interface BenchStep {
  name: string;
  sql: string;
  params: unknown[];
}

/**
 * The survival and basket statements of the Lifecycle and Behaviour views, for a benchmark to time in order (later
 * steps read the tables earlier ones create). `window` is the churn window in days: the views use `p90_days` of
 * `churn_window` (the first step) unless the user sets one; `minSupport` is a fraction (default 1 %).
 */
export function benchSteps(asOf: string, window: number, minSupport = 0.01): BenchStep[] {
  return [
    { name: 'purchase_days', sql: purchaseDaysSql(), params: [] },
    { name: 'churn_window', sql: churnWindowSql(), params: [asOf] },
    { name: 'customer_facts', sql: customerFactsSql(), params: [asOf] },
    { name: 'lifecycle_customers', sql: createLifecycleCustomersSql(), params: [asOf, window] },
    { name: 'stage_flow', sql: stageFlowSql(), params: [asOf, window] },
    { name: 'survival_all', sql: survivalSql('all'), params: [] },
    { name: 'survival_quarter_medians', sql: medianLifetimeSql('quarter'), params: [] },
    { name: 'basket_pairs', sql: createBasketPairsSql(), params: [asOf, minSupport] },
    { name: 'basket_stats', sql: basketStatsSql(), params: [asOf] },
    { name: 'basket_matrix', sql: pairMatrixSql(15), params: [] },
  ];
}

/** The first page of a paged table, as `PagedTable` asks for it: its rows and its count. */
function firstPage(layer: QueryLayer, req: QueryRequest, sortBy: string, unique: string[]): Promise<unknown> {
  const q = pageSql(`(${req.sql})`, { sortBy, descending: true, page: 0, pageSize: 25, search: '', searchColumn: null, filters: {}, unique }, (req.params?.length ?? 0) + 1);
  const params = [...(req.params ?? []), ...q.params];
  return Promise.all([layer.query({ sql: q.rows, params, tables: req.tables }), layer.query({ sql: q.count, params, tables: req.tables })]);
}

/**
 * What the Lifecycle view asks the layer for at the default window: stages, flow, the at-risk list with the RFM
 * (and CLV) values in `values`, survival of all customers, loyalty.
 */
export async function lifecycleWork(layer: QueryLayer, values: ValueSources, asOf: string): Promise<unknown> {
  const [d] = await layer.query<{ p90_days: number | null }>(churnWindowRequest(asOf));
  const r = lifecycleRequests(asOf, effectiveWindow(null, d.p90_days));
  const l = loyaltyRequests(asOf);
  if (values.rfm) await layer.ensure([values.rfm.table]);
  return Promise.all([
    layer.query(r.stages),
    layer.query(r.flow),
    firstPage(layer, atRiskRequest(r.table, values), values.clv ? 'clv' : 'revenue', ['customer_id']),
    layer.query(r.hasChannel),
    layer.query(r.survival('all')),
    layer.query(r.medians('all')),
    ...[l.loyalty, l.ordersDist, l.lifetimes, l.gaps].map((q) => layer.query(q)),
  ]);
}

/** What each Behaviour section asks the layer for when it is opened (top 10, minimum support 1 %). */
export const behaviourWork = {
  what: async (layer: QueryLayer, asOf: string): Promise<unknown> => {
    const [dims] = await layer.query<Dimensions & Record<string, unknown>>({ sql: dimensionsSql(), params: [asOf] });
    return Promise.all([
      ...(dims.product ? [layer.query({ sql: topItemsSql('product'), params: [asOf, 10] })] : []),
      ...(dims.category ? [layer.query({ sql: topItemsSql('category'), params: [asOf, 10] })] : []),
      ...(dims.price ? [layer.query({ sql: priceBandsSql(), params: [asOf] })] : []),
    ]);
  },
  when: (layer: QueryLayer, asOf: string): Promise<unknown> =>
    Promise.all([
      layer.query({ sql: weekdayHourSql(), params: [asOf] }),
      layer.query({ sql: monthlyYoySql(), params: [asOf] }),
      layer.query(loyaltyRequests(asOf).gaps),
      layer.query(gapStatsRequest(asOf)),
    ]),
  how: (layer: QueryLayer, asOf: string): Promise<unknown> => Promise.all(DIMENSIONS.map((d) => layer.query({ sql: breakdownSql(d), params: [asOf] }))),
  basket: (layer: QueryLayer, asOf: string, minSupport = 0.01): Promise<unknown> => {
    const tables = [basketPairs(asOf, minSupport)];
    return Promise.all([
      layer.query({ sql: `SELECT count(*) AS n FROM ${BASKET_PAIRS}`, tables }),
      layer.query({ sql: pairMatrixSql(15), tables }),
      layer.query({ sql: basketStatsSql(), params: [asOf] }),
      firstPage(layer, { sql: `SELECT * FROM ${BASKET_PAIRS}`, tables }, 'lift', ['product_a', 'product_b']),
    ]);
  },
};
