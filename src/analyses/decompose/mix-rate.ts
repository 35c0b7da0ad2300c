/**
 * Mix vs rate (shift-share) split of the change of a metric across the values of a dimension.
 *
 * A ratio metric R = N ÷ D (conversion = buyers ÷ visitors) is, across groups i, R̃ = Σ sᵢ rᵢ with the
 * denominator share sᵢ = Dᵢ ÷ ΣD and the group's own rate rᵢ = Nᵢ ÷ Dᵢ. With midpoint weights (the
 * two-factor Shapley split) s₁r₁ − s₀r₀ = Δs · r̄ + s̄ · Δr exactly, so
 *   mixᵢ  = Δsᵢ · (r̄ᵢ − R̄)   (a share shift towards a group whose rate is below average lowers R̃),
 *   rateᵢ = s̄ᵢ · Δrᵢ         (the group's own rate moved),
 * where R̄ is any constant (Σ Δsᵢ = 0); we take the mean of the two periods' R̃ so that a group
 * gaining share at the average rate contributes no mix. A group present in one period only has its
 * rate carried over to the other (Δr = 0: it is all mix). A numerator without a denominator (buyers
 * of a channel without traffic rows in that period) counts as Nᵢ ÷ ΣD, and its change as rate.
 *
 * When the groups' numerators or denominators do not add up to the totals (a buyer who bought
 * through two channels counts once overall; line GMV excludes shipping), `overlap` = ΔR − ΔR̃ closes
 * the sum, so Σ mix + Σ rate + overlap = ΔR always.
 *
 * An additive metric T = Σ vᵢ splits the same way with sᵢ = vᵢ ÷ Σv: mixᵢ = Δsᵢ · T̄ (the group grew
 * faster or slower than the total), rateᵢ = s̄ᵢ · ΔT (its proportional part); mixᵢ + rateᵢ = Δvᵢ.
 */
export interface Cell {
  num: number;
  /** Denominator (absent for additive metrics). */
  den?: number;
}

export interface GroupInput {
  /** Dimension values of the group (one per dimension of the split). */
  values: string[];
  previous: Cell;
  current: Cell;
}

export interface SplitTerm {
  values: string[];
  /** Share of the denominator (ratio) or of the metric (additive) in the previous and current period. */
  share: [number, number];
  /** The group's own rate Nᵢ ÷ Dᵢ (ratio metrics; null without a denominator), previous and current. */
  rate: [number | null, number | null];
  /** The group's own value Nᵢ, previous and current. */
  value: [number, number];
  /** The group's denominator Dᵢ, previous and current (null for additive metrics). */
  den: [number, number] | null;
  mix: number;
  rateEffect: number;
  /** Weight of the group in a uniform change (numerator share), for ranking surprises. */
  weight: number;
}

export interface Split {
  kind: 'ratio' | 'additive';
  previous: number;
  current: number;
  change: number;
  terms: SplitTerm[];
  overlap: number;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** The split of an additive metric whose totals are `totals` (previous, current). */
export function additiveSplit(groups: readonly GroupInput[], totals: [number, number]): Split {
  const v0 = groups.map((g) => g.previous.num);
  const v1 = groups.map((g) => g.current.num);
  const t0 = sum(v0);
  const t1 = sum(v1);
  const mean = (t0 + t1) / 2;
  const terms = groups.map((g, i): SplitTerm => {
    const s0 = t0 === 0 ? 0 : v0[i] / t0;
    const s1 = t1 === 0 ? 0 : v1[i] / t1;
    const sBar = (s0 + s1) / 2;
    // With an empty period all of the group's change is its own (no share to shift).
    const empty = t0 === 0 || t1 === 0;
    return {
      values: [...g.values],
      share: [s0, s1],
      rate: [null, null],
      value: [v0[i], v1[i]],
      den: null,
      mix: empty ? 0 : (s1 - s0) * mean,
      rateEffect: empty ? v1[i] - v0[i] : sBar * (t1 - t0),
      weight: sBar,
    };
  });
  const change = totals[1] - totals[0];
  return {
    kind: 'additive',
    previous: totals[0],
    current: totals[1],
    change,
    terms,
    overlap: change - (t1 - t0),
  };
}

/**
 * The split of a ratio metric N ÷ D whose overall numerators and denominators are `totals`; null when a
 * period has no denominator (the ratio is undefined).
 */
export function ratioSplit(
  groups: readonly GroupInput[],
  totals: { previous: Cell; current: Cell },
): Split | null {
  const d0 = sum(groups.map((g) => g.previous.den ?? 0));
  const d1 = sum(groups.map((g) => g.current.den ?? 0));
  const D0 = totals.previous.den ?? 0;
  const D1 = totals.current.den ?? 0;
  if (d0 <= 0 || d1 <= 0 || D0 <= 0 || D1 <= 0) return null;
  const rateOf = (c: Cell) => (c.den && c.den > 0 ? c.num / c.den : null);
  const rt0 = sum(groups.map((g) => g.previous.num)) / d0;
  const rt1 = sum(groups.map((g) => g.current.num)) / d1;
  const center = (rt0 + rt1) / 2;
  const raw = groups.map((g) => {
    const s0 = (g.previous.den ?? 0) / d0;
    const s1 = (g.current.den ?? 0) / d1;
    const r0 = rateOf(g.previous);
    const r1 = rateOf(g.current);
    return { g, s0, s1, r0, r1 };
  });
  const weights = raw.map(({ g }) => (g.previous.num / d0 + g.current.num / d1) / 2);
  const totalWeight = sum(weights);
  const terms = raw.map(({ g, s0, s1, r0, r1 }, i): SplitTerm => {
    // The group's part of R̃ in each period: sᵢrᵢ, or Nᵢ ÷ ΣD when it has no denominator.
    const c0 = g.previous.num / d0;
    const c1 = g.current.num / d1;
    let mix = 0;
    let rateEffect = 0;
    if (r0 !== null && r1 !== null) {
      mix = (s1 - s0) * ((r0 + r1) / 2 - center);
      rateEffect = ((s0 + s1) / 2) * (r1 - r0);
    } else if (r1 !== null) {
      mix = (s1 - s0) * (r1 - center); // s0 = 0: entering the denominator is all mix
      rateEffect = 0 - c0; // buyers it had without a denominator (0 − x: never −0)
    } else if (r0 !== null) {
      mix = (s1 - s0) * (r0 - center);
      rateEffect = c1;
    } else {
      rateEffect = c1 - c0;
    }
    return {
      values: [...g.values],
      share: [s0, s1],
      rate: [r0, r1],
      value: [g.previous.num, g.current.num],
      den: [g.previous.den ?? 0, g.current.den ?? 0],
      mix,
      rateEffect,
      weight: totalWeight === 0 ? 0 : weights[i] / totalWeight,
    };
  });
  const previous = totals.previous.num / D0;
  const current = totals.current.num / D1;
  return {
    kind: 'ratio',
    previous,
    current,
    change: current - previous,
    terms,
    overlap: current - previous - (rt1 - rt0),
  };
}
