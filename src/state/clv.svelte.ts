import { workerEngine } from '../analyses/clv/clv-client';
import type { ClvEngine, ClvStage, GridCell, ParetoFit } from '../analyses/clv/compute';
import type { CacInput } from '../analyses/clv/cac-sql';
import type { FrequencyModel, PredictionModel } from '../analyses/clv/frequency-model';
import { DEFAULT_CLV_SETTINGS, emptyFits, fitClv, fitParetoClv, prepareClv, scoreClv, scoringModel, type ClvRun, type ClvSettings } from '../analyses/clv/model';
import type { TimeUnit } from '../analyses/clv/summary-sql';
import { clvExpr, type ScoreKey } from '../analyses/clv/tables';
import { loadGrid, loadValidation, type Validation } from '../analyses/clv/validation';
import { Superseded, type QueryLayer, type RequestOptions, type TableSpec } from '../query/query-layer';
import { stableKey } from '../query/stable-key';

/** One scoring: `table` is `clv_customers` for `run` and the settings in `key` (built when this resolves). */
export interface ClvScore {
  run: ClvRun;
  key: ScoreKey;
  table: TableSpec;
  /** Distinct histories whose outputs could not be computed. */
  failed: number;
  /** What the predictions were made with: the chosen model's parameters, or the NBD at its boundary. */
  model: PredictionModel;
  /** Milliseconds the predictions took in the worker, and the whole scoring with `clv_customers` built. */
  predictMs: number;
  scoreMs: number;
}

/** The BG/NBD parameters are finite: predictions can be made (perhaps with a warning). */
export function canPredict(run: ClvRun): boolean {
  const { r, alpha, a, b } = run.fits.bg.params;
  return run.data.customers > 0 && [r, alpha, a, b].every(Number.isFinite);
}

/**
 * The CLV settings of this tab (time unit, horizon, monthly discount, margin, the model CLV uses; defaults weeks,
 * 12 months, 1 %, 100 %, BG/NBD), shared by every view, and the model computations through the query layer: fits
 * keyed by (as-of date, unit), scorings (`clv_customers`) by those and the horizon, discount and model; the data
 * version is part of every key. The margin is applied in SQL (`clvExpr`), so changing it re-runs no prediction.
 */
export class ClvState {
  unit = $state<TimeUnit>(DEFAULT_CLV_SETTINGS.unit);
  horizonMonths = $state(DEFAULT_CLV_SETTINGS.horizonMonths);
  monthlyDiscount = $state(DEFAULT_CLV_SETTINGS.monthlyDiscount);
  margin = $state(DEFAULT_CLV_SETTINGS.margin);
  /** The purchase model CLV uses (BG/NBD by default). */
  model = $state<FrequencyModel>(DEFAULT_CLV_SETTINGS.model);
  /** The acquisition costs typed for CLV : CAC (none at first). */
  cacInput = $state.raw<CacInput>({ all: null, byChannel: {} });
  /** What the worker is doing, for the progress bar; null when idle. */
  progress = $state<{ stage: ClvStage | 'summary'; fraction: number | null } | null>(null);
  /** The CLV view's last scoring. */
  private scored = $state.raw<ClvScore | null>(null);
  private engineInstance: ClvEngine | null = null;

  /** `startEngine` runs once, at the first fit: the worker by default, the same thread in tests. */
  constructor(private startEngine: () => ClvEngine = workerEngine) {}

  /** The settings as a plain value, with out-of-range input brought back into range. */
  get settings(): ClvSettings {
    return { unit: this.unit, horizonMonths: this.horizon, monthlyDiscount: this.discount, margin: this.marginRate, model: this.model };
  }

  /** The horizon in whole months, 1–120 (read alone, so what depends on it does not depend on the margin). */
  get horizon(): number {
    return Math.round(clamp(this.horizonMonths, 1, 120, DEFAULT_CLV_SETTINGS.horizonMonths));
  }

  /** The monthly discount rate, 0–1. */
  get discount(): number {
    return clamp(this.monthlyDiscount, 0, 1, DEFAULT_CLV_SETTINGS.monthlyDiscount);
  }

  /** The margin, 0–1. */
  get marginRate(): number {
    return clamp(this.margin, 0, 1, DEFAULT_CLV_SETTINGS.margin);
  }

  /** Back to 12 months, 1 % a month, 100 % margin, weeks, BG/NBD. */
  reset(): void {
    Object.assign(this, { ...DEFAULT_CLV_SETTINGS });
  }

  /** What `clv_customers` depends on for an as-of date under the current settings (or `settings`). */
  scoreKey(asOf: string, settings?: Omit<ClvSettings, 'margin'>): ScoreKey {
    const s = settings ?? { unit: this.unit, horizonMonths: this.horizon, monthlyDiscount: this.discount, model: this.model };
    return { asOf, unit: s.unit, horizonMonths: s.horizonMonths, monthlyDiscount: s.monthlyDiscount, model: s.model };
  }

  /**
   * `clv_customers` for the current settings when the CLV view has scored it for this as-of date and the layer's
   * data version, else null. Read the CLV with `clvSql(alias)` (the table holds `clv_full_margin`, not the margin).
   */
  currentTable(layer: QueryLayer, asOf: string): TableSpec | null {
    const score = this.scored;
    if (!score || stableKey(score.key) !== stableKey(this.scoreKey(asOf))) return null;
    return layer.isBuilt(score.table) ? score.table : null;
  }

  /**
   * What the CLV view's scoring for this as-of date and the current settings predicts with (`'nbd'`: a fit at its
   * boundary, every P(alive) 1), or null when there is none.
   */
  predictionKind(asOf: string): PredictionModel['kind'] | null {
    const score = this.scored;
    return score && stableKey(score.key) === stableKey(this.scoreKey(asOf)) ? score.model.kind : null;
  }

  /** Lets go of the last scoring (its predictions) once the data is gone. */
  forget(): void {
    this.scored = null;
  }

  /** SQL: the CLV at the current margin of the `clv_customers` row aliased `alias` (e.g. `${clv.clvSql('c')} AS clv`). */
  clvSql(alias: string): string {
    return clvExpr(alias, String(this.marginRate));
  }

  private get engine(): ClvEngine {
    return (this.engineInstance ??= this.startEngine());
  }

  /** The calibration data and the fits for the as-of date and unit (computed once per data version). */
  fit(layer: QueryLayer, asOf: string, unit: TimeUnit, opts: RequestOptions = {}): Promise<ClvRun> {
    return layer.compute(
      { clv: 'fit', asOf, unit },
      (signal) =>
        this.track(async () => {
          const version = layer.version;
          this.progress = { stage: 'summary', fraction: null };
          const data = await prepareClv(layer, asOf, unit, signal);
          const fits = data.customers > 0 ? await fitClv(this.engine, data, (stage, fraction) => (this.progress = { stage, fraction })) : emptyFits();
          return keyedByIdentity({ data, fits, version });
        }),
      opts,
    );
  }

  /** The Pareto/NBD fit for a run's data (once per data version, as-of date and unit; in the second worker). */
  fitPareto(layer: QueryLayer, run: ClvRun, opts: RequestOptions = {}): Promise<ParetoFit> {
    const { asOf, unit } = run.data;
    if (run.version !== undefined && run.version !== layer.version) return Promise.reject(new Superseded());
    return layer.compute({ clv: 'pnbd', asOf, unit }, () => fitParetoClv(this.engine, run.data), opts);
  }

  /**
   * Predictions of a fit for the horizon, discount and model (Pareto/NBD needs `pareto`), in `clv_customers`
   * (once per data version and key).
   */
  async score(
    layer: QueryLayer,
    run: ClvRun,
    settings: Pick<ClvSettings, 'horizonMonths' | 'monthlyDiscount'> & { model?: FrequencyModel },
    opts: RequestOptions & { pareto?: ParetoFit | null } = {},
  ): Promise<ClvScore> {
    // A fit of earlier data must not give this data's `clv_customers`.
    if (run.version !== undefined && run.version !== layer.version) throw new Superseded();
    const key = this.scoreKey(run.data.asOf, { horizonMonths: settings.horizonMonths, monthlyDiscount: settings.monthlyDiscount, model: settings.model ?? 'bgnbd', unit: run.data.unit });
    const pareto = opts.pareto?.pnbd ?? null;
    const prediction = scoringModel(run, key.model, pareto);
    const score = await layer.compute(
      { clv: 'score', ...key, prediction },
      (signal) =>
        this.track(async () => {
          this.progress = { stage: 'predict', fraction: 0 };
          const { table, failed, model, predictMs, scoreMs } = await scoreClv(layer, this.engine, run, key, {
            signal,
            pareto,
            onProgress: (stage, fraction) => (this.progress = { stage, fraction }),
          });
          return { run, key, table, failed, model, predictMs, scoreMs };
        }),
      opts,
    );
    // A scoring found in the cache may have been made for an equal fit computed anew.
    const mine = score.run === run ? score : { ...score, run };
    await this.rebuilt(layer, mine.table, opts.signal);
    this.scored = mine;
    return mine;
  }

  /** The holdout comparison and calibration check of BG/NBD and (once fitted) Pareto/NBD. */
  validation(layer: QueryLayer, run: ClvRun, pareto: ParetoFit | null, opts: RequestOptions = {}): Promise<Validation> {
    return loadValidation(layer, this.engine, run, pareto, opts.signal);
  }

  /** P(alive) and expected purchases over a frequency × recency grid with a model (once per fit and horizon). */
  grid(layer: QueryLayer, run: ClvRun, model: PredictionModel, horizonMonths: number, steps: number, opts: RequestOptions = {}): Promise<{ cells: GridCell[]; T: number }> {
    const { asOf, unit } = run.data;
    return layer.compute(
      { clv: 'grid', asOf, unit, model, horizonMonths, steps },
      (signal) => loadGrid(layer, this.engine, run, model, horizonMonths, steps, signal),
      opts,
    );
  }

  /** Builds a cached scoring's table again when another scoring replaced it meanwhile, so `currentTable` finds it. */
  private async rebuilt(layer: QueryLayer, table: TableSpec, signal?: AbortSignal): Promise<void> {
    await layer.ensure([table], { signal });
  }

  private async track<T>(job: () => Promise<T>): Promise<T> {
    try {
      return await job();
    } finally {
      this.progress = null;
    }
  }
}

let runs = 0;

/**
 * A run as a dependency key: Loaders and the query layer key their dependencies by JSON, and a run's typed arrays
 * (one entry per distinct history, tens of thousands) would make every key megabytes long and cost the main thread
 * a long task each time. A run stands for itself: it is computed once per data version, as-of date and unit.
 */
function keyedByIdentity(run: ClvRun): ClvRun {
  const id = `clv-run#${++runs}`;
  Object.defineProperty(run, 'toJSON', { value: () => id, enumerable: false });
  return run;
}

function clamp(v: number, lo: number, hi: number, fallback: number): number {
  return Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : fallback;
}

/** The CLV settings and models of this tab, shared by every view. */
export const clv = new ClvState();
