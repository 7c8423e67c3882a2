import { describe, expect, it } from 'vitest';
import { readCdnowFixture } from '../../../test/helpers/cdnow';
import { pAlive } from '../clv/bgnbd';
import { columnBuffers, fromColumns, rowMajor, scoreInChunks, trainChurn, type TrainRequest } from './train';
import { predictLogistic, type LogisticModel } from './logistic';
import { applyScaler, type Scaler } from './standardize';

/** 200 customers: recency 0…199 and a feature of noise; churned exactly when recency > 100; every third one held out. */
function request(): TrainRequest {
  const n = 200;
  const x = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    x[2 * i] = i;
    x[2 * i + 1] = (i * 37) % 11;
  }
  return {
    x, n, d: 2,
    y: Uint8Array.from({ length: n }, (_, i) => (i > 100 ? 1 : 0)),
    holdout: Uint8Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0)),
    current: Float64Array.from([0, 5, 199, 5]), currentN: 2,
    recency: 0, history: null, C: 1, maxDepth: 3, minLeaf: 5,
  };
}

describe('training the churn models', () => {
  it('trains on the 70 %, judges on the holdout and scores the current customers', () => {
    const r = trainChurn(request());
    // Rows 0, 3, …, 198 are held out: 67 of them.
    expect(r.holdoutCustomers).toBe(67);
    expect(r.trainCustomers).toBe(133);
    expect(Array.from(r.holdoutRows.slice(0, 3))).toEqual([0, 3, 6]);
    // 101…199 churned: 99 of 200.
    expect(r.churnRate).toBeCloseTo(0.495, 12);
    expect(Array.from(r.holdoutLabels.slice(-2))).toEqual([1, 1]);
    // Recency separates the labels: every model ranks the holdout perfectly; no history, no BG/NBD baseline.
    expect(r.evaluations.map((e) => e.model)).toEqual(['logistic', 'tree', 'recency']);
    expect(r.evaluations.map((e) => e.auc)).toEqual([expect.closeTo(1, 2), 1, 1]);
    expect(r.holdoutScores.bgnbd).toBeUndefined();
    // A tree on recency alone ends in pure leaves: 0 for recency 0, 1 for recency 199.
    expect(Array.from(r.current.tree)).toEqual([0, 1]);
    expect(r.current.logistic[0]).toBeLessThan(0.5);
    expect(r.current.logistic[1]).toBeGreaterThan(0.5);
    expect(r.logistic.coef[0]).toBeGreaterThan(0);
    expect(r.logistic.mean).toHaveLength(2);
  });

  it('adds the BG/NBD baseline: 1 − P(alive) at the published CDNOW fit', () => {
    // CDNOW's calibration histories (weeks); churned = no purchase in the 39-week holdout (x* = 0).
    const cbs = readCdnowFixture('cdnowSummary_cbs.csv');
    const n = cbs.length;
    const history = { x: Float64Array.from(cbs, (c) => c.x!), tx: Float64Array.from(cbs, (c) => c.t_x!), T: Float64Array.from(cbs, (c) => c.T_cal!) };
    const x = new Float64Array(n * 2);
    cbs.forEach((c, i) => ((x[2 * i] = c.T_cal! - c.t_x!), (x[2 * i + 1] = c.x!)));
    const r = trainChurn({
      x, n, d: 2, y: Uint8Array.from(cbs, (c) => (c.x_star === 0 ? 1 : 0)), holdout: Uint8Array.from(cbs, (_, i) => (i % 3 === 0 ? 1 : 0)),
      current: x.slice(0, 2), currentN: 1, recency: 0, history, C: 1, maxDepth: 3, minLeaf: 20,
    });
    expect(r.bgMessage).toBeNull();
    // The fit on all 2,357 customers is the published one (Fader, Hardie & Lee 2005: r 0.243, α 4.414, a 0.793, b 2.426).
    const published = { r: 0.2425982, alpha: 4.413684, a: 0.7929899, b: 2.426167 };
    const bg = r.holdoutScores.bgnbd!;
    expect(bg).toHaveLength(r.holdoutCustomers);
    r.holdoutRows.forEach((row, i) => expect(bg[i]).toBeCloseTo(1 - pAlive(published, history.x[row]!, history.tx[row]!, history.T[row]!), 3));
    expect(r.evaluations.map((e) => e.model)).toEqual(['logistic', 'tree', 'recency', 'bgnbd']);
  });

  it('scores many rows in chunks exactly as in one go', () => {
    const m = 70_000;
    const z = Float64Array.from({ length: m * 2 }, (_, i) => ((i * 7919) % 1000) / 10);
    const model: LogisticModel = { coef: [0.8, -0.3], intercept: 0.1, converged: true, iterations: 1 };
    const scaler: Scaler = { mean: Float64Array.from([50, 40]), scale: Float64Array.from([29, 20]) };
    expect(scoreInChunks(model, scaler, z, m, 2)).toEqual(predictLogistic(model, applyScaler(scaler, z, m, 2), m, 2));
  });

  it('refuses a training set with one label only', () => {
    const req = request();
    req.y.fill(1);
    expect(() => trainChurn(req)).toThrow(/same label/);
  });

  it('takes the features column by column, as the main thread sends them', () => {
    expect(Array.from(rowMajor([Float64Array.from([1, 2, 3]), Float64Array.from([4, 5, 6])], 3))).toEqual([1, 4, 2, 5, 3, 6]);
    expect(() => rowMajor([Float64Array.from([1, 2])], 3)).toThrow(/2 values, not 3/);
    const req = request();
    const cols = (x: Float64Array, n: number) => [0, 1].map((j) => Float64Array.from({ length: n }, (_, i) => x[i * 2 + j]!));
    const byColumns = { ...req, x: cols(req.x, req.n), current: cols(req.current, req.currentN) };
    expect(fromColumns(byColumns)).toEqual(req);
    expect(trainChurn(fromColumns(byColumns))).toEqual(trainChurn(req));
    // Every array moves once: x's two, current's two, y and holdout.
    expect(columnBuffers(byColumns)).toHaveLength(6);
  });
});
