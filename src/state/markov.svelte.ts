import type { Row } from '../db/db';
import { savedSettings } from '../workspace/saved-settings.svelte';
import {
  DEFAULT_LOST_AFTER, DEFAULT_MARKOV_PERIODS, markovClv, markovExportRows, markovStateCustomersSql, markovStateRevenueSql, markovTransitionsSql,
  type MarkovChain, type MarkovExportRow, type StateRevenue, type TransitionCount,
} from '../analyses/migration/markov';
import { markovComparisonSql } from '../analyses/migration/markov-compare';
import { saveCsv } from '../export/download';
import { rowsToCsv } from '../export/rows-csv';
import type { AppState } from './app.svelte';
import { clv } from './clv.svelte';
import { Loader } from './loader.svelte';

export interface MarkovResult {
  asOf: string;
  chain: MarkovChain;
  rows: MarkovExportRow[];
  /** Against the CLV view's BG/NBD + Gamma-Gamma CLV, when it has scored this as-of date. */
  comparison: { customers: number; rho: number | null; markov_actual: number | null; bg_actual: number | null; holdout_orders: number } | null;
}

/** Markov-chain CLV with recency states (Pfeifer & Carraway), at the CLV view's monthly discount rate. */
export class MarkovState {
  lostAfter = $state(DEFAULT_LOST_AFTER);
  periods = $state(DEFAULT_MARKOV_PERIODS);
  readonly result: Loader<unknown, MarkovResult>;

  constructor(private app: AppState) {
    savedSettings.bind('markov', this, ['lostAfter', 'periods']);
    this.result = new Loader(
      () => (app.hasData && app.asOf && app.layer
        ? { v: app.version, asOf: app.asOf, lost: this.lostAfter, periods: this.periods, d: clv.discount, bg: !!clv.currentTable(app.layer, app.asOf) }
        : null),
      async ({ asOf, lost, periods, d }, signal) => {
        const layer = app.layer!;
        const params = [asOf, lost, null];
        const [counts, revenue, customers] = await Promise.all([
          layer.query({ sql: markovTransitionsSql(), params }, { signal }),
          layer.query({ sql: markovStateRevenueSql(), params }, { signal }),
          layer.query({ sql: markovStateCustomersSql(), params: [asOf, lost] }, { signal }),
        ]);
        const chain = markovClv(counts as unknown as TransitionCount[], revenue as unknown as StateRevenue[], { lostAfter: lost, periods, monthlyDiscount: d });
        const rows = markovExportRows(chain, customers as unknown as { state: number; customers: number }[]);
        const table = clv.currentTable(layer, asOf);
        const compared = table ? await layer.query({ sql: markovComparisonSql(chain.clv), params: [asOf, lost], tables: [table] }, { signal }) : [];
        return { asOf, chain, rows, comparison: (compared[0] as MarkovResult['comparison'] & Row) ?? null };
      },
    );
  }

  download = async (): Promise<void> => {
    const r = this.result.value;
    if (r) saveCsv('markov_clv.csv', new TextEncoder().encode(rowsToCsv(r.rows)));
  };
}
