import type { Row } from '../db/db';
import type { GridCell } from '../analyses/clv/compute';
import { historicalClvSql } from '../analyses/clv/historical-sql';
import { clvExportRequest, type ClvRun } from '../analyses/clv/model';
import { clvBySegmentSql, clvDistributionSql, clvTotalsSql, topCustomersSource } from '../analyses/clv/report-sql';
import { clvSummary } from '../analyses/clv/tables';
import type { Validation } from '../analyses/clv/validation';
import { saveCsv } from '../export/download';
import { isSuperseded, type TableSpec } from '../query/query-layer';
import { stableKey } from '../query/stable-key';
import type { AppState } from './app.svelte';
import { canPredict, clv as sharedClv, type ClvScore, type ClvState } from './clv.svelte';
import { Loader } from './loader.svelte';
import type { PagedSource } from './paged.svelte';
import { rfm, segmentLabel } from './rfm.svelte';

export interface ClvTotals extends Row {
  customers: number;
  total_clv: number | null;
  mean_clv: number | null;
  median_clv: number | null;
  expected_purchases: number | null;
  mean_p_alive: number | null;
  without_clv: number;
}

export interface HistoricalRow extends Row {
  segment_key: string | null;
  customers: number;
  revenue: number;
  revenue_per_customer: number;
  yearly_revenue: number;
  lifetime_years: number;
  simple_clv: number;
  discounted_clv: number;
}

export interface SegmentRow extends Row {
  segment_key: string;
  customers: number;
  total_clv: number | null;
  mean_clv: number | null;
  mean_p_alive: number | null;
  mean_expected_purchases: number | null;
  revenue_per_customer: number | null;
}

export interface DistributionBin extends Row {
  bin_start: number;
  bin_end: number;
  customers: number;
  clipped: number;
}

/** A shared table's identity: its name, key and its dependencies' (the data version aside). */
function tableKey(spec: TableSpec): string {
  const parts = (t: TableSpec): unknown => [t.name, t.key, (t.deps ?? []).map(parts)];
  return stableKey(parts(spec));
}

/** Bins of the CLV histogram; steps of the frequency × recency grid. */
const BINS = 40;
const GRID_STEPS = 20;

/**
 * The CLV view's data through the query layer: the fit (as-of date, unit), the scoring (and the horizon and
 * discount), and the figures read from them. The margin enters only the queries that show a CLV; the display
 * language none (segment names are given at render by `segmentName`).
 */
export class ClvViewState {
  readonly model: Loader<{ asOf: string; v: number; unit: ClvState['unit'] }, { run: ClvRun; v: number }>;
  readonly scored: Loader<{ run: ClvRun; horizonMonths: number; monthlyDiscount: number }, ClvScore>;
  readonly totals: Loader<{ score: ClvScore; margin: number }, ClvTotals>;
  /** `rfm_customers` for the as-of date and the RFM settings, and whether it could be built. */
  readonly rfmTable: Loader<{ spec: TableSpec }, { spec: TableSpec; built: boolean }>;
  readonly historical: Loader<{ run: ClvRun; margin: number; yearly: number; segments: TableSpec | null }, HistoricalRow[]>;
  readonly distribution: Loader<{ score: ClvScore; margin: number }, DistributionBin[]>;
  readonly segments: Loader<{ score: ClvScore; margin: number; segments: TableSpec }, SegmentRow[]>;
  readonly grid: Loader<{ run: ClvRun; horizonMonths: number }, { cells: GridCell[]; T: number }>;
  readonly validation: Loader<{ score: ClvScore }, Validation>;
  /** The top customers table's segment filter (a segment key). */
  segment = $state<string | null>(null);

  constructor(
    private app: AppState,
    readonly clv: ClvState = sharedClv,
  ) {
    const layer = () => app.layer!;
    this.model = new Loader(
      () => (app.hasData && app.asOf && app.layer ? { asOf: app.asOf, v: app.version, unit: clv.unit } : null),
      async ({ asOf, v, unit }, signal) => ({ run: await clv.fit(layer(), asOf, unit, { signal }), v }),
    );
    this.scored = new Loader(
      () => {
        const run = this.run;
        return run && canPredict(run) ? { run, horizonMonths: clv.horizon, monthlyDiscount: clv.discount } : null;
      },
      ({ run, ...settings }, signal) => clv.score(layer(), run, settings, { signal }),
    );
    this.totals = new Loader(
      () => (this.score ? { score: this.score, margin: clv.marginRate } : null),
      async ({ score, margin }, signal) => (await layer().query<ClvTotals>({ sql: clvTotalsSql(), params: [margin], tables: [score.table] }, { signal }))[0],
    );
    this.rfmTable = new Loader(
      () => (this.run ? { spec: rfm.table(this.run.data.asOf) } : null),
      async ({ spec }, signal) => {
        try {
          await layer().ensure([spec], { signal });
          return { spec, built: true };
        } catch (e) {
          // Without RFM segments (their rules cannot be built) the CLV figures still stand.
          if (isSuperseded(e)) throw e;
          return { spec, built: false };
        }
      },
    );
    this.historical = new Loader(
      () => {
        const run = this.run;
        const segments = this.segmentsTable;
        if (!run || segments === undefined) return null;
        return { run, margin: clv.marginRate, yearly: (1 + clv.discount) ** 12 - 1, segments };
      },
      async ({ run, margin, yearly, segments }, signal) => {
        const summary = clvSummary(run.data.asOf, run.data.unit);
        return layer().query<HistoricalRow>(
          { sql: historicalClvSql(!!segments), params: [run.data.asOf, margin, yearly], tables: segments ? [summary, segments] : [summary] },
          { signal },
        );
      },
    );
    this.distribution = new Loader(
      () => (this.score ? { score: this.score, margin: clv.marginRate } : null),
      ({ score, margin }, signal) => layer().query<DistributionBin>({ sql: clvDistributionSql(), params: [margin, BINS], tables: [score.table] }, { signal }),
    );
    this.segments = new Loader(
      () => {
        const segments = this.segmentsTable;
        return this.score && segments ? { score: this.score, margin: clv.marginRate, segments } : null;
      },
      ({ score, margin, segments }, signal) =>
        layer().query<SegmentRow>({ sql: clvBySegmentSql(), params: [margin], tables: [score.table, segments] }, { signal }),
    );
    this.grid = new Loader(
      () => (this.run && canPredict(this.run) ? { run: this.run, horizonMonths: clv.horizon } : null),
      ({ run, horizonMonths }, signal) => clv.grid(layer(), run, horizonMonths, GRID_STEPS, { signal }),
    );
    this.validation = new Loader(
      () => (this.score ? { score: this.score } : null),
      ({ score }, signal) => clv.validation(layer(), score, { signal }),
    );
  }

  /** The fit for the current data, as-of date and unit; null while it loads. */
  get run(): ClvRun | null {
    const fit = this.model.value;
    if (!fit || this.model.loading || fit.v !== this.app.version) return null;
    return fit.run.data.asOf === this.app.asOf && fit.run.data.unit === this.clv.unit ? fit.run : null;
  }

  /** The scoring of `run` for the current horizon and discount; null while it loads. */
  get score(): ClvScore | null {
    const score = this.scored.value;
    const run = this.run;
    if (!score || !run || this.scored.loading || score.run !== run) return null;
    return score.key.horizonMonths === this.clv.horizon && score.key.monthlyDiscount === this.clv.discount ? score : null;
  }

  /** `rfm_customers` once built for the as-of date and RFM settings, null without segments, undefined until known. */
  get segmentsTable(): TableSpec | null | undefined {
    const loaded = this.rfmTable.value;
    const run = this.run;
    if (!loaded || !run || this.rfmTable.loading || tableKey(loaded.spec) !== tableKey(rfm.table(run.data.asOf))) return undefined;
    return loaded.built ? loaded.spec : null;
  }

  /** Every figure is in for the current settings. */
  get ready(): boolean {
    const loaders = [this.totals, this.historical, this.distribution, this.grid, this.validation, this.rfmTable];
    return !!this.score && !!this.totals.value && loaders.every((l) => !l.loading) && (!this.segmentsTable || !this.segments.loading);
  }

  /** A segment key's name in the UI language (the key itself for a segment the RFM settings no longer have). */
  segmentName = (key: string): string => {
    const segment = rfm.segments.find((s) => s.key === key);
    return segment ? segmentLabel(segment) : key;
  };

  /** The top customers table: the scoring at the current margin, with RFM segments when they could be built. */
  get topCustomers(): PagedSource | null {
    const score = this.score;
    const segments = this.segmentsTable;
    if (!score || segments === undefined) return null;
    return {
      source: topCustomersSource(!!segments),
      params: [this.clv.marginRate],
      tables: segments ? [score.table, segments] : [score.table],
      filters: segments ? { segment_key: this.segment } : {},
      searchColumn: 'customer_id',
      unique: ['customer_id'],
    };
  }

  /** `clv.csv` for the current scoring and margin. */
  download = async (): Promise<void> => {
    const score = this.score;
    if (!score) return;
    saveCsv('clv.csv', await this.app.layer!.exportCsv(clvExportRequest(score.table, this.clv.marginRate)));
  };
}
