import type { Row } from '../db/db';
import { eventQualitySql } from '../ingest/event-sql';
import { saveCsv } from '../export/download';
import type { AppState } from './app.svelte';
import { Loader } from './loader.svelte';

/** The rejected lines of the event logs, first lines first. */
export const EVENT_REJECTS_SQL = `SELECT f.source_file, r.line, r.reason, r.value
FROM event_rejects r JOIN event_files f USING (file_index) ORDER BY f.file_index, r.line`;

/** The Data view's event part: per file what was read, kept and rejected, and the event types seen. */
export class EventDataState {
  readonly report: Loader<{ v: number }, { files: Row[]; rejects: Row[]; types: Row[] }>;

  constructor(private app: AppState) {
    this.report = new Loader(
      () => (app.hasEvents && app.layer ? { v: app.version } : null),
      async (_d, signal) => {
        const q = (sql: string) => app.layer!.query({ sql }, { signal });
        const [files, rejects, types] = await Promise.all([
          q(eventQualitySql()),
          q(`${EVENT_REJECTS_SQL} LIMIT 50`),
          q('SELECT event_type, event_role, count(*) AS events, count(DISTINCT user_id) AS users FROM events GROUP BY ALL ORDER BY events DESC, event_type LIMIT 200'),
        ]);
        return { files, rejects, types };
      },
    );
  }

  downloadRejected = async (): Promise<void> => {
    saveCsv('event_rejected_rows.csv', await this.app.layer!.exportCsv({ sql: EVENT_REJECTS_SQL }));
  };
}
