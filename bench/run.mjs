// `npm run bench [-- --rows 100000,1000000]`: generates the data sets, then measures the built app in headless
// Chromium and the same SQL on native DuckDB (bench/benchmark.test.ts), and writes bench/RESULTS.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { generateTransactions } from '../scripts/generate-transactions.mjs';

const args = process.argv.slice(2);
const rowsArg = args.includes('--rows') ? args[args.indexOf('--rows') + 1] : '100000,1000000';
const sizes = rowsArg.split(',').map((s) => Number(s.replace(/_/g, '')));
if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) {
  console.error(`bench: --rows takes whole numbers separated by commas, got "${rowsArg}"`);
  process.exit(2);
}
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
const run = spawnSync('npx', ['vitest', 'run', '--project', 'bench'], {
  stdio: 'inherit',
  env: { ...process.env, TZ: 'UTC', BENCH_ROWS: sizes.join(',') },
});
process.exit(run.status ?? 1);
