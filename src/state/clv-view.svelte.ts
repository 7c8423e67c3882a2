import type { Row } from '../db/db';
import { acquisitionChannelsSql, cacParams, clvCacExportSql, clvCacSql, type CacGrouping, type CacInput } from '../analyses/clv/cac-sql';
import type { GridCell, ParetoFit } from '../analyses/clv/compute';
import { historicalClvSql } from '../analyses/clv/historical-sql';
import { clvExportRequest, type ClvRun } from '../analyses/clv/model';
import { clvBySegmentSql, clvDistributionSql, clvTotalsSql, topCustomersSource } from '../analyses/clv/report-sql';
import { clvSummary } from '../analyses/clv/tables';
import { customerFacts } from '../model/customer-facts';
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

/** A row of CLV : CAC by acquiring channel or acquisition cohort (see `clvCacSql`). */
export interface CacRow extends Row {
  group_key: string | null;
  is_total: boolean;
  customers: number;
  value_to_date: number | null;
  predicted_clv: number | null;
  clv: number | null;
  cac: number | null;
  customers_with_cac: number;
  total_clv: number | null;
  total_cac: number | null;
  clv_cac_ratio: number | null;
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
  /** The Pareto/NBD fit of `run` (in the second worker, after Gamma-Gamma). */
  readonly pareto: Loader<{ run: ClvRun }, { run: ClvRun; fit: ParetoFit }>;
  readonly scored: Loader<{ run: ClvRun; horizonMonths: number; monthlyDiscount: number; model: ClvState['model']; pareto: ParetoFit | null }, ClvScore>;
  readonly totals: Loader<{ score: ClvScore; margin: number }, ClvTotals>;
  /** `rfm_customers` for the as-of date and the RFM settings, and whether it could be built. */
  readonly rfmTable: Loader<{ spec: TableSpec }, { spec: TableSpec; built: boolean }>;
  readonly historical: Loader<{ run: ClvRun; margin: number; yearly: number; segments: TableSpec | null }, HistoricalRow[]>;
  readonly distribution: Loader<{ score: ClvScore; margin: number }, DistributionBin[]>;
  readonly segments: Loader<{ score: ClvScore; margin: number; segments: TableSpec }, SegmentRow[]>;
  readonly grid: Loader<{ score: ClvScore; horizonMonths: number }, { cells: GridCell[]; T: number }>;
  readonly validation: Loader<{ run: ClvRun; pareto: ParetoFit | null }, Validation>;
  /** Acquiring channels (the channel of each customer's first purchase) with their customers. */
  readonly channels: Loader<{ asOf: string; v: number }, { channel: string; customers: number }[]>;
  /** CLV : CAC by channel and by cohort for the scoring, margin and typed costs. */
  readonly cac: Loader<{ score: ClvScore; margin: number; input: CacInput }, { channel: CacRow[]; cohort: CacRow[] }>;
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
    this.pareto = new Loader(
      () => (this.run && this.run.data.customers > 0 ? { run: this.run } : null),
      async ({ run }, signal) => ({ run, fit: await clv.fitPareto(layer(), run, { signal }) }),
    );
    this.scored = new Loader(
      () => {
        const run = this.run;
        if (!run || !canPredict(run)) return null;
        const model = clv.model;
        // Pareto/NBD predicts once fitted; BG/NBD does not wait for it.
        const pareto = model === 'pnbd' ? this.paretoFit : null;
        if (model === 'pnbd' && !pareto) return null;
        return { run, horizonMonths: clv.horizon, monthlyDiscount: clv.discount, model, pareto };
      },
      ({ run, pareto, ...settings }, signal) => clv.score(layer(), run, settings, { signal, pareto }),
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
      () => (this.score ? { score: this.score, horizonMonths: clv.horizon } : null),
      ({ score, horizonMonths }, signal) => clv.grid(layer(), score.run, score.model, horizonMonths, GRID_STEPS, { signal }),
    );
    this.validation = new Loader(
      () => {
        const run = this.run;
        // Both models are compared: wait for Pareto/NBD (a failed fit leaves BG/NBD alone).
        if (!run || !canPredict(run) || this.pareto.loading || (!this.paretoFit && !this.pareto.error)) return null;
        return { run, pareto: this.paretoFit };
      },
      ({ run, pareto }, signal) => clv.validation(layer(), run, pareto, { signal }),
    );
    this.channels = new Loader(
      () => (this.run ? { asOf: this.run.data.asOf, v: app.version } : null),
      ({ asOf }, signal) => layer().query<{ channel: string; customers: number }>({ sql: acquisitionChannelsSql(), tables: [customerFacts(asOf)] }, { signal }),
    );
    this.cac = new Loader(
      () => (this.score ? { score: this.score, margin: clv.marginRate, input: clv.cacInput } : null),
      async ({ score, margin, input }, signal) => {
        const params = cacParams(margin, input);
        const pairs = (params.length - 2) / 2;
        const read = (by: CacGrouping) => layer().query<CacRow>({ sql: clvCacSql(by, pairs), params, tables: [score.table] }, { signal });
        const [channel, cohort] = await Promise.all([read('channel'), read('cohort')]);
        return { channel, cohort };
      },
    );
  }

  /** The Pareto/NBD fit of the current run, once in; null before. */
  get paretoFit(): ParetoFit | null {
    const run = this.run;
    const loaded = this.pareto.value;
    return run && !this.pareto.loading && loaded?.run === run ? loaded.fit : null;
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
    return score.key.horizonMonths === this.clv.horizon && score.key.monthlyDiscount === this.clv.discount && score.key.model === this.clv.model ? score : null;
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
    const loaders = [this.totals, this.historical, this.distribution, this.grid, this.validation, this.rfmTable, this.pareto, this.channels, this.cac];
    return (
      !!this.score &&
      !!this.totals.value &&
      !!(this.validation.value || this.validation.error) &&
      loaders.every((l) => !l.loading) &&
      (!this.segmentsTable || !this.segments.loading)
    );
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

  /** `clv_cac.csv`: CLV : CAC by channel and by cohort for the current scoring, margin and costs. */
  downloadCac = async (): Promise<void> => {
    const score = this.score;
    if (!score) return;
    const params = cacParams(this.clv.marginRate, this.clv.cacInput);
    saveCsv('clv_cac.csv', await this.app.layer!.exportCsv({ sql: clvCacExportSql((params.length - 2) / 2), params, tables: [score.table] }));
  };

  /** `clv.csv` for the current scoring and margin. */
  download = async (): Promise<void> => {
    const score = this.score;
    if (!score) return;
    saveCsv('clv.csv', await this.app.layer!.exportCsv(clvExportRequest(score.table, this.clv.marginRate)));
  };
}
