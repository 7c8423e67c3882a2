import { betaRatio, type BgNbdParams } from './bgnbd';
import { gammaln } from './special';

/**
 * P(X(t) = n) for n = 0 … top − 1 and P(X(t) ≥ top) last: the distribution of a new customer's repeat purchases
 * in the first t time units (Fader, Hardie & Lee 2005, eq. 8):
 * P(X(t)=n) = B(a, b+n)/B(a, b) · NB(n) + [n>0] · B(a+1, b+n−1)/B(a, b) · (1 − Σ_{j<n} NB(j)),
 * with NB(j) = Γ(r+j)/(Γ(r) j!) · (α/(α+t))^r · (t/(α+t))^j the negative binomial probabilities.
 */
export function purchaseCountProbabilities({ r, alpha, a, b }: BgNbdParams, t: number, top: number): number[] {
  const out: number[] = [];
  const logP = r * (Math.log(alpha) - Math.log(alpha + t));
  const logQ = t > 0 ? Math.log(t) - Math.log(alpha + t) : -Infinity;
  let nbCumulative = 0;
  let total = 0;
  for (let n = 0; n < top; n++) {
    const logNb = gammaln(r + n) - gammaln(r) - gammaln(n + 1) + logP + (n > 0 ? n * logQ : 0);
    // B(a, b+n)/B(a, b) and B(a+1, b+n−1)/B(a, b) = a/(a+b+n−1) · B(a, b+n−1)/B(a, b), as products (no lnΓ cancellation).
    let p = Math.exp(betaRatio(a, b, n) + logNb);
    if (n > 0) p += Math.exp(Math.log(a) - Math.log(a + b + n - 1) + betaRatio(a, b, n - 1)) * Math.max(0, 1 - nbCumulative);
    nbCumulative += Math.exp(logNb);
    out.push(p);
    total += p;
  }
  out.push(Math.max(0, 1 - total));
  return out;
}
