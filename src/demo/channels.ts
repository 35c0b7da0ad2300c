/**
 * The demo shop's 8 traffic channels and 4 devices, with what makes them differ: new-customer
 * inflow, share of returning customers' purchases, conversion, price-band taste, basket size,
 * device mix, refund propensity and the repeat-purchase behaviour (BG/NBD) of the customers each
 * channel brings. Volumes are per day at scale 1 at the start of the data.
 */
export const CHANNELS = [
  '站内搜索',
  '直播',
  '短视频',
  '信息流广告',
  '私域社群',
  '搜索广告',
  '达人种草',
  '其他',
] as const;
export type Channel = (typeof CHANNELS)[number];
export const CH = Object.fromEntries(CHANNELS.map((c, i) => [c, i])) as Record<Channel, number>;

export const DEVICES = ['App', '小程序', 'H5', 'PC'] as const;
export type Device = (typeof DEVICES)[number];

/** Price bands of a SKU's list price: < ¥100, ¥100–299.99, ≥ ¥300. */
export const PRICE_BANDS = ['under_100', '100_to_300', '300_plus'] as const;
export const BAND_LIMITS_FEN = [10_000, 30_000] as const;

/** BG/NBD-style repeat behaviour: purchase rate λ ~ Gamma(r, 1/alpha) per day, dropout p ~ Beta(a, b). */
export interface RepeatProfile {
  r: number;
  /** Gamma rate in days: mean λ = r / alpha purchases per day (at seasonal factor 1). */
  alpha: number;
  a: number;
  b: number;
}

export interface ChannelProfile {
  name: Channel;
  /** Paid channel: spend drives part of its new customers (see media.ts). */
  paid: boolean;
  /** Organic new customers per day at scale 1 (before trend and season). */
  organicNew: number;
  /** Weight of the channel when a returning customer buys (not the customer's own channel). */
  returningWeight: number;
  /** Probability a returning purchase comes back through the customer's acquisition channel. */
  loyalty: number;
  /** Buyers ÷ visitors for the channel's non-paid traffic (visitors are derived from buyers). */
  conversion: number;
  /** Line price-band weights [< ¥100, ¥100–300, ≥ ¥300]. */
  bands: [number, number, number];
  /** Mean number of extra lines (an order has 1 + Poisson(extraLines) lines). */
  extraLines: number;
  /** Weights over DEVICES. */
  devices: [number, number, number, number];
  /** Probability a paid order gets a refund. */
  refundRate: number;
  /** Order-level discount share for channel-specific prices (直播专享价 etc.). */
  channelDiscount: number;
  repeat: RepeatProfile;
}

export const CHANNEL_PROFILES: readonly ChannelProfile[] = [
  {
    name: '站内搜索',
    paid: false,
    organicNew: 21,
    returningWeight: 0.4,
    loyalty: 0.3,
    conversion: 0.14,
    bands: [0.5, 0.37, 0.13],
    extraLines: 0.9,
    devices: [0.72, 0.08, 0.08, 0.12],
    refundRate: 0.055,
    channelDiscount: 0,
    repeat: { r: 0.55, alpha: 80, a: 1.0, b: 3.0 },
  },
  {
    name: '直播',
    paid: true,
    organicNew: 8,
    returningWeight: 0.14,
    loyalty: 0.35,
    conversion: 0.11,
    bands: [0.52, 0.37, 0.11],
    extraLines: 1.1,
    devices: [0.9, 0.04, 0.05, 0.01],
    refundRate: 0.1,
    channelDiscount: 0.08,
    repeat: { r: 0.45, alpha: 90, a: 1.2, b: 2.8 },
  },
  {
    name: '短视频',
    paid: false,
    organicNew: 7,
    returningWeight: 0.08,
    loyalty: 0.25,
    conversion: 0.065,
    bands: [0.62, 0.31, 0.07],
    extraLines: 0.7,
    devices: [0.85, 0.1, 0.05, 0.0],
    refundRate: 0.08,
    channelDiscount: 0,
    repeat: { r: 0.4, alpha: 100, a: 1.2, b: 2.4 },
  },
  {
    name: '信息流广告',
    paid: true,
    organicNew: 0.5,
    returningWeight: 0.008,
    loyalty: 0,
    conversion: 0.03,
    bands: [0.8, 0.17, 0.03],
    extraLines: 0.4,
    devices: [0.45, 0.25, 0.3, 0.0],
    refundRate: 0.075,
    channelDiscount: 0,
    repeat: { r: 0.3, alpha: 130, a: 1.5, b: 2.0 },
  },
  {
    name: '私域社群',
    paid: false,
    organicNew: 1.2,
    returningWeight: 0.24,
    loyalty: 0.6,
    conversion: 0.3,
    bands: [0.38, 0.42, 0.2],
    extraLines: 1.2,
    devices: [0.1, 0.8, 0.08, 0.02],
    refundRate: 0.035,
    channelDiscount: 0,
    repeat: { r: 0.9, alpha: 70, a: 0.8, b: 4.5 },
  },
  {
    name: '搜索广告',
    paid: true,
    organicNew: 0.5,
    returningWeight: 0.05,
    loyalty: 0,
    conversion: 0.1,
    bands: [0.45, 0.4, 0.15],
    extraLines: 0.8,
    devices: [0.3, 0.05, 0.35, 0.3],
    refundRate: 0.05,
    channelDiscount: 0,
    repeat: { r: 0.5, alpha: 90, a: 1.0, b: 3.0 },
  },
  {
    name: '达人种草',
    paid: true,
    organicNew: 1,
    returningWeight: 0.02,
    loyalty: 0,
    conversion: 0.06,
    bands: [0.5, 0.37, 0.13],
    extraLines: 0.8,
    devices: [0.6, 0.2, 0.2, 0.0],
    refundRate: 0.09,
    channelDiscount: 0,
    repeat: { r: 0.45, alpha: 100, a: 1.2, b: 2.6 },
  },
  {
    name: '其他',
    paid: false,
    organicNew: 4,
    returningWeight: 0.05,
    loyalty: 0.1,
    conversion: 0.045,
    bands: [0.58, 0.32, 0.1],
    extraLines: 0.7,
    devices: [0.4, 0.2, 0.2, 0.2],
    refundRate: 0.06,
    channelDiscount: 0,
    repeat: { r: 0.4, alpha: 110, a: 1.2, b: 2.6 },
  },
];

/** Price band index of a list price in fen. */
export function priceBand(listPriceFen: number): 0 | 1 | 2 {
  return listPriceFen < BAND_LIMITS_FEN[0] ? 0 : listPriceFen < BAND_LIMITS_FEN[1] ? 1 : 2;
}
