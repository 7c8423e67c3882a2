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
 * numerator parameters (or the plain one overflows or cancels).
 *
 * A series whose terms alternate and grow far beyond the sum (more than 10⁶ times: digits lost to cancellation,
 * e.g. a = a+b−1−r with r in the hundreds) is not trusted: the other form is tried, and if it fails too the
 * function throws rather than return a value of few correct digits.
 *
 * @throws RangeError when z is outside [0, 1), c is a non-positive integer, the series does not converge to a
 *   finite value within a million terms, or neither form avoids overflow and cancellation.
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  const { sign, log } = evaluate(a, b, c, z);
  const value = sign * Math.exp(log);
  if (Number.isFinite(value)) return value;
  throw new RangeError(`hyp2f1(${a}, ${b}; ${c}; ${z}) overflows or loses its precision to cancellation`);
}

/**
 * ln ₂F₁(a, b; c; z) of a positive value, as `hyp2f1` computes it but without leaving log space: finite where the
 * value itself is beyond the doubles (Euler's prefactor (1−z)^(c−a−b) with c − a − b in the millions).
 * @throws RangeError as `hyp2f1`, and when the value is not positive.
 */
export function logHyp2f1(a: number, b: number, c: number, z: number): number {
  const { sign, log } = evaluate(a, b, c, z);
  if (sign > 0 && Number.isFinite(log)) return log;
  throw new RangeError(`logHyp2f1(${a}, ${b}; ${c}; ${z}): the value is not positive or cannot be computed`);
}

/** sign and ln |₂F₁(a, b; c; z)| (see `hyp2f1`). */
function evaluate(a: number, b: number, c: number, z: number): { sign: number; log: number } {
  if (![a, b, c, z].every(Number.isFinite)) throw new RangeError(`hyp2f1: non-finite argument (${a}, ${b}, ${c}, ${z})`);
  if (!(z >= 0 && z < 1)) throw new RangeError(`hyp2f1: z = ${z} is outside [0, 1)`);
  if (c <= 0 && Number.isInteger(c)) throw new RangeError(`hyp2f1: c = ${c} is a non-positive integer`);
  if (z === 0) return { sign: 1, log: 0 };

  const preferEuler = z > 0.5 && Math.abs(c - a) + Math.abs(c - b) < Math.abs(a) + Math.abs(b);
  const plain = (): { sign: number; log: number } => {
    const v = series(a, b, c, z);
    return { sign: Math.sign(v), log: Math.log(Math.abs(v)) };
  };
  const viaEuler = (): { sign: number; log: number } => {
    const v = series(c - a, c - b, c, z);
    // The prefactor stays in log space: alone it may overflow where the product does not.
    return { sign: Math.sign(v), log: (c - a - b) * Math.log1p(-z) + Math.log(Math.abs(v)) };
  };
  const ok = (r: { sign: number; log: number }) => Number.isFinite(r.sign) && (r.sign === 0 || Number.isFinite(r.log));
  const first = preferEuler ? viaEuler() : plain();
  if (ok(first)) return first;
  const other = preferEuler ? plain() : viaEuler();
  if (ok(other)) return other;
  throw new RangeError(`hyp2f1(${a}, ${b}; ${c}; ${z}) overflows or loses its precision to cancellation`);
}

/** Largest term ÷ |sum| beyond which cancellation has cost more than about 6 of the 16 digits. */
const MAX_CANCELLATION = 1e6;

/** Plain power series Σ (a)ₙ(b)ₙ/((c)ₙ n!) zⁿ; ±Infinity on overflow, NaN when cancellation ate its precision. */
function series(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  let largest = 1;
  const done = (): number => (largest > MAX_CANCELLATION * Math.abs(sum) ? NaN : sum);
  for (let n = 0; n < MAX_TERMS; n++) {
    const ratio = ((a + n) * (b + n)) / ((c + n) * (n + 1));
    term *= ratio * z;
    sum += term;
    if (!Number.isFinite(sum)) return sum;
    largest = Math.max(largest, Math.abs(term));
    // Terms 10³⁰⁰ below the sum are negligible (and a ratio above ½ keeps the smallest subnormal from rounding to 0).
    if (term === 0 || Math.abs(term) < 1e-300 * Math.abs(sum)) return done();
    // Once a + m, b + m and c + m are positive for every later m, the later terms keep one sign and each factor of
    // their ratio, (a+m)/(c+m) and (b+m)/(m+1), moves monotonically towards 1: the ratio stays below
    // z · max(1, (a+m)/(c+m)) · max(1, (b+m)/(m+1)) at m = n + 1, which bounds the tail geometrically. (A bound
    // that waits for n > |a| + |b| + |c| would sum millions of terms when b is in the millions, as at the BG/NBD
    // boundary.)
    // The ratio without z, g(m) = (a+m)(b+m)/((c+m)(m+1)), stays at most 1 for every m' ≥ m when
    // (a+b−c−1)·m' ≤ c − ab for all of them, i.e. at m' = m when a+b−c−1 ≤ 0: then z itself bounds the ratio.
    const m = n + 1;
    if (a + m > 0 && b + m > 0 && c + m > 0) {
      const k = a + b - c - 1;
      const bound = k <= 0 && k * m <= c - a * b ? z : z * Math.max(1, (a + m) / (c + m)) * Math.max(1, (b + m) / (m + 1));
      if (bound < 1 && (Math.abs(term) * bound) / (1 - bound) <= EPS * Math.abs(sum)) return done();
    }
  }
  throw new RangeError(`hyp2f1(${a}, ${b}; ${c}; ${z}): series did not converge in ${MAX_TERMS} terms`);
}
