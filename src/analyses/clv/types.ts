/**
 * Inputs of the CLV models. Times are in the fit's time unit (weeks by default, as in the papers);
 * customers with the same history are one group of `n`, so the likelihood runs over far fewer rows
 * than there are customers.
 */
export interface SummaryGroup {
  /** Repeat purchases in the calibration period (purchase days after the first one). */
  x: number;
  /** Recency: time from the first purchase to the last one in the calibration period. */
  tx: number;
  /** Age: time from the first purchase to the end of the calibration period. */
  T: number;
  /** Customers with this (x, tx, T). */
  n: number;
}

/** Customers with x > 0 repeat purchases whose repeat purchases average `m` (currency units). */
export interface SpendGroup {
  x: number;
  m: number;
  n: number;
}

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface ParetoNbdParams {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}

export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

/** A maximum-likelihood fit: the parameters, the log-likelihood at them and the optimiser's effort. */
export interface Fit<P> {
  params: P;
  logLikelihood: number;
  /** Customers the fit used. */
  customers: number;
  /** Rows the optimiser iterated over (distinct histories). */
  groups: number;
  evaluations: number;
  converged: boolean;
  /** Set when the maximum lies on a parameter's cap (the data cannot tell that parameter apart from ∞). */
  capped?: string[];
}
