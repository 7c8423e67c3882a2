import type { Row } from '../db/db';
import { trainInWorker } from '../analyses/churn/churn-client';
import { confusion } from '../analyses/churn/metrics';
import { CHURN_MODELS, type ChurnModel } from '../analyses/churn/train';
import { holdoutExportSql, scoresExportSql } from '../analyses/churn/tables';
import { runChurn, SPLIT_SEED, type ChurnOutcome } from '../analyses/churn/run';
import type { ChurnAttributes } from '../analyses/churn/features';
import type { QueryLayer } from '../query/query-layer';
import { saveCsv } from '../export/download';
import { rowsToCsv } from '../export/rows-csv';
import type { AppState } from './app.svelte';
import { lifecycle, churnWindow } from './lifecycle.svelte';
import { Loader } from './loader.svelte';
import { roundOrNull } from '../export/round';
import { churn, publishChurnScores } from './churn-scores.svelte';

export { churn, SPLIT_SEED };

/** The Churn view: the labelled set at the cutoff, the models trained in a worker, their holdout figures and scores. */
export class ChurnState {
  readonly result: Loader<unknown, ChurnOutcome>;

  constructor(private app: AppState) {
    this.result = new Loader(
      () => (app.hasData && app.asOf && app.layer
        ? { v: app.version, asOf: app.asOf, cutoff: churn.cutoff, w: churn.windowDays ?? lifecycle.windowDays, src: this.sources, leaf: churn.minLeaf, depth: churn.depth, C: churn.C }
        : null),
      async ({ asOf }, signal) => this.train(app.layer!, asOf, signal),
    );
  }

  /** The customer file's attributes the features use (null without one). */
  get sources(): Omit<ChurnAttributes, 'categorical'> | null {
    if (!this.app.hasCustomers) return null;
    const m = this.app.customerMapping;
    return { age: m?.birth_date ? { header: m.birth_date, from: 'birth_date' } : m?.age ? { header: m.age, from: 'age' } : null };
  }

  private async train(layer: QueryLayer, asOf: string, signal: AbortSignal): Promise<ChurnOutcome> {
    const window = churn.windowDays ?? (await churnWindow(layer, asOf, lifecycle.windowDays, signal)).window;
    const outcome = await runChurn(layer, {
      asOf, cutoff: churn.cutoff, window, attributes: this.sources, C: churn.C, maxDepth: churn.depth, minLeaf: churn.minLeaf,
    }, trainInWorker, signal);
    if (outcome.tables.scores) publishChurnScores({ asOf, version: layer.version, table: outcome.tables.scores });
    return outcome;
  }

  /** Accuracy, precision and recall of a model on the holdout at the threshold. */
  confusionOf(model: ChurnModel) {
    const fit = this.result.value?.fit;
    const scores = fit?.holdoutScores[model];
    return fit && scores ? confusion(scores, fit.holdoutLabels, churn.threshold) : null;
  }

  /** `churn_model.csv`: one row per model and baseline, holdout figures at the threshold. */
  modelRows(): Row[] {
    const r = this.result.value;
    if (!r?.fit) return [];
    const fit = r.fit;
    return CHURN_MODELS.flatMap((model) => {
      const e = fit.evaluations.find((x) => x.model === model);
      const c = this.confusionOf(model);
      return e && c
        ? [{
            model, auc: roundOrNull(e.auc, 4), accuracy: roundOrNull(c.accuracy, 4), precision: roundOrNull(c.precision, 4), recall: roundOrNull(c.recall, 4), threshold: churn.threshold, train_customers: fit.trainCustomers,
            holdout_customers: fit.holdoutCustomers, churn_rate: roundOrNull(fit.churnRate, 4), cutoff: r.cutoff, window_days: r.window,
          }]
        : [];
    });
  }

  downloadScores = async (): Promise<void> => {
    const r = this.result.value;
    if (!r?.tables.scores) return;
    saveCsv('churn_scores.csv', await this.app.layer!.exportCsv(scoresExportSql(r.tables.current, r.tables.scores, churn.scoreModel)));
  };

  downloadModel = async (): Promise<void> => {
    saveCsv('churn_model.csv', new TextEncoder().encode(rowsToCsv(this.modelRows())));
  };

  downloadHoldout = async (): Promise<void> => {
    const r = this.result.value;
    if (!r?.tables.holdout) return;
    saveCsv('churn_holdout.csv', await this.app.layer!.exportCsv(holdoutExportSql(r.tables.holdout)));
  };
}

