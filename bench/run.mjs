// `npm run bench [-- --rows 100000,1000000] [--events 1000000|none]`: generates the data sets, then measures the built app in headless
// Chromium and the same SQL on native DuckDB (bench/benchmark.test.ts), and writes bench/RESULTS.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { generateTransactions } from '../scripts/generate-transactions.mjs';
import { generateBenchEvents } from './generate-events.mjs';

const args = process.argv.slice(2);
const rowsArg = args.includes('--rows') ? args[args.indexOf('--rows') + 1] : '100000,1000000';
const sizes = rowsArg.split(',').map((s) => Number(s.replace(/_/g, '')));
if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) {
  console.error(`bench: --rows takes whole numbers separated by commas, got "${rowsArg}"`);
  process.exit(2);
}
const eventsArg = args.includes('--events') ? args[args.indexOf('--events') + 1] : '1000000';
const eventSizes = eventsArg === 'none' ? [] : eventsArg.split(',').map((s) => Number(s.replace(/_/g, '')));
const cache = new URL('./cache/', import.meta.url);
mkdirSync(cache, { recursive: true });
for (const n of sizes) {
  const path = new URL(`tx_${n}.csv`, cache);
  if (!existsSync(path)) {
    const t = Date.now();
    await generateTransactions(path, { rows: n, seed: 1 });
    console.log(`bench: generated ${n} rows in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
}
for (const n of eventSizes) {
  const path = new URL(`events_${n}.csv`, cache);
  if (!existsSync(path)) {
    const t = Date.now();
    await generateBenchEvents(path, { events: n, seed: 1 });
    console.log(`bench: generated ${n} events in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
}
// One after the other: the event benchmark appends its section to the RESULTS.md the first one writes.
const env = { ...process.env, TZ: 'UTC', BENCH_ROWS: sizes.join(','), BENCH_EVENTS: eventSizes.join(',') };
for (const file of ['bench/benchmark.test.ts', ...(eventSizes.length ? ['bench/events.test.ts'] : [])]) {
  const run = spawnSync('npx', ['vitest', 'run', '--project', 'bench', file], { stdio: 'inherit', env });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
