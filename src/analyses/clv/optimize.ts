/**
 * Unconstrained minimisation for the log-parameter likelihood fits: Nelder-Mead from several starts,
 * each polished with BFGS when a gradient is given; the best result is kept.
 *
 * Non-finite objective values count as +Infinity, so a start or step into an overflowing region is
 * rejected instead of spreading NaN. Points outside the box |xᵢ| ≤ bound count as +Infinity too, which keeps
 * log-parameters where lnΓ differences are still accurate.
 */

/** Objective to minimise. */
export type Objective = (x: readonly number[]) => number;
/** Gradient of the objective. */
export type Gradient = (x: readonly number[]) => number[];

export interface MinimizeOptions {
  /** Starting points (at least one). */
  starts: readonly (readonly number[])[];
  /** Analytic gradient: enables the BFGS polish and the gradient convergence test. */
  gradient?: Gradient;
  /** Box |xᵢ| ≤ bound (default 20, i.e. parameters within e^±20 in a log-parameter fit). */
  bound?: number;
  /** Coordinates with |xᵢ| ≥ edge (default 16) at the optimum are reported in `atEdge`: not identified. */
  edge?: number;
  /** Convergence when max |gradient component| ≤ gradTol (default 1e-6). */
  gradTol?: number;
  /** Nelder-Mead iterations per start (default 2000). */
  maxIterations?: number;
  /**
   * With a gradient, `'bfgs'` starts BFGS at each start and runs Nelder-Mead (then BFGS again) only where BFGS stops
   * short of the gradient test: far fewer evaluations for objectives that are costly and smooth (default
   * `'nelder-mead'`: Nelder-Mead to the basin, then BFGS).
   */
  method?: 'nelder-mead' | 'bfgs';
}

export interface MinimizeResult {
  x: number[];
  /** Objective at x; +Infinity when no start had a finite value. */
  fx: number;
  converged: boolean;
  /** Why the result did not converge. */
  message?: string;
  /** Max |gradient component| at x (NaN without a gradient). */
  gradNorm: number;
  /** Indices of the coordinates with |xᵢ| ≥ edge: the optimum lies at 0 or infinity in a log-parameter fit. */
  atEdge: number[];
  evaluations: number;
}

/**
 * Minimises f from each start (Nelder-Mead, restarted once, then BFGS with the gradient) and keeps the best.
 * Never throws for a bad objective: returns `converged: false` with a message instead.
 */
export function minimize(f: Objective, opts: MinimizeOptions): MinimizeResult {
  const bound = opts.bound ?? 20;
  const edge = opts.edge ?? 16;
  const gradTol = opts.gradTol ?? 1e-6;
  const maxIterations = opts.maxIterations ?? 2000;
  let evaluations = 0;
  const safe: Objective = (x) => {
    evaluations++;
    for (const v of x) if (!(Math.abs(v) <= bound)) return Infinity;
    let y: number;
    try {
      y = f(x);
    } catch {
      return Infinity;
    }
    return Number.isFinite(y) ? y : Infinity;
  };
  const grad = opts.gradient;
  const safeGrad: Gradient | undefined = grad
    ? (x) => {
        try {
          return grad(x);
        } catch {
          return x.map(() => NaN);
        }
      }
    : undefined;

  let best: { x: number[]; fx: number; nmConverged: boolean } | undefined;
  for (const start of opts.starts) {
    const x0 = start.map((v) => Math.min(bound, Math.max(-bound, v)));
    if (safeGrad && opts.method === 'bfgs') {
      const direct = bfgs(safe, safeGrad, x0, gradTol * 1e-2);
      const g = Number.isFinite(direct.fx) ? safeGrad(direct.x) : [NaN];
      if (g.every(Number.isFinite) && Math.max(...g.map(Math.abs)) <= gradTol) {
        if (!best || direct.fx < best.fx) best = { x: direct.x, fx: direct.fx, nmConverged: true };
        continue;
      }
    }
    // With a gradient, BFGS finishes the job: Nelder-Mead only has to reach the basin.
    const xTol = safeGrad ? 1e-4 : 1e-9;
    let nm = nelderMead(safe, x0, maxIterations, xTol);
    if (!Number.isFinite(nm.fx)) continue;
    nm = nelderMead(safe, nm.x, maxIterations, xTol); // a restart rebuilds a simplex that may have collapsed
    let cand = { x: nm.x, fx: nm.fx, nmConverged: nm.converged };
    if (safeGrad) {
      // Polish past the convergence test, down to what floating point allows.
      const polished = bfgs(safe, safeGrad, cand.x, gradTol * 1e-4);
      if (polished.fx <= cand.fx) cand = { ...cand, x: polished.x, fx: polished.fx };
    }
    if (!best || cand.fx < best.fx) best = cand;
  }

  if (!best) {
    return {
      x: opts.starts[0] ? [...opts.starts[0]] : [],
      fx: Infinity,
      converged: false,
      message: 'the objective is not finite at any starting point',
      gradNorm: NaN,
      atEdge: [],
      evaluations,
    };
  }

  const atEdge = best.x.flatMap((v, i) => (Math.abs(v) >= edge ? [i] : []));
  let gradNorm = NaN;
  let converged = best.nmConverged;
  let message: string | undefined;
  if (safeGrad) {
    const g = safeGrad(best.x);
    gradNorm = g.every(Number.isFinite) ? Math.max(...g.map(Math.abs)) : NaN;
    converged = gradNorm <= gradTol;
    if (!converged) message = `gradient not zero at the optimum (max |g| = ${gradNorm.toPrecision(3)})`;
  } else if (!converged) {
    message = 'Nelder-Mead reached its iteration limit';
  }
  if (atEdge.length) {
    converged = false;
    message = `coordinate(s) ${atEdge.join(', ')} ran off towards ±${bound}: the data do not identify the model`;
  }
  return { x: best.x, fx: best.fx, converged, message, gradNorm, atEdge, evaluations };
}

interface LocalResult {
  x: number[];
  fx: number;
  converged: boolean;
}

/** Nelder-Mead (standard coefficients) on a function that returns +Infinity where undefined. */
export function nelderMead(f: Objective, x0: readonly number[], maxIterations = 2000, xTol = 1e-9, fTol = 1e-12): LocalResult {
  const n = x0.length;
  const simplex: { x: number[]; fx: number }[] = [{ x: [...x0], fx: f(x0) }];
  for (let i = 0; i < n; i++) {
    const x = [...x0];
    x[i] += x[i] !== 0 ? 0.1 * Math.max(1, Math.abs(x[i])) : 0.25;
    simplex.push({ x, fx: f(x) });
  }
  const at = (c: readonly number[], w: readonly number[], t: number): number[] => c.map((ci, i) => ci + t * (w[i] - ci));

  for (let iter = 0; iter < maxIterations; iter++) {
    simplex.sort((p, q) => p.fx - q.fx || 0);
    const bestP = simplex[0];
    const worst = simplex[n];
    let spread = 0;
    for (const p of simplex) for (let i = 0; i < n; i++) spread = Math.max(spread, Math.abs(p.x[i] - bestP.x[i]));
    const flat = worst.fx - bestP.fx <= fTol * (1 + Math.abs(bestP.fx));
    if (spread <= xTol || (flat && spread <= 1e-6)) {
      return { x: bestP.x, fx: bestP.fx, converged: Number.isFinite(bestP.fx) };
    }

    const centroid = new Array<number>(n).fill(0);
    for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) centroid[i] += simplex[j].x[i] / n;

    const xr = at(centroid, worst.x, -1);
    const fr = f(xr);
    if (fr < bestP.fx) {
      const xe = at(centroid, worst.x, -2);
      const fe = f(xe);
      simplex[n] = fe < fr ? { x: xe, fx: fe } : { x: xr, fx: fr };
    } else if (fr < simplex[n - 1].fx) {
      simplex[n] = { x: xr, fx: fr };
    } else {
      const outside = fr < worst.fx;
      const xc = at(centroid, worst.x, outside ? -0.5 : 0.5);
      const fc = f(xc);
      if (fc < (outside ? fr : worst.fx)) {
        simplex[n] = { x: xc, fx: fc };
      } else {
        for (let j = 1; j <= n; j++) {
          const x = at(bestP.x, simplex[j].x, 0.5);
          simplex[j] = { x, fx: f(x) };
        }
      }
    }
  }
  simplex.sort((p, q) => p.fx - q.fx || 0);
  return { x: simplex[0].x, fx: simplex[0].fx, converged: false };
}

/** BFGS with a backtracking (Armijo) line search; stops when max |g| ≤ gradTol or no step decreases f. */
export function bfgs(f: Objective, grad: Gradient, x0: readonly number[], gradTol = 1e-6, maxIterations = 500): LocalResult {
  const n = x0.length;
  let x = [...x0];
  let fx = f(x);
  let g = grad(x);
  if (!Number.isFinite(fx) || !g.every(Number.isFinite)) return { x, fx, converged: false };
  const identity = (): number[][] => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  let H = identity();
  const dot = (u: readonly number[], v: readonly number[]): number => u.reduce((s, ui, i) => s + ui * v[i], 0);

  for (let iter = 0; iter < maxIterations; iter++) {
    if (Math.max(...g.map(Math.abs)) <= gradTol) return { x, fx, converged: true };
    let d = H.map((row) => -dot(row, g));
    let slope = dot(g, d);
    if (!(slope < 0)) {
      H = identity();
      d = g.map((gi) => -gi);
      slope = dot(g, d);
    }
    let step = 1;
    let xNew = x;
    let fNew = fx;
    let accepted = false;
    for (let k = 0; k < 60; k++) {
      xNew = x.map((xi, i) => xi + step * d[i]);
      fNew = f(xNew);
      if (fNew < fx && fNew <= fx + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    if (!accepted) break;
    const gNew = grad(xNew);
    if (!gNew.every(Number.isFinite)) return { x, fx, converged: false };
    const s = xNew.map((xi, i) => xi - x[i]);
    const y = gNew.map((gi, i) => gi - g[i]);
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      const Hy = H.map((row) => dot(row, y));
      const yHy = dot(y, Hy);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          H[i][j] += ((sy + yHy) * s[i] * s[j]) / (sy * sy) - (Hy[i] * s[j] + s[i] * Hy[j]) / sy;
        }
      }
    }
    x = xNew;
    fx = fNew;
    g = gNew;
  }
  return { x, fx, converged: Math.max(...g.map(Math.abs)) <= gradTol };
}

/** Central differences of f, step h in each coordinate (the objective is smooth in the log-parameters). */
export function numericGradient(f: (t: readonly number[]) => number, h = 1e-5): (t: readonly number[]) => number[] {
  return (t) =>
    t.map((_, i) => {
      const up = [...t];
      const down = [...t];
      up[i] += h;
      down[i] -= h;
      return (f(up) - f(down)) / (2 * h);
    });
}
