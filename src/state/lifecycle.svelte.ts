import { SerialQueue } from '../db/serial-queue';
import type { Db } from '../db/db';
import { clv as clvState } from './clv.svelte';
import { churnWindowSql } from '../analyses/lifecycle/churn-window';
import { createLifecycleCustomersSql } from '../analyses/lifecycle/customers';
import type { SurvivalGroup } from '../analyses/lifecycle/survival';
import { clvCurrentSql, valueTablesSql, type ValueTables } from '../analyses/lifecycle/value-tables';
import { rfm } from './rfm.svelte';

/** What the lifecycle figures depend on. */
export interface LifecycleParams {
  asOf: string;
  version: number;
  /** Churn window in days. */
  window: number;
}

/** The default churn window of one data version and as-of date. */
export interface WindowDefault {
  p90: number | null;
  gaps: number;
}

/** Which value columns can join the customer rows, and why CLV is missing when it is. */
export interface ValueInfo {
  tables: ValueTables;
  clv: 'absent' | 'stale' | 'current';
  rfmError: string | null;
}

/**
 * The lifecycle settings of this tab (the churn window, the flow and survival options), shared by the Lifecycle
 * view and Customer 360, and the one place that materialises `lifecycle_customers`. Jobs on it run one at a time.
 */
export class LifecycleState {
  /** The user's churn window in days; null for the default from the data. */
  windowDays = $state<number | null>(null);
  includeChurned = $state(false);
  survivalGroup = $state<SurvivalGroup>('all');

  private queue = new SerialQueue();
  private builtKey = '';
  private defaults = new Map<string, Promise<WindowDefault>>();

  /** The default window (90th percentile of gaps) for the as-of date and data version, computed once. */
  defaultWindow(db: Db, asOf: string, version: number): Promise<WindowDefault> {
    const key = `${asOf}|${version}`;
    let p = this.defaults.get(key);
    if (!p) {
      p = db.query<{ p90_days: number | null; gaps: number }>(churnWindowSql(), [asOf]).then(([r]) => ({ p90: r.p90_days, gaps: r.gaps }));
      p.catch(() => this.defaults.delete(key));
      this.defaults.set(key, p);
    }
    return p;
  }

  /** Runs `job` once `lifecycle_customers` matches `p`, building it only when it does not. */
  withTable<T>(db: Db, p: LifecycleParams, job: () => Promise<T>): Promise<T> {
    const run = async () => {
      const key = `${p.asOf}|${p.version}|${p.window}`;
      if (key !== this.builtKey) {
        this.builtKey = '';
        await db.query(createLifecycleCustomersSql(), [p.asOf, p.window]);
        this.builtKey = key;
      }
      return job();
    };
    return this.queue.run(run);
  }

  /**
   * Brings `rfm_customers` up to date with the RFM view's settings (it is cheap next to the lifecycle figures and
   * gives every customer their scores), and checks whether `clv_customers` was scored for this as-of date.
   */
  async values(db: Db, p: LifecycleParams): Promise<ValueInfo> {
    let rfmError: string | null = null;
    try {
      await rfm.withTable(db, p.asOf, p.version, async () => undefined);
    } catch (e) {
      rfmError = e instanceof Error ? e.message : String(e);
    }
    const [t] = await db.query<{ rfm: boolean; clv: boolean }>(valueTablesSql());
    let clv: ValueInfo['clv'] = 'absent';
    if (t.clv && clvState.isCurrent(p.asOf, p.version)) {
      const current = await this.withTable(db, p, () => db.query<{ current: boolean }>(clvCurrentSql(), [p.asOf])).then(
        ([r]) => r.current,
        () => false,
      );
      clv = current ? 'current' : 'stale';
    } else if (t.clv) clv = 'stale';
    return { tables: { rfm: t.rfm && !rfmError, clv: clv === 'current' }, clv, rfmError };
  }
}

/** The lifecycle settings of this tab. */
export const lifecycle = new LifecycleState();

/**
 * Which parts of a view are still loading, so that the view's root can set `aria-busy` until all its figures are
 * shown (the benchmark and assistive technology read it). Parts named up front count as busy until they report.
 */
export class Busy {
  private parts = $state<Record<string, boolean>>({});

  constructor(parts: readonly string[]) {
    for (const p of parts) this.parts[p] = true;
  }

  set(part: string, busy: boolean): void {
    if (this.parts[part] !== busy) this.parts[part] = busy;
  }

  get busy(): boolean {
    return Object.values(this.parts).some(Boolean);
  }
}
