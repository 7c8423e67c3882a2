import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download, openApp, sampleLoaded, waitIdle, type AppSession } from '../helpers/browser';

const csv = (text: string) => text.slice(1).trim().split(/\r?\n/);

describe('the Churn view in the built app (the retail sample with its customer list)', () => {
  let s: AppSession;
  const view = () => s.page.locator('section[data-view="churn"]');
  const ready = () => s.page.locator('section[data-view="churn"][aria-busy="false"]').waitFor({ timeout: 120_000 });
  beforeAll(async () => {
    s = await openApp('?lang=en&sample=retail_customers');
    await sampleLoaded(s.page);
    await s.page.getByRole('tab', { name: 'Churn' }).click();
    await ready();
  });
  afterAll(async () => {
    expect(s.foreignRequests).toEqual([]);
    expect(s.pageErrors).toEqual([]);
    await s?.close();
  });

  it('trains the models and judges them on the holdout', async () => {
    const set = await s.page.locator('[data-churn-set]').textContent();
    expect(set).toMatch(/customers bought on or before \d{4}-\d{2}-\d{2}; [\d.]+% of them made no purchase/);
    const rows = view().locator('[data-table="churn-models"] tbody tr');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-model')))).toEqual(['logistic', 'tree', 'recency', 'bgnbd']);
    // On the sample, the models rank the holdout far better than a coin toss.
    const auc = Number(await rows.first().locator('td').first().textContent());
    expect(auc).toBeGreaterThan(0.7);
    expect(await view().locator('[data-list="tree-rules"] li').count()).toBeGreaterThan(1);
    // The customer file's attributes are features too.
    expect(await view().locator('[data-table="coefficients"]').textContent()).toContain('gender');
  });

  it('moves the confusion matrix with the threshold', async () => {
    const cells = async () => Object.fromEntries(await Promise.all(['tp', 'fp', 'tn', 'fn'].map(async (c) => [c, Number((await view().locator(`[data-cell="${c}"]`).textContent())!.replace(/,/g, ''))])));
    const before = await cells();
    await view().getByRole('slider', { name: /Threshold/ }).fill('0.9');
    await expect.poll(async () => (await cells()).tp).toBeLessThan(before.tp);
    const after = await cells();
    // A higher threshold predicts fewer churners: true positives turn into false negatives, false positives into true negatives.
    expect(after.tp + after.fn).toBe(before.tp + before.fn);
    expect(after.fp + after.tn).toBe(before.fp + before.tn);
    expect(after.fp).toBeLessThanOrEqual(before.fp);
  });

  it('exports the scores, the model metrics and the holdout predictions', async () => {
    const scores = await download(s.page, () => view().getByRole('button', { name: 'Download CSV' }).click());
    expect(scores.name).toBe('churn_scores.csv');
    const lines = csv(scores.text);
    expect(lines[0]).toBe('customer_id,churn_probability,model,recency_days,frequency,monetary,tenure_days');
    const probabilities = lines.slice(1).map((l) => Number(l.split(',')[1]));
    expect(probabilities.every((p) => p >= 0 && p <= 1)).toBe(true);
    expect([...probabilities].sort((a, b) => b - a)).toEqual(probabilities);
    expect(lines.slice(1).every((l) => l.split(',')[2] === 'logistic')).toBe(true);

    const model = await download(s.page, () => view().getByRole('button', { name: 'Download model metrics' }).click());
    expect(model.name).toBe('churn_model.csv');
    const m = csv(model.text);
    expect(m[0]).toBe('model,auc,accuracy,precision,recall,threshold,train_customers,holdout_customers,churn_rate,cutoff,window_days');
    expect(m.slice(1).map((l) => l.split(',')[0])).toEqual(['logistic', 'tree', 'recency', 'bgnbd']);
    expect(m.slice(1).every((l) => l.split(',')[5] === '0.9')).toBe(true);
    const holdoutCustomers = Number(m[1]!.split(',')[7]);

    const holdout = await download(s.page, () => view().getByRole('button', { name: 'Download holdout predictions' }).click());
    expect(holdout.name).toBe('churn_holdout.csv');
    const h = csv(holdout.text);
    expect(h[0]).toBe('customer_id,model,score,label');
    // One row per holdout customer and model.
    expect(h.length - 1).toBe(4 * holdoutCustomers);
    expect(h.filter((l) => l.split(',')[1] === 'logistic')).toHaveLength(holdoutCustomers);
    // The holdout AUC of the export equals the table's: the Mann–Whitney count over the exported scores.
    const logistic = h.slice(1).map((l) => l.split(',')).filter((c) => c[1] === 'logistic').map((c) => ({ score: Number(c[2]), label: Number(c[3]) }));
    const pos = logistic.filter((r) => r.label === 1);
    const neg = logistic.filter((r) => r.label === 0);
    let wins = 0;
    for (const p of pos) for (const q of neg) wins += p.score > q.score ? 1 : p.score === q.score ? 0.5 : 0;
    expect(Number(m[1]!.split(',')[1])).toBeCloseTo(wins / (pos.length * neg.length), 3);
  });

  it('shows the churn probability in the Lifecycle at-risk list once trained', async () => {
    await s.page.getByRole('tab', { name: 'Lifecycle' }).click();
    await s.page.locator('section[data-view="lifecycle"][aria-busy="false"]').waitFor({ timeout: 120_000 });
    await expect.poll(() => s.page.locator('section[data-view="lifecycle"]').getByRole('columnheader', { name: 'Churn probability' }).count()).toBeGreaterThan(0);
    await waitIdle(s.page);
  });

  it('averages the CLV and the churn probability of each attribute value, in the Segments table and the personas', async () => {
    await s.page.getByRole('tab', { name: 'CLV' }).click();
    await s.page.locator('section[data-view="clv"][aria-busy="false"]').waitFor({ timeout: 180_000 });
    const clvRows = csv((await download(s.page, () => s.page.locator('section[data-view="clv"]').getByRole('button', { name: 'Download CSV' }).first().click())).text);
    await s.page.getByRole('tab', { name: 'Churn' }).click();
    await ready();
    const scoreRows = csv((await download(s.page, () => view().getByRole('button', { name: 'Download CSV' }).click())).text);
    // Each customer's gender as the customer file gives it, the first row of a duplicated id kept.
    const gender = new Map<string, string>();
    for (const line of readFileSync(fileURLToPath(new URL('../../public/samples/customers_sample.csv', import.meta.url)), 'utf8').trim().split(/\r?\n/).slice(1)) {
      const [id, g] = line.split(',');
      if (id && !gender.has(id)) gender.set(id, g ?? '');
    }
    const means = (rows: string[], column: string) => {
      const at = rows[0]!.split(',').indexOf(column);
      const sums = new Map<string, { sum: number; n: number }>();
      for (const l of rows.slice(1)) {
        const cells = l.split(',');
        const g = gender.get(cells[0]!);
        if (!g) continue;
        const m = sums.get(g) ?? { sum: 0, n: 0 };
        m.sum += Number(cells[at]);
        m.n++;
        sums.set(g, m);
      }
      return new Map([...sums].map(([g, m]) => [g, m.sum / m.n]));
    };
    const clvBy = means(clvRows, 'clv');
    const churnBy = means(scoreRows, 'churn_probability');
    expect(clvBy.size).toBeGreaterThan(1);

    await s.page.getByRole('tab', { name: 'Segments' }).click();
    await s.page.locator('section[data-view="segments"][aria-busy="false"]').waitFor({ timeout: 120_000 });
    await s.page.getByRole('combobox', { name: 'Attribute' }).selectOption('gender');
    const table = s.page.locator('[data-table="attribute"]');
    await expect.poll(() => table.locator('td[data-col="mean_clv"]').count()).toBe(clvBy.size);
    for (const [g, value] of clvBy) {
      const row = table.locator('tbody tr').filter({ has: s.page.getByRole('rowheader', { name: g, exact: true }) });
      expect(Number((await row.locator('td[data-col="mean_clv"]').textContent())!.replace(/,/g, ''))).toBeCloseTo(value, 2);
      expect(Number((await row.locator('td[data-col="mean_churn_probability"]').textContent())!.replace('%', '')) / 100).toBeCloseTo(churnBy.get(g)!, 3);
    }
    // The persona cards of the genders carry the same means.
    await s.page.getByRole('combobox', { name: 'Cards for' }).selectOption('attribute:gender');
    await s.page.locator('[data-personas-ready]').waitFor();
    await expect.poll(() => s.page.locator('[data-persona-value]').count()).toBe(clvBy.size);
    const personas = csv((await download(s.page, () => s.page.getByRole('button', { name: 'Download personas', exact: true }).click())).text);
    const head = personas[0]!.split(',');
    for (const l of personas.slice(1)) {
      const cells = l.split(',');
      const g = cells[head.indexOf('group')]!;
      expect(Number(cells[head.indexOf('mean_clv')])).toBeCloseTo(clvBy.get(g)!, 2);
      expect(Number(cells[head.indexOf('mean_churn_probability')])).toBeCloseTo(churnBy.get(g)!, 4);
    }
  });
});
