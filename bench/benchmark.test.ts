import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, openAsBlob, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { openApp, waitIdle } from '../test/helpers/browser';
import { NodeDb } from '../test/helpers/node-db';
import { Dataset } from '../src/ingest/loader';
import { environment, markdown, type SizeResult, type StepTiming } from './report';
import { rendererPeakBytes } from './memory';
import { INTERACTIONS, VIEWS } from './steps';
import { anchorNative } from './anchor';

/** The views of the core path: each is opened, awaited and exported in turn right after the load. */
const CORE = ['Overview', 'RFM', 'Cohorts'];
/** Views revisited at the end: each must come back from the query layer's cache. */
const REVISITS = ['Overview', 'RFM', 'Cohorts', 'CLV', 'Lifecycle'];

type Lens = { db: { statements: number }; asOf: string; lastDate: string };
const statements = (page: Page) => page.evaluate(() => (window as unknown as { __customerLens: Lens }).__customerLens.db.statements);

const CORE_STEP = 'Core path: file chosen → Overview, RFM and Cohorts ready and exported';
const sizes = (process.env.BENCH_ROWS ?? '100000').split(',').map(Number);
const results: SizeResult[] = [];
const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const v = await f();
  return [v, performance.now() - t];
}

/**
 * The view is shown with its figures (`aria-busy="false"`) and every chart of it drawn. Checked in the page every
 * frame: a locator's wait polls every 500 ms once it has waited a second, which would add up to that to each step.
 */
async function viewReady(page: Page, view: string): Promise<void> {
  await page.waitForFunction((v) => {
    const root = document.querySelector(`section[data-view="${v}"]`);
    return !!root && root.getAttribute('aria-busy') === 'false'
      && Array.from(root.querySelectorAll('.vega')).every((el) => el.querySelector('svg, canvas'));
  }, view, { timeout: 600_000, polling: 'raf' });
}

/** Records, from now on, whether the view turns busy: an interaction is timed until it has and is ready again. */
async function watchBusy(page: Page, view: string): Promise<void> {
  await page.evaluate((v) => {
    const w = window as unknown as { __sawBusy: boolean; __busyObserver?: MutationObserver };
    w.__sawBusy = false;
    w.__busyObserver?.disconnect();
    const root = document.querySelector(`section[data-view="${v}"]`)!;
    w.__busyObserver = new MutationObserver(() => {
      if (root.getAttribute('aria-busy') === 'true') w.__sawBusy = true;
    });
    w.__busyObserver.observe(root, { attributes: true, attributeFilter: ['aria-busy'] });
  }, view);
}

async function busyThenReady(page: Page, view: string): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { __sawBusy: boolean }).__sawBusy, undefined, { timeout: 600_000, polling: 'raf' });
  await viewReady(page, view);
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
    // One run of one commit: sizes not measured now are not carried over from an earlier run.
    const all = results.map((r) => ({ ...r, env }));
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
      let longTasks: number[] = [];
      try {
        await waitIdle(s.page);
        [dbStartMs, pageLoadMs] = await s.page.evaluate(() => [
          performance.getEntriesByName('lens:db-ready')[0]?.startTime ?? NaN,
          (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd,
        ]);
        // Main-thread tasks over 50 ms from here on: loading, every view, every interaction.
        await s.page.evaluate(() => {
          const w = window as unknown as { __longTasks: number[] };
          w.__longTasks = [];
          new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: 'longtask' });
        });
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
          let done = performance.now();
          const core = CORE.includes(v.tab) && !v.open;
          if (core) {
            const section = s.page.locator(`section[data-view="${v.view}"]`);
            await Promise.all([s.page.waitForEvent('download', { timeout: 300_000 }), section.getByRole('button', { name: 'Download CSV' }).first().click()]);
            done = performance.now();
          }
          steps.push({ step: core ? `${v.step} and exported` : v.step, browserMs: done - t, browserSinceFileMs: done - chosen, nativeMs: null, note: await v.note?.(s.page) });
          log(`${rows} rows, browser: ${v.step} in ${((done - t) / 1000).toFixed(2)} s`);
          if (v.tab === CORE[CORE.length - 1] && core) {
            steps.push({ step: CORE_STEP, browserMs: done - chosen, browserSinceFileMs: done - chosen, nativeMs: null, note: 'against the native anchor' });
          }
        }
        for (const tab of REVISITS) {
          const view = VIEWS.find((v) => v.tab === tab)!.view;
          const before = await statements(s.page);
          // Timed in the page, from the click to the first frame painted with the view ready (no round trips).
          const ms = await s.page.evaluate(async ({ tab, view }) => {
            const button = Array.from(document.querySelectorAll<HTMLElement>('[role=tab]')).find((b) => b.textContent?.trim() === tab)!;
            const frame = () => new Promise((r) => requestAnimationFrame(r));
            const shown = () => {
              const el = document.querySelector<HTMLElement>(`section[data-view="${view}"]`);
              return !!el && el.offsetParent !== null && el.getAttribute('aria-busy') === 'false'
                && Array.from(el.querySelectorAll('.vega')).every((v) => v.querySelector('svg, canvas'));
            };
            const t0 = performance.now();
            button.click();
            do await frame();
            while (!shown());
            return performance.now() - t0;
          }, { tab, view });
          const ran = (await statements(s.page)) - before;
          steps.push({ step: `Revisit ${tab}`, browserMs: ms, browserSinceFileMs: null, nativeMs: null, note: `${ran} database statements` });
        }
        for (const i of INTERACTIONS) {
          await s.page.getByRole('tab', { name: i.tab, exact: true }).click();
          await viewReady(s.page, i.view);
          await watchBusy(s.page, i.view);
          const t = performance.now();
          await i.act(s.page);
          await busyThenReady(s.page, i.view);
          steps.push({ step: i.step, browserMs: performance.now() - t, browserSinceFileMs: null, nativeMs: null, note: 'interaction' });
        }
        {
          // The as-of date a month before the last order: every figure of the view on screen is recomputed.
          await s.page.getByRole('tab', { name: 'RFM', exact: true }).click();
          await viewReady(s.page, 'rfm');
          const last = await s.page.evaluate(() => (window as unknown as { __customerLens: Lens }).__customerLens.lastDate);
          const earlier = new Date(Date.parse(`${last}T00:00:00Z`) - 30 * 86_400_000).toISOString().slice(0, 10);
          await watchBusy(s.page, 'rfm');
          const t = performance.now();
          await s.page.getByLabel('As of').fill(earlier);
          await busyThenReady(s.page, 'rfm');
          steps.push({ step: 'As of: a month earlier (RFM view)', browserMs: performance.now() - t, browserSinceFileMs: null, nativeMs: null, note: 'interaction, includes the 400 ms typing pause' });
        }
        longTasks = await s.page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
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
          longTasks: { count: longTasks.length, maxMs: Math.max(0, ...longTasks), over100: longTasks.filter((d) => d > 100).length },
        });
      } finally {
        await s.close();
      }
      const nat = await native(path, asOf);
      for (const st of steps) st.nativeMs = nat.get(st.step.replace(/ and exported$/, '')) ?? null;
      const anchor = await anchorNative(path);
      log(`native anchor: ${(anchor.totalMs / 1000).toFixed(2)} s (${Object.entries(anchor.steps).map(([k, v]) => `${k} ${(v / 1000).toFixed(2)}`).join(', ')})`);
      const core = steps.find((st) => st.step === CORE_STEP);
      if (core) core.nativeMs = anchor.totalMs;
      results[results.length - 1].anchor = anchor;
    });
  }
});
