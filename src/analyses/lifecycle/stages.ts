/** Lifecycle stages, in the order charts and tables show them. */
export const STAGES = ['new', 'active', 'reactivated', 'at_risk', 'churned'] as const;
export type Stage = (typeof STAGES)[number];

/**
 * SQL: a customer's stage at the date `at` with a churn window of `w` days, over a row holding `first_day`,
 * `last_day` (first and last purchase day up to `at`), `median_gap` (median days between their purchase days up to
 * `at`, NULL with one purchase day) and `return_day` (their latest purchase day that came more than `w` days after
 * the one before, NULL if none). The first matching rule wins:
 * 1. churned: no purchase in the last `w` days (`at` − last_day ≥ w);
 * 2. new: first purchase within the window (`at` − first_day < w);
 * 3. reactivated: came back after a lapse, within the window (`at` − return_day < w);
 * 4. at risk: more days since the last purchase than their own median gap;
 * 5. active: the rest (repeat customers buying at their usual pace).
 * A gap of exactly `w` days is no lapse: the customer came back on the window's last day and never churned.
 */
export function stageCase(at: string, w: string): string {
  return `CASE
    WHEN date_diff('day', last_day, ${at}) >= ${w} THEN 'churned'
    WHEN date_diff('day', first_day, ${at}) < ${w} THEN 'new'
    WHEN return_day IS NOT NULL AND date_diff('day', return_day, ${at}) < ${w} THEN 'reactivated'
    WHEN median_gap IS NOT NULL AND date_diff('day', last_day, ${at}) > median_gap THEN 'at_risk'
    ELSE 'active' END`;
}
