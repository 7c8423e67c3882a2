import type { Row } from '../db/db';
import { rfmExports, rfmRequests, type RfmRequests } from '../analyses/rfm/requests';
import type { DistributionBin } from '../analyses/rfm/distribution';
import { resolveSegments, type Segment } from '../analyses/rfm/segments';
import type { Measure, Range, Rule, ScoringMethod } from '../analyses/rfm/settings';
import type { SummaryRow } from '../analyses/rfm/summary';
import type { ScoreRange, SplitValues } from '../analyses/rfm/thresholds';
import type { QueryLayer, QueryRequest } from '../query/query-layer';
import { saveCsv } from '../export/download';
import { i18n } from '../i18n/i18n.svelte';
import type { AppState } from './app.svelte';
import { Loader } from './loader.svelte';
import { segmentLabel, type RfmState } from './rfm.svelte';

/** One tier's row (see `tierSummarySql`). */
export interface TierRow extends Row {
  tier: 'A' | 'B' | 'C';
  customers: number;
  customer_share: number | null;
  revenue: number;
  revenue_share: number | null;
  min_monetary: number | null;
}

export interface ParetoPoint extends Row {
  customer_share: number;
  revenue_share: number;
}

/** The segment summary with the segments it was computed for and each one's first rule (none for "Others"). */
export interface SummaryData {
  rows: SummaryRow[];
  segments: Segment[];
  ruleOf: (Rule | undefined)[];
}

type Deps = { layer: QueryLayer; requests: RfmRequests; rules: Rule[]; method: ScoringMethod };

/**
 * The RFM view's figures for the as-of date, data version and RFM settings, each read through the query layer from
 * `rfm_customers` (which the layer builds once per setting, after `rfm_measures`): nothing here depends on the
 * display language, which names the segments at render and in the exports' bound parameters.
 */
export class RfmData {
  /** The segment key the customer table is filtered to, or null for all. */
  segmentFilter = $state<string | null>(null);

  private readonly requests = $derived.by(() => (this.app.asOf ? rfmRequests(this.app.asOf, this.rfm.options) : null));

  readonly summary: Loader<Deps, SummaryData>;
  readonly ranges: Loader<Deps, { ranges: ScoreRange[]; method: ScoringMethod }>;
  readonly split: Loader<Deps, SplitValues>;
  readonly heatmap: Loader<Deps, { rows: Row[]; levels: Record<Measure, Range> }>;
  readonly distribution: Loader<Deps, DistributionBin[]>;
  readonly pareto: Loader<Deps, ParetoPoint[]>;
  readonly tiers: Loader<Deps, TierRow[]>;

  constructor(
    private app: AppState,
    readonly rfm: RfmState,
  ) {
    const deps = (): Deps | null => {
      const requests = this.requests;
      if (!app.hasData || !app.layer || !requests) return null;
      void app.version;
      return { layer: app.layer, requests, rules: this.rfm.rules, method: this.rfm.method };
    };
    const read = <T>(pick: (r: RfmRequests) => QueryRequest) => (d: Deps, signal: AbortSignal) => d.layer.query(pick(d.requests), { signal }) as Promise<T[]>;
    this.summary = new Loader(deps, async (d, signal) => {
      const { ruleSegment } = resolveSegments(d.rules);
      return {
        rows: await read<SummaryRow>((r) => r.summary)(d, signal),
        segments: d.requests.segments,
        ruleOf: d.requests.segments.map((s) => d.rules[ruleSegment.indexOf(s.order)]),
      };
    });
    this.ranges = new Loader(deps, async (d, signal) => ({ ranges: await read<ScoreRange & Row>((r) => r.ranges)(d, signal), method: d.method }));
    this.split = new Loader(deps, async (d, signal) => (await read<SplitValues & Row>((r) => r.split)(d, signal))[0]);
    this.heatmap = new Loader(deps, async (d, signal) => ({ rows: await read<Row>((r) => r.heatmap)(d, signal), levels: d.requests.levels }));
    this.distribution = new Loader(deps, read<DistributionBin & Row>((r) => r.distribution));
    this.pareto = new Loader(deps, read<ParetoPoint>((r) => r.pareto));
    this.tiers = new Loader(deps, read<TierRow>((r) => r.tiers));

    // A segment that no longer exists (the scheme changed) stops filtering the customer table.
    $effect(() => {
      const segments = this.requests?.segments;
      if (this.segmentFilter && segments && !segments.some((s) => s.key === this.segmentFilter)) this.segmentFilter = null;
    });
  }

  private get loaders() {
    return [this.summary, this.ranges, this.split, this.heatmap, this.distribution, this.pareto, this.tiers];
  }

  /** Every figure is there for the current settings. */
  get ready(): boolean {
    return this.loaders.every((l) => l.value !== undefined && !l.loading);
  }

  get loading(): boolean {
    return this.loaders.some((l) => l.loading);
  }

  get error(): string | null {
    return this.loaders.find((l) => l.error)?.error ?? null;
  }

  /** The customer table's source: `rfm_customers` for the current settings. */
  get table() {
    return this.requests?.table ?? null;
  }

  /** The current segments, in order. */
  get segments(): Segment[] {
    return this.requests?.segments ?? [];
  }

  /** The statements behind the figures, for the "Show SQL" panel. */
  get statements(): { title: string; sql: string }[] {
    const r = this.requests;
    if (!r) return [];
    const built = (spec: RfmRequests['table']) => (Array.isArray(spec.build) ? spec.build.map((s) => s.sql).join(';\n') : '');
    const t = i18n.t;
    return [
      { title: 'rfm_measures', sql: built(r.table.deps![0].deps![0]) },
      { title: 'rfm_scores', sql: built(r.table.deps![0]) },
      { title: 'rfm_customers', sql: built(r.table) },
      { title: t('rfm.summary.title'), sql: r.summary.sql },
      { title: t('rfm.ranges.title'), sql: r.ranges.sql },
      { title: t('rfm.chart.heatmap'), sql: r.heatmap.sql },
      { title: t('rfm.chart.distribution'), sql: r.distribution.sql },
      { title: t('rfm.chart.pareto'), sql: r.pareto.sql },
      { title: t('rfm.tiers.title'), sql: r.tiers.sql },
      { title: 'rfm.csv', sql: this.exports()?.rfm.sql ?? '' },
    ];
  }

  /** The exports for the current settings, the segment names in the UI language. */
  private exports() {
    const r = this.requests;
    return r ? rfmExports(r, r.segments.map(segmentLabel)) : null;
  }

  private async save(name: string, req: QueryRequest | undefined): Promise<void> {
    if (!req || !this.app.layer) return;
    saveCsv(name, await this.app.layer.exportCsv(req));
  }

  /** `rfm.csv`. */
  download = (): Promise<void> => this.save('rfm.csv', this.exports()?.rfm);

  /** `rfm_segments.csv`. */
  downloadSummary = (): Promise<void> => this.save('rfm_segments.csv', this.exports()?.segments);

  /** `rfm_segment_<key>.csv`: one segment's customers. */
  downloadSegment = (key: string): Promise<void> => this.save(`rfm_segment_${key}.csv`, this.exports()?.segment(key));
}
