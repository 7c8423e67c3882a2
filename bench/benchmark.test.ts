import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, openAsBlob, readFileSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { openApp, waitIdle } from '../test/helpers/browser';
import { NodeDb } from '../test/helpers/node-db';
import { Dataset } from '../src/ingest/loader';
import { environment, markdown, type SizeResult, type StepTiming } from './report';
import { rendererPeakBytes } from './memory';
import { INTERACTIONS, VIEWS } from './steps';

const sizes = (process.env.BENCH_ROWS ?? '100000').split(',').map(Number);
const results: SizeResult[] = [];
const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const v = await f();
  return [v, performance.now() - t];
}

async function viewReady(page: Page, view: string): Promise<void> {
  await page.locator(`section[data-view="${view}"][aria-busy="false"]`).waitFor({ timeout: 600_000 });
  // Charts render after the figures arrive: wait until every chart of the view has drawn.
  await page.waitForFunction((v) => {
    const root = document.querySelector(`section[data-view="${v}"]`);
    return !!root && Array.from(root.querySelectorAll('.vega')).every((el) => el.querySelector('svg, canvas'));
  }, view, { timeout: 600_000 });
}

async function native(path: string, asOf: string): Promise<Map<string, number>> {
  const db = await NodeDb.create();
  const out = new Map<string, number>();
  try {
    const file = new File([await openAsBlob(path)], 'bench.csv');
    db.linkSource(file, path);
    const ds = new Dataset(db);
    out.set('Load done', (await timed(() => ds.add(file)))[1]);
    log(`native: loaded in ${((out.get('Load done') ?? 0) / 1000).toFixed(2)} s`);
    for (const v of VIEWS) out.set(v.step, (await timed(() => v.native(db, asOf)))[1]);
    for (const i of INTERACTIONS) out.set(i.step, (await timed(() => i.native(db, asOf)))[1]);
  } finally {
    db.close();
  }
  return out;
}

describe('benchmark: the built app in Chromium against native DuckDB', () => {
  afterAll(() => {
    if (results.length === 0) return;
    const env = environment();
    const dir = fileURLToPath(new URL('./results/', import.meta.url));
    mkdirSync(dir, { recursive: true });
    // Sizes not measured in this run keep their last results (a 10M run takes minutes; it need not be repeated).
    const previous: SizeResult[] = existsSync(`${dir}latest.json`) ? JSON.parse(readFileSync(`${dir}latest.json`, 'utf8')).results : [];
    const measured = new Set(results.map((r) => r.rows));
    const all = [...previous.filter((r) => !measured.has(r.rows)), ...results.map((r) => ({ ...r, env }))].sort((a, b) => a.rows - b.rows);
    writeFileSync(`${dir}latest.json`, JSON.stringify({ results: all }, null, 2));
    const md = markdown(all);
    writeFileSync(fileURLToPath(new URL('./RESULTS.md', import.meta.url)), md);
    console.log(md);
  });

  for (const rows of sizes) {
    it(`${rows} rows`, async () => {
      const path = fileURLToPath(new URL(`./cache/tx_${rows}.csv`, import.meta.url));
      const s = await openApp('?lang=en');
      const steps: StepTiming[] = [];
      let asOf = '';
      let customers = 0;
      let dbStartMs = 0;
      let pageLoadMs = 0;
      try {
        await waitIdle(s.page);
        [dbStartMs, pageLoadMs] = await s.page.evaluate(() => [
          performance.getEntriesByName('lens:db-ready')[0]?.startTime ?? NaN,
          (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd,
        ]);
        const chosen = performance.now();
        await s.page.locator('input[type=file]').setInputFiles(path);
        await waitIdle(s.page);
        const loaded = performance.now();
        const errors = await s.page.getByRole('alert').allTextContents();
        expect(errors, 'alerts after loading').toEqual([]);
        steps.push({ step: 'Load done', browserMs: loaded - chosen, browserSinceFileMs: loaded - chosen, nativeMs: null });
        log(`${rows} rows, browser: loaded in ${((loaded - chosen) / 1000).toFixed(2)} s`);
        for (const v of VIEWS) {
          const t = performance.now();
          await s.page.getByRole('tab', { name: v.tab, exact: true }).click();
          if (v.open) await v.open(s.page);
          await viewReady(s.page, v.view);
          const done = performance.now();
          steps.push({ step: v.step, browserMs: done - t, browserSinceFileMs: done - chosen, nativeMs: null, note: await v.note?.(s.page) });
          log(`${rows} rows, browser: ${v.step} in ${((done - t) / 1000).toFixed(2)} s`);
        }
        for (const i of INTERACTIONS) {
          await s.page.getByRole('tab', { name: i.tab, exact: true }).click();
          await viewReady(s.page, i.view);
          const t = performance.now();
          await i.act(s.page);
          await s.page.locator(`section[data-view="${i.view}"][aria-busy="true"]`).waitFor({ timeout: 5_000 }).catch(() => undefined);
          await viewReady(s.page, i.view);
          steps.push({ step: i.step, browserMs: performance.now() - t, browserSinceFileMs: null, nativeMs: null, note: 'interaction' });
        }
        const app = await s.page.evaluate(async () => {
          const a = (window as unknown as { __customerLens: { asOf: string; db: { query: (q: string) => Promise<Record<string, number>[]> } } }).__customerLens;
          const [m] = await a.db.query('SELECT sum(memory_usage_bytes) AS bytes FROM duckdb_memory()');
          const [c] = await a.db.query('SELECT count(DISTINCT customer_id) AS n FROM transactions');
          return { asOf: a.asOf, memory: m.bytes, customers: c.n };
        });
        asOf = app.asOf;
        customers = app.customers;
        expect(s.foreignRequests).toEqual([]);
        expect(s.pageErrors).toEqual([]);
        results.push({
          rows,
          fileBytes: statSync(path).size,
          customers,
          dbStartMs,
          pageLoadMs,
          steps,
          duckdbMemoryBytes: app.memory,
          rendererPeakBytes: rendererPeakBytes(),
        });
      } finally {
        await s.close();
      }
      const nat = await native(path, asOf);
      for (const st of steps) st.nativeMs = nat.get(st.step) ?? null;
    });
  }
});
