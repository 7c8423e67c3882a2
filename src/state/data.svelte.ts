import type { Row } from '../db/db';
import { modelSummarySql, qualityByFileSql, rejectExportSql, rejectReasonsSql, rejectSampleSql } from '../analyses/quality';
import { saveCsv } from '../export/download';
import type { AppState } from './app.svelte';
import { Loader } from './loader.svelte';
import type { StagedFile } from '../ingest/loader';

export interface FileQuality extends Row {
  file_index: number;
  source_file: string;
  rows_read: number;
  rows_rejected: number;
  duplicate_rows: number;
  rows_loaded: number;
  returns: number;
  customers: number | null;
  orders: number | null;
  first_date: string | null;
  last_date: string | null;
}
export interface Reason extends Row { source_file: string; reason: string; rows: number; first_line: number }
export interface Reject extends Row {
  source_file: string;
  line: number;
  reason: string;
  customer_id: string | null;
  date_text: string | null;
  amount_text: string | null;
  detail: string | null;
}
export interface ModelSummary extends Row {
  purchases: number;
  returns: number;
  zero_orders: number;
  returned_amount: number;
  return_only_customers: number;
}

/** The loaded files whose customer ids are floats (`12347.0`) and are read one way (`convert` or `keep`), with an id. */
export interface FloatIdNote {
  files: string;
  /** One id as written in the file (`12347.0`) and as read when converted (`12347`). */
  example: string;
  converted: string;
}

export function floatIdNote(files: readonly StagedFile[], choice: 'convert' | 'keep'): FloatIdNote | null {
  const chosen = files.filter((f) => f.floatIds === choice);
  if (chosen.length === 0) return null;
  const f = chosen[0];
  const i = f.headers.indexOf(f.mapping.customer_id ?? '');
  const example = f.sample.map((row) => row[i]?.trim() ?? '').find((v) => v !== '') ?? '';
  return { files: chosen.map((x) => `“${x.name}”`).join(', '), example, converted: example.replace(/\.0+$/, '') };
}

/** The Data view's quality report for the data version, through the query layer. */
export class DataState {
  readonly report: Loader<number, { files: FileQuality[]; reasons: Reason[]; sample: Reject[]; model: ModelSummary }>;

  constructor(private app: AppState) {
    this.report = new Loader(
      () => (app.hasData ? app.version : null),
      async (_v, signal) => {
        const layer = app.layer!;
        const [files, reasons, sample, [model]] = await Promise.all([
          layer.query<FileQuality>({ sql: qualityByFileSql() }, { signal }),
          layer.query<Reason>({ sql: rejectReasonsSql() }, { signal }),
          layer.query<Reject>({ sql: rejectSampleSql(50) }, { signal }),
          layer.query<ModelSummary>({ sql: modelSummarySql() }, { signal }),
        ]);
        return { files, reasons, sample, model };
      },
    );
  }

  /** `rejected_rows.csv`. */
  downloadRejected = async (): Promise<void> => {
    saveCsv('rejected_rows.csv', await this.app.layer!.exportCsv({ sql: rejectExportSql() }));
  };
}
