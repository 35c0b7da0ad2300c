import type { ActionId, Finding, FindingNumber } from './finding.js';

/** What a message needs besides the finding: number formatting and names in the reader's language. */
export interface RenderContext {
  lang: 'zh' | 'en';
  /**
   * A number of a finding as text (the report's formatting: ¥4.57万, +1.58个百分点, 1:5.3, …); never
   * called with 'moneyDelta', which is written as a sign and the formatted amount.
   */
  format(x: FindingNumber): string;
  metricLabel(name: string): string;
  dimensionLabel(name: string): string;
}

type Text = (f: Finding, c: RenderContext) => string;

/** A day or a range of days: 10月4日–10月23日 / Oct 4–Oct 23 (ISO dates in). */
function dates(from: string | undefined, to: string | undefined, lang: 'zh' | 'en'): string {
  const one = (d: string) => {
    const [, m, day] = d.split('-').map(Number);
    return lang === 'zh'
      ? `${m}月${day}日`
      : `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1]} ${day}`;
  };
  if (!from) return '';
  if (!to || to === from) return lang === 'zh' ? one(from) : `on ${one(from)}`;
  return lang === 'zh' ? `${one(from)}至${one(to)}` : `from ${one(from)} to ${one(to)}`;
}

const up = (f: Finding) => (f.numbers.shareTo?.value ?? 0) >= (f.numbers.shareFrom?.value ?? 0);

const STEP: Record<string, [string, string]> = {
  visitors: ['访客', 'visitors'],
  product_views: ['商品浏览', 'product views'],
  add_to_carts: ['加购', 'add-to-cart'],
  checkouts: ['提交订单', 'checkout'],
  buyers: ['支付', 'payment'],
};
const VALUE: Record<string, [string, string]> = {
  under_100: ['¥100 以下商品', 'items under ¥100'],
  '100_to_300': ['¥100–300 商品', 'items at ¥100–300'],
  '300_plus': ['¥300 以上商品', 'items from ¥300'],
  new: ['新客', 'new buyers'],
  returning: ['老客', 'returning buyers'],
};

/** A dimension value in words (price bands, customer types, funnel steps; others as they are). */
export function valueLabel(value: string, lang: 'zh' | 'en'): string {
  const i = lang === 'zh' ? 0 : 1;
  return (
    VALUE[value]?.[i] ?? STEP[value]?.[i] ?? (value === '' ? (lang === 'zh' ? '（空）' : '(empty)') : value)
  );
}

const valuesOf = (f: Finding, c: RenderContext) =>
  Object.values(f.values ?? {})
    .map((v) => valueLabel(v, c.lang))
    .join(' × ');
function num(f: Finding, c: RenderContext, key: string): string {
  const x = f.numbers[key] ?? { value: null, kind: 'number' };
  if (x.kind !== 'moneyDelta' || x.value === null)
    return c.format(x.kind === 'moneyDelta' ? { ...x, kind: 'money' } : x);
  const sign = x.value > 0 ? '+' : x.value < 0 ? '−' : '';
  return `${sign}${c.format({ value: Math.abs(x.value), kind: 'money' })}`;
}

const ZH: Record<Finding['kind'], Text> = {
  metric_change: (f, c) =>
    `${c.metricLabel(f.metric)}从 ${num(f, c, 'previous')} 变为 ${num(f, c, 'current')}（${num(f, c, 'change')}，${num(f, c, 'relativeChange')}）。`,
  gmv_factors: (f, c) =>
    `成交金额变化 ${num(f, c, 'change')} 拆解为：流量（访客数）贡献 ${num(f, c, 'visitors')}，转化率贡献 ${num(f, c, 'conversion')}，客单价贡献 ${num(f, c, 'atv')}，三者相加等于总变化。`,
  mix_rate_split: (f, c) =>
    `按${c.dimensionLabel(f.dimension ?? '')}拆解，${c.metricLabel(f.metric)}变化 ${num(f, c, 'change')} 中，结构（占比）变化贡献 ${num(f, c, 'mix')}（占 ${num(f, c, 'mixShare')}），各${c.dimensionLabel(f.dimension ?? '')}自身${c.metricLabel(f.metric)}变化贡献 ${num(f, c, 'rate')}。`,
  mix_shift: (f, c) =>
    `${valuesOf(f, c)}的占比从 ${num(f, c, 'shareFrom')} ${up(f) ? '升至' : '降至'} ${num(f, c, 'shareTo')}（其${c.metricLabel(f.metric)} ${num(f, c, 'ownTo')}，上月 ${num(f, c, 'ownFrom')}），结构变化影响 ${num(f, c, 'mix')}，合计影响 ${num(f, c, 'total')}，占总变化的 ${num(f, c, 'changeShare')}。`,
  rate_change: (f, c) =>
    `${valuesOf(f, c)}自身${c.metricLabel(f.metric)}从 ${num(f, c, 'ownFrom')} 变为 ${num(f, c, 'ownTo')}，影响 ${num(f, c, 'total')}，占总变化的 ${num(f, c, 'changeShare')}。`,
  value_change: (f, c) =>
    `${valuesOf(f, c)}的${c.metricLabel(f.metric)}从 ${num(f, c, 'ownFrom')} 变为 ${num(f, c, 'ownTo')}（${num(f, c, 'total')}），占比从 ${num(f, c, 'shareFrom')} ${up(f) ? '升至' : '降至'} ${num(f, c, 'shareTo')}。`,
  composition_shift: (f, c) =>
    `${valuesOf(f, c)}占销售额的比例从 ${num(f, c, 'shareFrom')} 升至 ${num(f, c, 'shareTo')}，低价商品占比提高拉低了${c.metricLabel(f.metric)}（${num(f, c, 'relativeChange')}）。`,
  channel_roas_below_one: (f, c) =>
    `${valuesOf(f, c)}投入产出比 ${num(f, c, 'roas')}（上月 ${num(f, c, 'roasMom')}）：花费 ${num(f, c, 'spend')} 只带来成交 ${num(f, c, 'gmv')}，亏损 ${num(f, c, 'shortfall')}。`,
  spend_past_break_even: (f, c) =>
    `${valuesOf(f, c)}日均花费 ${num(f, c, 'dailySpend')}，已超过临界值 ${num(f, c, 'breakEven')}：每多花 1 元只带来 ${num(f, c, 'marginalRoas')} 元新客成交（区间 ${num(f, c, 'low')}–${num(f, c, 'high')}）。`,
  spend_headroom: (f, c) =>
    `${valuesOf(f, c)}仍有空间：边际投入产出比 ${num(f, c, 'marginalRoas')}（区间 ${num(f, c, 'low')}–${num(f, c, 'high')}），建议日花费由 ${num(f, c, 'dailySpend')} 调至 ${num(f, c, 'proposed')}；同样的总预算重新分配后，预计每天多带来 ${num(f, c, 'gain')} 新客成交（区间 ${num(f, c, 'gainLow')} 至 ${num(f, c, 'gainHigh')}）。`,
  funnel_step_drop: (f, c) =>
    `转化漏斗中「${valueLabel(f.values?.from ?? '', 'zh')} → ${valueLabel(f.values?.step ?? '', 'zh')}」一步的转化率从 ${num(f, c, 'rateFrom')} 降至 ${num(f, c, 'rateTo')}（${num(f, c, 'change')}），是下降最多的一步。`,
  anomaly_run: (f, c) => {
    const v = f.values ?? {};
    const span = dates(v.from, v.to, 'zh');
    const days = (f.numbers.days?.value ?? 1) > 1 ? `连续 ${num(f, c, 'days')} 天` : '';
    const where = v.direction === 'up' ? '高于' : '低于';
    const cause =
      v.cause === undefined
        ? ''
        : v.cause === ''
          ? '，各维度普遍同向变化（全店性变化）'
          : `，主要来自${c.dimensionLabel(f.dimension ?? '')}「${valueLabel(v.cause, 'zh')}」（${num(f, c, 'causeFrom')} → ${num(f, c, 'causeTo')}，占偏离的 ${num(f, c, 'causeShare')}）`;
    const mix =
      v.composition === undefined
        ? ''
        : `；${valueLabel(v.composition, 'zh')}占销售额从 ${num(f, c, 'shareFrom')} ${up(f) ? '升至' : '降至'} ${num(f, c, 'shareTo')}`;
    return `${span}${c.metricLabel(f.metric)}${days}${where}季节基线，平均 ${num(f, c, 'change')}（最大稳健 z 值 ${num(f, c, 'z')}）${cause}${mix}。`;
  },
  stockout: (f, c) =>
    `SKU ${f.values?.sku ?? ''} 在 ${dates(f.values?.from, f.values?.to, 'zh')}连续 ${num(f, c, 'days')} 天无销量（此前日均 ${num(f, c, 'units')} 件、${num(f, c, 'gmv')}），疑似断货，期间约少卖 ${num(f, c, 'lost')}。`,
  calendar_event: (f, c) =>
    `${f.values?.name ?? ''}（${dates(f.values?.from, f.values?.to, 'zh')}）：成交金额较季节基线平均 ${num(f, c, 'change')}；已知的活动/节日，不计为异常，也不进入基线。`,
};

const EN: Record<Finding['kind'], Text> = {
  metric_change: (f, c) =>
    `${c.metricLabel(f.metric)} went from ${num(f, c, 'previous')} to ${num(f, c, 'current')} (${num(f, c, 'change')}, ${num(f, c, 'relativeChange')}).`,
  gmv_factors: (f, c) =>
    `The GMV change of ${num(f, c, 'change')} splits into traffic (visitors) ${num(f, c, 'visitors')}, conversion ${num(f, c, 'conversion')} and revenue per buyer ${num(f, c, 'atv')}; the three add up to the change.`,
  mix_rate_split: (f, c) =>
    `Split by ${c.dimensionLabel(f.dimension ?? '').toLowerCase()}, ${num(f, c, 'mix')} of the ${num(f, c, 'change')} change in ${c.metricLabel(f.metric).toLowerCase()} is mix (shifting shares, ${num(f, c, 'mixShare')} of it) and ${num(f, c, 'rate')} is the rates within each ${c.dimensionLabel(f.dimension ?? '').toLowerCase()}.`,
  mix_shift: (f, c) =>
    `${valuesOf(f, c)} went from ${num(f, c, 'shareFrom')} to ${num(f, c, 'shareTo')} of the total (its own ${c.metricLabel(f.metric).toLowerCase()} ${num(f, c, 'ownTo')}, last period ${num(f, c, 'ownFrom')}): the shift moves the total by ${num(f, c, 'mix')}, ${num(f, c, 'total')} in all, ${num(f, c, 'changeShare')} of the change.`,
  value_change: (f, c) =>
    `${c.metricLabel(f.metric)} of ${valuesOf(f, c)} went from ${num(f, c, 'ownFrom')} to ${num(f, c, 'ownTo')} (${num(f, c, 'total')}); its share from ${num(f, c, 'shareFrom')} to ${num(f, c, 'shareTo')}.`,
  rate_change: (f, c) =>
    `${valuesOf(f, c)}: its own ${c.metricLabel(f.metric).toLowerCase()} went from ${num(f, c, 'ownFrom')} to ${num(f, c, 'ownTo')}, ${num(f, c, 'total')} of the change (${num(f, c, 'changeShare')}).`,
  composition_shift: (f, c) =>
    `${valuesOf(f, c)} rose from ${num(f, c, 'shareFrom')} to ${num(f, c, 'shareTo')} of sales: cheaper baskets pull ${c.metricLabel(f.metric).toLowerCase()} down (${num(f, c, 'relativeChange')}).`,
  channel_roas_below_one: (f, c) =>
    `${valuesOf(f, c)} returns ${num(f, c, 'roas')} per yuan spent (last month ${num(f, c, 'roasMom')}): ${num(f, c, 'spend')} of spend brought ${num(f, c, 'gmv')} of GMV, ${num(f, c, 'shortfall')} short.`,
  spend_past_break_even: (f, c) =>
    `${valuesOf(f, c)} spends ${num(f, c, 'dailySpend')} a day, past its break-even of ${num(f, c, 'breakEven')}: one more yuan brings ${num(f, c, 'marginalRoas')} of new-buyer GMV (interval ${num(f, c, 'low')}–${num(f, c, 'high')}).`,
  spend_headroom: (f, c) =>
    `${valuesOf(f, c)} has headroom: marginal ROAS ${num(f, c, 'marginalRoas')} (interval ${num(f, c, 'low')}–${num(f, c, 'high')}); proposed daily spend ${num(f, c, 'proposed')} instead of ${num(f, c, 'dailySpend')}. The same total budget split this way is expected to bring ${num(f, c, 'gain')} more new-buyer GMV a day (interval ${num(f, c, 'gainLow')} to ${num(f, c, 'gainHigh')}).`,
  funnel_step_drop: (f, c) =>
    `In the funnel, ${valueLabel(f.values?.from ?? '', 'en')} → ${valueLabel(f.values?.step ?? '', 'en')} fell most: from ${num(f, c, 'rateFrom')} to ${num(f, c, 'rateTo')} (${num(f, c, 'change')}).`,
  anomaly_run: (f, c) => {
    const v = f.values ?? {};
    const span = dates(v.from, v.to, 'en');
    const days = (f.numbers.days?.value ?? 1) > 1 ? ` for ${num(f, c, 'days')} days running` : '';
    const cause =
      v.cause === undefined
        ? ''
        : v.cause === ''
          ? ', across the board (a shop-wide move)'
          : `, mostly from ${c.dimensionLabel(f.dimension ?? '').toLowerCase()} ${valueLabel(v.cause, 'en')} (${num(f, c, 'causeFrom')} → ${num(f, c, 'causeTo')}, ${num(f, c, 'causeShare')} of the deviation)`;
    const mix =
      v.composition === undefined
        ? ''
        : `; ${valueLabel(v.composition, 'en')} went from ${num(f, c, 'shareFrom')} to ${num(f, c, 'shareTo')} of sales`;
    return `${c.metricLabel(f.metric)} was ${v.direction === 'up' ? 'above' : 'below'} its seasonal baseline ${span}${days}, by ${num(f, c, 'change')} on average (largest robust z ${num(f, c, 'z')})${cause}${mix}.`;
  },
  stockout: (f, c) =>
    `SKU ${f.values?.sku ?? ''} sold nothing ${dates(f.values?.from, f.values?.to, 'en')} (${num(f, c, 'days')} days; it usually sells ${num(f, c, 'units')} units, ${num(f, c, 'gmv')} a day): likely out of stock, about ${num(f, c, 'lost')} of sales missed.`,
  calendar_event: (f, c) =>
    `${f.values?.name ?? ''} (${dates(f.values?.from, f.values?.to, 'en')}): GMV ${num(f, c, 'change')} against the seasonal baseline on average; a known campaign or holiday, not counted as an anomaly and kept out of the baseline.`,
};

const ACTIONS: Record<ActionId, [string, string]> = {
  review_low_intent_traffic: [
    '建议：复核该渠道的投放人群与出价，控制低意向流量的预算，把预算移向转化更高的渠道。',
    'Suggested: review the channel’s targeting and bids, cap budget for low-intent traffic and move it to channels that convert.',
  ],
  fix_channel_conversion: [
    '建议：检查该渠道的落地页、商品与价格是否匹配流量，排查转化下降的原因。',
    'Suggested: check whether landing pages, products and prices still fit this traffic; find why it converts worse.',
  ],
  review_price_mix: [
    '建议：低价引流商品搭配满减、组合购或关联推荐，提高连带率，守住客单价。',
    'Suggested: pair low-price traffic items with bundles, thresholds and cross-sell to lift basket size.',
  ],
  cut_or_retarget_spend: [
    '建议：削减或重新定向该渠道花费，直到边际投入产出比回到 1 以上（见边际 ROI）。',
    'Suggested: cut or retarget this spend until the marginal return is above 1 again.',
  ],
  fix_funnel_step: [
    '建议：排查这一步（价格、运费、库存、支付方式）的体验问题。',
    'Suggested: look into this step’s experience (price, shipping fee, stock, payment options).',
  ],
  grow_channel: ['建议：加大投入并监控边际回报。', 'Suggested: invest more and watch the marginal return.'],
  check_stock: [
    '建议：核对库存与补货计划，畅销品设置安全库存预警。',
    'Suggested: check stock and replenishment; set a safety-stock alert on best sellers.',
  ],
};

/** The finding in words, with its suggested action when it has one. */
export function renderFinding(f: Finding, c: RenderContext): string {
  const raw = (c.lang === 'zh' ? ZH : EN)[f.kind](f, c);
  const text = c.lang === 'en' ? raw.charAt(0).toUpperCase() + raw.slice(1) : raw;
  if (!f.action) return text;
  return `${text}${c.lang === 'zh' ? '' : ' '}${ACTIONS[f.action][c.lang === 'zh' ? 0 : 1]}`;
}
