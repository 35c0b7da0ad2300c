import type { Messages } from './messages.js';

const TABLES: Record<string, string> = {
  orders: '订单',
  order_lines: '订单明细',
  customers: '客户',
  products: '商品',
  traffic_daily: '每日流量',
  marketing_spend: '营销花费',
  targets: '目标',
};

/** Clauses joined with Chinese punctuation; absent parts are skipped. */
function clauses(parts: Array<string | undefined | false>): string {
  return parts.filter(Boolean).join('，');
}

export const ZH: Messages = {
  title: ({ shop, month }) => `${shop} ${month}经营复盘`,
  labelled: (label, value) => `${label}：${value}`,
  generatedAt: ({ at }) => `生成于 ${at}`,
  section: {
    summary: '摘要',
    scope: '数据范围',
    overview: '业绩概览',
    structure: 'GMV 结构',
    dailyTrend: '每日趋势',
    appendix: '附录：口径与查询',
  },
  col: {
    metric: '指标',
    value: '本月',
    mom: '环比',
    yoy: '同比',
    target: '目标',
    completion: '目标完成率',
    share: '占比',
    shareChangeMom: '占比变化（环比）',
    valueMom: 'GMV 环比',
    valueYoy: 'GMV 同比',
    buyers: '买家数',
    buyersMom: '买家数环比',
    table: '数据表',
    from: '起',
    to: '止',
    rows: '行数',
    file: '文件',
    importedAt: '导入时间',
    day: '日',
    definition: '口径',
    item: '项目',
    detail: '内容',
  },
  metricMom: (label) => `${label}环比`,
  metricYoy: (label) => `${label}同比`,
  previousMonth: ({ label, month }) => `${label}（${month}）`,
  dayLabel: (day) => `${day}日`,
  newBuyers: '新客',
  returningBuyers: '老客',
  unknownValue: '（未填写）',
  others: ({ count, what }) => `其他 ${count} 个${what}`,
  topN: ({ n, what }) => `GMV 前 ${n} 的${what}`,
  breakdownTitle: ({ what }) => `按${what}`,
  gmvShareTitle: ({ what }) => `各${what} GMV`,
  customerTypeTitle: '新老客 GMV',
  dailyGmvTitle: '每日 GMV（与上月同日对比）',
  dailyOrdersTitle: '每日支付订单数（与上月同日对比）',
  scope: {
    period: '报告期',
    timeZone: '时区',
    currency: '币种',
    momPeriod: '环比对比期',
    yoyPeriod: '同比对比期',
    definitions: '指标口径',
    dataRanges: '数据覆盖',
    sources: '数据来源（导入记录）',
    noSources: '导入记录为空（数据不是通过 fupan import 导入的）。',
    partialMonth: ({ lastDate }) => `注意：数据截至 ${lastDate}，本月数据不完整。`,
    paidOrders: '已支付订单（按支付日期）',
    noPriorYear: '去年同期没有数据，同比显示为“—”。',
  },
  tableLabel: (table) => TABLES[table] ?? table,
  chartsInHtml: '图表见同名 HTML 报告。',
  chartRef: ({ title }) => `图：${title}（见同名 HTML 报告）`,
  change: { up: '上升', down: '下降' },
  shareNote: '占比 = 该项 GMV ÷ 本表各项 GMV 之和；占比变化为与上月占比之差（百分点）。',
  changeNote:
    '环比对比上一个自然月，同比对比去年同月；比率指标的变化以百分点表示；基期为 0 或无数据时显示“—”。',
  noTargets: '本月没有设定目标。',
  shortHistory: ({ from, months }) =>
    `订单数据始于 ${from}，不足本月之前 ${months} 个月：更早的购买不可见，部分老客会被算作新客。`,
  dailyHighlights: ({ avg, peakDay, peak, lowDay, low }) =>
    `日均 GMV ${avg}；最高为 ${peakDay}（${peak}），最低为 ${lowDay}（${low}）。`,
  summary: {
    gmv: ({ month, gmv, mom, yoy, completion }) =>
      `${clauses([`${month} GMV ${gmv}`, mom && `环比 ${mom}`, yoy && `同比 ${yoy}`, completion && `完成目标 ${completion}`])}。`,
    orders: ({ orders, buyers, basket, basketLabel, basketMom }) =>
      `支付订单 ${orders} 笔，支付买家 ${buyers} 人，${basketLabel} ${basket}${basketMom ? `（环比 ${basketMom}）` : ''}。`,
    conversion: ({ visitors, conversion, conversionMom }) =>
      `访客 ${visitors}，支付转化率 ${conversion}${conversionMom ? `（环比 ${conversionMom}）` : ''}。`,
    newBuyers: ({ share, shareChange }) =>
      `新客贡献 GMV 的 ${share}${shareChange ? `（环比 ${shareChange}）` : ''}。`,
    channels: ({ top, share, topChange, fastest, change }) =>
      `GMV 最高的渠道是${top}（占 ${share}${topChange ? `，环比 ${topChange}` : ''}）${fastest ? `，环比增长最快的是${fastest}（${change}）` : ''}。`,
  },
  appendix: {
    definitions: '指标口径',
    definitionsLink: '完整的指标定义（公式、来源表、注意事项）见 docs/metrics.md。',
    queries: '查询',
    queryHeading: ({ id, rows }) => `${id}（${rows} 行）`,
    sql: ({ count }) => `SQL（${count} 条语句）`,
    statement: (kind) => ({ period: '本期', mom: '环比基期', yoy: '同比基期' })[kind],
    params: '参数',
  },
  source: ({ ids }) => `数据来源：${ids.join('、')}`,
};
