/** Wording of the 异常监测 / Anomalies section (src/report/sections/anomalies.ts). */
export interface AnomalyMessages {
  title: string;
  none: string;
  unscored(metrics: string): string;
  runsTitle: string;
  knownTitle: string;
  stockoutsTitle: string;
  method(p: { threshold: string; minChange: string }): string;
  direction: { up: string; down: string };
  broad: string;
  kind: Record<string, string>;
  col: {
    dates: string;
    days: string;
    metric: string;
    direction: string;
    change: string;
    z: string;
    cause: string;
    event: string;
    kind: string;
    gmvChange: string;
    sku: string;
    usualUnits: string;
    usualGmv: string;
  };
}

export const ANOMALIES_ZH: AnomalyMessages = {
  title: '异常监测',
  none: '本月各项日指标均在季节基线的正常波动范围内，未发现异常日。',
  unscored: (m) => `以下指标历史数据不足，未做异常检测：${m}。`,
  runsTitle: '异常日（连续的异常日合并为一段）',
  knownTitle: '已知活动与节假日（不计为异常，不进入基线）',
  stockoutsTitle: '疑似断货',
  method: ({ threshold, minChange }) =>
    `方法：每日指标与季节基线（星期规律 + 趋势 + 近 28 个正常日的水平）比较，稳健 z 值绝对值 ≥ ${threshold} 且偏离 ≥ ${minChange} 记为异常；节假日、大促、品牌日及投放数据中的活动日单独标注，不计为异常，也不进入基线。可能原因为当天与同星期参照日相比变化最集中的维度取值（渠道、设备、新老客、价格带等，结构/自身变化精确拆解）。`,
  direction: { up: '高于基线', down: '低于基线' },
  broad: '全店普遍变化',
  kind: { festival: '大促/节日', holiday: '节假日', brand_day: '品牌日', campaign: '活动' },
  col: {
    dates: '日期',
    days: '天数',
    metric: '指标',
    direction: '方向',
    change: '平均偏离',
    z: '最大 z',
    cause: '可能原因',
    event: '活动/节日',
    kind: '类型',
    gmvChange: '成交金额偏离',
    sku: 'SKU',
    usualUnits: '此前日均件数',
    usualGmv: '此前日均成交',
  },
};

export const ANOMALIES_EN: AnomalyMessages = {
  title: 'Anomalies',
  none: 'Every daily KPI of the month stayed within the normal range of its seasonal baseline: no anomalous days.',
  unscored: (m) => `Not enough history to check: ${m}.`,
  runsTitle: 'Anomalous days (consecutive days merged)',
  knownTitle: 'Known campaigns and holidays (labelled, not anomalies, kept out of the baseline)',
  stockoutsTitle: 'Likely stock-outs',
  method: ({ threshold, minChange }) =>
    `Method: each daily KPI is compared with a seasonal baseline (weekday pattern + trend + the level of the latest 28 ordinary days); a day is anomalous when its robust z is at least ${threshold} in size and it departs by at least ${minChange}. Festivals, holidays, brand days and campaigns from the spend data are labelled instead, and kept out of the baseline. The likely cause is the dimension value (channel, device, new/returning, price band, …) that carries most of the day's departure from the same weekday of recent weeks, by an exact mix/rate split.`,
  direction: { up: 'above', down: 'below' },
  broad: 'shop-wide',
  kind: { festival: 'festival', holiday: 'holiday', brand_day: 'brand day', campaign: 'campaign' },
  col: {
    dates: 'Dates',
    days: 'Days',
    metric: 'Metric',
    direction: 'Direction',
    change: 'Mean departure',
    z: 'Max z',
    cause: 'Likely cause',
    event: 'Event',
    kind: 'Kind',
    gmvChange: 'GMV departure',
    sku: 'SKU',
    usualUnits: 'Usual units/day',
    usualGmv: 'Usual GMV/day',
  },
};
