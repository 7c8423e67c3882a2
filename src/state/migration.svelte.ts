import {
  defaultMigrationDates, migrationExportSql, migrationMatrixSql, migrationNameSql, migrationSummarySql, NEW_KEY, segmentMigration,
  type MigrationBy,
} from '../analyses/migration/migration-sql';
import type { Segment } from '../analyses/rfm/segments';
import type { ClusterModel } from '../analyses/segments/clusters-sql';
import type { TableSpec } from '../query/query-layer';
import { saveCsv } from '../export/download';
import { i18n } from '../i18n/i18n.svelte';
import type { AppState } from './app.svelte';
import { Loader } from './loader.svelte';
import { rfm, segmentLabel } from './rfm.svelte';
import { clusterName, currentClusters, fitCustomerClusters, type ClusterCode } from './cluster-model.svelte';

export interface MigrationCell {
  from_key: string;
  to_key: string;
  customers: number;
  share_of_from: number;
}

export interface MigrationResult {
  from: string;
  to: string;
  by: MigrationBy;
  axis: readonly Segment[];
  /** By cluster: the automatic name's parts of cluster n at n − 1. */
  codes: readonly ClusterCode[];
  table: TableSpec;
  /** The statement behind `table`. */
  sql: string;
  cells: MigrationCell[];
  summary: { customers: number; staying: number; moving_up: number; moving_down: number; new: number };
}

class MigrationSettings {
  /** The dates as chosen; null: 90 days before the as-of date, and the as-of date. */
  from = $state<string | null>(null);
  to = $state<string | null>(null);
  by = $state<MigrationBy>('segment');
}

/** The Migration view's settings, kept across tab switches. */
export const migration = new MigrationSettings();

/**
 * Segment migration between two dates: RFM segments of the current scheme or tiers (per the RFM settings), or the
 * k-means clusters fitted at the as-of date (the Segments view's, else the silhouette's k), applied at both dates.
 */
export class MigrationState {
  /** The cell whose customers are listed. */
  cell = $state<{ from: string; to: string } | null>(null);
  readonly result: Loader<unknown, MigrationResult | { badDates: true }>;

  constructor(private app: AppState) {
    this.result = new Loader(
      () => (app.hasData && app.asOf && app.layer
        ? { v: app.version, asOf: app.asOf, dates: this.dates, by: migration.by, rfm: rfm.options, clusters: migration.by === 'cluster' ? currentClusters(app.version, app.asOf)?.model ?? null : null }
        : null),
      // `clusters` in the key: a refit in the Segments view (another k) reloads the migration.
      async ({ asOf, dates, by }, signal) => {
        if (dates.from >= dates.to) return { badDates: true as const };
        let codes: readonly ClusterCode[] = [];
        let model: ClusterModel | undefined;
        if (by === 'cluster') {
          const fitted = currentClusters(app.version, asOf) ?? await fitCustomerClusters(app.layer!, asOf, null, signal);
          model = fitted.model;
          codes = fitted.codes;
        }
        const { spec, axis, sql } = segmentMigration(dates.from, dates.to, rfm.options, by, model);
        const [cells, summary] = await Promise.all([
          app.layer!.query({ sql: migrationMatrixSql(), tables: [spec] }, { signal }),
          app.layer!.query({ sql: migrationSummarySql(), tables: [spec] }, { signal }),
        ]);
        return { ...dates, by, axis, codes, table: spec, sql, cells: cells as unknown as MigrationCell[], summary: summary[0] as MigrationResult['summary'] };
      },
    );
  }

  get dates(): { from: string; to: string } {
    const d = defaultMigrationDates(this.app.asOf);
    return { from: migration.from ?? d.from, to: migration.to ?? d.to };
  }

  /** A key's display name: the segment's name in the UI language, the tier, the cluster's name, or "(new)". */
  nameOf(key: string, r: Pick<MigrationResult, 'axis' | 'by' | 'codes'>): string {
    if (key === NEW_KEY) return i18n.t('migration.new');
    if (r.by === 'cluster') return `${key} · ${clusterName(Number(key), r.codes[Number(key) - 1])}`;
    const s = r.axis.find((x) => x.key === key);
    return s && r.by === 'segment' ? segmentLabel(s) : key;
  }

  download = async (): Promise<void> => {
    const r = this.result.value;
    if (!r || 'badDates' in r) return;
    const names = migrationNameSql(r.axis, r.axis.map((s) => this.nameOf(s.key, r)));
    const q = migrationExportSql(names.from, names.to);
    saveCsv('segment_migration.csv', await this.app.layer!.exportCsv({ sql: q.sql, params: q.params, tables: [r.table] }));
  };
}
