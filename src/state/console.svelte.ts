import type { Row } from '../db/db';
import { savedSettings } from '../workspace/saved-settings.svelte';
import { refusal, SCHEMA_SQL, type Refusal } from '../analyses/console/guard';
import { saveCsv } from '../export/download';
import type { AppState } from './app.svelte';
import { Loader } from './loader.svelte';

/** A statement the console accepted: the paged source of its result and its columns. */
export interface ConsoleResult {
  sql: string;
  /** The statement as a paged table's source; a run number keeps each run's pages apart in the query layer. */
  source: string;
  columns: { name: string; type: string }[];
}

export interface SchemaTable {
  name: string;
  columns: { name: string; type: string }[];
}

/** How many statements the history keeps. */
const HISTORY = 20;

/** The SQL console: read-only statements over the model's tables, checked by `refusal` before they run. */
export class ConsoleState {
  text = $state('');
  result = $state.raw<ConsoleResult | null>(null);
  refused = $state.raw<Refusal | null>(null);
  /** DuckDB's message when an accepted statement failed (an unknown column …). */
  failure = $state<string | null>(null);
  running = $state(false);
  /** Statements that ran, latest first (kept in the saved workspace). */
  history = $state<string[]>([]);
  readonly schema: Loader<{ v: number }, SchemaTable[]>;
  private runs = 0;

  constructor(private app: AppState) {
    savedSettings.bind('console', this, ['history']);
    this.schema = new Loader(
      // Read while the console is on screen only: this state outlives the tab, and the schema is no other view's.
      () => (app.tab === 'sql' && (app.hasData || app.hasSurvey || app.hasEvents) && app.layer ? { v: app.version } : null),
      async (_d, signal) => groupSchema(await app.layer!.query({ sql: SCHEMA_SQL }, { signal })),
    );
  }

  /** Checks the statement in the editor and, if it may run, shows its result. */
  run = async (): Promise<void> => {
    const layer = this.app.layer;
    if (!layer) return;
    const sql = this.text.trim().replace(/;\s*$/, '');
    this.failure = null;
    this.refused = null;
    this.running = true;
    try {
      const tables = groupSchema(await layer.query({ sql: SCHEMA_SQL }));
      const why = refusal(sql, new Set(tables.map((t) => t.name)));
      if (why) {
        this.refused = why;
        return;
      }
      const run = ++this.runs;
      const described = await layer.query<{ column_name: string; column_type: string }>({ sql: `DESCRIBE ${sql}\n-- run ${run}` });
      this.result = { sql, source: `(${sql}\n-- run ${run}\n)`, columns: described.map((c) => ({ name: c.column_name, type: c.column_type })) };
      this.history = [sql, ...this.history.filter((h) => h !== sql)].slice(0, HISTORY);
    } catch (e) {
      this.failure = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    } finally {
      this.running = false;
    }
  };

  /** Opens a statement in the editor (from a view's "Show SQL"). */
  open(sql: string): void {
    this.text = sql;
    this.refused = null;
    this.failure = null;
  }

  /** `query.csv`: every row of the result shown. */
  download = async (): Promise<void> => {
    if (this.result) saveCsv('query.csv', await this.app.layer!.exportCsv({ sql: this.result.sql }));
  };
}

function groupSchema(rows: Row[]): SchemaTable[] {
  const tables = new Map<string, SchemaTable>();
  for (const r of rows) {
    const name = String(r.table_name);
    if (!tables.has(name)) tables.set(name, { name, columns: [] });
    tables.get(name)!.columns.push({ name: String(r.column_name), type: String(r.data_type) });
  }
  return [...tables.values()];
}
