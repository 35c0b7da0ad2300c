import { AliasTable } from './alias-table.js';
import { Basket } from './basket.js';
import { isoDate, monthStart } from './calendar.js';
import type { Catalog } from './catalog.js';
import { CH, CHANNEL_PROFILES, CHANNELS, PRICE_BANDS } from './channels.js';
import {
  I_ACQUISITION,
  I_COUNT_PLANTED,
  I_COUNT_PREV,
  I_FIRST_DAY,
  I_PAID_ORDERS,
  I_SECOND_DAY,
  IS,
} from './customers.js';
import { MEDIA } from './media.js';
import { type BrandDayPlan, PLANT, type StockoutPlan } from './plant.js';
import { Rng } from './random.js';
import { festivals, trendFactor } from './seasonality.js';
import { BURN_IN_MONTHS, type SimulationOutput, VOLUME_PER_SCALE } from './simulate.js';

const NC = CHANNELS.length;
const r6 = (x: number): number => Math.round(x * 1e6) / 1e6;
const r2 = (x: number): number => Math.round(x * 100) / 100;
const yuan = (fen: number): number => Math.round(fen) / 100;
const perChannel = <T>(f: (ch: number) => T): Record<string, T> =>
  Object.fromEntries(CHANNELS.map((name, ch) => [name, f(ch)]));

/** Metrics of one of the two compared months, computed from the generator's running totals. */
function monthFacts(sim: SimulationOutput, t: 0 | 1) {
  const { ledger, store, months } = sim;
  const m = t === 0 ? ledger.prevIdx : ledger.plantedIdx;
  const start = monthStart(months[m]);
  const countField = t === 0 ? I_COUNT_PREV : I_COUNT_PLANTED;
  let buyers = 0;
  let repeatBuyers = 0;
  let returning = 0;
  let returningRepeat = 0;
  for (let c = 0; c < store.size; c++) {
    const k = store.i[c * IS + countField];
    if (k === 0) continue;
    buyers++;
    if (k >= 2) repeatBuyers++;
    if (store.i[c * IS + I_FIRST_DAY] < start) {
      returning++;
      if (k >= 2) returningRepeat++;
    }
  }
  const visitors = Array.from({ length: NC }, (_, ch) => ledger.chVisitors[m * NC + ch]);
  const totalVisitors = visitors.reduce((a, b) => a + b, 0);
  const chBuyers = ledger.channelBuyers(t);
  const bandFen = [0, 1, 2].map((b) => ledger.bandFen[t * 3 + b]);
  const bandUnits = [0, 1, 2].map((b) => ledger.bandUnits[t * 3 + b]);
  const bandTotal = bandFen.reduce((a, b) => a + b, 0);
  const unitTotal = bandUnits.reduce((a, b) => a + b, 0);
  const gmvFen = ledger.gmvFen[m];
  return {
    month: months[m],
    visitors: totalVisitors,
    buyers,
    orders: ledger.orders[m],
    gmv: yuan(gmvFen),
    conversion: r6(buyers / totalVisitors),
    atv: r6(gmvFen / 100 / buyers),
    aov: r6(gmvFen / 100 / ledger.orders[m]),
    newBuyers: ledger.newBuyers[m],
    returningBuyers: returning,
    repeatRate: r6(repeatBuyers / buyers),
    returningRepeatRate: r6(returningRepeat / returning),
    channelVisitors: perChannel((ch) => visitors[ch]),
    channelVisitorShare: perChannel((ch) => r6(visitors[ch] / totalVisitors)),
    channelBuyers: perChannel((ch) => chBuyers[ch]),
    channelConversion: perChannel((ch) => r6(visitors[ch] > 0 ? chBuyers[ch] / visitors[ch] : 0)),
    channelGmv: perChannel((ch) => yuan(ledger.chGmvFen[m * NC + ch])),
    priceBandGmvShare: Object.fromEntries(PRICE_BANDS.map((b, i) => [b, r6(bandFen[i] / bandTotal)])),
    priceBandUnitShare: Object.fromEntries(PRICE_BANDS.map((b, i) => [b, r6(bandUnits[i] / unitTotal)])),
    spend: perChannel((ch) => yuan(ledger.chSpendFen[m * NC + ch])),
    /** Raw counts for the mix/rate split (not rounded). */
    _v: visitors,
    _b: chBuyers,
  };
}

/**
 * Mix/rate split of the change in Σ channel buyers ÷ visitors by channel (midpoint weights, exact):
 * mix_i = Δshare_i × mean(conv_i), rate_i = mean(share_i) × Δconv_i; Σ mix + Σ rate equals the change
 * of the channel-summed conversion. The overall conversion counts a buyer once even when they bought
 * through two channels; `overlap` is the difference between the two changes.
 */
function conversionSplit(a: ReturnType<typeof monthFacts>, b: ReturnType<typeof monthFacts>) {
  const share = (f: typeof a, ch: number) => f._v[ch] / f.visitors;
  const conv = (f: typeof a, ch: number) => (f._v[ch] > 0 ? f._b[ch] / f._v[ch] : 0);
  const mix = CHANNELS.map((_, ch) => (share(b, ch) - share(a, ch)) * ((conv(a, ch) + conv(b, ch)) / 2));
  const rate = CHANNELS.map((_, ch) => ((share(a, ch) + share(b, ch)) / 2) * (conv(b, ch) - conv(a, ch)));
  const sum = (xs: number[]) => xs.reduce((x, y) => x + y, 0);
  const channelSum = (f: typeof a) => sum(f._b) / f.visitors;
  return {
    method: 'midpoint shift-share over channels of Σ channel buyers ÷ visitors',
    mix: perChannel((ch) => r6(mix[ch])),
    rate: perChannel((ch) => r6(rate[ch])),
    mixTotal: r6(sum(mix)),
    rateTotal: r6(sum(rate)),
    channelSumChange: r6(channelSum(b) - channelSum(a)),
    overallChange: r6(b.conversion - a.conversion),
    overlap: r6(b.conversion - a.conversion - (channelSum(b) - channelSum(a))),
  };
}

/** Mean paid_total of a spend-driven first order per channel (Monte Carlo, 20,000 baskets, no promotions). */
function expectedOrderValueFen(catalog: Catalog, seed: number, ch: number): number {
  const rng = new Rng(seed, 900 + ch);
  const basket = new Basket(catalog);
  const table = new AliasTable(CHANNEL_PROFILES[ch].bands);
  const rules = {
    thresholdFen: 0,
    offFen: 0,
    channelShare: CHANNEL_PROFILES[ch].channelDiscount,
    coupon: '',
    couponFen: 0,
    couponMinFen: 0,
  };
  let total = 0;
  const n = 20_000;
  for (let i = 0; i < n; i++) {
    basket.draw(rng, table, CHANNEL_PROFILES[ch].extraLines, -1);
    basket.price(rules);
    total += basket.paidTotal;
  }
  return total / n;
}

export interface TruthInput {
  sim: SimulationOutput;
  catalog: Catalog;
  seed: number;
  scale: number;
  timeZone: string;
  stockout: StockoutPlan & { sku: number };
  brandDay: BrandDayPlan;
}

/** The ground-truth document (see docs/demo.md for every field). */
export function groundTruth(input: TruthInput) {
  const { sim, catalog } = input;
  const scale = input.scale * VOLUME_PER_SCALE;
  const prev = monthFacts(sim, 0);
  const planted = monthFacts(sim, 1);
  const strip = ({ _v, _b, ...rest }: typeof prev) => rest;
  const dayIdx = (d: number) => d - sim.firstDay;
  const soFrom = monthStart(input.stockout.month) + input.stockout.fromDay - 1;
  const soTo = monthStart(input.stockout.month) + input.stockout.toDay - 1;
  const unitsIn = (from: number, to: number) => {
    let u = 0;
    for (let d = Math.max(from, sim.firstDay); d <= to; d++) u += sim.stockoutUnits[dayIdx(d)];
    return u;
  };
  const bd = input.brandDay;
  const bdFrom = monthStart(bd.month) + bd.fromDay - 1;
  const bdTo = monthStart(bd.month) + bd.toDay - 1;
  let bdGmv = 0;
  let baseGmv = 0;
  const bdInData = dayIdx(bdFrom - 28) >= 0 && bdTo <= sim.lastDay;
  for (let d = bdFrom; bdInData && d <= bdTo; d++) {
    bdGmv += sim.dayGmvFen[dayIdx(d)];
    for (let w = 1; w <= 4; w++) baseGmv += sim.dayGmvFen[dayIdx(d - 7 * w)] / 4;
  }
  const nc = NC;
  const months = sim.months;
  const firstYear = Number(months[0].slice(0, 4));
  const lastYear = Number(months[months.length - 1].slice(0, 4));
  const fests = [];
  for (let y = firstYear; y <= lastYear; y++) {
    for (const f of festivals(y))
      if (f.end >= sim.firstDay && f.start <= sim.lastDay)
        fests.push({ id: f.id, name: f.name, from: isoDate(f.start), to: isoDate(f.end) });
  }
  // Second purchase within 30/60/90 days, by acquisition channel, for customers acquired ≥ 90 days before the end.
  const second = CHANNELS.map(() => ({ customers: 0, d30: 0, d60: 0, d90: 0, orders: 0 }));
  for (let c = 0; c < sim.store.size; c++) {
    const acq = sim.store.i[c * IS + I_ACQUISITION];
    second[acq].orders += sim.store.i[c * IS + I_PAID_ORDERS];
    if (sim.store.i[c * IS + I_FIRST_DAY] < 0 || sim.store.i[c * IS + I_FIRST_DAY] > sim.lastDay - 90)
      continue;
    const s = second[acq];
    s.customers++;
    const gap =
      sim.store.i[c * IS + I_SECOND_DAY] < 0
        ? Number.POSITIVE_INFINITY
        : sim.store.i[c * IS + I_SECOND_DAY] - sim.store.i[c * IS + I_FIRST_DAY];
    if (gap <= 30) s.d30++;
    if (gap <= 60) s.d60++;
    if (gap <= 90) s.d90++;
  }
  const acquired = CHANNELS.map(() => 0);
  for (let c = 0; c < sim.store.size; c++) acquired[sim.store.i[c * IS + I_ACQUISITION]]++;

  return {
    generator: {
      seed: input.seed,
      scale: input.scale,
      volumePerScale: VOLUME_PER_SCALE,
      months: months.length,
      firstMonth: months[0],
      endMonth: months[months.length - 1],
      timeZone: input.timeZone,
    },
    conventions: {
      month: 'paid orders by the store-zone month of paid_at; traffic by date',
      conversion: 'distinct buyers with a paid order in the month ÷ Σ traffic_daily.visitors of the month',
      atv: '客单价 = Σ orders.paid_total of paid orders ÷ distinct buyers',
      priceBand:
        'band of order_lines.unit_price (list price): under_100 < ¥100 ≤ 100_to_300 < ¥300 ≤ 300_plus; shares of Σ order_lines.paid_amount (and of Σ quantity) over lines of paid orders',
      returningRepeatRate:
        'among buyers of the month whose first paid order is before the month: share with ≥ 2 paid orders in the month',
      tax: 'prices include VAT; tax is written as 0.00, so paid_total = item_total − discount_total + shipping_fee',
    },
    planted: {
      month: planted.month,
      comparedWith: prev.month,
      story: [
        `信息流广告 budget ×${PLANT.feedSpendMultiplier} in the planted month: its clicks (visitors) roughly double while its buyers saturate, so its visitor share rises and its conversion falls`,
        `non-paid traffic converts ×${PLANT.organicConversionFactor} (rate effect next to the mix effect)`,
        `items under ¥100 promoted (band weight ×${PLANT.cheapBandBoost} in every channel): cheap items gain share and 客单价 falls`,
        `复购券 ${PLANT.repeatCoupon.code}: ${PLANT.repeatCoupon.probability * 100}% of returning buyers' purchases on days 1–${PLANT.repeatCoupon.lastTriggerDay} trigger a second order 2–8 days later`,
      ],
      knobs: { ...PLANT, intended: undefined },
      intended: PLANT.intended,
      realised: {
        previous: strip(prev),
        planted: strip(planted),
        changes: {
          feedVisitorShare: [prev.channelVisitorShare.信息流广告, planted.channelVisitorShare.信息流广告],
          conversionPp: r6((planted.conversion - prev.conversion) * 100),
          atvChange: r6(planted.atv / prev.atv - 1),
          cheapBandGmvShare: [prev.priceBandGmvShare.under_100, planted.priceBandGmvShare.under_100],
          returningRepeatRate: [prev.returningRepeatRate, planted.returningRepeatRate],
          conversionSplit: conversionSplit(prev, planted),
        },
        repeatCouponOrders: sim.couponOrders,
        cheapBandBoostByDay: sim.cheapBoostByDay.map(r6),
        repeatCouponCampaignId: `FUGOU-${planted.month.replace('-', '')}`,
      },
    },
    stockout: {
      sku: catalog.skus[input.stockout.sku].sku,
      title: catalog.skus[input.stockout.sku].title,
      reason:
        'best seller of the ¥100–300 band out of stock; its sales are zero on these days (buyers pick other SKUs)',
      from: isoDate(soFrom),
      to: isoDate(soTo),
      realisedUnits: { during: unitsIn(soFrom, soTo), previous28Days: unitsIn(soFrom - 28, soFrom - 1) },
    },
    campaigns: {
      brandDay: {
        campaignId: bd.campaignId,
        name: bd.name,
        from: isoDate(bdFrom),
        to: isoDate(bdTo),
        demandUplift: bd.uplift,
        rule: `满${bd.thresholdFen / 100}减${bd.offFen / 100}; paid media ×1.4 on these days`,
        realisedGmvUplift: bdInData ? r6(bdGmv / baseGmv - 1) : null,
        realisedGmvUpliftBaseline: 'mean GMV of the same weekdays 1–4 weeks before',
      },
      festivals: fests,
    },
    media: MEDIA.map((p, j) => {
      const ch = CH[p.channel];
      const eov = expectedOrderValueFen(catalog, input.seed, ch) / 100;
      const totalSpend = Array.from(months, (_, k) => sim.ledger.chSpendFen[k * nc + ch]).reduce(
        (a, b) => a + b,
        0,
      );
      const totalGmv = Array.from(months, (_, k) => sim.ledger.chSpendGmvFen[k * nc + ch]).reduce(
        (a, b) => a + b,
        0,
      );
      const totalOrders = Array.from(months, (_, k) => sim.ledger.chSpendOrders[k * nc + ch]).reduce(
        (a, b) => a + b,
        0,
      );
      const k = scale * p.halfSaturationYuan;
      const base = scale * p.baseSpendYuan;
      const betaGmv = scale * p.maxOrdersPerDay * eov;
      /** Marginal ROAS at a steady daily spend s: d(β·Hill(A))/ds with A = s / (1 − θ). */
      const marginal = (s: number): number => {
        const a = s / (1 - p.theta);
        const h = a ** p.hillAlpha / (a ** p.hillAlpha + k ** p.hillAlpha);
        return r6((betaGmv * p.hillAlpha * h * (1 - h)) / a / (1 - p.theta));
      };
      const endPlan = base * trendFactor(sim.lastDay, sim.firstDay);
      const planted = p.channel === '信息流广告' ? PLANT.feedSpendMultiplier : 1;
      return {
        channel: p.channel,
        model:
          'spend-driven GMV(day) = betaGmvPerDay × A^alpha / (A^alpha + K^alpha), A(t) = spend(t) + theta × A(t−1), spend in yuan per day',
        theta: p.theta,
        alpha: p.hillAlpha,
        halfSaturationYuan: r2(k),
        maxAdstockYuan: r2(sim.maxAdstockYuan[j]),
        robynGamma: r6(k / sim.maxAdstockYuan[j]),
        robynGammaConvention:
          'K = robynGamma × max(A) over the data window (the inflexion convention of the shared reference values)',
        betaOrdersPerDay: r6(scale * p.maxOrdersPerDay),
        expectedOrderValueYuan: Math.round(eov * 100) / 100,
        betaGmvPerDay: Math.round(betaGmv * 100) / 100,
        cpcYuan: p.cpcYuan,
        baseSpendPerDayAtStart: r2(base),
        marginalRoasAtBaseSpend: marginal(base),
        planSpendPerDayAtEnd: r2(endPlan),
        marginalRoasAtEndPlan: marginal(endPlan),
        plantedMonthSpendMultiplier: planted,
        marginalRoasInPlantedMonth: marginal(endPlan * planted),
        spendPlan:
          'spend(day) = baseSpendPerDayAtStart × trend × festival boost × weekly flight (log-normal σ 0.35, flat in the last 62 days) × daily noise (σ 0.08) × planted multiplier',
        realised: { spend: yuan(totalSpend), spendDrivenOrders: totalOrders, spendDrivenGmv: yuan(totalGmv) },
      };
    }),
    customers: {
      burnInMonths: BURN_IN_MONTHS,
      burnIn:
        'the shop runs this many months before the data window without writing rows: customers acquired then appear as returning buyers, and their first paid order in the data is not their first ever',
      secondPurchase:
        'customers whose first paid order in the data is ≥ 90 days before the end, by acquisition channel: share whose second paid order in the data follows within 30/60/90 days',
      process:
        'BG/NBD-like: purchase rate λ ~ Gamma(r, rate alpha) per day on the seasonal clock, after each repeat purchase dropout with p ~ Beta(a, b); λ capped at 0.25/day',
      byAcquisitionChannel: perChannel((ch) => ({
        ...CHANNEL_PROFILES[ch].repeat,
        customers: acquired[ch],
        lifetimeOrdersInclBurnIn: second[ch].orders,
        secondPurchaseWithin: {
          cohortCustomers: second[ch].customers,
          d30: r6(second[ch].d30 / Math.max(1, second[ch].customers)),
          d60: r6(second[ch].d60 / Math.max(1, second[ch].customers)),
          d90: r6(second[ch].d90 / Math.max(1, second[ch].customers)),
        },
      })),
      memberTiers:
        'empty = not a member; 普通会员 < ¥1,000 lifetime paid ≤ 银卡会员 < ¥3,000 ≤ 金卡会员 < ¥8,000 ≤ 钻石会员',
    },
  };
}
