import { nelderMead } from '../../stats/nelder-mead.js';

/**
 * Maximises a log-likelihood over positive parameters by Nelder–Mead on their logarithms (so every
 * trial point is valid), with restarts. Returns the parameters, the maximum and the effort spent.
 */
export function fitLogParams(
  logLikelihood: (params: number[]) => number,
  start: readonly number[],
): { params: number[]; logLikelihood: number; evaluations: number; converged: boolean } {
  const f = (logs: readonly number[]) => -logLikelihood(logs.map(Math.exp));
  const x0 = start.map(Math.log);
  // The log-likelihood is a sum over up to ~10⁵ groups: its rounding noise grows with its size, so the
  // tolerance is relative (an absolute 1e-10 would never be met on a large customer base).
  const scale = Math.max(1, Math.abs(f(x0)));
  const result = nelderMead(f, x0, { fTol: 1e-12 * scale, xTol: 1e-8 });
  return {
    params: result.x.map(Math.exp),
    logLikelihood: -result.value,
    evaluations: result.evaluations,
    converged: result.converged,
  };
}
