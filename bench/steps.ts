import type { Page } from 'playwright-core';
import type { Db } from '../src/db/db';
import { kpiSql, monthlySql } from '../src/analyses/overview';
import { localEngine } from '../src/analyses/clv/compute';
import { DEFAULT_CLV_SETTINGS, fitClv, prepareClv, scoreClv } from '../src/analyses/clv/model';

/** A view measured after the file is loaded: its tab in the app, and the same work on native DuckDB. */
export interface ViewStep {
  step: string;
  tab: string;
  /** `data-view` of the view's root section, which sets `aria-busy="false"` when its figures are shown. */
  view: string;
  native: (db: Db, asOf: string) => Promise<unknown>;
}

/** A change of setting inside a view, timed until the view is ready again. */
export interface Interaction {
  step: string;
  tab: string;
  view: string;
  act: (page: Page) => Promise<void>;
  native: (db: Db, asOf: string) => Promise<unknown>;
}

export const VIEWS: ViewStep[] = [
  {
    step: 'Overview ready',
    tab: 'Overview',
    view: 'overview',
    native: (db, asOf) => Promise.all([db.query(kpiSql(), [asOf]), db.query(monthlySql(), [asOf])]),
  },
  {
    step: 'CLV ready (BG/NBD and Gamma-Gamma fitted, every customer scored)',
    tab: 'CLV',
    view: 'clv',
    native: async (db, asOf) => {
      const data = await prepareClv(db, asOf, 'weeks');
      await scoreClv(db, localEngine, { data, fits: await fitClv(localEngine, data) }, DEFAULT_CLV_SETTINGS);
    },
  },
];

export const INTERACTIONS: Interaction[] = [];
