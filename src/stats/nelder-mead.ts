/**
 * Minimises a function of n variables by the Nelder–Mead downhill simplex (Nelder & Mead 1965,
 * "A simplex method for function minimization"; the standard coefficients reflection 1,
 * expansion 2, contraction ½, shrink ½ as in Lagarias et al. 1998). After convergence the search
 * restarts from the best point with a fresh simplex until a restart no longer improves the value
 * by more than `fTol` — Nelder–Mead can stall on a false minimum, a restart escapes it.
 *
 * Non-finite function values count as +Infinity, so a function may reject points outside its
 * domain by returning NaN or Infinity.
 *
 * @example nelderMead(([x, y]) => (x - 1) ** 2 + (y + 2) ** 2, [0, 0]).x // ≈ [1, -2]
 */
export interface NelderMeadOptions {
  /** Initial simplex: x0 plus `step` along each axis. */
  step?: number;
  /** Converged when the simplex's values differ by at most fTol (absolute) and … */
  fTol?: number;
  /** … its vertices lie within xTol of the best one in every coordinate. */
  xTol?: number;
  maxIterations?: number;
  maxRestarts?: number;
}

export interface NelderMeadResult {
  x: number[];
  value: number;
  iterations: number;
  evaluations: number;
  restarts: number;
  converged: boolean;
}

export function nelderMead(
  f: (x: readonly number[]) => number,
  x0: readonly number[],
  opts: NelderMeadOptions = {},
): NelderMeadResult {
  const o = { step: 0.5, fTol: 1e-10, xTol: 1e-9, maxIterations: 20_000, maxRestarts: 10, ...opts };
  let evaluations = 0;
  const fx = (x: readonly number[]) => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  let best = run(fx, [...x0], o.step, o);
  let iterations = best.iterations;
  let restarts = 0;
  while (restarts < o.maxRestarts) {
    const again = run(fx, best.x, o.step / 2, o);
    iterations += again.iterations;
    restarts++;
    const improved = best.value - again.value;
    if (again.value < best.value) best = again;
    if (!(improved > o.fTol)) break;
  }
  return { x: best.x, value: best.value, iterations, evaluations, restarts, converged: best.converged };
}

interface Run {
  x: number[];
  value: number;
  iterations: number;
  converged: boolean;
}

function run(
  f: (x: readonly number[]) => number,
  x0: number[],
  step: number,
  o: Required<NelderMeadOptions>,
): Run {
  const n = x0.length;
  const pts: number[][] = [x0];
  for (let i = 0; i < n; i++) {
    const p = [...x0];
    p[i] += step;
    pts.push(p);
  }
  const vals = pts.map(f);
  let it = 0;
  for (; it < o.maxIterations; it++) {
    const order = vals.map((_, i) => i).sort((i, j) => vals[i] - vals[j]);
    const sp = order.map((i) => pts[i]);
    const sv = order.map((i) => vals[i]);
    pts.splice(0, pts.length, ...sp);
    vals.splice(0, vals.length, ...sv);
    if (converged(pts, vals, o)) return { x: pts[0], value: vals[0], iterations: it, converged: true };
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += pts[i][j] / n;
    const worst = pts[n];
    const along = (t: number) => centroid.map((c, j) => c + t * (c - worst[j]));
    const xr = along(1);
    const fr = f(xr);
    if (fr < vals[0]) {
      const xe = along(2);
      const fe = f(xe);
      [pts[n], vals[n]] = fe < fr ? [xe, fe] : [xr, fr];
    } else if (fr < vals[n - 1]) {
      [pts[n], vals[n]] = [xr, fr];
    } else {
      const outside = fr < vals[n];
      const xc = along(outside ? 0.5 : -0.5);
      const fc = f(xc);
      if (fc < (outside ? fr : vals[n])) {
        [pts[n], vals[n]] = [xc, fc];
      } else {
        for (let i = 1; i <= n; i++) {
          pts[i] = pts[i].map((v, j) => pts[0][j] + 0.5 * (v - pts[0][j]));
          vals[i] = f(pts[i]);
        }
      }
    }
  }
  const b = vals.indexOf(Math.min(...vals));
  return { x: pts[b], value: vals[b], iterations: it, converged: false };
}

function converged(pts: number[][], vals: number[], o: Required<NelderMeadOptions>): boolean {
  const n = pts.length - 1;
  if (!(Math.abs(vals[n] - vals[0]) <= o.fTol)) return false;
  for (let i = 1; i <= n; i++) {
    for (let j = 0; j < pts[0].length; j++) if (Math.abs(pts[i][j] - pts[0][j]) > o.xTol) return false;
  }
  return true;
}
