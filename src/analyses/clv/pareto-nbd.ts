import type { Boundary } from './frequency-model';
import type { FrequencyGroup } from './group';
import { minimize, numericGradient } from './optimize';
import { integrate, integrateRelative } from './quadrature';
import { gammaln, hyp2f1 } from './special';

/**
 * Pareto/NBD parameters (Schmittlein, Morrison & Colombo 1987): while alive a customer buys at rate λ ~ Gamma(r, α)
 * and leaves at an unobserved time with rate μ ~ Gamma(s, β), independently.
 */
export interface ParetoNbdParams {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}

export interface ParetoNbdFit {
  params: ParetoNbdParams;
  /** Σ weight · log-likelihood, in the data's own time unit. */
  logLik: number;
  converged: boolean;
  message?: string;
  customers: number;
  groups: number;
  /** Set when the likelihood is highest as s/β → 0 (see `detectBoundary`): predictions then use the NBD limit. */
  boundary?: Boundary | null;
}

const logAddExp = (u: number, v: number): number => {
  const hi = Math.max(u, v);
  return hi === -Infinity ? hi : hi + Math.log(Math.exp(u - hi) + Math.exp(v - hi));
};

/** Above this argument the ₂F₁ series of A₀ needs hundreds of terms or more: the integral is taken by quadrature instead. */
const SERIES_UP_TO = 0.9;

/**
 * ln I, I = ∫_{t_x}^T (α+τ)^−(r+x) (β+τ)^−(s+1) dτ: the likelihood's part where the customer left between the
 * last purchase and T is Γ(r+x)α^r β^s/Γ(r) · s · I. −Infinity when t_x = T.
 *
 * With the ₂F₁ of Fader, Hardie & Lee (2005), "A note on implementing the Pareto/NBD model": s·I = s/(r+s+x) · A₀,
 * A₀ = F(t_x)/(m+t_x)^(r+s+x) − F(T)/(m+T)^(r+s+x), m = max(α, β), F(t) = ₂F₁(r+s+x, k; r+s+x+1; |α−β|/(m+t)),
 * k = s + 1 when α ≥ β and r + x otherwise. When that argument is near 1 (α and β far apart, as at the boundary)
 * the series is slow to sum, and I is integrated instead over w = ln(min(α, β) + τ), where the integrand is smooth.
 */
function logIntegral({ r, alpha, s, beta }: ParetoNbdParams, x: number, tx: number, T: number): number {
  if (T <= tx) return -Infinity;
  const rsx = r + s + x;
  const [hi, k] = alpha >= beta ? [alpha, s + 1] : [beta, r + x];
  const diff = Math.abs(alpha - beta);
  if (diff / (hi + tx) <= SERIES_UP_TO) {
    const at = (t: number) => Math.log(hyp2f1(rsx, k, rsx + 1, diff / (hi + t))) - rsx * Math.log(hi + t);
    const first = at(tx);
    const d = at(T) - first;
    return d < 0 ? first + Math.log(-Math.expm1(d)) - Math.log(rsx) : -Infinity;
  }
  // τ = e^w − lo. The integrand relative to its value at w0, e^(φ(w) − φ(w0)), with φ(w) = w − (r+x) ln(α+τ) −
  // (s+1) ln(β+τ), is computed from the ratios (α+τ)/(α+t_x) and (β+τ)/(β+t_x) through log1p and expm1, so that
  // (s+1) ln(β+τ) in the hundred thousands (s and β large) does not swamp its change.
  const lo = Math.min(alpha, beta);
  const w0 = Math.log(lo + tx);
  const w1 = Math.log(lo + T);
  const e0 = lo + tx;
  const a0 = alpha + tx;
  const b0 = beta + tx;
  const rel = (w: number): number => {
    const grow = e0 * Math.expm1(w - w0); // τ − t_x
    return w - w0 - (r + x) * Math.log1p(grow / a0) - (s + 1) * Math.log1p(grow / b0);
  };
  const phi0 = w0 - (r + x) * Math.log(a0) - (s + 1) * Math.log(b0);
  // φ is concave: its largest value on [w0, w1] scales the integrand near 1 wherever it lies.
  const top = Math.max(0, rel(w1), rel((w0 + w1) / 2));
  return phi0 + top + Math.log(integrateRelative((w) => Math.exp(rel(w) - top), w0, w1, 1e-12));
}

/** ln of the part of the likelihood where the customer is still alive at T, and of the whole likelihood. */
function logParts(p: ParetoNbdParams, x: number, tx: number, T: number, lnGammaRatio = gammaln(p.r + x) - gammaln(p.r)): { alive: number; total: number } {
  const { r, alpha, s, beta } = p;
  const common = lnGammaRatio + r * Math.log(alpha) + s * Math.log(beta);
  const alive = common - (r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  const dead = common + Math.log(s) + logIntegral(p, x, tx, T);
  return { alive, total: logAddExp(alive, dead) };
}

/**
 * Log-likelihood of one customer with x repeat purchases, the last at t_x, observed for T:
 * L = Γ(r+x)α^r β^s/Γ(r) · [1/((α+T)^(r+x)(β+T)^s) + s/(r+s+x) · A₀].
 */
export function paretoNbdLogLik(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  return logParts(params, x, tx, T).total;
}

/** Σ weight · log-likelihood over grouped customers. */
export function paretoNbdTotalLogLik(params: ParetoNbdParams, groups: readonly FrequencyGroup[]): number {
  // Few distinct x: the lnΓ terms once per x value.
  const byX = new Map<number, number>();
  let sum = 0;
  for (const g of groups) {
    let lg = byX.get(g.x);
    if (lg === undefined) byX.set(g.x, (lg = gammaln(params.r + g.x) - gammaln(params.r)));
    sum += g.weight * logParts(params, g.x, g.tx, g.T, lg).total;
  }
  return sum;
}

const fromLog = (t: readonly number[]): ParetoNbdParams => ({ r: Math.exp(t[0]), alpha: Math.exp(t[1]), s: Math.exp(t[2]), beta: Math.exp(t[3]) });
const toLog = (p: ParetoNbdParams): number[] => [Math.log(p.r), Math.log(p.alpha), Math.log(p.s), Math.log(p.beta)];


export interface ParetoNbdFitOptions {
  /** Extra starting points, tried beside the defaults. */
  starts?: ParetoNbdParams[];
  /** Also try the built-in starting points (default true). */
  defaultStarts?: boolean;
}

/**
 * Maximum-likelihood Pareto/NBD fit on grouped customers: log-parameters, several starts, Nelder-Mead then BFGS
 * on central-difference gradients. Never throws on bad data: returns `converged: false` with a message instead.
 */
export function fitParetoNbd(groups: readonly FrequencyGroup[], opts: ParetoNbdFitOptions = {}): ParetoNbdFit {
  const used = groups.filter((g) => g.weight > 0);
  const customers = used.reduce((s, g) => s + g.weight, 0);
  const nan = { r: NaN, alpha: NaN, s: NaN, beta: NaN };
  if (customers === 0) return { params: nan, logLik: NaN, converged: false, message: 'no customers to fit', customers, groups: 0 };
  const meanT = used.reduce((s, g) => s + g.weight * g.T, 0) / customers || 1;
  const defaults: ParetoNbdParams[] = [
    { r: 1, alpha: meanT, s: 1, beta: meanT },
    { r: 0.5, alpha: meanT / 4, s: 0.5, beta: meanT / 4 },
    { r: 2, alpha: meanT * 3, s: 2, beta: meanT * 3 },
  ];
  const starts = [...(opts.defaultStarts === false && opts.starts?.length ? [] : defaults), ...(opts.starts ?? [])];
  const objective = (t: readonly number[]) => -paretoNbdTotalLogLik(fromLog(t), used) / customers;
  const result = minimize(objective, { starts: starts.map(toLog), gradient: numericGradient(objective), method: 'bfgs' });
  const params = fromLog(result.x);
  const messages: string[] = [];
  if (!used.some((g) => g.x > 0)) messages.push('no customer made a repeat purchase: Pareto/NBD cannot be fitted');
  if (result.atEdge.length) {
    messages.push(`${result.atEdge.map((i) => ['r', 'alpha', 's', 'beta'][i]).join(', ')} ran off towards 0 or infinity: the data do not identify the model`);
  } else if (result.message) {
    messages.push(result.message);
  }
  return {
    params,
    logLik: Number.isFinite(result.fx) ? paretoNbdTotalLogLik(params, used) : NaN,
    converged: result.converged && messages.length === 0,
    ...(messages.length ? { message: messages.join('; ') } : {}),
    customers,
    groups: used.length,
  };
}

/** Probability that a customer with history (x, t_x, T) is still alive at T. */
export function paretoNbdPAlive(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { alive, total } = logParts(params, x, tx, T);
  return Math.min(1, Math.exp(alive - total));
}

/** expm1(y)/y, 1 at y = 0. */
const expm1OverX = (y: number): number => (Math.abs(y) < 1e-12 ? 1 + y / 2 : Math.expm1(y) / y);

/**
 * Expected purchases in (T, T+t] of a customer with history (x, t_x, T):
 * P(alive) · (r+x)(β+T)/((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] (its limit (r+x)(β+T)/(α+T) · ln((β+T+t)/(β+T)) at s = 1).
 */
export function paretoNbdExpected(params: ParetoNbdParams, t: number, x: number, tx: number, T: number): number {
  return t > 0 ? paretoNbdExpectedIfAlive(params, t, x, T) * paretoNbdPAlive(params, x, tx, T) : 0;
}

/** The expected purchases in (T, T+t] of a customer alive at T (x repeat purchases observed for T). */
export function paretoNbdExpectedIfAlive({ r, alpha, s, beta }: ParetoNbdParams, t: number, x: number, T: number): number {
  if (t <= 0) return 0;
  const L = -Math.log1p(t / (beta + T)); // ln((β+T)/(β+T+t))
  return (((r + x) * (beta + T)) / (alpha + T)) * -L * expm1OverX((s - 1) * L);
}

/** E[X(t)] of a new customer: rβ/(α(s−1)) · [1 − (β/(β+t))^(s−1)]. */
export function paretoNbdUnconditional({ r, alpha, s, beta }: ParetoNbdParams, t: number): number {
  if (t <= 0) return 0;
  const L = -Math.log1p(t / beta);
  return ((r * beta) / alpha) * -L * expm1OverX((s - 1) * L);
}

/**
 * P(X(t) = n) for n = 0 … top − 1 and P(X(t) ≥ top) last: a new customer's repeat purchases in the first t time units.
 * The lifetime τ has the Pareto (Lomax) distribution S(τ) = (β/(β+τ))^s, and given τ the count over min(τ, t) is
 * negative binomial, so P(X(t) = n) = S(t)·NB(n; t) + ∫₀ᵗ f(τ)·NB(n; τ) dτ, NB(n; u) = Γ(r+n)/(Γ(r) n!) (α/(α+u))^r (u/(α+u))^n.
 * The integral is taken over u = 1 − S(τ) ∈ [0, 1 − S(t)] (f(τ)dτ = du), by adaptive Gauss–Kronrod.
 */
export function paretoNbdCountProbabilities(params: ParetoNbdParams, t: number, top: number): number[] {
  const { r, alpha, s, beta } = params;
  const logNb = (n: number, u: number): number =>
    gammaln(r + n) - gammaln(r) - gammaln(n + 1) + r * (Math.log(alpha) - Math.log(alpha + u)) + (n > 0 ? n * (Math.log(u) - Math.log(alpha + u)) : 0);
  const survival = Math.exp(s * (Math.log(beta) - Math.log(beta + t)));
  // τ(u) = β((1−u)^(−1/s) − 1).
  const tau = (u: number): number => beta * Math.expm1(-Math.log1p(-u) / s);
  const died = 1 - survival;
  const out: number[] = [];
  let total = 0;
  for (let n = 0; n < top; n++) {
    const p = survival * Math.exp(logNb(n, t)) + (died > 0 ? integrate((u) => Math.exp(logNb(n, Math.min(t, tau(u)))), 0, died, 1e-14) : 0);
    out.push(p);
    total += p;
  }
  out.push(Math.max(0, 1 - total));
  return out;
}
