import gammalnImpl from '@stdlib/math-base-special-gammaln';
import digammaImpl from '@stdlib/math-base-special-digamma';

/** Natural logarithm of |Γ(x)| (stdlib). */
export const gammaln: (x: number) => number = gammalnImpl;

/** Digamma ψ(x) = d/dx lnΓ(x) (stdlib). */
export const digamma: (x: number) => number = digammaImpl;

/** Upper bound on series terms; z = 0.9999 needs about 4·10⁵. */
const MAX_TERMS = 1_000_000;
const EPS = 1e-16;

/**
 * Gauss hypergeometric function ₂F₁(a, b; c; z) for real parameters and z in [0, 1).
 *
 * Sums the power series, or the series of Euler's transformation
 * ₂F₁(a,b;c;z) = (1−z)^(c−a−b) ₂F₁(c−a, c−b; c; z) when z > 0.5 and that series has the smaller
 * numerator parameters (or the plain one overflows).
 *
 * @throws RangeError when z is outside [0, 1), c is a non-positive integer, or the series does not
 *   converge to a finite value within a million terms.
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (![a, b, c, z].every(Number.isFinite)) throw new RangeError(`hyp2f1: non-finite argument (${a}, ${b}, ${c}, ${z})`);
  if (!(z >= 0 && z < 1)) throw new RangeError(`hyp2f1: z = ${z} is outside [0, 1)`);
  if (c <= 0 && Number.isInteger(c)) throw new RangeError(`hyp2f1: c = ${c} is a non-positive integer`);
  if (z === 0) return 1;

  const preferEuler = z > 0.5 && Math.abs(c - a) + Math.abs(c - b) < Math.abs(a) + Math.abs(b);
  const viaEuler = (): number => {
    const s = series(c - a, c - b, c, z);
    if (s === 0) return 0;
    // Multiply in log space: the prefactor alone may overflow where the product does not.
    return Math.sign(s) * Math.exp((c - a - b) * Math.log1p(-z) + Math.log(Math.abs(s)));
  };

  const value = preferEuler ? viaEuler() : series(a, b, c, z);
  if (Number.isFinite(value)) return value;
  const other = preferEuler ? series(a, b, c, z) : viaEuler();
  if (Number.isFinite(other)) return other;
  throw new RangeError(`hyp2f1(${a}, ${b}; ${c}; ${z}) overflows`);
}

/** Plain power series Σ (a)ₙ(b)ₙ/((c)ₙ n!) zⁿ; returns ±Infinity on overflow. */
function series(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < MAX_TERMS; n++) {
    const ratio = ((a + n) * (b + n)) / ((c + n) * (n + 1));
    term *= ratio * z;
    sum += term;
    if (!Number.isFinite(sum)) return sum;
    if (term === 0) return sum;
    // Once n is past |a|, |b| and |c| the ratio tends monotonically to z: bound the tail geometrically.
    if (n > Math.abs(a) + Math.abs(b) + Math.abs(c)) {
      const next = Math.abs(((a + n + 1) * (b + n + 1)) / ((c + n + 1) * (n + 2))) * z;
      const bound = Math.max(next, z);
      if (bound < 1 && (Math.abs(term) * bound) / (1 - bound) <= EPS * Math.abs(sum)) return sum;
    }
  }
  throw new RangeError(`hyp2f1(${a}, ${b}; ${c}; ${z}): series did not converge in ${MAX_TERMS} terms`);
}
