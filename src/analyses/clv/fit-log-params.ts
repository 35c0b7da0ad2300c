import { nelderMead } from '../../stats/nelder-mead.js';

/**
 * Maximises a log-likelihood over positive parameters by Nelder–Mead on their logarithms (so every
 * trial point is valid), with restarts. Returns the parameters, the maximum and the effort spent.
 */
export function fitLogParams(
  logLikelihood: (params: number[]) => number,
  start: readonly number[],
): { params: number[]; logLikelihood: number; evaluations: number; converged: boolean } {
  const result = nelderMead((logs) => -logLikelihood(logs.map(Math.exp)), start.map(Math.log), {
    fTol: 1e-10,
    xTol: 1e-9,
  });
  return {
    params: result.x.map(Math.exp),
    logLikelihood: -result.value,
    evaluations: result.evaluations,
    converged: result.converged,
  };
}
