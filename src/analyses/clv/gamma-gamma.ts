import type { SpendGroup } from './group';
import { minimize } from './optimize';
import { digamma, gammaln } from './special';

/** Gamma-Gamma spend parameters (Fader & Hardie): transaction value ~ Gamma(p, ν), ν ~ Gamma(q, v). */
export interface GammaGammaParams {
  p: number;
  q: number;
  v: number;
}

export interface GammaGammaFit {
  params: GammaGammaParams;
  /** Σ weight · log-likelihood over the customers used. */
  logLik: number;
  converged: boolean;
  /** Why the fit failed, or that q ≤ 1 makes the expected spend meaningless. */
  message?: string;
  /** Customers used (x > 0 and m > 0). */
  customers: number;
  /** Customers left out because x = 0 or m ≤ 0. */
  excluded: number;
}

/** Message of a fit whose q ≤ 1: the mixing distribution then has no finite mean spend. */
export const Q_AT_MOST_ONE =
  'q ≤ 1: the population mean spend v·p/(q−1) is infinite or negative, so expected spend and CLV are meaningless for these data';

/** Log-likelihood of one customer's mean repeat-transaction value m over x > 0 transactions. */
export function gammaGammaLogLik(params: GammaGammaParams, x: number, m: number): number {
  return gammaTerms(params, x) + valueTerms(params, x, m);
}

/** The lnΓ terms and q ln v, which depend on the customer through x alone. */
function gammaTerms({ p, q, v }: GammaGammaParams, x: number): number {
  return gammaln(p * x + q) - gammaln(p * x) - gammaln(q) + q * Math.log(v) + p * x * Math.log(x);
}

function valueTerms({ p, q, v }: GammaGammaParams, x: number, m: number): number {
  return (p * x - 1) * Math.log(m) - (p * x + q) * Math.log(x * m + v);
}

/** Σ weight · log-likelihood; groups with x = 0 or m ≤ 0 are skipped. */
export function gammaGammaTotalLogLik(params: GammaGammaParams, groups: readonly SpendGroup[]): number {
  const byX = new Map<number, number>();
  let sum = 0;
  for (const g of groups) {
    if (!usable(g)) continue;
    let gt = byX.get(g.x);
    if (gt === undefined) byX.set(g.x, (gt = gammaTerms(params, g.x)));
    sum += g.weight * (gt + valueTerms(params, g.x, g.m));
  }
  return sum;
}

const usable = (g: SpendGroup): boolean => g.x > 0 && g.m > 0 && g.weight > 0;

/** Gradient of Σ weight · ℓ with respect to (ln p, ln q, ln v), over usable groups. */
function gradLogParams({ p, q, v }: GammaGammaParams, groups: readonly SpendGroup[]): number[] {
  let gp = 0;
  let gq = 0;
  let gv = 0;
  const psiQ = digamma(q);
  const psiByX = new Map<number, [number, number]>();
  for (const { x, m, weight } of groups) {
    let psi = psiByX.get(x);
    if (psi === undefined) psiByX.set(x, (psi = [digamma(p * x + q), digamma(p * x)]));
    const [psiPxQ, psiPx] = psi;
    const logXmV = Math.log(x * m + v);
    gp += weight * x * (psiPxQ - psiPx + Math.log(m) + Math.log(x) - logXmV);
    gq += weight * (psiPxQ - psiQ + Math.log(v) - logXmV);
    gv += weight * (q / v - (p * x + q) / (x * m + v));
  }
  return [p * gp, q * gq, v * gv];
}

const fromLog = (t: readonly number[]): GammaGammaParams => ({ p: Math.exp(t[0]), q: Math.exp(t[1]), v: Math.exp(t[2]) });

/**
 * Maximum-likelihood Gamma-Gamma fit on customers with x > 0 and m > 0 (others are counted in `excluded`).
 * Never throws on bad data: returns `converged: false` with a message instead; q ≤ 1 sets the message too.
 */
export function fitGammaGamma(groups: readonly SpendGroup[]): GammaGammaFit {
  const used = groups.filter(usable);
  const customers = used.reduce((s, g) => s + g.weight, 0);
  const excluded = groups.reduce((s, g) => s + (usable(g) ? 0 : Math.max(0, g.weight)), 0);
  if (customers === 0) {
    return {
      params: { p: NaN, q: NaN, v: NaN },
      logLik: NaN,
      converged: false,
      message: 'no customer with a repeat purchase of positive value: Gamma-Gamma cannot be fitted',
      customers,
      excluded,
    };
  }
  const meanM = used.reduce((s, g) => s + g.weight * g.m, 0) / customers;
  const starts = [
    [Math.log(1), Math.log(2), Math.log(meanM)],
    [Math.log(5), Math.log(4), Math.log(meanM / 2)],
    [Math.log(0.5), Math.log(1.5), Math.log(meanM * 2)],
  ];
  const result = minimize((t) => -gammaGammaTotalLogLik(fromLog(t), used) / customers, {
    starts,
    gradient: (t) => gradLogParams(fromLog(t), used).map((g) => -g / customers),
  });
  const params = fromLog(result.x);
  const messages: string[] = [];
  if (result.atEdge.length) {
    const names = result.atEdge.map((i) => ['p', 'q', 'v'][i]).join(', ');
    messages.push(`${names} ran off towards 0 or infinity: the data do not identify the model`);
  } else if (result.message) {
    messages.push(result.message);
  }
  if (Number.isFinite(result.fx) && params.q <= 1) messages.push(Q_AT_MOST_ONE);
  return {
    params,
    logLik: Number.isFinite(result.fx) ? gammaGammaTotalLogLik(params, used) : NaN,
    converged: result.converged && result.atEdge.length === 0,
    ...(messages.length ? { message: messages.join('; ') } : {}),
    customers,
    excluded,
  };
}

/**
 * Expected mean transaction value of a customer with x repeat transactions of mean value m:
 * p(v + x·m)/(p·x + q − 1), a weighted mean of the population mean v·p/(q−1) and m; the population mean when x = 0.
 * NaN when p·x + q ≤ 1 (for x = 0: q ≤ 1), where the expectation is infinite.
 */
export function expectedAvgValue({ p, q, v }: GammaGammaParams, x: number, m: number): number {
  const denom = p * x + q - 1;
  if (!(denom > 0)) return NaN;
  return (p * (v + (x > 0 ? x * m : 0))) / denom;
}
