import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { parse, View } from 'vega';
import { calibrationSpec, liftSpec, matrixSpec, rocRows, rocSpec } from './churn-charts';
import { ROWS, type ChartSpec } from './vega-types';

async function render(spec: ChartSpec, rows: object[]): Promise<View> {
  const vg = compile({ ...spec, datasets: { [ROWS]: rows } } as ChartSpec).spec;
  const view = new View(parse(vg), { renderer: 'none' });
  await view.runAsync();
  return view;
}

describe('churn and migration chart specs', () => {
  it('draws ROC curves on 0–100 % axes, one colour per model', async () => {
    const view = await render(rocSpec({ fpr: 'FPR', tpr: 'TPR', model: 'Model' }), [
      { model: 'A', fpr: 0, tpr: 0, seq: 0 }, { model: 'A', fpr: 0.5, tpr: 0.9, seq: 1 }, { model: 'A', fpr: 1, tpr: 1, seq: 2 },
      { model: 'B', fpr: 0, tpr: 0, seq: 0 }, { model: 'B', fpr: 1, tpr: 1, seq: 1 },
    ]);
    expect(view.scale('x').domain()).toEqual([0, 1]);
    expect(view.scale('color').domain()).toEqual(['A', 'B']);
    view.finalize();
  });

  it('draws lift by decile and calibration points', async () => {
    const lift = await render(liftSpec({ decile: 'Decile', lift: 'Lift', cumulative: 'Cum', model: 'Model' }), [
      { model: 'A', decile: 1, lift: 2.5, cumulative_share: 0.25 }, { model: 'A', decile: 2, lift: 1.5, cumulative_share: 0.4 },
    ]);
    expect(lift.scale('x').domain()).toEqual([1, 2]);
    expect(lift.scale('y').domain()[1]).toBeGreaterThanOrEqual(2.5);
    lift.finalize();
    const cal = await render(calibrationSpec({ predicted: 'P', observed: 'O', customers: 'C', model: 'Model' }), [
      { model: 'A', mean_score: 0.1, churn_rate: 0.12, customers: 10 },
    ]);
    expect(cal.scale('y').domain()).toEqual([0, 1]);
    cal.finalize();
  });

  it('lays the migration matrix out in the segments’ order', async () => {
    const view = await render(matrixSpec({ from: 'From', to: 'To', value: 'Share', customers: 'C' }, ['Best', 'Worst', '(new)'], ['Best', 'Worst']), [
      { from: 'Worst', to: 'Best', share: 0.2, customers: 1 }, { from: 'Best', to: 'Worst', share: 0.5, customers: 2 },
      { from: '(new)', to: 'Best', share: 1, customers: 3 },
    ]);
    expect(view.scale('y').domain()).toEqual(['Best', 'Worst', '(new)']);
    expect(view.scale('x').domain()).toEqual(['Best', 'Worst']);
    view.finalize();
  });
});

describe('churn chart rows', () => {
  it('gives each model’s curve in order, named', () => {
    const roc = [{ fpr: 0, tpr: 0 }, { fpr: 0, tpr: 0.5 }, { fpr: 1, tpr: 1 }];
    const rows = rocRows([{ model: 'logistic', roc, gains: [], calibration: [] }, { model: 'tree', roc: roc.slice(1), gains: [], calibration: [] }], (m) => m.toUpperCase());
    expect(rows).toEqual([
      { model: 'LOGISTIC', fpr: 0, tpr: 0, seq: 0 }, { model: 'LOGISTIC', fpr: 0, tpr: 0.5, seq: 1 }, { model: 'LOGISTIC', fpr: 1, tpr: 1, seq: 2 },
      { model: 'TREE', fpr: 0, tpr: 0.5, seq: 0 }, { model: 'TREE', fpr: 1, tpr: 1, seq: 1 },
    ]);
  });
});
