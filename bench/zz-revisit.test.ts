import { it } from 'vitest';
import { openApp, waitIdle } from '../test/helpers/browser';

it('revisit 1M', async () => {
  const s = await openApp('?lang=en');
  try {
    await waitIdle(s.page);
    await s.page.locator('input[type=file]').setInputFiles(process.env.ZZ_FILE ?? '/work/main/bench/cache/tx_1000000.csv');
    await waitIdle(s.page);
    const views = [['Overview', 'overview'], ['RFM', 'rfm'], ['Cohorts', 'cohorts'], ['Lifecycle', 'lifecycle']];
    const ready = async (view: string) => {
      await s.page.locator(`section[data-view="${view}"][aria-busy="false"]`).waitFor({ timeout: 600_000 });
      await s.page.waitForFunction((v) => Array.from(document.querySelectorAll(`section[data-view="${v}"] .vega`)).every((el) => el.querySelector('svg, canvas')), view);
    };
    await s.page.evaluate(() => { const w = window as any; w.__lt = []; new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__lt.push(Math.round(e.duration)))).observe({ type: 'longtask' }); });
    for (const [tab, view] of views) {
      const t = performance.now();
      await s.page.getByRole('tab', { name: tab, exact: true }).click();
      await ready(view);
      console.log(`first ${tab} ${((performance.now() - t) / 1000).toFixed(2)} long tasks ${JSON.stringify(await s.page.evaluate(() => { const w = window as any; const x = w.__lt; w.__lt = []; return x; }))}`);
    }
    for (const [tab, view] of views) {
      const t = performance.now();
      await s.page.getByRole('tab', { name: tab, exact: true }).click();
      await ready(view);
      console.log(`revisit ${tab} ${((performance.now() - t) / 1000).toFixed(3)} long tasks ${JSON.stringify(await s.page.evaluate(() => { const w = window as any; const x = w.__lt; w.__lt = []; return x; }))}`);
    }
  } finally {
    await s.close();
  }
}, 600_000);
