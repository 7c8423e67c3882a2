import type { FrequencyGroup } from './group';
import type { NbdParams } from './nbd';
import { minimize, numericGradient } from './optimize';
import { gammaln } from './special';

/**
 * BG/NBD's other limit: a, b → ∞ together with a/(a+b) = p fixed, where the Beta distribution of the dropout
 * probability shrinks to a point: every customer leaves after each purchase with the same probability p, and buys
 * at their own rate λ ~ Gamma(r, α) while alive. Every prediction has a closed form (no ₂F₁ series, which cannot be
 * summed for a and b in the millions).
 */
export interface BgCommonParams extends NbdParams {
  /** The dropout probability after each purchase, the same for every customer. */
  p: number;
}

export interface BgCommonFit {
  params: BgCommonParams;
  logLik: number;
  converged: boolean;
  message?: string;
}

const logAddExp = (u: number, v: number): number => {
  const hi = Math.max(u, v);
  return hi === -Infinity ? hi : hi + Math.log(Math.exp(u - hi) + Math.exp(v - hi));
};

/**
 * Log-likelihood of x repeat purchases, the last at t_x, in an observation of length T:
 * Γ(r+x)α^r/Γ(r) · [(1−p)^x (α+T)^−(r+x) + [x>0] p(1−p)^(x−1) (α+t_x)^−(r+x)] (FHL 2005 eq. 6 with Beta(a, b) at p).
 */
export function bgCommonLogLik({ r, alpha, p }: BgCommonParams, x: number, tx: number, T: number): number {
  const common = gammaln(r + x) - gammaln(r) + r * Math.log(alpha);
  const alive = x * Math.log1p(-p) - (r + x) * Math.log(alpha + T);
  if (x === 0) return common + alive;
  return common + logAddExp(alive, Math.log(p) + (x - 1) * Math.log1p(-p) - (r + x) * Math.log(alpha + tx));
}

export function bgCommonTotalLogLik(params: BgCommonParams, groups: readonly FrequencyGroup[]): number {
  let sum = 0;
  for (const g of groups) sum += g.weight * bgCommonLogLik(params, g.x, g.tx, g.T);
  return sum;
}

const fromT = (t: readonly number[]): BgCommonParams => ({ r: Math.exp(t[0]), alpha: Math.exp(t[1]), p: 1 / (1 + Math.exp(-t[2])) });

/** Maximum-likelihood fit (ln r, ln α, logit p; BFGS on central differences from the `start`s); never throws. */
export function fitBgCommon(groups: readonly FrequencyGroup[], starts: BgCommonParams[]): BgCommonFit {
  const used = groups.filter((g) => g.weight > 0);
  const customers = used.reduce((s, g) => s + g.weight, 0);
  if (customers === 0 || !starts.length) return { params: { r: NaN, alpha: NaN, p: NaN }, logLik: NaN, converged: false, message: 'no customers to fit' };
  const f = (t: readonly number[]) => -bgCommonTotalLogLik(fromT(t), used) / customers;
  const gradient = numericGradient(f);
  const toT = (p: BgCommonParams) => [Math.log(p.r), Math.log(p.alpha), Math.log(p.p) - Math.log1p(-p.p)];
  const result = minimize(f, { starts: starts.map(toT), gradient, method: 'bfgs', bound: 40, edge: 36 });
  const params = fromT(result.x);
  return {
    params,
    logLik: Number.isFinite(result.fx) ? bgCommonTotalLogLik(params, used) : NaN,
    converged: result.converged,
    ...(result.message ? { message: result.message } : {}),
  };
}

/** P(alive at T) = 1 / (1 + [x>0] p/(1−p) · ((α+T)/(α+t_x))^(r+x)). */
export function bgCommonPAlive({ r, alpha, p }: BgCommonParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  return 1 / (1 + Math.exp(Math.log(p) - Math.log1p(-p) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx))));
}

/**
 * Expected purchases in (T, T+t] of a customer alive at T: with rate λ and dropout p, E = (1 − e^(−pλt))/p; over the
 * posterior λ ~ Gamma(r+x, α+T): (1 − ((α+T)/(α+T+pt))^(r+x))/p.
 */
export function bgCommonExpectedIfAlive({ r, alpha, p }: BgCommonParams, t: number, x: number, T: number): number {
  if (t <= 0) return 0;
  return -Math.expm1(-(r + x) * Math.log1p((p * t) / (alpha + T))) / p;
}

/** E[X(t)] of a new customer: (1 − (α/(α+pt))^r)/p. */
export function bgCommonUnconditional({ r, alpha, p }: BgCommonParams, t: number): number {
  return t > 0 ? -Math.expm1(-r * Math.log1p((p * t) / alpha)) / p : 0;
}

/**
 * P(X(t) = n) for n = 0 … top − 1 and P(X(t) ≥ top) last: (1−p)^n NB(n) + [n>0] p(1−p)^(n−1) (1 − Σ_{j<n} NB(j)),
 * NB(j) the negative binomial probabilities of the purchases while alive (FHL 2005 eq. 8 with Beta(a, b) at p).
 */
export function bgCommonCountProbabilities({ r, alpha, p }: BgCommonParams, t: number, top: number): number[] {
  const logP = r * (Math.log(alpha) - Math.log(alpha + t));
  const logQ = t > 0 ? Math.log(t) - Math.log(alpha + t) : -Infinity;
  const out: number[] = [];
  let cumulative = 0;
  let total = 0;
  for (let n = 0; n < top; n++) {
    const nb = Math.exp(gammaln(r + n) - gammaln(r) - gammaln(n + 1) + logP + (n > 0 ? n * logQ : 0));
    let v = Math.exp(n * Math.log1p(-p)) * nb;
    if (n > 0) v += p * Math.exp((n - 1) * Math.log1p(-p)) * Math.max(0, 1 - cumulative);
    cumulative += nb;
    out.push(v);
    total += v;
  }
  out.push(Math.max(0, 1 - total));
  return out;
}
