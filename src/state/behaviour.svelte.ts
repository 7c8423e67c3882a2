import { SerialQueue } from '../db/serial-queue';
import type { Db } from '../db/db';
import { createBasketPairsSql } from '../analyses/behaviour/basket';

export type BehaviourSection = 'what' | 'when' | 'how' | 'basket' | 'customer';
export const BEHAVIOUR_SECTIONS: readonly BehaviourSection[] = ['what', 'when', 'how', 'basket', 'customer'];

/** Default minimum support of product pairs: 1 % of orders. */
export const DEFAULT_MIN_SUPPORT = 0.01;

/**
 * The Behaviour view's settings (section, top N, minimum support, the customer shown in Customer 360) and the one
 * place that materialises `basket_pairs`. Jobs on it run one at a time.
 */
export class BehaviourState {
  section = $state<BehaviourSection>('what');
  topN = $state(10);
  /** Minimum support of a product pair, a fraction of orders (0–1). */
  minSupport = $state(DEFAULT_MIN_SUPPORT);
  /** The customer id typed in Customer 360. */
  customerQuery = $state('');
  /** The customer shown in Customer 360. */
  customerId = $state<string | null>(null);

  private queue = new SerialQueue();
  private builtKey = '';

  /** The minimum support as used: a number between 0 and 1. */
  get support(): number {
    return Number.isFinite(this.minSupport) ? Math.min(1, Math.max(0, this.minSupport)) : DEFAULT_MIN_SUPPORT;
  }

  /** Runs `job` once `basket_pairs` matches the as-of date, data version and minimum support. */
  withPairs<T>(db: Db, asOf: string, version: number, minSupport: number, job: () => Promise<T>): Promise<T> {
    const run = async () => {
      const key = `${asOf}|${version}|${minSupport}`;
      if (key !== this.builtKey) {
        this.builtKey = '';
        await db.query(createBasketPairsSql(), [asOf, minSupport]);
        this.builtKey = key;
      }
      return job();
    };
    return this.queue.run(run);
  }
}

/** The Behaviour settings of this tab. */
export const behaviour = new BehaviourState();
