import type { QueryRequest, TableSpec } from '../../query/query-layer';
import { distributionSql } from './distribution';
import { RFM_MEASURES, RFM_SCORES, rfmCustomers, rfmExportSql, segmentCustomersExportSql, type RfmOptions } from './rfm-sql';
import { segmentNameSql, type Segment } from './segments';
import { scoreLevels, type Measure, type Range } from './settings';
import { heatmapSql, segmentSummaryExportSql, segmentSummarySql } from './summary';
import { scoreRangesSql, splitValuesSql } from './thresholds';
import { paretoSql, tierSummarySql } from './tiers';

/**
 * The RFM view's reads for an as-of date and settings, each declaring the narrowest table it needs (the layer builds
 * it first): the measures' figures read `rfm_measures`, the scores' `rfm_scores`, the segments' and tiers'
 * `rfm_customers`. So a new scheme asks again only for what it changes, and the other figures come from the cache.
 */
export interface RfmRequests {
  table: TableSpec;
  segments: Segment[];
  levels: Record<Measure, Range>;
  summary: QueryRequest;
  ranges: QueryRequest;
  split: QueryRequest;
  heatmap: QueryRequest;
  distribution: QueryRequest;
  pareto: QueryRequest;
  tiers: QueryRequest;
}

/** The requests for `asOf` and `options`; `table` is `rfm_customers` and `segments` its segments, in order. */
export function rfmRequests(asOf: string, options: RfmOptions): RfmRequests {
  const { spec: table, segments } = rfmCustomers(asOf, options);
  const levels = scoreLevels(options.scoring);
  const tables = [table];
  const scores = table.deps![0]!;
  const measures = scores.deps![0]!;
  return {
    table,
    segments,
    levels,
    summary: { sql: segmentSummarySql(segments), tables },
    ranges: { sql: scoreRangesSql(levels, RFM_SCORES), tables: [scores] },
    split: { sql: splitValuesSql(RFM_MEASURES), tables: [measures] },
    heatmap: { sql: heatmapSql(RFM_SCORES), tables: [scores] },
    distribution: { sql: distributionSql(20, RFM_MEASURES), tables: [measures] },
    pareto: { sql: paretoSql(200, RFM_MEASURES), tables: [measures] },
    tiers: { sql: tierSummarySql(), tables },
  };
}

/**
 * The three exports, segment names (`names`, in `requests.segments` order, in the UI language) bound as parameters:
 * `rfm.csv`, `rfm_segments.csv` and one segment's `rfm_segment_<key>.csv`.
 */
export function rfmExports(requests: RfmRequests, names: readonly string[]): { rfm: QueryRequest; segments: QueryRequest; segment: (key: string) => QueryRequest } {
  const { segments, table } = requests;
  const tables = [table];
  return {
    rfm: { ...rfmExportSql(segmentNameSql(segments, names, 'segment_key', 1)), tables },
    segments: { ...segmentSummaryExportSql(segments, segmentNameSql(segments, names, 'segment_key', 1)), tables },
    segment: (key) => ({ ...segmentCustomersExportSql(key, segmentNameSql(segments, names, 'segment_key', 2)), tables }),
  };
}
