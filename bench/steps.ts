import type { Page } from 'playwright-core';
import type { Db } from '../src/db/db';
import { kpiSql, monthlySql } from '../src/analyses/overview';
import { RfmState } from '../src/state/rfm.svelte';
import { segmentSummarySql, heatmapSql } from '../src/analyses/rfm/summary';
import { scoreRangesSql, splitValuesSql } from '../src/analyses/rfm/thresholds';
import { distributionSql } from '../src/analyses/rfm/distribution';
import { paretoSql, tierSummarySql } from '../src/analyses/rfm/tiers';
import { triangleSql, type CohortOptions } from '../src/analyses/cohorts/cohort-sql';
import { averageCurveSql, periodTrendSql } from '../src/analyses/cohorts/curves-sql';
import { monthlyRatesSql } from '../src/analyses/cohorts/rates-sql';
import { buyersSql } from '../src/analyses/cohorts/buyers-sql';
import { secondPurchaseSql, secondPurchaseSummarySql } from '../src/analyses/cohorts/second-purchase';
import { scopeParams } from '../src/analyses/cohorts/scope';
import { benchSteps } from './lifecycle-behaviour-steps';
import { loyaltySummarySql, ordersPerCustomerSql, lifetimeDistributionSql, gapDistributionSql, gapStatsSql } from '../src/analyses/lifecycle/loyalty';
import { stageSummarySql } from '../src/analyses/lifecycle/customers';
import { dimensionsSql } from '../src/analyses/behaviour/dimensions';
import { topItemsSql } from '../src/analyses/behaviour/top-items';
import { priceBandsSql } from '../src/analyses/behaviour/price-bands';
import { weekdayHourSql } from '../src/analyses/behaviour/weekday-hour';
import { monthlyYoySql } from '../src/analyses/behaviour/monthly-yoy';
import { breakdownSql } from '../src/analyses/behaviour/breakdowns';
import { localEngine } from '../src/analyses/clv/compute';
import { DEFAULT_CLV_SETTINGS, fitClv, prepareClv, scoreClv } from '../src/analyses/clv/model';

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

/** The RFM view's work: materialise the scores for the settings, then its seven aggregates. */
async function rfmNative(db: Db, asOf: string, rfm: RfmState): Promise<unknown> {
  return rfm.withTable(db, asOf, 1, (built) => {
    const summary = segmentSummarySql(built.segments);
    return Promise.all([
      db.query(summary.sql, summary.params),
      db.query(scoreRangesSql(rfm.levels)),
      db.query(splitValuesSql()),
      db.query(heatmapSql()),
      db.query(distributionSql()),
      db.query(paretoSql()),
      db.query(tierSummarySql()),
    ]);
  });
}

/** The Cohorts view's work for one granularity, without filters; `periodOnly`: just what a new period length reloads. */
async function cohortsNative(db: Db, asOf: string, granularity: CohortOptions['granularity'], periodOnly = false): Promise<unknown> {
  const options: CohortOptions = { granularity, filter: { channel: null, region: null, category: null } };
  const scope = scopeParams(asOf, options.filter);
  return Promise.all([
    db.query(triangleSql(options), scope),
    db.query(averageCurveSql(options), scope),
    db.query(periodTrendSql(options), [...scope, 1]),
    db.query(buyersSql(options), scope),
    ...(periodOnly
      ? []
      : [
          db.query(monthlyRatesSql(options.filter), scope),
          db.query(secondPurchaseSql(options.filter), scope),
          db.query(secondPurchaseSummarySql(options.filter), scope),
        ]),
  ]);
}

/** Lifecycle: churn window, customer stages, flow, survival, then the summaries the view shows. */
async function lifecycleNative(db: Db, asOf: string): Promise<unknown> {
  const [window] = await db.query<{ p90_days: number | null }>(benchSteps(asOf, 0)[0].sql, [asOf]);
  const steps = benchSteps(asOf, window.p90_days ?? 365).filter((s) => !s.name.startsWith('basket'));
  for (const st of steps.slice(1)) await db.query(st.sql, st.params);
  return Promise.all([
    db.query(stageSummarySql()),
    db.query(loyaltySummarySql()),
    db.query(ordersPerCustomerSql(20)),
    db.query(lifetimeDistributionSql()),
    db.query(gapDistributionSql(), [asOf]),
  ]);
}

/** Behaviour's sections, each as the view runs it when opened. */
const behaviourNative = {
  what: (db: Db, asOf: string) =>
    Promise.all([db.query(dimensionsSql(), [asOf]), db.query(topItemsSql('product'), [asOf, 10]), db.query(topItemsSql('category'), [asOf, 10]), db.query(priceBandsSql(), [asOf])]),
  when: (db: Db, asOf: string) =>
    Promise.all([db.query(weekdayHourSql(), [asOf]), db.query(monthlyYoySql(), [asOf]), db.query(gapDistributionSql(), [asOf]), db.query(gapStatsSql(), [asOf])]),
  how: (db: Db, asOf: string) => Promise.all((['channel', 'region', 'payment'] as const).map((d) => db.query(breakdownSql(d), [asOf]))),
  basket: async (db: Db, asOf: string) => {
    for (const st of benchSteps(asOf, 0).filter((x) => x.name.startsWith('basket'))) await db.query(st.sql, st.params);
  },
};

/** Each native database gets its own RFM settings and cache, as each browser page does. */
const rfmStates = new WeakMap<Db, RfmState>();
const nativeRfm = (db: Db): RfmState => {
  if (!rfmStates.has(db)) rfmStates.set(db, new RfmState());
  return rfmStates.get(db)!;
};

export const VIEWS: ViewStep[] = [
  {
    step: 'Overview ready',
    tab: 'Overview',
    view: 'overview',
    native: (db, asOf) => Promise.all([db.query(kpiSql(), [asOf]), db.query(monthlySql(), [asOf])]),
  },
  {
    step: 'RFM ready',
    tab: 'RFM',
    view: 'rfm',
    native: (db, asOf) => rfmNative(db, asOf, nativeRfm(db)),
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
    native: async (db, asOf) => {
      const data = await prepareClv(db, asOf, 'weeks');
      await scoreClv(db, localEngine, { data, fits: await fitClv(localEngine, data) }, DEFAULT_CLV_SETTINGS);
    },
  },
  {
    step: 'Lifecycle ready',
    tab: 'Lifecycle',
    view: 'lifecycle',
    native: lifecycleNative,
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
      nativeRfm(db).bins = 4;
      return rfmNative(db, asOf, nativeRfm(db));
    },
  },
  {
    step: 'RFM: RF grid → 8-class scheme',
    tab: 'RFM',
    view: 'rfm',
    act: (page) => page.getByLabel('Segment scheme').selectOption('eight_class'),
    native: (db, asOf) => {
      nativeRfm(db).setScheme('eight_class');
      return rfmNative(db, asOf, nativeRfm(db));
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
