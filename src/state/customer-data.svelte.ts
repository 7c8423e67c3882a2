import type { Row } from '../db/db';
import type { AppState } from './app.svelte';
import { Loader } from './loader.svelte';

/** The Data view's customer-file part: the files and the repeated ids with their lines. */
export class CustomerDataState {
  readonly report: Loader<{ v: number }, { files: Row[]; duplicates: Row[] }>;

  constructor(app: AppState) {
    this.report = new Loader(
      () => (app.hasCustomers && app.layer ? { v: app.version } : null),
      async (_d, signal) => {
        const q = (sql: string) => app.layer!.query<Row>({ sql }, { signal });
        const [files, duplicates] = await Promise.all([
          q(`SELECT f.source_file, f.file_index, (SELECT count(*) FROM customer_profile) AS customers FROM customer_files f ORDER BY f.file_index`),
          q(`SELECT f.source_file, d.line, d.customer_id, d.kept_line FROM customer_duplicates d JOIN customer_files f USING (file_index) ORDER BY d.file_index, d.line LIMIT 50`),
        ]);
        return { files, duplicates };
      },
    );
  }
}
