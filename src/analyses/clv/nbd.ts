import type { FrequencyGroup } from './group';
import { minimize } from './optimize';
import { digamma, gammaln } from './special';

/**
 * The NBD (Ehrenberg 1959): each customer buys at a steady rate for ever, rates ~ Gamma(r, α) across customers.
 * It is the limit of BG/NBD as the dropout probability a/(a+b) → 0, and of Pareto/NBD as the mean dropout rate
 * s/β → 0: where their likelihoods are highest at that boundary, the NBD is the model they fit, and its closed
 * forms give their predictions exactly (P(alive) = 1; no series).
 */
export interface NbdParams {
  r: number;
  alpha: number;
}

export interface NbdFit {
  params: NbdParams;
  /** Σ weight · log-likelihood, in the data's own time unit. */
  logLik: number;
  converged: boolean;
  message?: string;
}

/** Log-likelihood of x repeat purchases in an observation of length T (t_x does not enter: nobody leaves). */
export function nbdLogLik({ r, alpha }: NbdParams, x: number, T: number): number {
  return gammaln(r + x) - gammaln(r) + r * Math.log(alpha) - (r + x) * Math.log(alpha + T);
}

/** Σ weight · log-likelihood over grouped customers. */
export function nbdTotalLogLik(params: NbdParams, groups: readonly FrequencyGroup[]): number {
  const byX = new Map<number, number>();
  let sum = 0;
  for (const g of groups) {
    let lg = byX.get(g.x);
    if (lg === undefined) byX.set(g.x, (lg = gammaln(params.r + g.x) - gammaln(params.r)));
    sum += g.weight * (lg + params.r * Math.log(params.alpha) - (params.r + g.x) * Math.log(params.alpha + g.T));
  }
  return sum;
}

/** Gradient of Σ weight · ℓ with respect to (ln r, ln α). */
function gradLogParams({ r, alpha }: NbdParams, groups: readonly FrequencyGroup[]): number[] {
  const psiR = digamma(r);
  const psiByX = new Map<number, number>();
  let gr = 0;
  let gal = 0;
  for (const { x, T, weight } of groups) {
    let psi = psiByX.get(x);
    if (psi === undefined) psiByX.set(x, (psi = digamma(r + x)));
    gr += weight * (psi - psiR + Math.log(alpha) - Math.log(alpha + T));
    gal += weight * (r / alpha - (r + x) / (alpha + T));
  }
  return [r * gr, alpha * gal];
}

/** Maximum-likelihood NBD fit (log-parameters, two starts, BFGS polish); never throws. */
export function fitNbd(groups: readonly FrequencyGroup[]): NbdFit {
  const used = groups.filter((g) => g.weight > 0);
  const customers = used.reduce((s, g) => s + g.weight, 0);
  if (customers === 0) return { params: { r: NaN, alpha: NaN }, logLik: NaN, converged: false, message: 'no customers to fit' };
  const meanT = used.reduce((s, g) => s + g.weight * g.T, 0) / customers || 1;
  const meanX = used.reduce((s, g) => s + g.weight * g.x, 0) / customers;
  // Method of moments on the rate: E[x] = r·T/α; start from r = 1 and r = 0.3 with that mean.
  const rate = meanX / meanT || 1 / meanT;
  const starts = [1, 0.3].map((r) => [Math.log(r), Math.log(r / rate)]);
  const from = (t: readonly number[]): NbdParams => ({ r: Math.exp(t[0]), alpha: Math.exp(t[1]) });
  const result = minimize((t) => -nbdTotalLogLik(from(t), used) / customers, {
    starts,
    gradient: (t) => gradLogParams(from(t), used).map((g) => -g / customers),
  });
  const params = from(result.x);
  const messages: string[] = [];
  if (!used.some((g) => g.x > 0)) messages.push('no customer made a repeat purchase: the NBD cannot be fitted');
  if (result.atEdge.length) messages.push(`${result.atEdge.map((i) => ['r', 'alpha'][i]).join(', ')} ran off towards 0 or infinity: the data do not identify the model`);
  else if (result.message) messages.push(result.message);
  return {
    params,
    logLik: Number.isFinite(result.fx) ? nbdTotalLogLik(params, used) : NaN,
    converged: result.converged && messages.length === 0,
    ...(messages.length ? { message: messages.join('; ') } : {}),
  };
}

/** The posterior mean purchase rate (r + x)/(α + T) of a customer with x repeat purchases observed for T. */
export function nbdRate({ r, alpha }: NbdParams, x: number, T: number): number {
  return (r + x) / (alpha + T);
}

/** Expected purchases in (T, T+t]: (r + x)/(α + T) · t. */
export function nbdExpected(params: NbdParams, t: number, x: number, T: number): number {
  return t > 0 ? nbdRate(params, x, T) * t : 0;
}

/** E[X(t)] of a new customer: r·t/α. */
export function nbdUnconditional({ r, alpha }: NbdParams, t: number): number {
  return t > 0 ? (r * t) / alpha : 0;
}

/**
 * Σ_{k=1..H} (E(k·month) − E((k−1)·month)) / (1+d)^k in closed form: every month brings rate · month purchases,
 * so the sum is rate · month · (1 − (1+d)^−H)/d (rate · month · H when d = 0).
 */
export function nbdDiscounted(params: NbdParams, x: number, T: number, month: number, horizonMonths: number, monthlyDiscount: number): { expected: number; discounted: number } {
  const perMonth = nbdRate(params, x, T) * month;
  const annuity = monthlyDiscount > 0 ? -Math.expm1(-horizonMonths * Math.log1p(monthlyDiscount)) / monthlyDiscount : horizonMonths;
  return { expected: perMonth * horizonMonths, discounted: perMonth * annuity };
}

/** P(X(t) = n) for n = 0 … top − 1 and P(X(t) ≥ top) last: the negative binomial NB(r, α/(α+t)). */
export function nbdCountProbabilities({ r, alpha }: NbdParams, t: number, top: number): number[] {
  const logP = r * (Math.log(alpha) - Math.log(alpha + t));
  const logQ = t > 0 ? Math.log(t) - Math.log(alpha + t) : -Infinity;
  const out: number[] = [];
  let total = 0;
  for (let n = 0; n < top; n++) {
    const p = Math.exp(gammaln(r + n) - gammaln(r) - gammaln(n + 1) + logP + (n > 0 ? n * logQ : 0));
    out.push(p);
    total += p;
  }
  out.push(Math.max(0, 1 - total));
  return out;
}
