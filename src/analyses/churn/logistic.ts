/**
 * L2-regularised logistic regression with scikit-learn's objective for
 * `LogisticRegression(penalty='l2', C, fit_intercept=True)`: minimise 0.5·‖w‖² + C·Σᵢ logloss(yᵢ, σ(xᵢ·w + b)),
 * the intercept b unpenalised. Solved by Newton's method (IRLS) with a Cholesky solve and step halving.
 */

export interface LogisticOptions {
  /** The inverse of the penalty's strength, as scikit-learn's C. */
  C?: number;
  maxIter?: number;
  /** Converged when every gradient component is at most tol × max(1, C·n). */
  tol?: number;
}

export interface LogisticModel {
  coef: number[];
  intercept: number;
  /** Newton steps taken. */
  iterations: number;
  converged: boolean;
}

function checkShape(x: Float64Array, n: number, d: number): void {
  if (!Number.isInteger(n) || !Number.isInteger(d) || n < 0 || d < 1 || x.length !== n * d) {
    throw new Error(`x holds ${x.length} numbers, not ${n} rows × ${d} columns`);
  }
}

/** ln(1 + eᵗ) without overflow. */
function softplus(t: number): number {
  return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
}

function sigmoid(t: number): number {
  if (t >= 0) return 1 / (1 + Math.exp(-t));
  const e = Math.exp(t);
  return e / (1 + e);
}

/** The linear predictor xᵢ·w + b of each row; theta is w followed by b. */
function linear(theta: Float64Array, x: Float64Array, n: number, d: number, out: Float64Array): Float64Array {
  for (let i = 0, r = 0; i < n; i++, r += d) {
    let t = theta[d];
    for (let j = 0; j < d; j++) t += x[r + j] * theta[j];
    out[i] = t;
  }
  return out;
}

function objective(theta: Float64Array, eta: Float64Array, y: Uint8Array, C: number, d: number): number {
  let loss = 0;
  for (let i = 0; i < eta.length; i++) loss += softplus(eta[i]) - (y[i] ? eta[i] : 0);
  let penalty = 0;
  for (let j = 0; j < d; j++) penalty += theta[j] * theta[j];
  return 0.5 * penalty + C * loss;
}

/**
 * Solves A·s = b for a symmetric positive definite m × m matrix A (row-major; only its lower triangle is read).
 * Returns undefined when A is not numerically positive definite.
 */
function choleskySolve(a: Float64Array, b: Float64Array, m: number): Float64Array | undefined {
  const l = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * m + j];
      for (let k = 0; k < j; k++) s -= l[i * m + k] * l[j * m + k];
      if (i === j) {
        if (!(s > 0)) return undefined;
        l[i * m + i] = Math.sqrt(s);
      } else {
        l[i * m + j] = s / l[j * m + j];
      }
    }
  }
  const s = Float64Array.from(b);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < i; k++) s[i] -= l[i * m + k] * s[k];
    s[i] /= l[i * m + i];
  }
  for (let i = m - 1; i >= 0; i--) {
    for (let k = i + 1; k < m; k++) s[i] -= l[k * m + i] * s[k];
    s[i] /= l[i * m + i];
  }
  return s;
}

/** Fits w and b to the n × d row-major x (the caller standardises it) and the 0/1 labels y (1 = churned). */
export function fitLogistic(x: Float64Array, n: number, d: number, y: Uint8Array, opts: LogisticOptions = {}): LogisticModel {
  const { C = 1, maxIter = 100, tol = 1e-10 } = opts;
  checkShape(x, n, d);
  if (y.length !== n) throw new Error(`${y.length} labels for ${n} rows`);
  if (!(C > 0) || !Number.isFinite(C) || !(maxIter >= 0) || !(tol >= 0)) throw new Error('C must be positive and finite, maxIter and tol at least 0');
  if (!x.every(Number.isFinite)) throw new Error('x must hold finite numbers');
  let positives = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] > 1) throw new Error(`label ${y[i]} is neither 0 nor 1`);
    positives += y[i];
  }
  // With one class only the unpenalised intercept runs off to ±∞ (scikit-learn refuses such data too).
  if (positives === 0 || positives === n) throw new Error('logistic regression needs both churned and retained customers');

  const m = d + 1;
  let theta: Float64Array = new Float64Array(m);
  theta[d] = Math.log(positives / (n - positives));
  let eta: Float64Array = linear(theta, x, n, d, new Float64Array(n));
  let f = objective(theta, eta, y, C, d);
  let trialEta: Float64Array = new Float64Array(n);
  const gradient = new Float64Array(m);
  const hessian = new Float64Array(m * m);
  const weights = new Float64Array(n);
  const limit = tol * Math.max(1, C * n);
  let iterations = 0;
  let converged = false;
  for (;;) {
    gradient.fill(0);
    for (let i = 0, r = 0; i < n; i++, r += d) {
      const p = sigmoid(eta[i]);
      const residual = C * (p - y[i]);
      weights[i] = C * p * (1 - p);
      for (let j = 0; j < d; j++) gradient[j] += residual * x[r + j];
      gradient[d] += residual;
    }
    let largest = 0;
    for (let j = 0; j < m; j++) {
      if (j < d) gradient[j] += theta[j];
      largest = Math.max(largest, Math.abs(gradient[j]));
    }
    if (largest <= limit) {
      converged = true;
      break;
    }
    if (iterations >= maxIter) break;

    // The lower triangle of H = I (w only) + C·Σ p(1 − p)·(xᵢ, 1)(xᵢ, 1)ᵀ.
    hessian.fill(0);
    for (let i = 0, r = 0; i < n; i++, r += d) {
      const weight = weights[i];
      for (let j = 0; j < d; j++) {
        const wx = weight * x[r + j];
        for (let k = 0; k <= j; k++) hessian[j * m + k] += wx * x[r + k];
        hessian[d * m + j] += wx;
      }
      hessian[d * m + d] += weight;
    }
    for (let j = 0; j < d; j++) hessian[j * m + j] += 1;

    const step = newtonStep(hessian, gradient, m);
    if (!step) break;
    let slope = 0;
    for (let j = 0; j < m; j++) slope += gradient[j] * step[j];
    const trial = new Float64Array(m);
    let accepted = false;
    for (let t = 1; t > 1e-12; t /= 2) {
      for (let j = 0; j < m; j++) trial[j] = theta[j] + t * step[j];
      linear(trial, x, n, d, trialEta);
      const ft = objective(trial, trialEta, y, C, d);
      // Armijo's sufficient decrease; or, for a full step whose predicted decrease is below the rounding of f, the
      // step itself (there Newton's steps are reliable and f cannot tell them apart).
      if (ft <= f + 1e-4 * t * slope || (t === 1 && -slope <= 1e-13 * (1 + Math.abs(f)) && ft <= f + 1e-12 * (1 + Math.abs(f)))) {
        [theta, eta, trialEta] = [trial, trialEta, eta];
        f = ft;
        accepted = true;
        break;
      }
    }
    iterations++;
    if (!accepted) break;
  }
  return { coef: Array.from(theta.subarray(0, d)), intercept: theta[d], iterations, converged };
}

/** The Newton direction −H⁻¹g; H gets a growing ridge if rounding has left it short of positive definite. */
function newtonStep(hessian: Float64Array, gradient: Float64Array, m: number): Float64Array | undefined {
  const minus = gradient.map((g) => -g);
  let trace = 0;
  for (let j = 0; j < m; j++) trace += hessian[j * m + j];
  for (let ridge = 0; ridge <= trace; ridge = ridge ? ridge * 100 : 1e-12 * trace) {
    const a = Float64Array.from(hessian);
    for (let j = 0; j < m; j++) a[j * m + j] += ridge;
    const step = choleskySolve(a, minus, m);
    if (step) return step;
  }
  return undefined;
}

/** P(y = 1) for each row of the n × d row-major x. */
export function predictLogistic(model: LogisticModel, x: Float64Array, n: number, d: number): Float64Array {
  checkShape(x, n, d);
  if (model.coef.length !== d) throw new Error(`the model has ${model.coef.length} coefficients, not ${d}`);
  const theta = Float64Array.from([...model.coef, model.intercept]);
  const eta = linear(theta, x, n, d, new Float64Array(n));
  return eta.map(sigmoid);
}

/** exp(coef): the factor on the odds of churn per unit of each feature (per standard deviation, when standardised). */
export function oddsRatios(model: LogisticModel): number[] {
  return model.coef.map(Math.exp);
}
