import { bfgs } from '../../stats/bfgs.js';
import { nelderMead } from '../../stats/nelder-mead.js';

/**
 * Maximises a log-likelihood over positive parameters on their logarithms (so every trial point is
 * valid). With the gradient it runs BFGS and, only if that does not converge, Nelder–Mead with
 * restarts from where BFGS stopped; without, Nelder–Mead with restarts from the start. Returns the
 * parameters, the maximum and the effort spent (likelihood evaluations, with or without gradient).
 */
export function fitLogParams(
  logLikelihood: (params: number[]) => number,
  start: readonly number[],
  withGradient?: (params: number[], gradient: number[]) => number,
): { params: number[]; logLikelihood: number; evaluations: number; converged: boolean } {
  const f = (logs: readonly number[]) => -logLikelihood(logs.map(Math.exp));
  let x0 = start.map(Math.log);
  // The log-likelihood is a sum over up to ~10⁶ groups: its rounding noise grows with its size, so the
  // tolerances are relative (an absolute 1e-10 would never be met on a large customer base).
  const scale = Math.max(1, Math.abs(f(x0)));
  let evaluations = 1;
  if (withGradient) {
    const g = new Array<number>(start.length).fill(0);
    const r = bfgs(
      (logs, gradient) => {
        const params = logs.map(Math.exp);
        const v = -withGradient(params, g);
        // d(−ℓ)/d ln θ = −θ · dℓ/dθ
        for (let i = 0; i < params.length; i++) gradient[i] = -params[i] * g[i];
        return v;
      },
      x0,
      // a gradient of 1e-11·|ℓ| per log-parameter is far below the likelihood's curvature (≈ the customer count)
      { gTol: 1e-11 * scale, fTol: 1e-15 * scale, xTol: 1e-10 },
    );
    evaluations += r.evaluations;
    // When the line search fails the likelihood's rounding noise is larger than what a step could
    // gain: a gradient within 1e-8·|ℓ| is then the maximum as far as the sum can tell.
    if (r.converged || Math.max(...r.gradient.map(Math.abs)) <= 1e-8 * scale) {
      return { params: r.x.map(Math.exp), logLikelihood: -r.value, evaluations, converged: true };
    }
    x0 = r.x;
  }
  const result = nelderMead(f, x0, { fTol: 1e-12 * scale, xTol: 1e-8 });
  return {
    params: result.x.map(Math.exp),
    logLikelihood: -result.value,
    evaluations: evaluations + result.evaluations,
    converged: result.converged,
  };
}
