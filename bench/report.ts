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
  /** Date, machine and versions of the run that measured this size. */
  env?: Record<string, string>;
}

function version(pkg: string): string {
  return JSON.parse(readFileSync(new URL(`../node_modules/${pkg}/package.json`, import.meta.url), 'utf8')).version;
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
  };
}

const s = (ms: number | null) => (ms === null ? '–' : (ms / 1000).toFixed(2));
const mb = (b: number | null) => (b === null ? '–' : `${(b / 1024 ** 2).toFixed(0)} MB`);

/** The Markdown report: one table per size, browser vs native per step, with the ratio. */
export function markdown(results: SizeResult[]): string {
  const lines = ['# Benchmark results', '', 'Written by `npm run bench` from real runs; times in seconds, one run each (expect ±30 % between runs).'];
  for (const r of results) {
    lines.push('', `## ${r.rows.toLocaleString('en-US')} rows (${mb(r.fileBytes)}, ${r.customers.toLocaleString('en-US')} customers)`, '');
    lines.push(Object.entries(r.env ?? {}).map(([k, v]) => `${k}: ${v}`).join('; ') + '.', '');
    lines.push(`DuckDB ready ${s(r.dbStartMs)} s after navigation (page load event at ${s(r.pageLoadMs)} s). DuckDB memory after all steps: ${mb(r.duckdbMemoryBytes)}; tab (renderer) peak RSS: ${mb(r.rendererPeakBytes)}.`, '');
    lines.push('| step | browser | since file chosen | native DuckDB | browser / native |', '|---|---:|---:|---:|---:|');
    for (const st of r.steps) {
      const ratio = st.browserMs !== null && st.nativeMs ? `${(st.browserMs / st.nativeMs).toFixed(2)}×` : '–';
      lines.push(`| ${st.step}${st.note ? ` (${st.note})` : ''} | ${s(st.browserMs)} | ${s(st.browserSinceFileMs)} | ${s(st.nativeMs)} | ${ratio} |`);
    }
  }
  return lines.join('\n') + '\n';
}
