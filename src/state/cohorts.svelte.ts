import { buyersRequest, type BuyersRow } from '../analyses/cohorts/buyers-sql';
import { cellCustomersSource, cellExportRequest, type CellSource } from '../analyses/cohorts/cell-customers';
import { cohortExportRequest, triangleRequest, type CohortOptions, type TriangleCell } from '../analyses/cohorts/cohort-sql';
import { averageCurveRequest, periodTrendRequest, retentionCurveExportRequest } from '../analyses/cohorts/curves-sql';
import { dimensionCountsRequest, dimensionValuesRequest } from '../analyses/cohorts/dimensions-sql';
import type { Granularity } from '../analyses/cohorts/period';
import { monthlyRatesRequest, type MonthRow } from '../analyses/cohorts/rates-sql';
import { DIMENSIONS, normalFilter, type Dimension } from '../analyses/cohorts/scope';
import { secondPurchaseRequest, secondPurchaseSummaryRequest, type SecondPurchaseSummary } from '../analyses/cohorts/second-purchase';
import type { HeatmapMeasure } from '../charts/cohort-heatmap';
import type { Row } from '../db/db';
import { saveCsv } from '../export/download';
import type { AppState } from './app.svelte';
import { Loader } from './loader.svelte';

/** Whether a triangle cell counts customers active in period k, or in period k or later (unbounded). */
export type RetentionMode = 'bounded' | 'unbounded';

/** The Cohorts view's settings. One instance lives for the page, so switching tabs keeps them. */
export class CohortSettings {
  granularity = $state<Granularity>('month');
  mode = $state<RetentionMode>('bounded');
  measure = $state<HeatmapMeasure>('percent');
  /** Acquisition filter: a value per dimension, null for all. */
  filter = $state<Record<Dimension, string | null>>({ channel: null, region: null, category: null });
  /** N of the period-N retention trend. */
  trendPeriod = $state(1);
  showInactive = $state(true);
  /** The triangle cell whose customers are listed: a cohort label and a period. */
  cellCohort = $state('');
  cellPeriod = $state(1);

  get orLater(): boolean {
    return this.mode === 'unbounded';
  }

  /** A plain snapshot for the analyses; reading it makes a reactive context depend on the granularity and filter. */
  get options(): CohortOptions {
    return { granularity: this.granularity, filter: normalFilter(this.filter) };
  }

  /** Clears filter values no longer present in the data (after files change). */
  keepKnownValues(values: Record<Dimension, readonly string[]>): void {
    for (const d of Object.keys(this.filter) as Dimension[]) {
      const v = this.filter[d];
      if (v !== null && !values[d].includes(v)) this.filter[d] = null;
    }
  }
}

export const cohortSettings = new CohortSettings();

/** The triangle for one as-of date and settings, computed once and shared by the triangle, curves, revenue and cells. */
export interface TriangleData {
  asOf: string;
  options: CohortOptions;
  cells: TriangleCell[];
  /** Rows of `AVERAGE_CURVE_SQL`. */
  average: Row[];
  maxPeriod: number;
}

/**
 * The Cohorts view's data through the query layer. Each figure reloads only with what it depends on: the triangle,
 * its average curve and the buyers with the as-of date, period length and filter; the period-N trend with the
 * triangle shown and N; the monthly rates and the time to second purchase with the as-of date and filter only.
 */
export class CohortsState {
  readonly dims: Loader<{ v: number }, Record<Dimension, string[]>>;
  readonly triangle: Loader<{ asOf: string; options: CohortOptions; v: number }, TriangleData>;
  readonly trend: Loader<{ data: TriangleData; n: number }, { n: number; rows: Row[] }>;
  readonly buyers: Loader<{ asOf: string; options: CohortOptions; v: number }, BuyersRow[]>;
  readonly rates: Loader<{ asOf: string; filter: CohortOptions['filter']; v: number }, MonthRow[]>;
  readonly second: Loader<{ asOf: string; filter: CohortOptions['filter']; v: number }, { buckets: Row[]; summary: SecondPurchaseSummary }>;

  constructor(
    private app: AppState,
    readonly settings: CohortSettings = cohortSettings,
  ) {
    const s = settings;
    const ready = () => app.hasData && !!app.asOf && !!app.layer;
    const layer = () => app.layer!;
    const scoped = () => (ready() ? { asOf: app.asOf, options: s.options, v: app.version } : null);
    const filtered = () => (ready() ? { asOf: app.asOf, filter: normalFilter(s.filter), v: app.version } : null);

    // Only dimensions with values get a filter; a file without a channel column shows no channel filter.
    this.dims = new Loader(
      () => (ready() ? { v: app.version } : null),
      async (_, signal) => {
        const [counts] = await layer().query<Record<Dimension, number>>(dimensionCountsRequest(), { signal });
        const lists = await Promise.all(
          DIMENSIONS.map(async (d) => (counts[d] > 0 ? (await layer().query<{ value: string }>(dimensionValuesRequest(d), { signal })).map((r) => r.value) : [])),
        );
        return Object.fromEntries(DIMENSIONS.map((d, i) => [d, lists[i]])) as Record<Dimension, string[]>;
      },
    );
    $effect(() => {
      if (this.dims.value) s.keepKnownValues(this.dims.value);
    });

    this.triangle = new Loader(scoped, async ({ asOf, options }, signal) => {
      const [cells, average] = await Promise.all([
        layer().query<TriangleCell>(triangleRequest(asOf, options), { signal }),
        layer().query(averageCurveRequest(asOf, options), { signal }),
      ]);
      return { asOf, options, cells, average, maxPeriod: cells.reduce((m, c) => Math.max(m, c.period), 0) };
    });

    // Follows the triangle on screen (not the settings), so it never asks for a triangle that is not shown.
    this.trend = new Loader(
      () => {
        const data = this.triangle.value;
        return data && data.maxPeriod >= 1 ? { data, n: clampPeriod(s.trendPeriod, data.maxPeriod) } : null;
      },
      async ({ data, n }, signal) => ({ n, rows: await layer().query(periodTrendRequest(data.asOf, data.options, n), { signal }) }),
    );

    this.buyers = new Loader(scoped, ({ asOf, options }, signal) => layer().query<BuyersRow>(buyersRequest(asOf, options), { signal }));

    this.rates = new Loader(filtered, ({ asOf, filter }, signal) => layer().query<MonthRow>(monthlyRatesRequest(asOf, filter), { signal }));

    this.second = new Loader(filtered, async ({ asOf, filter }, signal) => {
      const [buckets, [summary]] = await Promise.all([
        layer().query(secondPurchaseRequest(asOf, filter), { signal }),
        layer().query<SecondPurchaseSummary>(secondPurchaseSummaryRequest(asOf, filter), { signal }),
      ]);
      return { buckets, summary };
    });
  }

  /** The cohorts of the triangle shown, oldest first, with their start dates. */
  readonly cohorts = $derived.by(() => {
    const seen = new Map<string, string>();
    for (const c of this.triangle.value?.cells ?? []) if (!seen.has(c.cohort)) seen.set(c.cohort, c.cohort_start);
    return [...seen].map(([label, start]) => ({ label, start }));
  });

  /** The cell whose customers are listed: the picked one, or the nearest that exists in the triangle shown. */
  readonly cell = $derived.by((): { cohort: string; start: string; periods: number[]; period: number; cell: TriangleCell | undefined } | null => {
    const cells = this.triangle.value?.cells ?? [];
    const picked = this.cohorts.find((c) => c.label === this.settings.cellCohort) ?? this.cohorts[0];
    if (!picked) return null;
    const periods = cells.filter((c) => c.cohort === picked.label).map((c) => c.period);
    const period = Math.max(0, Math.min(this.settings.cellPeriod, periods.length - 1));
    return { cohort: picked.label, start: picked.start, periods, period, cell: cells.find((c) => c.cohort === picked.label && c.period === period) };
  });

  /** The paged source of the picked cell's customers (for the triangle shown). */
  readonly cellSource = $derived.by((): CellSource | null => {
    const data = this.triangle.value;
    const cell = this.cell;
    return data && cell ? cellCustomersSource(data.asOf, data.options, this.settings.orLater, cell.start, cell.period) : null;
  });

  /** `cohorts.csv` for the as-of date and the settings as they are now. */
  download = async (): Promise<void> => {
    saveCsv('cohorts.csv', await this.app.layer!.exportCsv(cohortExportRequest(this.app.asOf, this.settings.options)));
  };

  /** `retention_curve.csv`: the weighted average retention curve, periods still running left out. */
  downloadCurve = async (): Promise<void> => {
    saveCsv('retention_curve.csv', await this.app.layer!.exportCsv(retentionCurveExportRequest(this.app.asOf, this.settings.options)));
  };

  /** `cohort_customers.csv`: the picked cell's customers. */
  downloadCell = async (): Promise<void> => {
    if (this.cellSource) saveCsv('cohort_customers.csv', await this.app.layer!.exportCsv(cellExportRequest(this.cellSource)));
  };
}

/** N of the period-N trend: the chosen N, within 1 … the last period of the triangle. */
export function clampPeriod(n: number, maxPeriod: number): number {
  return Math.max(1, Math.min(n, maxPeriod));
}
