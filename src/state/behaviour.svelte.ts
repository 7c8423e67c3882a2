import type { Row } from '../db/db';
import { basketExportSql, basketPairs, basketStatsSql, BASKET_PAIRS, pairMatrixSql } from '../analyses/behaviour/basket';
import { breakdownSql, DIMENSIONS, type Dimension } from '../analyses/behaviour/breakdowns';
import { dimensionsSql, type Dimensions } from '../analyses/behaviour/dimensions';
import { monthlyYoySql } from '../analyses/behaviour/monthly-yoy';
import { priceBandsSql } from '../analyses/behaviour/price-bands';
import { topItemsSql, type ItemColumn } from '../analyses/behaviour/top-items';
import { weekdayHourSql } from '../analyses/behaviour/weekday-hour';
import { gapsRequest, gapStatsRequest } from '../analyses/lifecycle/requests';
import type { TableSpec } from '../query/query-layer';
import { saveCsv } from '../export/download';
import type { AppState } from './app.svelte';
import { Customer360State } from './customer-360.svelte';
import { Loader } from './loader.svelte';

export type BehaviourSection = 'what' | 'when' | 'how' | 'basket' | 'customer';
export const BEHAVIOUR_SECTIONS: readonly BehaviourSection[] = ['what', 'when', 'how', 'basket', 'customer'];

/** Default minimum support of product pairs: 1 % of purchases. */
export const DEFAULT_MIN_SUPPORT = 0.01;

/** The Behaviour view's settings of this tab: section, top N, minimum support, the customer shown in Customer 360. */
export class BehaviourSettings {
  section = $state<BehaviourSection>('what');
  topN = $state(10);
  /** Minimum support of a product pair, a fraction of purchases (0–1). */
  minSupport = $state(DEFAULT_MIN_SUPPORT);
  /** The customer id searched in Customer 360 (after the typing pause). */
  customerQuery = $state('');
  /** The customer shown in Customer 360. */
  customerId = $state<string | null>(null);

  /** The minimum support as used: a number between 0 and 1. */
  get support(): number {
    return Number.isFinite(this.minSupport) ? Math.min(1, Math.max(0, this.minSupport)) : DEFAULT_MIN_SUPPORT;
  }

  /** The top N as used: a whole number of at least 1. */
  get top(): number {
    return Math.max(1, Math.floor(this.topN) || 10);
  }

  /** `basket_pairs` for an as-of date at the current minimum support. */
  pairs(asOf: string): TableSpec {
    return basketPairs(asOf, this.support);
  }
}

export const behaviour = new BehaviourSettings();

/** The optional columns of the data at an as-of date. */
export interface Ready {
  asOf: string;
  version: number;
  dims: Dimensions;
}

export interface ItemRow extends Row {
  item: string | null;
  is_rest: boolean;
  items: number;
  revenue: number;
  revenue_share: number | null;
  orders: number;
  customers: number;
  customer_share: number | null;
}

export interface BandRow extends Row {
  lo: number;
  hi: number | null;
  lines: number;
  revenue: number;
  revenue_share: number | null;
  orders: number;
  customers: number;
  products: number;
}

export interface MonthRow extends Row {
  month: string;
  year: number;
  month_of_year: number;
  revenue: number;
  orders: number;
  previous_year_revenue: number | null;
  yoy_change: number | null;
  partial: boolean;
}

export interface BreakdownRow extends Row {
  value: string | null;
  orders: number;
  revenue: number;
  revenue_share: number | null;
  customers: number;
  new_customers: number;
  returning_customers: number;
  new_orders: number;
  returning_orders: number;
  new_revenue: number;
  returning_revenue: number;
  new_share: number | null;
}

export interface WhenData {
  heat: { weekday: number; hour: number; orders: number; revenue: number }[];
  months: MonthRow[];
  gaps: Row[];
  stats: { gaps: number; median_days: number | null; mean_days: number | null };
}

export interface BasketData {
  table: TableSpec;
  pairs: number;
  matrix: Row[];
  support: number;
}

/**
 * The Behaviour view's figures through the query layer. Each section loads when it is shown (and is answered from
 * the layer's cache when shown again).
 */
export class BehaviourData {
  readonly dims: Loader<{ asOf: string; version: number }, Ready>;
  readonly what: Loader<{ r: Ready; n: number }, { products: ItemRow[]; categories: ItemRow[]; bands: BandRow[] }>;
  readonly when: Loader<Ready, WhenData>;
  readonly how: Loader<{ r: Ready; present: Dimension[] }, { dim: Dimension; rows: BreakdownRow[] }[]>;
  readonly basket: Loader<{ asOf: string; table: TableSpec; support: number }, BasketData>;
  readonly basketStats: Loader<{ asOf: string }, { orders: number; products: number; multi_product_orders: number }>;
  readonly customer: Customer360State;

  constructor(private app: AppState) {
    const layer = () => app.layer!;
    this.dims = new Loader(
      () => (app.hasData && app.asOf ? { asOf: app.asOf, version: app.version } : null),
      async ({ asOf, version }, signal) => {
        const [d] = await layer().query<Dimensions & Row>({ sql: dimensionsSql(), params: [asOf] }, { signal });
        return { asOf, version, dims: d };
      },
    );
    const shown = (s: BehaviourSection) => (behaviour.section === s ? (this.ready ?? null) : null);
    this.what = new Loader(
      () => {
        const r = shown('what');
        return r ? { r, n: behaviour.top } : null;
      },
      async ({ r: { asOf, dims }, n }, signal) => {
        const items = (column: ItemColumn) => layer().query<ItemRow>({ sql: topItemsSql(column), params: [asOf, n] }, { signal });
        const [products, categories, bands] = await Promise.all([
          dims.product ? items('product') : [],
          dims.category ? items('category') : [],
          dims.price ? layer().query<BandRow>({ sql: priceBandsSql(), params: [asOf] }, { signal }) : [],
        ]);
        return { products, categories, bands };
      },
    );
    this.when = new Loader(
      () => shown('when'),
      async ({ asOf, dims }, signal) => {
        const [heat, months, gaps, [stats]] = await Promise.all([
          dims.times ? layer().query<WhenData['heat'][number] & Row>({ sql: weekdayHourSql(), params: [asOf] }, { signal }) : [],
          layer().query<MonthRow>({ sql: monthlyYoySql(), params: [asOf] }, { signal }),
          layer().query(gapsRequest(asOf), { signal }),
          layer().query<WhenData['stats'] & Row>(gapStatsRequest(asOf), { signal }),
        ]);
        return { heat, months, gaps, stats };
      },
    );
    this.how = new Loader(
      () => {
        const r = shown('how');
        return r ? { r, present: DIMENSIONS.filter((d) => r.dims[d]) } : null;
      },
      ({ r: { asOf }, present }, signal) =>
        Promise.all(present.map(async (dim) => ({ dim, rows: await layer().query<BreakdownRow>({ sql: breakdownSql(dim), params: [asOf] }, { signal }) }))),
    );
    const basketShown = () => {
      const r = shown('basket');
      return r?.dims.product ? r : null;
    };
    this.basket = new Loader(
      () => {
        const r = basketShown();
        return r ? { asOf: r.asOf, table: behaviour.pairs(r.asOf), support: behaviour.support } : null;
      },
      async ({ table, support }, signal) => {
        const [[{ n }], matrix] = await Promise.all([
          layer().query<{ n: number }>({ sql: `SELECT count(*) AS n FROM ${BASKET_PAIRS}`, tables: [table] }, { signal }),
          layer().query({ sql: pairMatrixSql(15), tables: [table] }, { signal }),
        ]);
        return { table, pairs: n, matrix, support };
      },
    );
    this.basketStats = new Loader(
      () => {
        const r = basketShown();
        return r ? { asOf: r.asOf } : null;
      },
      async ({ asOf }, signal) => (await layer().query<{ orders: number; products: number; multi_product_orders: number }>({ sql: basketStatsSql(), params: [asOf] }, { signal }))[0],
    );
    this.customer = new Customer360State(app, behaviour, () => shown('customer'));
  }

  /** The optional columns for the current as-of date and data: the sections wait for them. */
  get ready(): Ready | null {
    const d = this.dims.value;
    return d && d.asOf === this.app.asOf && d.version === this.app.version ? d : null;
  }

  /** The shown section's figures are in. */
  get settled(): boolean {
    const r = this.ready;
    if (!r) return false;
    switch (behaviour.section) {
      case 'what':
        return this.what.value !== undefined;
      case 'when':
        return this.when.value !== undefined;
      case 'how':
        return this.how.value !== undefined || !DIMENSIONS.some((d) => r.dims[d]);
      case 'basket':
        return !r.dims.product || (this.basket.value !== undefined && this.basketStats.value !== undefined);
      case 'customer':
        return this.customer.settled;
    }
  }

  /** `behaviour.csv`: the product pairs at the current minimum support (only the header without products). */
  download = async (): Promise<void> => {
    const layer = this.app.layer!;
    saveCsv('behaviour.csv', await layer.exportCsv({ sql: basketExportSql(), tables: [behaviour.pairs(this.app.asOf)] }));
  };
}
