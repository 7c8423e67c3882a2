import { SerialQueue } from '../db/serial-queue';
import type { Db } from '../db/db';
import { workerEngine } from '../analyses/clv/clv-client';
import type { ClvEngine, ClvStage } from '../analyses/clv/compute';
import { DEFAULT_CLV_SETTINGS, fitClv, prepareClv, scoreClv, type ClvRun, type ClvSettings } from '../analyses/clv/model';
import type { TimeUnit } from '../analyses/clv/summary-sql';

/** The outcome of one scoring: `clv_customers` matches `run` and `settings`; `build` changes with every rebuild. */
export interface ClvScore {
  run: ClvRun;
  settings: ClvSettings;
  build: number;
  /** Distinct histories whose outputs could not be computed. */
  failed: number;
}

/** The BG/NBD parameters are finite: predictions can be made (perhaps with a warning). */
export function canPredict(run: ClvRun): boolean {
  const { r, alpha, a, b } = run.fits.bg.params;
  return run.data.customers > 0 && [r, alpha, a, b].every(Number.isFinite);
}

/**
 * The CLV settings of this tab (time unit, horizon, monthly discount, margin; defaults 12 months, 1 %, 100 %),
 * the worker that fits the models, and the one place that builds `clv_summary`, `clv_triples` and
 * `clv_customers`. Jobs on those tables run one at a time; a fit or scoring already done is reused.
 */
export class ClvState {
  unit = $state<TimeUnit>(DEFAULT_CLV_SETTINGS.unit);
  horizonMonths = $state(DEFAULT_CLV_SETTINGS.horizonMonths);
  monthlyDiscount = $state(DEFAULT_CLV_SETTINGS.monthlyDiscount);
  margin = $state(DEFAULT_CLV_SETTINGS.margin);
  /** What the worker is doing, for the progress bar; null when idle. */
  progress = $state<{ stage: ClvStage | 'summary'; fraction: number | null } | null>(null);

  private engineInstance: ClvEngine | null = null;

  /** `startEngine` runs once, at the first fit: the worker by default, the same thread in tests. */
  constructor(private startEngine: () => ClvEngine = workerEngine) {}
  private queue = new SerialQueue();
  private fitKey = '';
  private lastRun: ClvRun | null = null;
  private scoreKey = '';
  private lastScore: ClvScore | null = null;

  /** The settings as a plain value, with out-of-range input brought back into range. */
  get settings(): ClvSettings {
    const num = (v: number, lo: number, hi: number, fallback: number) => (Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : fallback);
    return {
      unit: this.unit,
      horizonMonths: Math.round(num(this.horizonMonths, 1, 120, DEFAULT_CLV_SETTINGS.horizonMonths)),
      monthlyDiscount: num(this.monthlyDiscount, 0, 1, DEFAULT_CLV_SETTINGS.monthlyDiscount),
      margin: num(this.margin, 0, 1, DEFAULT_CLV_SETTINGS.margin),
    };
  }

  /** Back to 12 months, 1 % a month, 100 % margin, weeks. */
  reset(): void {
    Object.assign(this, { ...DEFAULT_CLV_SETTINGS });
  }

  private get engine(): ClvEngine {
    return (this.engineInstance ??= this.startEngine());
  }

  /** Builds `clv_summary` and fits the models for the as-of date, data version and unit (reused when unchanged). */
  fit(db: Db, asOf: string, version: number, unit: TimeUnit): Promise<ClvRun> {
    return this.serial(async () => {
      const key = `${asOf}|${version}|${unit}`;
      if (key === this.fitKey && this.lastRun) return this.lastRun;
      this.fitKey = this.scoreKey = '';
      try {
        this.progress = { stage: 'summary', fraction: null };
        const data = await prepareClv(db, asOf, unit);
        const fits = data.customers > 0 ? await fitClv(this.engine, data, (stage, fraction) => (this.progress = { stage, fraction })) : emptyFits();
        this.lastRun = { data, fits };
        this.fitKey = key;
        return this.lastRun;
      } finally {
        this.progress = null;
      }
    });
  }

  /** Builds `clv_customers` for a run and settings (reused when unchanged). The run must be the latest fit. */
  score(db: Db, run: ClvRun, settings: ClvSettings): Promise<ClvScore> {
    return this.serial(async () => {
      if (run !== this.lastRun) throw new Error('superseded by a newer fit');
      const key = JSON.stringify(settings);
      if (key === this.scoreKey && this.lastScore) return this.lastScore;
      this.scoreKey = '';
      try {
        this.progress = { stage: 'predict', fraction: 0 };
        const { failed } = await scoreClv(db, this.engine, run, settings, { onProgress: (stage, fraction) => (this.progress = { stage, fraction }) });
        this.lastScore = { run, settings, build: (this.lastScore?.build ?? 0) + 1, failed };
        this.scoreKey = key;
        return this.lastScore;
      } finally {
        this.progress = null;
      }
    });
  }

  /**
   * Whether `clv_customers` was last scored for this as-of date and data version (another view must not show
   * scores of an earlier data set: the table outlives a change of data until the CLV view runs again).
   */
  isCurrent(asOf: string, version: number): boolean {
    return this.scoreKey !== '' && this.fitKey.startsWith(`${asOf}|${version}|`);
  }

  /** Forgets every fit and score (the tables were dropped with the data). */
  forget(): void {
    this.fitKey = this.scoreKey = '';
    this.lastRun = this.lastScore = null;
  }

  /** Runs `job` after the pending builds, so it never reads a table being replaced. */
  withTables<T>(job: (engine: ClvEngine) => Promise<T>): Promise<T> {
    return this.serial(() => job(this.engine));
  }

  private serial<T>(job: () => Promise<T>): Promise<T> {
    return this.queue.run(job);
  }
}

function emptyFits(): ClvRun['fits'] {
  const nan = { logLik: NaN, converged: false, message: 'no customers to fit' };
  return {
    bg: { params: { r: NaN, alpha: NaN, a: NaN, b: NaN }, ...nan, customers: 0, groups: 0 },
    gg: { params: { p: NaN, q: NaN, v: NaN }, ...nan, customers: 0, excluded: 0 },
    bgMs: 0,
    ggMs: 0,
  };
}

/** The CLV settings and models of this tab, shared by every view. */
export const clv = new ClvState();
