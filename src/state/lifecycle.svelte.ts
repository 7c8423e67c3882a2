import type { Row } from '../db/db';
import { effectiveWindow } from '../analyses/lifecycle/churn-window';
import { atRiskRequest, churnWindowRequest, lifecycleExportRequest, lifecycleRequests, loyaltyRequests, type ValueSources } from '../analyses/lifecycle/requests';
import type { Stage } from '../analyses/lifecycle/stages';
import type { FlowRow } from '../charts/lifecycle-flow';
import type { SurvivalRow } from '../charts/lifecycle-survival';
import type { SurvivalGroup } from '../analyses/lifecycle/survival';
import type { QueryLayer, QueryRequest } from '../query/query-layer';
import { isSuperseded } from '../query/query-layer';
import { saveCsv } from '../export/download';
import type { AppState } from './app.svelte';
import { clv } from './clv.svelte';
import { Loader } from './loader.svelte';
import { rfm } from './rfm.svelte';
import { currentChurnScores } from './churn-scores.svelte';

/** The lifecycle settings of this tab, shared by the Lifecycle view and Customer 360. */
export class LifecycleSettings {
  /** The user's churn window in days; null for the default from the data. */
  windowDays = $state<number | null>(null);
  includeChurned = $state(false);
  survivalGroup = $state<SurvivalGroup>('all');
}

export const lifecycle = new LifecycleSettings();

/** The default churn window of an as-of date: the 90th percentile of the gaps (null without gaps) and their count. */
export interface WindowDefault {
  p90: number | null;
  gaps: number;
}

/** What the lifecycle figures depend on: the as-of date and the churn window in force. */
export interface LifecycleParams {
  asOf: string;
  window: number;
  def: WindowDefault;
}

/** The churn window in force at `asOf`: the user's `chosen` one, else the default from the data (a cached query). */
export async function churnWindow(layer: QueryLayer, asOf: string, chosen: number | null, signal: AbortSignal): Promise<LifecycleParams> {
  const [r] = await layer.query<{ p90_days: number | null; gaps: number }>(churnWindowRequest(asOf), { signal });
  return { asOf, window: effectiveWindow(chosen, r.p90_days), def: { p90: r.p90_days, gaps: r.gaps } };
}

/** The RFM and CLV values a lifecycle row can show, and why the RFM ones are missing when they are. */
export interface Values {
  sources: ValueSources;
  rfmError: string | null;
}

/**
 * The RFM scores with the RFM view's settings (built if need be: cheap next to the lifecycle figures), P(alive)
 * and CLV when the CLV view has scored this as-of date, the churn probability when the Churn view has, the segment names in the UI language and the CLV at the
 * current margin. Reads those settings: a Loader's deps calling it follows them.
 */
export function valueSources(layer: QueryLayer, asOf: string): ValueSources {
  const table = clv.currentTable(layer, asOf);
  const scores = currentChurnScores(layer, asOf);
  return {
    rfm: { table: rfm.table(asOf), segment: rfm.segmentName('r.segment_key', 1) },
    clv: table ? { table, clv: clv.clvSql('c') } : null,
    churn: scores ? { table: scores.table, column: scores.model } : null,
  };
}

/** `sources` with the RFM table built, or without RFM (and the reason) when it cannot be. */
export async function withRfmBuilt(layer: QueryLayer, sources: ValueSources, signal?: AbortSignal): Promise<Values> {
  if (!sources.rfm) return { sources, rfmError: null };
  try {
    await layer.ensure([sources.rfm.table], { signal });
    return { sources, rfmError: null };
  } catch (e) {
    if (isSuperseded(e)) throw e;
    return { sources: { ...sources, rfm: null }, rfmError: e instanceof Error ? e.message : String(e) };
  }
}

export interface StageRow extends Row {
  stage: Stage;
  customers: number;
  customer_share: number | null;
  revenue: number;
  revenue_share: number | null;
}

/** A month of `stageFlowSql`. */
export type FlowMonth = FlowRow & Row & { snapshot: string; base: number; churned_in_month: number; churn_rate: number | null };

export interface LoyaltySummary extends Row {
  customers: number;
  repeat_customers: number;
  repeat_rate: number | null;
  one_time_customers: number;
  one_time_revenue: number;
  repeat_revenue: number;
  orders_per_customer: number | null;
  median_lifetime_days: number | null;
}

export interface LoyaltyData {
  summary: LoyaltySummary;
  /** Customers by purchases, with the bar's label (`20+` for the tail). */
  orders: Row[];
  lifetimes: Row[];
  gaps: Row[];
}

export interface MedianRow extends Row {
  grp: string | null;
  customers: number;
  churned: number;
  censored: number;
  median_days: number | null;
}

export interface SurvivalData {
  curve: (SurvivalRow & Row)[];
  medians: MedianRow[];
  /** The grouping shown: by channel only when the purchases have channels. */
  group: SurvivalGroup;
  hasChannel: boolean;
}

/** The Lifecycle view's figures for the as-of date, data version and settings, through the query layer. */
export class LifecycleData {
  readonly params: Loader<{ asOf: string; v: number; chosen: number | null }, LifecycleParams>;
  readonly stages: Loader<LifecycleParams, StageRow[]>;
  readonly flow: Loader<LifecycleParams, FlowMonth[]>;
  readonly atRisk: Loader<{ p: LifecycleParams; sources: ValueSources }, Values & { request: QueryRequest }>;
  readonly survival: Loader<{ p: LifecycleParams; group: SurvivalGroup }, SurvivalData>;
  readonly loyalty: Loader<{ asOf: string }, LoyaltyData>;

  constructor(private app: AppState) {
    const layer = () => app.layer!;
    this.params = new Loader(
      () => (app.hasData && app.asOf ? { asOf: app.asOf, v: app.version, chosen: lifecycle.windowDays } : null),
      ({ asOf, chosen }, signal) => churnWindow(layer(), asOf, chosen, signal),
    );
    const params = () => this.params.value ?? null;
    this.stages = new Loader(params, (p, signal) => layer().query<StageRow>(lifecycleRequests(p.asOf, p.window).stages, { signal }));
    this.flow = new Loader(params, (p, signal) => layer().query<FlowMonth>(lifecycleRequests(p.asOf, p.window).flow, { signal }));
    this.atRisk = new Loader(
      () => {
        const p = params();
        return p ? { p, sources: valueSources(layer(), p.asOf) } : null;
      },
      async ({ p, sources }, signal) => {
        const values = await withRfmBuilt(layer(), sources, signal);
        return { ...values, request: atRiskRequest(lifecycleRequests(p.asOf, p.window).table, values.sources) };
      },
    );
    this.survival = new Loader(
      () => {
        const p = params();
        return p ? { p, group: lifecycle.survivalGroup } : null;
      },
      async ({ p, group }, signal) => {
        const r = lifecycleRequests(p.asOf, p.window);
        const [c] = await layer().query<{ has_channel: boolean }>(r.hasChannel, { signal });
        const g: SurvivalGroup = group === 'channel' && !c.has_channel ? 'all' : group;
        const [curve, medians] = await Promise.all([layer().query<SurvivalRow & Row>(r.survival(g), { signal }), layer().query<MedianRow>(r.medians(g), { signal })]);
        return { curve, medians, group: g, hasChannel: c.has_channel };
      },
    );
    // Loyalty does not depend on the window: a new window is answered from the cache.
    this.loyalty = new Loader(
      () => {
        const p = params();
        return p ? { asOf: p.asOf } : null;
      },
      async ({ asOf }, signal) => {
        const r = loyaltyRequests(asOf);
        const [[summary], orders, lifetimes, gaps] = await Promise.all([
          layer().query<LoyaltySummary>(r.loyalty, { signal }),
          layer().query<{ orders: number; is_tail: boolean }>(r.ordersDist, { signal }),
          layer().query(r.lifetimes, { signal }),
          layer().query(r.gaps, { signal }),
        ]);
        return { summary, orders: orders.map((o) => ({ ...o, label: o.is_tail ? `${o.orders}+` : String(o.orders) })), lifetimes, gaps };
      },
    );
  }

  /** Every figure of the view is in. */
  get ready(): boolean {
    return [this.params, this.stages, this.flow, this.atRisk, this.survival, this.loyalty].every((l) => l.value !== undefined);
  }

  /** `lifecycle.csv` for the as-of date and window in force. */
  download = async (): Promise<void> => {
    const p = this.params.value;
    if (!p) return;
    const layer = this.app.layer!;
    const { sources } = await withRfmBuilt(layer, valueSources(layer, p.asOf));
    saveCsv('lifecycle.csv', await layer.exportCsv(lifecycleExportRequest(lifecycleRequests(p.asOf, p.window).table, sources)));
  };

  /** `at_risk.csv`: the at-risk list as shown. */
  downloadAtRisk = async (): Promise<void> => {
    const request = this.atRisk.value?.request;
    if (request) saveCsv('at_risk.csv', await this.app.layer!.exportCsv(request));
  };
}
