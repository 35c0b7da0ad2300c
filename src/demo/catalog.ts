import { AliasTable } from './alias-table.js';
import { priceBand } from './channels.js';
import { Rng } from './random.js';
import { lognormal, zipfWeights } from './samplers.js';

/**
 * The demo's product catalogue: categories with their own price levels, SPUs with 1–3 SKU variants,
 * list prices on retail price points (¥39.90, ¥129.00 …) and unit costs. Popularity within each
 * price band follows Zipf (s = 1.05) over a shuffled order, so a few SKUs sell most.
 */
export interface Sku {
  index: number;
  sku: string;
  productId: string;
  title: string;
  category: string;
  categoryIndex: number;
  subcategory: string;
  brand: string;
  listPriceFen: number;
  unitCostFen: number;
  band: 0 | 1 | 2;
  /** Popularity rank within its band, 1 = best seller. */
  bandRank: number;
  launchedDay: number;
}

export interface Catalog {
  skus: Sku[];
  /** Per band: the SKU indexes of the band and an alias table of their Zipf weights. */
  bands: Array<{ skus: number[]; table: AliasTable }>;
}

export const ZIPF_S = 1.05;

export const CATEGORIES: ReadonlyArray<{
  name: string;
  subcategories: string[];
  medianPriceYuan: number;
  /** Refund propensity relative to the channel's base rate. */
  refundFactor: number;
  spus: number;
}> = [
  {
    name: '美妆护肤',
    subcategories: ['面霜', '精华', '面膜', '洁面', '防晒'],
    medianPriceYuan: 160,
    refundFactor: 0.8,
    spus: 40,
  },
  {
    name: '个护清洁',
    subcategories: ['洗发水', '沐浴露', '牙膏', '洗衣液'],
    medianPriceYuan: 55,
    refundFactor: 0.6,
    spus: 35,
  },
  {
    name: '食品饮料',
    subcategories: ['坚果', '咖啡', '茶叶', '零食'],
    medianPriceYuan: 48,
    refundFactor: 0.5,
    spus: 40,
  },
  {
    name: '母婴用品',
    subcategories: ['纸尿裤', '奶粉', '辅食', '童装'],
    medianPriceYuan: 120,
    refundFactor: 0.9,
    spus: 25,
  },
  {
    name: '服饰鞋包',
    subcategories: ['T恤', '外套', '运动鞋', '双肩包'],
    medianPriceYuan: 210,
    refundFactor: 2.2,
    spus: 35,
  },
  {
    name: '家居日用',
    subcategories: ['收纳', '床品', '厨具', '香薰'],
    medianPriceYuan: 85,
    refundFactor: 0.9,
    spus: 30,
  },
  {
    name: '数码配件',
    subcategories: ['耳机', '充电器', '数据线', '手机壳'],
    medianPriceYuan: 120,
    refundFactor: 1.2,
    spus: 25,
  },
  {
    name: '运动户外',
    subcategories: ['瑜伽垫', '跑步装备', '帐篷', '水杯'],
    medianPriceYuan: 240,
    refundFactor: 1.1,
    spus: 20,
  },
];

const BRANDS = ['简知', '山野', '初禾', '青木', '元气森林家', '栖息', '拾光', '北岸'];
const VARIANTS = ['标准装', '大容量', '礼盒装', '旅行装', '经典款', '升级款'];

/** A retail price point: under ¥100 → x9.90 (or 9.00); else ending in 9 yuan. */
function pricePoint(yuan: number): number {
  if (yuan < 10) return 990;
  if (yuan < 100) return Math.round(yuan / 10) * 1000 - (yuan % 2 < 1 ? 10 : 100);
  return (Math.round(yuan / 10) * 10 - 1) * 100;
}

/** Builds the catalogue; `firstDay` is the first day of the data (all SKUs launch before it). */
export function buildCatalog(seed: number, firstDay: number): Catalog {
  const rng = new Rng(seed, 101);
  const skus: Sku[] = [];
  let spuNo = 0;
  CATEGORIES.forEach((cat, ci) => {
    for (let p = 0; p < cat.spus; p++) {
      spuNo++;
      const productId = `P${String(spuNo).padStart(4, '0')}`;
      const sub = cat.subcategories[rng.int(cat.subcategories.length)];
      const brand = BRANDS[rng.int(BRANDS.length)];
      const baseYuan = cat.medianPriceYuan * lognormal(rng, 0, 0.55);
      const variants = 1 + rng.int(3);
      const launchedDay = firstDay - 30 - rng.int(900);
      for (let v = 0; v < variants; v++) {
        const listPriceFen = pricePoint(baseYuan * (1 + 0.25 * v));
        const costFen = Math.round(listPriceFen * (0.3 + 0.3 * rng.next()));
        const variant = VARIANTS[(p + v) % VARIANTS.length];
        skus.push({
          index: skus.length,
          sku: `${productId}-${v + 1}`,
          productId,
          title: `${brand} ${sub} ${variant}`,
          category: cat.name,
          categoryIndex: ci,
          subcategory: sub,
          brand,
          listPriceFen,
          unitCostFen: costFen,
          band: priceBand(listPriceFen),
          bandRank: 0,
          launchedDay,
        });
      }
    }
  });
  const bands = ([0, 1, 2] as const).map((b) => {
    const members = skus.filter((s) => s.band === b).map((s) => s.index);
    // Fisher–Yates shuffle, then Zipf weights by position.
    for (let i = members.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [members[i], members[j]] = [members[j], members[i]];
    }
    members.forEach((idx, rank) => {
      skus[idx].bandRank = rank + 1;
    });
    return { skus: members, table: new AliasTable(zipfWeights(members.length, ZIPF_S)) };
  });
  return { skus, bands };
}
