import { execSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { readFileSync } from 'node:fs';

export interface StepTiming {
  step: string;
  /** Milliseconds in the browser for this step alone. */
  browserMs: number | null;
  /** Milliseconds from the file chosen to this step done, in the browser. */
  browserSinceFileMs: number | null;
  nativeMs: number | null;
  note?: string;
}

export interface SizeResult {
  rows: number;
  fileBytes: number;
  customers: number;
  dbStartMs: number;
  pageLoadMs: number;
  steps: StepTiming[];
  duckdbMemoryBytes: number | null;
  rendererPeakBytes: number | null;
  /** Main-thread tasks over 50 ms seen from choosing the file to the end. */
  longTasks?: { count: number; maxMs: number; over100: number };
  /** Plain native DuckDB doing the core path as an analyst would (see `anchor.ts`). */
  anchor?: { steps: Record<string, number>; totalMs: number };
  /** Date, machine and versions of the run that measured this size. */
  env?: Record<string, string>;
}

function version(pkg: string): string {
  return JSON.parse(readFileSync(new URL(`../node_modules/${pkg}/package.json`, import.meta.url), 'utf8')).version;
}

function gitCommit(): string {
  try {
    const sha = execSync('git rev-parse --short HEAD').toString().trim();
    const dirty = execSync('git status --porcelain --untracked-files=no').toString().trim() !== '';
    return dirty ? `${sha} (with uncommitted changes)` : sha;
  } catch {
    return 'unknown';
  }
}

export function environment(): Record<string, string> {
  let chromium = 'unknown';
  try {
    chromium = execSync(`${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'} --version`).toString().trim();
  } catch {
    // not installed
  }
  return {
    date: new Date().toISOString().slice(0, 10),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 1024 ** 3).toFixed(0)} GB`,
    node: process.version,
    chromium,
    'duckdb-wasm': version('@duckdb/duckdb-wasm'),
    'native duckdb (@duckdb/node-api)': version('@duckdb/node-api'),
    commit: gitCommit(),
  };
}

const s = (ms: number | null) => (ms === null ? '–' : (ms / 1000).toFixed(2));
const mb = (b: number | null) => (b === null ? '–' : `${(b / 1024 ** 2).toFixed(0)} MB`);

/** The Markdown report: one table per size, browser vs native per step, with the ratio. */
export function markdown(results: SizeResult[]): string {
  const commit = results.find((r) => r.env?.commit)?.env?.commit;
  const lines = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` from one run${commit ? ` of commit ${commit}` : ''}; times in seconds (expect ±30 % between runs).`,
    '"browser / native" compares the built app in Chromium with the same SQL on native DuckDB (one thread); the core',
    'path compares it with the native anchor, what an analyst would write by hand.',
  ];
  for (const r of results) {
    lines.push('', `## ${r.rows.toLocaleString('en-US')} rows (${mb(r.fileBytes)}, ${r.customers.toLocaleString('en-US')} customers)`, '');
    lines.push(Object.entries(r.env ?? {}).map(([k, v]) => `${k}: ${v}`).join('; ') + '.', '');
    if (r.anchor) {
      const parts = Object.entries(r.anchor.steps).map(([k, v]) => `${k} ${s(v)}`).join(', ');
      lines.push(`Native anchor (plain DuckDB CLI-style SQL, one thread: typed read, overview, RFM quintiles, monthly cohorts, each to CSV): ${s(r.anchor.totalMs)} s (${parts}).`, '');
    }
    if (r.longTasks) lines.push(`Main-thread tasks over 50 ms: ${r.longTasks.count}, longest ${r.longTasks.maxMs.toFixed(0)} ms, ${r.longTasks.over100} over 100 ms.`, '');
    lines.push(`DuckDB ready ${s(r.dbStartMs)} s after navigation (page load event at ${s(r.pageLoadMs)} s). DuckDB memory after all steps: ${mb(r.duckdbMemoryBytes)}; tab (renderer) peak RSS: ${mb(r.rendererPeakBytes)}.`, '');
    lines.push('| step | browser | since file chosen | native DuckDB | browser / native |', '|---|---:|---:|---:|---:|');
    for (const st of r.steps) {
      const ratio = st.browserMs !== null && st.nativeMs ? `${(st.browserMs / st.nativeMs).toFixed(2)}×` : '–';
      lines.push(`| ${st.step}${st.note ? ` (${st.note})` : ''} | ${s(st.browserMs)} | ${s(st.browserSinceFileMs)} | ${s(st.nativeMs)} | ${ratio} |`);
    }
  }
  return lines.join('\n') + '\n';
}
