import { customerFacts } from '../../model/customer-facts';
import { purchaseDays } from '../../model/purchase-days';
import type { QueryRequest, TableSpec } from '../../query/query-layer';
import { churnWindowSql } from './churn-window';
import { lifecycleCustomers, stageSummarySql } from './customers';
import { atRiskSql, lifecycleExportSql } from './exports';
import { gapDistributionSql, gapStatsSql, lifetimeDistributionSql, loyaltySummarySql, ordersPerCustomerSql } from './loyalty';
import { stageFlowSql } from './stage-flow';
import { hasChannelSql, medianLifetimeSql, survivalSql, type SurvivalGroup } from './survival';
import type { ValueJoin } from './value-tables';

/** Bars of the orders-per-customer chart: the last one holds this many purchases or more. */
export const ORDERS_CAP = 20;

/** The default churn window's figures for an as-of date (see `churnWindowSql`). */
export function churnWindowRequest(asOf: string): QueryRequest {
  return { sql: churnWindowSql(), params: [asOf], tables: [purchaseDays()] };
}

/** Gaps between purchase days (Lifecycle's loyalty and Behaviour's "when" share it). */
export function gapsRequest(asOf: string): QueryRequest {
  return { sql: gapDistributionSql(), params: [asOf], tables: [purchaseDays()] };
}

export function gapStatsRequest(asOf: string): QueryRequest {
  return { sql: gapStatsSql(), params: [asOf], tables: [purchaseDays()] };
}

/** The Lifecycle view's reads that depend on the churn window; `table` is `lifecycle_customers`. */
export function lifecycleRequests(asOf: string, window: number) {
  const table = lifecycleCustomers(asOf, window);
  return {
    table,
    stages: { sql: stageSummarySql(), tables: [table] } satisfies QueryRequest,
    flow: { sql: stageFlowSql(), params: [asOf, window], tables: [purchaseDays()] } satisfies QueryRequest,
    hasChannel: { sql: hasChannelSql(), params: [asOf] } satisfies QueryRequest,
    survival: (g: SurvivalGroup): QueryRequest => ({ sql: survivalSql(g), tables: [table] }),
    medians: (g: SurvivalGroup): QueryRequest => ({ sql: medianLifetimeSql(g), tables: [table] }),
  };
}

/** The loyalty figures of an as-of date (independent of the churn window). */
export function loyaltyRequests(asOf: string) {
  const tables = [customerFacts(asOf)];
  return {
    loyalty: { sql: loyaltySummarySql(), tables } satisfies QueryRequest,
    ordersDist: { sql: ordersPerCustomerSql(ORDERS_CAP), tables } satisfies QueryRequest,
    lifetimes: { sql: lifetimeDistributionSql(), tables } satisfies QueryRequest,
    gaps: gapsRequest(asOf),
  };
}

/** An SQL expression and the parameters it binds. */
export interface BoundSql {
  sql: string;
  params: readonly unknown[];
}

/** The RFM and CLV values other views publish, to join onto customer rows (null when not available). */
export interface ValueSources {
  /** `rfm_customers`, and the segment name in the UI language from `r.segment_key`, its names bound from `$1`. */
  rfm: { table: TableSpec; segment: BoundSql } | null;
  /** `clv_customers` scored for this as-of date, and the SQL of the CLV of its row aliased `c`. */
  clv: { table: TableSpec; clv: string } | null;
  /** `churn_scores` of the Churn view's last training at this as-of date, and the model that scores. */
  churn?: { table: TableSpec; column: 'logistic' | 'tree' } | null;
}

/** The join of `v`: its SQL parts, the tables it reads and its parameters (`$1` …; a statement's own come after). */
export function valueJoin(v: ValueSources): { join: ValueJoin; tables: TableSpec[]; params: unknown[] } {
  return {
    join: {
      rfm: v.rfm ? { table: v.rfm.table.name, segment: v.rfm.segment.sql } : null,
      clv: v.clv ? { table: v.clv.table.name, clv: v.clv.clv } : null,
      churn: v.churn ? { table: v.churn.table.name, column: v.churn.column } : null,
    },
    tables: [...(v.rfm ? [v.rfm.table] : []), ...(v.clv ? [v.clv.table] : []), ...(v.churn ? [v.churn.table] : [])],
    params: [...(v.rfm?.segment.params ?? [])],
  };
}

/** The at-risk list with its values (also `at_risk.csv`). */
export function atRiskRequest(table: TableSpec, v: ValueSources): QueryRequest {
  const j = valueJoin(v);
  return { sql: atRiskSql(j.join), params: j.params, tables: [table, ...j.tables] };
}

/** `lifecycle.csv`. */
export function lifecycleExportRequest(table: TableSpec, v: ValueSources): QueryRequest {
  const j = valueJoin(v);
  return { sql: lifecycleExportSql(j.join), params: j.params, tables: [table, ...j.tables] };
}
