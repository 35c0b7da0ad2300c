import { AliasTable } from './alias-table.js';
import { Basket, type PriceRules } from './basket.js';
import { addMonths, monthStart } from './calendar.js';
import type { Catalog } from './catalog.js';
import { CH, CHANNEL_PROFILES, CHANNELS, DEVICES } from './channels.js';
import { CsvWriter } from './csv-writer.js';
import {
  CustomerStore,
  F_AFFLUENCE,
  F_DROPOUT,
  F_LAMBDA,
  F_SPENT,
  FS,
  I_ACQUISITION,
  I_FIRST_DAY,
  I_MEMBER,
  I_NEXT,
  I_PAID_ORDERS,
  I_PROVINCE,
  I_REG_DAY,
  I_REG_SEC,
  I_SECOND_DAY,
  IS,
} from './customers.js';
import { buildDayTable } from './day-table.js';
import { PROVINCES } from './geo.js';
import { ORDINARY_HOURS, PEAK_HOURS } from './hours.js';
import { Ledger } from './ledger.js';
import { flightFactors, hill, MEDIA } from './media.js';
import { formatFen } from './money.js';
import { OrderRing } from './order-ring.js';
import { COUPON_CAMPAIGN_DAY, type OrderPlace, OrderRows, type OrderSink } from './order-rows.js';
import { type BrandDayPlan, PLANT, type StockoutPlan } from './plant.js';
import { Rng } from './random.js';
import { beta, exponential, gamma, lognormal, noiseFactor, poisson } from './samplers.js';
import { festivalOn, trendFactor } from './seasonality.js';
import { TrafficDay } from './traffic.js';

const NC = CHANNELS.length;
/** Months the shop runs before the data window (simulated, not written). */
export const BURN_IN_MONTHS = 12;
/** Customers, traffic and spend per unit of `scale` relative to the volumes in channels.ts and media.ts. */
export const VOLUME_PER_SCALE = 0.8;
const ND = DEVICES.length;

export interface SimulationInput {
  months: number;
  endMonth: string;
  scale: number;
  seed: number;
  timeZone: string;
  catalog: Catalog;
  stockout: StockoutPlan & { sku: number };
  brandDay: BrandDayPlan;
  writers: { traffic: CsvWriter; spend: CsvWriter };
  /** orders.csv and order_lines.csv: written by a worker thread when `threads` > 1 and it can start. */
  orderFiles: {
    orders: string;
    lines: string;
    ordersHeader: readonly string[];
    linesHeader: readonly string[];
  };
  threads: number;
  onProgress?: (daysDone: number, days: number) => void;
}

export interface SimulationOutput {
  store: CustomerStore;
  ledger: Ledger;
  months: string[];
  firstDay: number;
  lastDay: number;
  /** Customer index → 'U…' id. */
  customerId: (c: number) => string;
  /** GMV (fen) of paid orders by day of paid_at, and units of the stock-out SKU by day. */
  dayGmvFen: Float64Array;
  stockoutUnits: Float64Array;
  couponOrders: number;
  /** Per MEDIA entry: the largest adstocked spend (yuan) in the data window. */
  maxAdstockYuan: number[];
  /** The cheap-item band multiplier used on each day of the planted month. */
  cheapBoostByDay: number[];
  /** Rows written to orders.csv and order_lines.csv, and whether a worker thread wrote them. */
  orderRows: number;
  lineRows: number;
  threads: number;
}

/** Customer index → 'U…' id (rows write the same number with the same prefix). */
const customerId = (c: number): string => `U${10_000_001 + c}`;

/** Runs the shop day by day, streaming orders, lines, traffic and spend rows to the writers. */
export function simulate(input: SimulationInput): SimulationOutput {
  const { catalog, writers } = input;
  const scale = input.scale * VOLUME_PER_SCALE;
  const firstMonth = addMonths(input.endMonth, -(input.months - 1));
  const months = Array.from({ length: input.months }, (_, i) => addMonths(firstMonth, i));
  const firstDay = monthStart(firstMonth);
  // The shop runs BURN_IN_MONTHS before the data window without writing rows, so the window opens on an
  // established shop (returning customers from the first day). Day index di counts from simFirst.
  const simFirst = monthStart(addMonths(firstMonth, -BURN_IN_MONTHS));
  const dataStart = firstDay - simFirst;
  const nDays = monthStart(addMonths(input.endMonth, 1)) - simFirst;
  const lastDay = simFirst + nDays - 1;
  const plantedIdx = input.months - 1;
  const ledger = new Ledger(months, input.months - 2, plantedIdx);
  // ≈ 69 k customers per unit of scale (burn-in included): sized once, grown only if a seed needs more.
  const store = new CustomerStore(Math.max(1024, Math.ceil(input.scale * 75_000)));

  const days = buildDayTable(simFirst, nDays, months, input.timeZone, input.brandDay);
  const { monthOf, season, cum } = days;

  const bd = input.brandDay;
  const bdStart = monthStart(bd.month) + bd.fromDay - 1;
  const bdEnd = monthStart(bd.month) + bd.toDay - 1;
  const soStart = monthStart(input.stockout.month) + input.stockout.fromDay - 1;
  const soEnd = monthStart(input.stockout.month) + input.stockout.toDay - 1;
  const plantedStart = monthStart(input.endMonth);

  const couponCampaign = `FUGOU-${months[plantedIdx].replace('-', '')}`;

  const rng = new Rng(input.seed, 1);
  const mediaRng = new Rng(input.seed, 2);
  const trafficRng = new Rng(input.seed, 3);
  const custRng = new Rng(input.seed, 4);

  const returningTable = new AliasTable(CHANNEL_PROFILES.map((p) => p.returningWeight));
  const deviceTables = CHANNEL_PROFILES.map((p) => new AliasTable(p.devices));
  const bandTables = CHANNEL_PROFILES.map((p) => new AliasTable(p.bands));
  const boostedBands = (boost: number): AliasTable[] =>
    CHANNEL_PROFILES.map((p) => new AliasTable([p.bands[0] * boost, p.bands[1], p.bands[2]]));
  let cheapBoost: number = PLANT.cheapBandBoost;
  let plantedBandTables = boostedBands(cheapBoost);
  const boostByDay: number[] = [];
  /** The previous month's running GMV (fen) and buyers at the end of each of its days. */
  const prevRunning: Array<[number, number]> = [];
  const provinceTable = new AliasTable(PROVINCES.map((p) => p.weight));
  const basket = new Basket(catalog);
  const files = input.orderFiles;
  const ring =
    input.threads > 1
      ? OrderRing.start({
          seed: input.seed,
          firstDay,
          simFirst,
          days: nDays,
          months,
          timeZone: input.timeZone,
          brandDay: input.brandDay,
          couponCampaign,
          ordersPath: files.orders,
          linesPath: files.lines,
          ordersHeader: files.ordersHeader,
          linesHeader: files.linesHeader,
        })
      : undefined;
  const threaded = ring !== undefined;
  const rows: OrderSink =
    ring ??
    new OrderRows(
      catalog,
      days,
      couponCampaign,
      new CsvWriter(files.orders, files.ordersHeader),
      new CsvWriter(files.lines, files.linesHeader),
    );
  const head = new Int32Array(nDays).fill(-1);
  const couponDays: number[][] = [];
  const flights = MEDIA.map(() => flightFactors(mediaRng, nDays, 62));
  const adstock = MEDIA.map((p) => (scale * p.baseSpendYuan) / (1 - p.theta));
  const maxAdstock = MEDIA.map(() => 0);

  const traffic = new TrafficDay(trafficRng, writers.traffic);
  const place: OrderPlace = { channel: 0, device: 0, province: 0, city: 0 };

  const dayGmvFen = new Float64Array(nDays - dataStart);
  const stockoutUnits = new Float64Array(nDays - dataStart);
  let couponOrders = 0;
  let orderSeq = 0;
  let day = simFirst;
  let di = 0;
  let m = 0;

  const schedule = (c: number, from: number): void => {
    const t = cum[from + 1] + exponential(custRng, 1) / store.f[c * FS + F_LAMBDA];
    if (!(t < cum[nDays])) return;
    let lo = from + 1;
    let hi = nDays - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid + 1] > t) hi = mid;
      else lo = mid + 1;
    }
    store.i[c * IS + I_NEXT] = head[lo];
    head[lo] = c;
  };

  const newCustomer = (ch: number): number => {
    const c = store.add();
    const rp = CHANNEL_PROFILES[ch].repeat;
    store.f[c * FS + F_LAMBDA] = Math.min(0.25, gamma(custRng, rp.r, 1 / rp.alpha));
    store.f[c * FS + F_DROPOUT] = beta(custRng, rp.a, rp.b);
    store.f[c * FS + F_AFFLUENCE] = lognormal(custRng, 0, 0.3);
    store.i[c * IS + I_PROVINCE] = provinceTable.draw(custRng);
    store.i[c * IS + I_ACQUISITION] = ch;
    store.i[c * IS + I_FIRST_DAY] = -1;
    store.i[c * IS + I_MEMBER] = ch === CH.私域社群 || custRng.chance(0.3) ? 1 : 0;
    return c;
  };

  const rules: PriceRules = {
    thresholdFen: 0,
    offFen: 0,
    channelShare: 0,
    coupon: '',
    couponFen: 0,
    couponMinFen: 0,
  };

  /** Writes one order (and maybe an abandoned twin) for customer c through channel ch today. */
  const emit = (
    c: number,
    ch: number,
    isFirst: boolean,
    spendDriven: boolean,
    couponOrder: boolean,
  ): void => {
    if (m < 0) {
      // Burn-in: keep the customer's history (orders, spend, membership), write nothing.
      if (isFirst) {
        store.i[c * IS + I_REG_DAY] = day - (rng.chance(0.3) ? 1 + rng.int(60) : 0);
        store.i[c * IS + I_REG_SEC] = rng.int(43_200);
      }
      store.i[c * IS + I_PAID_ORDERS]++;
      store.f[c * FS + F_SPENT] += Math.round(lognormal(rng, Math.log(25_000), 0.6));
      if (!isFirst && store.i[c * IS + I_MEMBER] === 0 && rng.chance(0.2)) store.i[c * IS + I_MEMBER] = 1;
      return;
    }
    const prof = CHANNEL_PROFILES[ch];
    const dev = deviceTables[ch].draw(rng);
    const prov = rng.chance(0.95) ? store.i[c * IS + I_PROVINCE] : provinceTable.draw(rng);
    const cities = PROVINCES[prov].cities.length;
    const cityIdx = cities === 1 || rng.chance(0.5) ? 0 : 1 + rng.int(cities - 1);
    const isDouble11 = days.isDouble11[di] === 1;
    const hour = (isDouble11 ? PEAK_HOURS : ORDINARY_HOURS).draw(rng);
    const delay = 5 + rng.int(600);
    let placedSec = Math.min(hour * 3600 + rng.int(3600), 86_399 - delay);
    let placedDi = di;
    let paidSec = placedSec + delay;
    let presale = false;
    if (isDouble11 && !isFirst && rng.chance(0.35)) {
      const from = Math.max(store.i[c * IS + I_REG_DAY] + 1, store.i[c * IS + I_FIRST_DAY] + 1, day - 18);
      if (from <= day - 1) {
        placedDi = from - simFirst + rng.int(day - from);
        placedSec = rng.int(86_400);
        paidSec = rng.int(7200);
        presale = true;
      }
    }
    if (isFirst) {
      if (rng.chance(0.3)) {
        store.i[c * IS + I_REG_DAY] = day - 1 - rng.int(60);
        store.i[c * IS + I_REG_SEC] = rng.int(86_400);
      } else {
        store.i[c * IS + I_REG_DAY] = day;
        store.i[c * IS + I_REG_SEC] = Math.max(0, placedSec - 1800 - rng.int(7200));
      }
    }
    const blocked = day >= soStart && day <= soEnd ? input.stockout.sku : -1;
    const bands = m === plantedIdx ? plantedBandTables[ch] : bandTables[ch];
    basket.draw(rng, bands, prof.extraLines * store.f[c * FS + F_AFFLUENCE], blocked);

    let campaignDay = di;
    rules.thresholdFen = days.thresholdFen[di];
    rules.offFen = days.offFen[di];
    rules.channelShare = prof.channelDiscount;
    rules.coupon = '';
    if (couponOrder) {
      campaignDay = COUPON_CAMPAIGN_DAY;
      rules.coupon = PLANT.repeatCoupon.code;
      rules.couponFen = PLANT.repeatCoupon.valueFen;
      rules.couponMinFen = PLANT.repeatCoupon.minFen;
    } else if (isFirst && rng.chance(0.5)) {
      rules.coupon = 'NEW10';
      rules.couponFen = 1000;
      rules.couponMinFen = 5900;
    } else if (!isFirst && store.i[c * IS + I_MEMBER] === 1 && rng.chance(0.1)) {
      rules.coupon = 'VIP15';
      rules.couponFen = 1500;
      rules.couponMinFen = 19_900;
    }
    basket.price(rules);
    const refund = basket.refund(rng, prof.refundRate);
    const status =
      refund !== '' ? refund : di >= nDays - 2 ? 'paid' : di >= nDays - 7 ? 'shipped' : 'completed';

    place.channel = ch;
    place.device = dev;
    place.province = prov;
    place.city = cityIdx;
    rows.order(
      ++orderSeq + 100_000_000,
      c,
      place,
      placedDi,
      placedSec,
      di,
      paidSec,
      status,
      basket,
      campaignDay,
      presale,
    );

    const firstInData = store.i[c * IS + I_FIRST_DAY] < 0;
    if (firstInData) store.i[c * IS + I_FIRST_DAY] = day;
    else if (store.i[c * IS + I_SECOND_DAY] < 0) store.i[c * IS + I_SECOND_DAY] = day;
    ledger.paidOrder(store, catalog, m, c, ch, basket, firstInData, spendDriven);
    dayGmvFen[di - dataStart] += basket.paidTotal;
    for (let i = 0; i < basket.n; i++)
      if (basket.sku[i] === input.stockout.sku) stockoutUnits[di - dataStart] += basket.qty[i];
    if (couponOrder) couponOrders++;
    store.i[c * IS + I_PAID_ORDERS]++;
    store.f[c * FS + F_SPENT] += basket.paidTotal;
    if (!isFirst && store.i[c * IS + I_MEMBER] === 0 && rng.chance(0.2)) store.i[c * IS + I_MEMBER] = 1;
    (spendDriven ? traffic.spendBuyers : traffic.organicBuyers)[ch * ND + dev]++;

    // An abandoned twin: the buyer placed an order, left it unpaid, then placed this one.
    if (!presale && rng.chance(0.04)) {
      const twinSec = Math.max(
        store.i[c * IS + I_REG_DAY] === day ? store.i[c * IS + I_REG_SEC] : 0,
        placedSec - 60 - rng.int(1740),
      );
      const pending = di === nDays - 1 && twinSec >= 22 * 3600;
      const status2 = pending ? 'placed' : 'cancelled';
      rows.order(++orderSeq + 100_000_000, c, place, di, twinSec, -1, 0, status2, basket, campaignDay, false);
    }
  };

  for (; di < nDays; di++, day++) {
    m = monthOf[di];
    const trend = trendFactor(day, firstDay);
    const planted = m === plantedIdx;
    const fest = festivalOn(day);
    const peak = fest !== undefined && day === fest.end;
    traffic.reset();

    // Paid media: spend, adstock, spend-driven first orders, clicks.
    MEDIA.forEach((p, j) => {
      const ch = CH[p.channel];
      const boost = fest ? p.festivalBoost * (peak ? 1.5 : 1) : day >= bdStart && day <= bdEnd ? 1.4 : 1;
      const mult = planted && p.channel === '信息流广告' ? PLANT.feedSpendMultiplier : 1;
      const fen = Math.round(
        100 * scale * p.baseSpendYuan * trend * boost * flights[j][di] * noiseFactor(mediaRng, 0.08) * mult,
      );
      const yuan = fen / 100;
      adstock[j] = yuan + p.theta * adstock[j];
      if (m >= 0 && adstock[j] > maxAdstock[j]) maxAdstock[j] = adstock[j];
      const orders = poisson(
        mediaRng,
        scale * p.maxOrdersPerDay * hill(adstock[j], p.hillAlpha, scale * p.halfSaturationYuan),
      );
      const nClicks = Math.round(yuan / (p.cpcYuan * noiseFactor(mediaRng, 0.1)));
      const impressions = Math.round(nClicks / (p.ctr * noiseFactor(mediaRng, 0.1)));
      const campaign = fest ? fest.id : day >= bdStart && day <= bdEnd ? bd.campaignId : 'ALWAYS-ON';
      if (m >= 0) {
        writers.spend.row(
          `${days.date[di]},${p.channel},${campaign},${formatFen(fen)},${impressions},${nClicks}\n`,
        );
        ledger.spend(m, ch, fen);
      }
      const w = CHANNEL_PROFILES[ch].devices;
      const wsum = w[0] + w[1] + w[2] + w[3];
      let left = nClicks;
      for (let d = 0; d < ND - 1; d++) {
        const k = Math.min(left, Math.round((nClicks * w[d]) / wsum));
        traffic.clicks[ch * ND + d] = k;
        left -= k;
      }
      traffic.clicks[ch * ND + ND - 1] = left;
      for (let k = 0; k < orders; k++) {
        const c = newCustomer(ch);
        emit(c, ch, true, true, false);
        schedule(c, di);
      }
    });

    // Organic new customers.
    for (let ch = 0; ch < NC; ch++) {
      const n = poisson(rng, scale * CHANNEL_PROFILES[ch].organicNew * trend * season[di]);
      for (let k = 0; k < n; k++) {
        const c = newCustomer(ch);
        emit(c, ch, true, false, false);
        schedule(c, di);
      }
    }

    // Returning customers whose clock rings today.
    let c = head[di];
    head[di] = -1;
    const dom = m >= 0 ? day - monthStart(months[m]) + 1 : 0;
    while (c >= 0) {
      const nextC = store.i[c * IS + I_NEXT];
      const acq = store.i[c * IS + I_ACQUISITION];
      const ch = rng.chance(CHANNEL_PROFILES[acq].loyalty) ? acq : returningTable.draw(rng);
      emit(c, ch, false, false, false);
      if (planted && dom <= PLANT.repeatCoupon.lastTriggerDay && rng.chance(PLANT.repeatCoupon.probability)) {
        const at = Math.min(nDays - 1, di + 2 + rng.int(7)) - (plantedStart - simFirst);
        if (couponDays[at] === undefined) couponDays[at] = [];
        couponDays[at].push(c);
      }
      // After a repeat purchase the customer drops out with probability p (is simply not rescheduled).
      if (!(store.i[c * IS + I_PAID_ORDERS] > 1 && custRng.chance(store.f[c * FS + F_DROPOUT])))
        schedule(c, di);
      c = nextC;
    }
    if (planted) {
      for (const cc of couponDays[day - plantedStart] ?? []) {
        const acq = store.i[cc * IS + I_ACQUISITION];
        emit(
          cc,
          rng.chance(CHANNEL_PROFILES[acq].loyalty) ? acq : returningTable.draw(rng),
          false,
          false,
          true,
        );
      }
    }

    if (m >= 0) {
      const visitors = traffic.write(days.date[di], planted ? PLANT.organicConversionFactor : 1);
      for (let ch = 0; ch < NC; ch++) ledger.visitors(m, ch, visitors[ch]);
    }
    // Steer the cheap-item promotion of the planted month (see PLANT.atvSteering).
    if (m === ledger.prevIdx) prevRunning.push([ledger.gmvFen[m], ledger.buyers[m]]);
    if (planted) {
      boostByDay.push(cheapBoost);
      const steer = PLANT.atvSteering;
      if (dom >= steer.fromDay && prevRunning.length > 0) {
        const [pg, pb] = prevRunning[Math.min(dom, prevRunning.length) - 1];
        const change = ledger.gmvFen[m] / ledger.buyers[m] / (pg / pb) - 1;
        const next = cheapBoost * Math.exp(steer.gain * (change - PLANT.intended.atvChange));
        cheapBoost = Math.min(steer.max, Math.max(steer.min, next));
        plantedBandTables = boostedBands(cheapBoost);
      }
    }
    if (di >= dataStart) input.onProgress?.(di + 1 - dataStart, nDays - dataStart);
  }
  const written = rows.close();
  return {
    orderRows: written.orders,
    lineRows: written.lines,
    threads: threaded ? 2 : 1,
    store,
    ledger,
    months,
    firstDay,
    lastDay,
    customerId,
    dayGmvFen,
    stockoutUnits,
    couponOrders,
    cheapBoostByDay: boostByDay,
    maxAdstockYuan: maxAdstock,
  };
}
