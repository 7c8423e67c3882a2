import type { Boundary } from './frequency-model';
import type { FrequencyGroup } from './group';
import { minimize } from './optimize';
import { digamma, gammaln, logHyp2f1 } from './special';

/** BG/NBD parameters (Fader, Hardie & Lee 2005): purchase rate ~ Gamma(r, α), dropout p ~ Beta(a, b). */
export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface BgNbdFit {
  params: BgNbdParams;
  /** Σ weight · log-likelihood, in the data's own time unit. */
  logLik: number;
  converged: boolean;
  message?: string;
  /** Customers (total weight) and distinct triples used. */
  customers: number;
  groups: number;
  /** Set when the likelihood is highest as a/(a+b) → 0 (see `detectBoundary`): predictions then use the NBD limit. */
  boundary?: Boundary | null;
}

export interface BgNbdFitOptions {
  /** Extra starting points for (r, α, a, b), tried beside the defaults. */
  starts?: BgNbdParams[];
  /** Also try the built-in starting points (default true); false searches from `starts` alone. */
  defaultStarts?: boolean;
}

const logAddExp = (u: number, v: number): number => {
  const hi = Math.max(u, v);
  return hi === -Infinity ? hi : hi + Math.log(Math.exp(u - hi) + Math.exp(v - hi));
};

/** Log-likelihood of one customer with x repeat purchases, the last at t_x, observed for T. */
export function bgNbdLogLik(params: BgNbdParams, x: number, tx: number, T: number): number {
  return gammaTerms(params, x) + recencyTerm(params, x, tx, T);
}

/** Whole counts up to this are summed term by term in `betaRatio` (lnΓ differences above it). */
const SUM_TERMS_UP_TO = 10_000;

/**
 * ln [B(a, b+x)/B(a, b)] = ln Π_{j<x} (b+j)/(a+b+j) = Σ_{j<x} ln(1 − a/(a+b+j)): exact where the difference of
 * lnΓ values in the billions would cancel (a and b in the millions, at the likelihood's boundaries).
 */
export function betaRatio(a: number, b: number, x: number): number {
  if (!Number.isInteger(x) || x > SUM_TERMS_UP_TO) return gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x);
  let sum = 0;
  for (let j = 0; j < x; j++) sum += Math.log1p(-a / (a + b + j));
  return sum;
}

/** ψ(b+x) − ψ(b) and ψ(a+b+x) − ψ(a+b): sums of 1/(b+j) and 1/(a+b+j) for whole x (no cancellation). */
function digammaSteps(a: number, b: number, x: number): [number, number] {
  if (!Number.isInteger(x) || x > SUM_TERMS_UP_TO) return [digamma(b + x) - digamma(b), digamma(a + b + x) - digamma(a + b)];
  let sb = 0;
  let sab = 0;
  for (let j = 0; j < x; j++) {
    sb += 1 / (b + j);
    sab += 1 / (a + b + j);
  }
  return [sb, sab];
}

/** A1 + A2 of the likelihood: the lnΓ terms, which depend on the customer through x alone. */
function gammaTerms({ r, alpha, a, b }: BgNbdParams, x: number): number {
  return gammaln(r + x) - gammaln(r) + r * Math.log(alpha) + betaRatio(a, b, x);
}

/** logsumexp(A3, A4) of the likelihood (A3 alone when x = 0). */
function recencyTerm({ r, alpha, a, b }: BgNbdParams, x: number, tx: number, T: number): number {
  const A3 = -(r + x) * Math.log(alpha + T);
  if (x === 0) return A3;
  const A4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
  return logAddExp(A3, A4);
}

/** Σ weight · log-likelihood over grouped customers. */
export function bgNbdTotalLogLik(params: BgNbdParams, groups: readonly FrequencyGroup[]): number {
  // Few distinct x: compute the lnΓ terms once per x value, not once per group.
  const byX = new Map<number, number>();
  let sum = 0;
  for (const g of groups) {
    let gt = byX.get(g.x);
    if (gt === undefined) byX.set(g.x, (gt = gammaTerms(params, g.x)));
    sum += g.weight * (gt + recencyTerm(params, g.x, g.tx, g.T));
  }
  return sum;
}

/** Gradient of Σ weight · ℓ with respect to (ln r, ln α, ln a, ln b). */
function gradLogParams({ r, alpha, a, b }: BgNbdParams, groups: readonly FrequencyGroup[]): number[] {
  let gr = 0;
  let gal = 0;
  let ga = 0;
  let gb = 0;
  const psiR = digamma(r);
  const psiByX = new Map<number, [number, number, number]>();
  for (const { x, tx, T, weight } of groups) {
    let psi = psiByX.get(x);
    if (psi === undefined) psiByX.set(x, (psi = [digamma(r + x), ...digammaSteps(a, b, x)]));
    // stepB = ψ(b+x) − ψ(b), stepAB = ψ(a+b+x) − ψ(a+b).
    const [psiRx, stepB, stepAB] = psi;
    const A3 = -(r + x) * Math.log(alpha + T);
    // w4: the share of the "dropped out after the last purchase" term in the logsumexp.
    let w4 = 0;
    if (x > 0) {
      const A4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
      w4 = 1 / (1 + Math.exp(A3 - A4));
    }
    const w3 = 1 - w4;
    gr += weight * (psiRx - psiR + Math.log(alpha) - w3 * Math.log(alpha + T) - (x > 0 ? w4 * Math.log(alpha + tx) : 0));
    gal += weight * (r / alpha - (w3 * (r + x)) / (alpha + T) - (x > 0 ? (w4 * (r + x)) / (alpha + tx) : 0));
    ga += weight * (-stepAB + w4 / a);
    gb += weight * (stepB - stepAB - (x > 0 ? w4 / (b + x - 1) : 0));
  }
  return [r * gr, alpha * gal, a * ga, b * gb];
}

const fromLog = (t: readonly number[]): BgNbdParams => ({ r: Math.exp(t[0]), alpha: Math.exp(t[1]), a: Math.exp(t[2]), b: Math.exp(t[3]) });
const toLog = (p: BgNbdParams): number[] => [Math.log(p.r), Math.log(p.alpha), Math.log(p.a), Math.log(p.b)];

/**
 * Maximum-likelihood BG/NBD fit on grouped customers (log-parameters, several starts, BFGS polish).
 * Never throws on bad data: returns `converged: false` with a message instead.
 */
export function fitBgNbd(groups: readonly FrequencyGroup[], opts: BgNbdFitOptions = {}): BgNbdFit {
  const used = groups.filter((g) => g.weight > 0);
  const customers = used.reduce((s, g) => s + g.weight, 0);
  if (customers === 0) {
    return { params: { r: NaN, alpha: NaN, a: NaN, b: NaN }, logLik: NaN, converged: false, message: 'no customers to fit', customers, groups: 0 };
  }
  const meanT = used.reduce((s, g) => s + g.weight * g.T, 0) / customers || 1;
  const defaults: BgNbdParams[] = [
    { r: 1, alpha: meanT, a: 1, b: 1 },
    { r: 0.3, alpha: meanT / 10, a: 0.8, b: 2.5 },
    { r: 2, alpha: meanT * 3, a: 0.3, b: 5 },
  ];
  const starts = [...(opts.defaultStarts === false && opts.starts?.length ? [] : defaults), ...(opts.starts ?? [])];
  const result = minimize((t) => -bgNbdTotalLogLik(fromLog(t), used) / customers, {
    starts: starts.map(toLog),
    gradient: (t) => gradLogParams(fromLog(t), used).map((g) => -g / customers),
  });
  const params = fromLog(result.x);
  const messages: string[] = [];
  if (!used.some((g) => g.x > 0)) messages.push('no customer made a repeat purchase: BG/NBD cannot be fitted');
  if (result.atEdge.length) {
    const names = result.atEdge.map((i) => ['r', 'alpha', 'a', 'b'][i]).join(', ');
    messages.push(`${names} ran off towards 0 or infinity: the data do not identify the model`);
  } else if (result.message) {
    messages.push(result.message);
  }
  return {
    params,
    logLik: Number.isFinite(result.fx) ? bgNbdTotalLogLik(params, used) : NaN,
    converged: result.converged && messages.length === 0,
    ...(messages.length ? { message: messages.join('; ') } : {}),
    customers,
    groups: used.length,
  };
}

/** Probability that a customer with history (x, t_x, T) is still active at T. */
export function pAlive({ r, alpha, a, b }: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return 1 / (1 + Math.exp(logOdds));
}

/**
 * (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x; a+b+x−1; z)], z = t/(α+T+t),
 * computed through Euler's transformation, which cancels the large powers analytically:
 * (1−z)^(r+x)·₂F₁(r+x, b+x; c; z) = (1−z)^(a−1)·₂F₁(a+b−1−r, a−1; c; z); its series stays small for any x.
 */
function expectedIfAlive(p: BgNbdParams, t: number, x: number, T: number): number {
  const { r, alpha, a, b } = p;
  if (t <= 0) return 0;
  if (Math.abs(a - 1) < 1e-7) {
    // Removable singularity at a = 1: average the two sides.
    return (expectedIfAlive({ ...p, a: 1 - 1e-6 }, t, x, T) + expectedIfAlive({ ...p, a: 1 + 1e-6 }, t, x, T)) / 2;
  }
  const c = a + b + x - 1;
  const z = t / (alpha + T + t);
  const bracket = -Math.expm1((a - 1) * Math.log1p(-z) + logHyp2f1(a + b - 1 - r, a - 1, c, z));
  return (c / (a - 1)) * bracket;
}

/** Expected purchases in (T, T+t] of a customer with history (x, t_x, T). */
export function expectedPurchases(params: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  return expectedIfAlive(params, t, x, T) * pAlive(params, x, tx, T);
}

/** E[X(t)]: expected repeat purchases in the first t time units after a new customer's first purchase. */
export function unconditionalExpected(params: BgNbdParams, t: number): number {
  return expectedIfAlive(params, t, 0, 0);
}
