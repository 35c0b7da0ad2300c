/**
 * Minimises a smooth function of n variables, given its gradient, by the BFGS quasi-Newton method
 * (Nocedal & Wright, Numerical Optimization, 2nd ed., algorithm 6.1: the inverse-Hessian update
 * (6.17), the first step's scaling (6.20), and a backtracking line search for the Armijo condition
 * (algorithm 3.1) with c₁ = 1e-4). A step whose curvature sᵀy is not positive skips the update; a
 * direction that does not descend resets it.
 *
 * Non-finite function values count as +Infinity (the line search backs away from them), so a
 * function may reject points outside its domain.
 *
 * Converged when the largest gradient component is at most `gTol`, or when a step changes the value
 * by at most `fTol` and every coordinate by at most `xTol`.
 *
 * @example bfgs((x, g) => { g[0] = 2 * (x[0] - 3); return (x[0] - 3) ** 2; }, [0]).x // ≈ [3]
 */
export interface BfgsOptions {
  gTol?: number;
  fTol?: number;
  xTol?: number;
  maxIterations?: number;
  /** Largest step along any coordinate (guards the first steps, before the curvature is known). */
  maxStep?: number;
}

export interface BfgsResult {
  x: number[];
  value: number;
  /** ∇f at x. */
  gradient: number[];
  iterations: number;
  /** Evaluations of the function with its gradient. */
  evaluations: number;
  converged: boolean;
}

/** f(x, gradient) returns f(x) and writes ∇f(x) into `gradient`. */
export type WithGradient = (x: readonly number[], gradient: number[]) => number;

export function bfgs(f: WithGradient, x0: readonly number[], opts: BfgsOptions = {}): BfgsResult {
  const o = { gTol: 1e-8, fTol: 0, xTol: 0, maxIterations: 500, maxStep: 2, ...opts };
  const n = x0.length;
  let evaluations = 0;
  const evaluate = (x: readonly number[], g: number[]) => {
    evaluations++;
    const v = f(x, g);
    return Number.isFinite(v) && g.every(Number.isFinite) ? v : Number.POSITIVE_INFINITY;
  };
  let x = [...x0];
  let g = new Array<number>(n).fill(0);
  let value = evaluate(x, g);
  if (!Number.isFinite(value)) return { x, value, gradient: g, iterations: 0, evaluations, converged: false };
  let H = identity(n);
  let scaled = false;
  for (let it = 0; it < o.maxIterations; it++) {
    if (maxAbs(g) <= o.gTol) return { x, value, gradient: g, iterations: it, evaluations, converged: true };
    let d = times(H, g).map((v) => -v);
    let slope = dot(g, d);
    if (!(slope < 0)) {
      H = identity(n);
      d = g.map((v) => -v);
      slope = dot(g, d);
    }
    const longest = maxAbs(d);
    if (longest > o.maxStep) {
      d = d.map((v) => (v * o.maxStep) / longest);
      slope = dot(g, d);
    }
    let t = 1;
    let next: number[] = x;
    const gNext = new Array<number>(n).fill(0);
    let vNext = Number.POSITIVE_INFINITY;
    for (let k = 0; k < 60; k++) {
      next = x.map((v, i) => v + t * d[i]);
      vNext = evaluate(next, gNext);
      if (vNext <= value + 1e-4 * t * slope) break;
      t *= 0.5;
    }
    if (!(vNext <= value + 1e-4 * t * slope))
      return { x, value, gradient: g, iterations: it, evaluations, converged: false };
    const s = next.map((v, i) => v - x[i]);
    const y = gNext.map((v, i) => v - g[i]);
    const sy = dot(s, y);
    const small = Math.abs(value - vNext) <= o.fTol && maxAbs(s) <= o.xTol;
    x = next;
    g = gNext;
    value = vNext;
    if (small) return { x, value, gradient: g, iterations: it + 1, evaluations, converged: true };
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (!scaled) {
        H = identity(n).map((row) => row.map((v) => (v * sy) / dot(y, y)));
        scaled = true;
      }
      H = update(H, s, y, sy);
    }
  }
  return { x, value, gradient: g, iterations: o.maxIterations, evaluations, converged: maxAbs(g) <= o.gTol };
}

/** H⁺ = (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ with ρ = 1/(sᵀy) — (6.17). */
function update(H: number[][], s: number[], y: number[], sy: number): number[][] {
  const rho = 1 / sy;
  const Hy = times(H, y);
  const yHy = dot(y, Hy);
  return H.map((row, i) =>
    row.map((v, j) => v - rho * (Hy[i] * s[j] + s[i] * Hy[j]) + (rho * rho * yHy + rho) * s[i] * s[j]),
  );
}

const identity = (n: number): number[][] =>
  Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, v, i) => s + v * b[i], 0);
const times = (H: number[][], v: readonly number[]) => H.map((row) => dot(row, v));
const maxAbs = (v: readonly number[]) => v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
