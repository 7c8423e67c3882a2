import type { Page } from 'playwright-core';
import type { Db } from '../src/db/db';
import { kpiRequest, monthlySql } from '../src/analyses/overview';
import { RfmState } from '../src/state/rfm.svelte';
import { rfmRequests } from '../src/analyses/rfm/requests';
import { QueryLayer } from '../src/query/query-layer';
import { triangleRequest, type CohortOptions } from '../src/analyses/cohorts/cohort-sql';
import { averageCurveRequest, periodTrendRequest } from '../src/analyses/cohorts/curves-sql';
import { monthlyRatesRequest } from '../src/analyses/cohorts/rates-sql';
import { buyersRequest } from '../src/analyses/cohorts/buyers-sql';
import { secondPurchaseRequest, secondPurchaseSummaryRequest } from '../src/analyses/cohorts/second-purchase';
import { dimensionCountsRequest, dimensionValuesRequest } from '../src/analyses/cohorts/dimensions-sql';
import { DIMENSIONS } from '../src/analyses/cohorts/scope';
import { behaviourWork, lifecycleWork } from './lifecycle-behaviour-steps';
import { localEngine } from '../src/analyses/clv/compute';
import { historicalClvSql } from '../src/analyses/clv/historical-sql';
import { clvBySegmentSql, clvDistributionSql, clvTotalsSql } from '../src/analyses/clv/report-sql';
import { clvSummary } from '../src/analyses/clv/tables';
import { ClvState } from '../src/state/clv.svelte';
import { churnWindow } from '../src/state/lifecycle.svelte';
import { runChurn } from '../src/analyses/churn/run';
import { fromColumns, trainChurn } from '../src/analyses/churn/train';
import { defaultMigrationDates, migrationMatrixSql, migrationSummarySql, segmentMigration } from '../src/analyses/migration/migration-sql';
import { DEFAULT_LOST_AFTER, markovClv, markovStateCustomersSql, markovStateRevenueSql, markovTransitionsSql, type StateRevenue, type TransitionCount } from '../src/analyses/migration/markov';

/** A view measured after the file is loaded: its tab in the app, and the same work on native DuckDB. */
export interface ViewStep {
  step: string;
  tab: string;
  /** `data-view` of the view's root section, which sets `aria-busy="false"` when its figures are shown. */
  view: string;
  /** What to click after the tab, when the step is a section inside the view. */
  open?: (page: Page) => Promise<unknown>;
  /** Extra figures the view shows about itself, for the report's note. */
  note?: (page: Page) => Promise<string>;
  native: (db: Db, asOf: string) => Promise<unknown>;
}

/** A change of setting inside a view, timed until the view is ready again. */
export interface Interaction {
  step: string;
  tab: string;
  view: string;
  act: (page: Page) => Promise<unknown>;
  native: (db: Db, asOf: string) => Promise<unknown>;
}

/** The RFM view's work: its seven aggregates through the query layer, which builds `rfm_customers` for the settings first. */
async function rfmNative(asOf: string, { rfm, layer }: NativeRfm): Promise<unknown> {
  const r = rfmRequests(asOf, rfm.options);
  return Promise.all([r.summary, r.ranges, r.split, r.heatmap, r.distribution, r.pareto, r.tiers].map((req) => layer.query(req)));
}

/**
 * The Cohorts view's work for one granularity, without filters, through the page's layer (which builds
 * `customer_facts`, `cohort_customers`, `cohort_activity` and `cohort_triangle` first); `periodOnly`: just what a new
 * period length reloads. The period-N trend follows the triangle's cells, as in the view.
 */
async function cohortsNative(db: Db, asOf: string, granularity: CohortOptions['granularity'], periodOnly = false): Promise<unknown> {
  const { layer } = nativeRfm(db);
  const options: CohortOptions = { granularity, filter: {} };
  const figures = await Promise.all([
    layer.query(triangleRequest(asOf, options)),
    layer.query(averageCurveRequest(asOf, options)),
    layer.query(buyersRequest(asOf, options)),
    ...(periodOnly
      ? []
      : [
          layer.query(monthlyRatesRequest(asOf, options.filter)),
          layer.query(secondPurchaseRequest(asOf, options.filter)),
          layer.query(secondPurchaseSummaryRequest(asOf, options.filter)),
          layer.query(dimensionCountsRequest()),
          ...DIMENSIONS.map((d) => layer.query(dimensionValuesRequest(d))),
        ]),
  ]);
  return [...figures, await layer.query(periodTrendRequest(asOf, options, 1))];
}

/** Lifecycle: churn window, stages, flow, the at-risk list with RFM scores, survival, loyalty, through the page's layer. */
function lifecycleNative(db: Db, asOf: string): Promise<unknown> {
  const { rfm, layer } = nativeRfm(db);
  return lifecycleWork(layer, { rfm: { table: rfm.table(asOf), segment: rfm.segmentName('r.segment_key', 1) }, clv: null }, asOf);
}

/** Behaviour's sections, each as the view asks for it when opened, through the page's layer. */
const behaviourNative = {
  what: (db: Db, asOf: string) => behaviourWork.what(nativeRfm(db).layer, asOf),
  when: (db: Db, asOf: string) => behaviourWork.when(nativeRfm(db).layer, asOf),
  how: (db: Db, asOf: string) => behaviourWork.how(nativeRfm(db).layer, asOf),
  basket: (db: Db, asOf: string) => behaviourWork.basket(nativeRfm(db).layer, asOf),
};

/** Each native database gets its own RFM settings and query layer, as each browser page does. */
interface NativeRfm {
  rfm: RfmState;
  layer: QueryLayer;
}
const rfmStates = new WeakMap<Db, NativeRfm>();
const nativeRfm = (db: Db): NativeRfm => {
  if (!rfmStates.has(db)) rfmStates.set(db, { rfm: new RfmState(), layer: new QueryLayer(db) });
  return rfmStates.get(db)!;
};

/** The CLV view's work at the default settings: fit, scoring and every figure it shows, through the page's layer. */
async function clvNative(db: Db, asOf: string): Promise<unknown> {
  const { rfm, layer } = nativeRfm(db);
  const clv = new ClvState(() => localEngine);
  const run = await clv.fit(layer, asOf, 'weeks');
  const score = await clv.score(layer, run, clv.settings);
  const margin = clv.marginRate;
  const segments = rfm.table(asOf);
  return Promise.all([
    layer.query({ sql: clvTotalsSql(), params: [margin], tables: [score.table] }),
    layer.query({ sql: historicalClvSql(true), params: [asOf, margin, (1 + clv.discount) ** 12 - 1], tables: [clvSummary(asOf, 'weeks'), segments] }),
    layer.query({ sql: clvDistributionSql(), params: [margin, 40], tables: [score.table] }),
    layer.query({ sql: clvBySegmentSql(), params: [margin], tables: [score.table, segments] }),
    clv.grid(layer, run, score.model, clv.horizon, 20),
    clv.fitPareto(layer, run).then((pareto) => clv.validation(layer, run, pareto)),
  ]);
}

/** The Churn view's work at the default settings: features at the cutoff and now, both models trained and judged (on this thread). */
async function churnNative(db: Db, asOf: string): Promise<unknown> {
  const { layer } = nativeRfm(db);
  const { window } = await churnWindow(layer, asOf, null, new AbortController().signal);
  return runChurn(layer, { asOf, cutoff: null, window, attributes: null, C: 1, maxDepth: 5, minLeaf: 50 }, async (req) => trainChurn(fromColumns(req)));
}

/** The Migration view's work at the default settings: the RF-grid migration over 90 days and the Markov chain. */
async function migrationNative(db: Db, asOf: string): Promise<unknown> {
  const { rfm, layer } = nativeRfm(db);
  const { from, to } = defaultMigrationDates(asOf);
  const { spec } = segmentMigration(from, to, rfm.options, 'segment');
  const params = [asOf, DEFAULT_LOST_AFTER, null];
  const [, , counts, revenue] = await Promise.all([
    layer.query({ sql: migrationMatrixSql(), tables: [spec] }),
    layer.query({ sql: migrationSummarySql(), tables: [spec] }),
    layer.query({ sql: markovTransitionsSql(), params }),
    layer.query({ sql: markovStateRevenueSql(), params }),
    layer.query({ sql: markovStateCustomersSql(), params: [asOf, DEFAULT_LOST_AFTER] }),
  ]);
  return markovClv(counts as unknown as TransitionCount[], revenue as unknown as StateRevenue[]);
}

export const VIEWS: ViewStep[] = [
  {
    step: 'Overview ready',
    tab: 'Overview',
    view: 'overview',
    native: (db, asOf) => {
      const { layer } = nativeRfm(db);
      return Promise.all([layer.query(kpiRequest(asOf)), layer.query({ sql: monthlySql(), params: [asOf] })]);
    },
  },
  {
    step: 'RFM ready',
    tab: 'RFM',
    view: 'rfm',
    native: (db, asOf) => rfmNative(asOf, nativeRfm(db)),
  },
  {
    step: 'Cohorts ready',
    tab: 'Cohorts',
    view: 'cohorts',
    native: (db, asOf) => cohortsNative(db, asOf, 'month'),
  },
  {
    step: 'CLV ready (BG/NBD and Gamma-Gamma fitted, every customer scored)',
    tab: 'CLV',
    view: 'clv',
    note: async (page) => {
      const ms = await page.locator('[data-fit-ms]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-fit-ms'))));
      return `fits in the workers: BG/NBD ${(ms[0] / 1000).toFixed(2)} s, Gamma-Gamma ${(ms[1] / 1000).toFixed(2)} s, side by side`;
    },
    native: clvNative,
  },
  {
    step: 'Lifecycle ready',
    tab: 'Lifecycle',
    view: 'lifecycle',
    native: lifecycleNative,
  },
  {
    step: 'Churn ready (features, logistic regression and tree trained in a worker, judged on the holdout, every customer scored)',
    tab: 'Churn',
    view: 'churn',
    native: churnNative,
  },
  {
    step: 'Migration ready (RF-grid migration over 90 days, Markov-chain CLV)',
    tab: 'Migration',
    view: 'migration',
    native: migrationNative,
  },
  {
    step: 'Behaviour ready (What)',
    tab: 'Behaviour',
    view: 'behaviour',
    native: behaviourNative.what,
  },
  ...(['when', 'how', 'basket'] as const).map((section) => ({
    step: `Behaviour: ${section === 'basket' ? 'basket pairs' : section}`,
    tab: 'Behaviour',
    view: 'behaviour',
    open: (page: Page) => page.getByRole('button', { name: { when: 'When', how: 'How', basket: 'Bought together' }[section], exact: true }).click(),
    native: behaviourNative[section],
  })),
];

export const INTERACTIONS: Interaction[] = [
  {
    step: 'RFM: 5 → 4 score bins',
    tab: 'RFM',
    view: 'rfm',
    act: (page) => page.getByLabel('Number of scores').selectOption('4'),
    native: (db, asOf) => {
      nativeRfm(db).rfm.bins = 4;
      return rfmNative(asOf, nativeRfm(db));
    },
  },
  {
    step: 'RFM: RF grid → 8-class scheme',
    tab: 'RFM',
    view: 'rfm',
    act: (page) => page.getByLabel('Segment scheme').selectOption('eight_class'),
    native: (db, asOf) => {
      nativeRfm(db).rfm.setScheme('eight_class');
      return rfmNative(asOf, nativeRfm(db));
    },
  },
  {
    step: 'Cohorts: month → week',
    tab: 'Cohorts',
    view: 'cohorts',
    act: (page) => page.getByLabel('Period length').selectOption('week'),
    native: (db, asOf) => cohortsNative(db, asOf, 'week', true),
  },
];
