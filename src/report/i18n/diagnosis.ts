/**
 * Wording of the 渠道表现评估 / channel performance and 问题诊断与根因分析 / diagnosis sections
 * (src/report/sections/channels.ts, diagnosis.ts). Findings themselves are worded by src/findings/.
 */
export interface DiagnosisMessages {
  channelsTitle: string;
  diagnosisTitle: string;
  channelTableTitle: string;
  shareChartTitle: string;
  funnelTitle: string;
  funnelChartTitle: string;
  roiTitle: string;
  roiMethod(p: { from: string; to: string; replicates: string }): string;
  status: { over: string; near: string; under: string };
  gmvFactorsTitle: string;
  causesTitle(p: { metric: string; dimension: string }): string;
  compositionTitle(p: { metric: string; dimension: string }): string;
  noFindings: string;
  noTraffic: string;
  method: string;
  col: {
    channel: string;
    visitorShare: string;
    gmvShare: string;
    gmvMom: string;
    step: string;
    current: string;
    previous: string;
    stepRate: string;
    previousRate: string;
    change: string;
    factor: string;
    contribution: string;
    shareFrom: string;
    shareTo: string;
    ownFrom(metric: string): string;
    ownTo(metric: string): string;
    mix: string;
    rate: string;
    total: string;
    value: string;
    dailySpend: string;
    marginalRoas: string;
    interval: string;
    breakEven: string;
    status: string;
    proposed: string;
  };
  factor: { visitors: string; conversion: string; atv: string; total: string };
  overlap: string;
}

export const DIAGNOSIS_ZH: DiagnosisMessages = {
  channelsTitle: '渠道表现评估',
  diagnosisTitle: '问题诊断与根因分析',
  channelTableTitle: '各渠道表现',
  shareChartTitle: '访客占比与成交占比',
  funnelTitle: '转化漏斗',
  funnelChartTitle: '转化漏斗（人数）',
  roiTitle: '边际投入产出（付费渠道）',
  roiMethod: ({ from, to, replicates }) =>
    `口径：按 ${from} 至 ${to} 的每日花费与新客数拟合响应曲线（几何衰减 adstock + Hill 饱和，同 Meta Robyn；以无投放渠道的新客为自然需求对照，大促、节假日与活动日不参与拟合），新客数按近 13 周新客首日客单折算为成交；边际投入产出比 = 日花费再加 1 元带来的新客成交；临界值 = 边际投入产出比降到 1 时的日花费；区间为 ${replicates} 次分块自助法的 10%–90% 分位；建议日花费在同一总预算下使各渠道边际回报相等（每个渠道在当前花费的 0.5–2 倍之间）。详见 diagnosis.md。`,
  status: { over: '超过临界值', near: '接近临界值', under: '仍有空间' },
  gmvFactorsTitle: '成交金额拆解：访客数 × 转化率 × 客单价',
  causesTitle: ({ metric, dimension }) => `${metric}变化按${dimension}拆解（结构 vs 自身）`,
  compositionTitle: ({ metric, dimension }) => `${metric}：销售额的${dimension}结构`,
  noFindings: '本月与上月相比没有需要解释的显著变化。',
  noTraffic: '没有流量数据，无法计算转化漏斗。',
  method:
    '拆解方法：成交金额的各因素贡献按 Shapley 值分摊（精确到分）；比率指标按「结构（占比变化）+ 自身（比率变化）」中点法拆解，各项之和等于总变化。详见 diagnosis.md。',
  col: {
    channel: '渠道',
    visitorShare: '访客占比',
    gmvShare: '成交占比',
    gmvMom: '成交环比',
    step: '环节',
    current: '本月',
    previous: '上月',
    stepRate: '环节转化率',
    previousRate: '上月',
    change: '变化',
    factor: '因素',
    contribution: '贡献',
    shareFrom: '上月占比',
    shareTo: '本月占比',
    ownFrom: (m) => `上月${m}`,
    ownTo: (m) => `本月${m}`,
    mix: '结构贡献',
    rate: '自身贡献',
    total: '合计',
    value: '取值',
    dailySpend: '日均花费',
    marginalRoas: '边际投入产出比',
    interval: '区间（10%–90%）',
    breakEven: '临界值（日花费）',
    status: '状态',
    proposed: '建议日花费',
  },
  factor: { visitors: '流量（访客数）', conversion: '转化率', atv: '客单价', total: '合计' },
  overlap: '跨组重复（同一买家在多个组下单）',
};

export const DIAGNOSIS_EN: DiagnosisMessages = {
  channelsTitle: 'Channel performance',
  diagnosisTitle: 'Diagnosis and root causes',
  channelTableTitle: 'Channels',
  shareChartTitle: 'Share of visitors and of GMV',
  funnelTitle: 'Conversion funnel',
  funnelChartTitle: 'Conversion funnel (people)',
  roiTitle: 'Marginal return on paid channels',
  roiMethod: ({ from, to, replicates }) =>
    `Method: response curves of daily new buyers to daily spend, ${from} to ${to} (geometric adstock + Hill saturation, as in Meta's Robyn; the new buyers of channels without spend control for organic demand; festivals, holidays and campaign days are left out of the fit), valued at the last 13 weeks' first-day GMV per new buyer; marginal ROAS = GMV from one more yuan a day; break-even = the daily spend where it falls to 1; intervals are the 10th–90th percentiles of ${replicates} block-bootstrap refits; the proposed split equalises marginal returns for the same total budget (each channel within 0.5–2× its spend). See diagnosis.md.`,
  status: { over: 'past break-even', near: 'near break-even', under: 'headroom' },
  gmvFactorsTitle: 'GMV = visitors × conversion × revenue per buyer',
  causesTitle: ({ metric, dimension }) => `${metric} change by ${dimension.toLowerCase()}: mix vs rate`,
  compositionTitle: ({ metric, dimension }) => `${metric}: sales by ${dimension.toLowerCase()}`,
  noFindings: 'Nothing changed enough against last month to need explaining.',
  noTraffic: 'No traffic data: the funnel cannot be computed.',
  method:
    'Method: GMV factor effects are Shapley values, exact to the cent; ratio metrics split into mix (shifting shares) and rate (each group’s own rate) with midpoint weights, adding up to the change. See diagnosis.md.',
  col: {
    channel: 'Channel',
    visitorShare: 'Visitor share',
    gmvShare: 'GMV share',
    gmvMom: 'GMV MoM',
    step: 'Step',
    current: 'This month',
    previous: 'Last month',
    stepRate: 'Step conversion',
    previousRate: 'Last month',
    change: 'Change',
    factor: 'Factor',
    contribution: 'Effect',
    shareFrom: 'Share before',
    shareTo: 'Share now',
    ownFrom: (m) => `${m} before`,
    ownTo: (m) => `${m} now`,
    mix: 'Mix',
    rate: 'Rate',
    total: 'Total',
    value: 'Value',
    dailySpend: 'Daily spend',
    marginalRoas: 'Marginal ROAS',
    interval: 'Interval (10–90 %)',
    breakEven: 'Break-even daily spend',
    status: 'Status',
    proposed: 'Proposed daily spend',
  },
  factor: {
    visitors: 'Traffic (visitors)',
    conversion: 'Conversion',
    atv: 'Revenue per buyer',
    total: 'Total',
  },
  overlap: 'Overlap (buyers in several groups)',
};
