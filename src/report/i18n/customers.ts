/**
 * Wording of the 客户洞察 / customer insight section (src/report/sections/customers.ts). Parameters
 * are formatted strings; the catalogue decides wording and word order.
 */
export interface CustomerMessages {
  title: string;
  secondPurchase(p: { month: string; buyers: string; rate: string; complete: boolean }): string;
  secondPurchaseVs(p: { month: string; rate: string; higher: boolean | null }): string;
  winBack(p: { rate: string; dormant: string; returned: string; gmv: string }): string;
  noDormant: string;
  topSegment(p: { segment: string; share: string; gmvShare: string }): string;
  tierMoves(p: { up: string; down: string }): string;
  retentionTitle: string;
  secondPurchaseTitle: string;
  rfmTitle(p: { date: string }): string;
  rfmChartTitle: string;
  tiersTitle: string;
  retentionChartTitle: string;
  repurchaseTitle: string;
  repeatRate(p: { rate: string; previous: string; higher: boolean | null }): string;
  col: {
    cohort: string;
    size: string;
    month: (k: number) => string;
    within: (days: number) => string;
    segment: string;
    customers: string;
    share: string;
    gmv: string;
    gmvShare: string;
    state: string;
    start: string;
    end: string;
    channel: string;
    buyers: string;
    repeatRate: string;
    returningRate: string;
  };
  note(p: { high: string; medium: string; dormant: string; churned: string }): string;
}

export const CUSTOMERS_ZH: CustomerMessages = {
  title: '客户洞察',
  secondPurchase: ({ month, buyers, rate, complete }) =>
    `${month}新客 ${buyers} 人，30 天内二次复购率 ${rate}${complete ? '' : '（尚未满 30 天）'}`,
  secondPurchaseVs: ({ month, rate, higher }) =>
    higher === null ? `与${month}新客持平（${rate}）` : `${higher ? '高于' : '低于'}${month}新客的 ${rate}`,
  winBack: ({ rate, dormant, returned, gmv }) =>
    `本月召回率 ${rate}：月初沉睡客户 ${dormant} 人中 ${returned} 人回购，贡献 GMV ${gmv}。`,
  noDormant: '月初没有沉睡客户，本月无召回率。',
  topSegment: ({ segment, share, gmvShare }) =>
    `最大的 RFM 分群是${segment}，占客户 ${share}、累计 GMV ${gmvShare}。`,
  tierMoves: ({ up, down }) => `本月 ${up} 位客户价值层级上升，${down} 位下降。`,
  retentionTitle: '首购月 cohort 留存率',
  secondPurchaseTitle: '新客二次复购率',
  rfmTitle: ({ date }) => `RFM 客户分群（截至 ${date}）`,
  rfmChartTitle: '各 RFM 分群客户数',
  tiersTitle: '客户价值层级与生命周期（月初 → 月末）',
  retentionChartTitle: '首购月 cohort 留存热力图',
  repurchaseTitle: '本月复购（按渠道）',
  repeatRate: ({ rate, previous, higher }) =>
    `本月复购率（支付 ≥ 2 单的买家占比）${rate}，${higher === null ? '与上月持平' : `${higher ? '高于' : '低于'}上月的 ${previous}`}。`,
  col: {
    cohort: '首购月',
    size: '新客数',
    month: (k) => `第${k}月`,
    within: (days) => `${days} 天内`,
    segment: '分群',
    customers: '客户数',
    share: '客户占比',
    gmv: '累计 GMV',
    gmvShare: 'GMV 占比',
    state: '层级',
    start: '月初',
    end: '月末',
    channel: '渠道',
    buyers: '支付买家数',
    repeatRate: '复购率',
    returningRate: '老客占比',
  },
  note: ({ high, medium, dormant, churned }) =>
    `口径：cohort 按首次支付月份划分；RFM 以截至月末的支付订单计算五分位；高/中价值按近 12 个月月均消费（≥${high} / ≥${medium}），沉睡 = ${dormant} 天未购，流失 = ${churned} 天未购；召回率 = 月初沉睡且本月回购的客户 ÷ 月初沉睡客户。详见 docs/customers.md。`,
};

export const CUSTOMERS_EN: CustomerMessages = {
  title: 'Customer insight',
  secondPurchase: ({ month, buyers, rate, complete }) =>
    `${buyers} new buyers in ${month}; ${rate} bought again within 30 days${complete ? '' : ' (30 days not yet over)'}`,
  secondPurchaseVs: ({ month, rate, higher }) =>
    higher === null
      ? `, the same as ${month}’s new buyers (${rate})`
      : `, ${higher ? 'up from' : 'down from'} ${rate} for ${month}’s new buyers`,
  winBack: ({ rate, dormant, returned, gmv }) =>
    `Win-back rate ${rate}: ${returned} of the ${dormant} customers dormant at the start of the month bought again, for ${gmv} GMV.`,
  noDormant: 'No customer was dormant at the start of the month, so there is no win-back rate.',
  topSegment: ({ segment, share, gmvShare }) =>
    `The largest RFM segment is ${segment}: ${share} of customers and ${gmvShare} of their lifetime GMV.`,
  tierMoves: ({ up, down }) => `Customers moving up a value tier this month: ${up}; down: ${down}.`,
  retentionTitle: 'Retention by first-purchase month (cohort)',
  secondPurchaseTitle: 'New buyers’ second purchase',
  rfmTitle: ({ date }) => `RFM segments (as of ${date})`,
  rfmChartTitle: 'Customers per RFM segment',
  tiersTitle: 'Value tiers and lifecycle (start → end of month)',
  retentionChartTitle: 'Cohort retention heatmap',
  repurchaseTitle: 'Repeat purchase this month, by channel',
  repeatRate: ({ rate, previous, higher }) =>
    `Repeat rate (buyers with 2 or more paid orders) ${rate}, ${higher === null ? 'the same as last month' : `${higher ? 'up from' : 'down from'} ${previous} last month`}.`,
  col: {
    cohort: 'Cohort',
    size: 'New buyers',
    month: (k) => `M${k}`,
    within: (days) => `≤ ${days} days`,
    segment: 'Segment',
    customers: 'Customers',
    share: 'Share',
    gmv: 'Lifetime GMV',
    gmvShare: 'GMV share',
    state: 'Tier',
    start: 'Start',
    end: 'End',
    channel: 'Channel',
    buyers: 'Buyers',
    repeatRate: 'Repeat rate',
    returningRate: 'Returning customer rate',
  },
  note: ({ high, medium, dormant, churned }) =>
    `Definitions: cohorts by the month of the first paid order; RFM quintiles over paid orders up to the month end; high/medium value by average monthly spend over up to 12 months (≥ ${high} / ≥ ${medium}), dormant after ${dormant} days without a purchase, churned after ${churned}; win-back rate = customers dormant at the start of the month who bought in it ÷ customers dormant at the start. See docs/customers.md.`,
};
