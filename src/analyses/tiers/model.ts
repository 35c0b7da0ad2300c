import type { StateCountRow, StateMoveRow, WinBackRow } from './query.js';
import { CUSTOMER_STATES, type CustomerState } from './states.js';

export interface StateSummary {
  state: CustomerState;
  zh: string;
  en: string;
  customers: number;
  share: number;
  spend12: number;
}

/** Counts per state, every state listed in order, with shares of all customers. */
export function stateSummary(rows: readonly StateCountRow[]): StateSummary[] {
  const total = rows.reduce((s, r) => s + r.customers, 0);
  return CUSTOMER_STATES.map(({ key, zh, en }) => {
    const row = rows.find((r) => r.state === key);
    const customers = row?.customers ?? 0;
    return {
      state: key,
      zh,
      en,
      customers,
      share: total > 0 ? customers / total : 0,
      spend12: row?.spend12 ?? 0,
    };
  });
}

export interface StateMovement {
  from: Array<CustomerState | 'new'>;
  to: CustomerState[];
  /** counts[i][j]: customers in from[i] at the start and in to[j] at the end. */
  counts: number[][];
  /** Customers who moved to a better state (churned → dormant → low → medium → high; new excluded). */
  up: number;
  down: number;
}

const RANK: Record<CustomerState, number> = { churned: 0, dormant: 1, low: 2, medium: 3, high: 4 };

/** The movement matrix between two days. */
export function stateMovement(rows: readonly StateMoveRow[]): StateMovement {
  const to = CUSTOMER_STATES.map((s) => s.key);
  const from: Array<CustomerState | 'new'> = [...to, 'new'];
  const counts = from.map(() => to.map(() => 0));
  let up = 0;
  let down = 0;
  for (const r of rows) {
    const f = r.from ?? 'new';
    counts[from.indexOf(f)][to.indexOf(r.to)] += r.customers;
    if (f === 'new') continue;
    if (RANK[r.to] > RANK[f]) up += r.customers;
    if (RANK[r.to] < RANK[f]) down += r.customers;
  }
  return { from, to, counts, up, down };
}

export interface WinBack {
  /** 召回率: dormant customers at the start who bought in the period ÷ dormant customers at the start. */
  rate: number | null;
  dormant: number;
  returned: number;
  gmv: number;
  /** The same for churned customers (reactivation). */
  churnedRate: number | null;
  churned: number;
  churnedReturned: number;
  churnedGmv: number;
}

export function winBack(rows: readonly WinBackRow[]): WinBack {
  const d = rows.find((r) => r.state === 'dormant') ?? { customers: 0, returned: 0, gmv: 0 };
  const c = rows.find((r) => r.state === 'churned') ?? { customers: 0, returned: 0, gmv: 0 };
  return {
    rate: d.customers > 0 ? d.returned / d.customers : null,
    dormant: d.customers,
    returned: d.returned,
    gmv: d.gmv,
    churnedRate: c.customers > 0 ? c.returned / c.customers : null,
    churned: c.customers,
    churnedReturned: c.returned,
    churnedGmv: c.gmv,
  };
}
