import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/**
 * A second, independent computation of the lifecycle and basket figures straight from the synthetic retail sample,
 * in plain JS, for the browser tests to check the app's SQL against. Follows the definitions shown in the UI.
 */

export interface SampleLine {
  order: string;
  customer: string;
  day: string;
  ts: string;
  product: string;
  qty: number;
  /** Line amount in cents (quantity × unit price, rounded to the cent as ingest does). */
  cents: number;
}

/** The retail sample the built app serves. */
export function readRetailSample(): SampleLine[] {
  const dist = process.env.DIST_DIR ?? fileURLToPath(new URL('../../dist/', import.meta.url));
  const [, ...rows] = readFileSync(join(dist, 'samples', 'retail_sample.csv'), 'utf8').trim().split('\n');
  return rows.map((r) => {
    const [order, customer, ts, product, , qty, price] = r.split(',');
    return { order, customer, day: ts.slice(0, 10), ts, product, qty: Number(qty), cents: Math.round(Number(qty) * Number(price) * 100) };
  });
}

const dayNo = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

function quantileCont(sorted: number[], p: number): number {
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  return lo + 1 < sorted.length ? sorted[lo] + (pos - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  return quantileCont([...values].sort((a, b) => a - b), 0.5);
}

/** Net amount in cents of each order (customer + order id) up to `asOf`: > 0 is a purchase, < 0 a return. */
export function orderNets(lines: SampleLine[], asOf: string): Map<string, number> {
  const net = new Map<string, number>();
  for (const l of lines) if (l.day <= asOf) net.set(`${l.customer}|${l.order}`, (net.get(`${l.customer}|${l.order}`) ?? 0) + l.cents);
  return net;
}

/** Per customer: sorted purchase days (days with at least one order netting > 0) as day numbers, up to `asOf`. */
export function purchaseDays(lines: SampleLine[], asOf: string): Map<string, number[]> {
  const net = orderNets(lines, asOf);
  const days = new Map<string, Set<number>>();
  for (const l of lines) {
    if (l.day > asOf || (net.get(`${l.customer}|${l.order}`) ?? 0) <= 0) continue;
    if (!days.has(l.customer)) days.set(l.customer, new Set());
    days.get(l.customer)!.add(dayNo(l.day));
  }
  return new Map([...days].map(([c, d]) => [c, [...d].sort((a, b) => a - b)]));
}

/** The default churn window: the 90th percentile of all gaps, rounded. */
export function defaultWindow(days: Map<string, number[]>): number {
  const gaps = [...days.values()].flatMap((d) => d.slice(1).map((x, i) => x - d[i])).sort((a, b) => a - b);
  return Math.max(1, Math.round(quantileCont(gaps, 0.9)));
}

/** Stage counts at `asOf` with window `w`, by the rules in the order the UI lists them. */
export function stageCounts(days: Map<string, number[]>, asOf: string, w: number): Record<string, number> {
  const at = dayNo(asOf);
  const counts: Record<string, number> = { new: 0, active: 0, reactivated: 0, at_risk: 0, churned: 0 };
  for (const d of days.values()) {
    const gaps = d.slice(1).map((x, i) => x - d[i]);
    const last = d[d.length - 1];
    const returns = d.filter((_, i) => i > 0 && gaps[i - 1] > w);
    const med = median(gaps);
    let stage = 'active';
    if (at - last >= w) stage = 'churned';
    else if (at - d[0] < w) stage = 'new';
    else if (returns.length && at - returns[returns.length - 1] < w) stage = 'reactivated';
    else if (med !== null && at - last > med) stage = 'at_risk';
    counts[stage]++;
  }
  return counts;
}

/** Kaplan–Meier median of lifetime = last − first purchase day, churned customers as events, others censored. */
export function kmMedian(days: Map<string, number[]>, asOf: string, w: number): number | null {
  const at = dayNo(asOf);
  const subjects = [...days.values()].map((d) => ({ t: d[d.length - 1] - d[0], event: at - d[d.length - 1] >= w }));
  const times = [...new Set(subjects.map((s) => s.t))].sort((a, b) => a - b);
  let s = 1;
  for (const t of times) {
    const atRisk = subjects.filter((x) => x.t >= t).length;
    const events = subjects.filter((x) => x.t === t && x.event).length;
    s *= 1 - events / atRisk;
    if (s <= 0.5) return t;
  }
  return null;
}

/** Purchases (customer + order id, netting > 0) holding each product bought in them (quantity > 0), up to `asOf`. */
export function basketOrders(lines: SampleLine[], asOf: string): { n: number; byProduct: Map<string, Set<string>> } {
  const net = orderNets(lines, asOf);
  const byProduct = new Map<string, Set<string>>();
  const orders = new Set<string>();
  for (const l of lines) {
    const key = `${l.customer}|${l.order}`;
    if (l.day > asOf || l.qty <= 0 || (net.get(key) ?? 0) <= 0) continue;
    orders.add(key);
    if (!byProduct.has(l.product)) byProduct.set(l.product, new Set());
    byProduct.get(l.product)!.add(key);
  }
  return { n: orders.size, byProduct };
}
