import type { Row } from '../db/db';
import { surveyQualitySql } from '../ingest/survey-sql';
import { saveCsv } from '../export/download';
import type { AppState } from './app.svelte';
import { Loader } from './loader.svelte';

export interface SurveyQuality extends Row {
  file_index: number;
  rows_read: number;
  responses: number;
  rejected_responses: number;
  rejected_answers: number;
  first_date: string | null;
  last_date: string | null;
  respondents: number;
}

/** The rejected rows and answers of the survey files, first lines first (what the Data view lists). */
export const SURVEY_REJECTS_SQL = `SELECT f.source_file, r.line, r.reason, r.column_name, r.value
FROM survey_rejects r JOIN survey_files f USING (file_index) ORDER BY f.file_index, r.line, r.column_name`;

/** The Data view's survey part: per file what was read, kept and rejected. */
export class SurveyDataState {
  readonly report: Loader<{ v: number }, { files: SurveyQuality[]; rejects: Row[] }>;

  constructor(private app: AppState) {
    this.report = new Loader(
      () => (app.hasSurvey && app.layer ? { v: app.version } : null),
      async (_d, signal) => {
        const [files, rejects] = await Promise.all([
          app.layer!.query<SurveyQuality>({ sql: surveyQualitySql() }, { signal }),
          app.layer!.query({ sql: `${SURVEY_REJECTS_SQL} LIMIT 50` }, { signal }),
        ]);
        return { files, rejects };
      },
    );
  }

  downloadRejected = async (): Promise<void> => {
    saveCsv('survey_rejected_rows.csv', await this.app.layer!.exportCsv({ sql: SURVEY_REJECTS_SQL }));
  };
}
