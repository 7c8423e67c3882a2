import {
  defaultMigrationDates, migrationExportSql, migrationMatrixSql, migrationNameSql, migrationSummarySql, NEW_KEY, segmentMigration,
  type MigrationBy,
} from '../analyses/migration/migration-sql';
import type { Segment } from '../analyses/rfm/segments';
import type { TableSpec } from '../query/query-layer';
import { saveCsv } from '../export/download';
import { i18n } from '../i18n/i18n.svelte';
import type { AppState } from './app.svelte';
import { Loader } from './loader.svelte';
import { rfm, segmentLabel } from './rfm.svelte';

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
  table: TableSpec;
  cells: MigrationCell[];
  summary: { customers: number; staying: number; moving_up: number; moving_down: number; new: number };
}

/** Segment migration between two dates (RFM segments of the current scheme, or tiers), per the RFM settings. */
export class MigrationState {
  /** The dates as chosen; null: 90 days before the as-of date, and the as-of date. */
  from = $state<string | null>(null);
  to = $state<string | null>(null);
  by = $state<MigrationBy>('segment');
  /** The cell whose customers are listed. */
  cell = $state<{ from: string; to: string } | null>(null);
  readonly result: Loader<unknown, MigrationResult | { badDates: true }>;

  constructor(private app: AppState) {
    this.result = new Loader(
      () => (app.hasData && app.asOf && app.layer ? { v: app.version, dates: this.dates, by: this.by, rfm: rfm.options } : null),
      async ({ dates, by }, signal) => {
        if (dates.from >= dates.to) return { badDates: true as const };
        const { spec, axis } = segmentMigration(dates.from, dates.to, rfm.options, by);
        const [cells, summary] = await Promise.all([
          app.layer!.query({ sql: migrationMatrixSql(), tables: [spec] }, { signal }),
          app.layer!.query({ sql: migrationSummarySql(), tables: [spec] }, { signal }),
        ]);
        return { ...dates, by, axis, table: spec, cells: cells as unknown as MigrationCell[], summary: summary[0] as MigrationResult['summary'] };
      },
    );
  }

  get dates(): { from: string; to: string } {
    const d = defaultMigrationDates(this.app.asOf);
    return { from: this.from ?? d.from, to: this.to ?? d.to };
  }

  /** A key's display name: the segment's name in the UI language, the tier, or "(new)". */
  nameOf(key: string, r: Pick<MigrationResult, 'axis' | 'by'>): string {
    if (key === NEW_KEY) return i18n.t('migration.new');
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
