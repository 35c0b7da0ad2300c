import type { Messages } from './messages.js';

const TABLES: Record<string, string> = {
  orders: 'Orders',
  order_lines: 'Order lines',
  customers: 'Customers',
  products: 'Products',
  traffic_daily: 'Daily traffic',
  marketing_spend: 'Marketing spend',
  targets: 'Targets',
};

function clauses(parts: Array<string | undefined | false>): string {
  return parts.filter(Boolean).join(', ');
}

export const EN: Messages = {
  title: ({ shop, month }) => `${shop} — monthly review, ${month}`,
  labelled: (label, value) => `${label}: ${value}`,
  generatedAt: ({ at }) => `Generated ${at}`,
  section: {
    summary: 'Summary',
    scope: 'Scope and data',
    overview: 'Performance overview',
    structure: 'GMV structure',
    dailyTrend: 'Daily trend',
    appendix: 'Appendix: definitions and queries',
  },
  col: {
    metric: 'Metric',
    value: 'This month',
    mom: 'MoM',
    yoy: 'YoY',
    target: 'Target',
    completion: 'Target completion',
    share: 'Share',
    shareChangeMom: 'Share change (MoM)',
    valueMom: 'GMV MoM',
    valueYoy: 'GMV YoY',
    buyers: 'Buyers',
    buyersMom: 'Buyers MoM',
    table: 'Table',
    from: 'From',
    to: 'To',
    rows: 'Rows',
    file: 'File',
    importedAt: 'Imported',
    day: 'Day',
    definition: 'Definition',
    item: 'Item',
    detail: 'Detail',
  },
  metricMom: (label) => `${label} MoM`,
  metricYoy: (label) => `${label} YoY`,
  previousMonth: ({ label, month }) => `${label} (${month})`,
  dayLabel: (day) => String(day),
  newBuyers: 'New buyers',
  returningBuyers: 'Returning buyers',
  unknownValue: '(not set)',
  others: ({ count, what }) => `${count} other ${what.toLowerCase()} values`,
  topN: ({ n, what }) => `Top ${n} by GMV: ${what.toLowerCase()}`,
  breakdownTitle: ({ what }) => `By ${what.toLowerCase()}`,
  gmvShareTitle: ({ what }) => `GMV by ${what.toLowerCase()}`,
  customerTypeTitle: 'GMV: new vs returning buyers',
  dailyGmvTitle: 'Daily GMV (vs the same day last month)',
  dailyOrdersTitle: 'Daily paid orders (vs the same day last month)',
  scope: {
    period: 'Period',
    timeZone: 'Time zone',
    currency: 'Currency',
    momPeriod: 'MoM base period',
    yoyPeriod: 'YoY base period',
    definitions: 'Definitions',
    dataRanges: 'Data coverage',
    sources: 'Sources (import ledger)',
    noSources: 'The import ledger is empty (the data was not loaded with fupan import).',
    partialMonth: ({ lastDate }) => `Note: data ends on ${lastDate}; this month is incomplete.`,
    paidOrders: 'Paid orders (by payment date)',
    noPriorYear: 'There is no data for the same month last year; YoY shows “—”.',
  },
  tableLabel: (table) => TABLES[table] ?? table,
  chartsInHtml: 'Charts are in the HTML version of this report.',
  chartRef: ({ title }) => `Chart: ${title} (in the HTML version of this report)`,
  change: { up: 'up', down: 'down' },
  shareNote:
    "Share = the item's GMV ÷ the sum over this table's items; share change is the difference from last month's share, in percentage points.",
  changeNote:
    'MoM compares with the previous calendar month, YoY with the same month last year; changes of rates are in percentage points; “—” means the base is 0 or missing.',
  noTargets: 'No targets were set for this month.',
  shortHistory: ({ from, months }) =>
    `Order data starts on ${from}, less than ${months} months before this month: earlier purchases are not visible, so some returning buyers count as new.`,
  dailyHighlights: ({ avg, peakDay, peak, lowDay, low }) =>
    `Average daily GMV ${avg}; highest on ${peakDay} (${peak}), lowest on ${lowDay} (${low}).`,
  summary: {
    gmv: ({ month, gmv, mom, yoy, completion }) =>
      `${clauses([`GMV in ${month} was ${gmv}`, mom && `${mom} MoM`, yoy && `${yoy} YoY`, completion && `${completion} of target`])}.`,
    orders: ({ orders, buyers, basket, basketLabel, basketMom }) =>
      `${orders} paid orders from ${buyers} buyers; ${basketLabel} ${basket}${basketMom ? ` (${basketMom} MoM)` : ''}.`,
    conversion: ({ visitors, conversion, conversionMom }) =>
      `${visitors} visitors converted at ${conversion}${conversionMom ? ` (${conversionMom} MoM)` : ''}.`,
    newBuyers: ({ share, shareChange }) =>
      `New buyers brought ${share} of GMV${shareChange ? ` (${shareChange} MoM)` : ''}.`,
    channels: ({ top, share, topChange, fastest, change }) =>
      `The largest channel was ${top} (${share} of GMV${topChange ? `, ${topChange} MoM` : ''})${fastest ? `; the fastest-growing was ${fastest} (${change} MoM)` : ''}.`,
  },
  appendix: {
    definitions: 'Definitions',
    definitionsLink: 'Full definitions (formula, source table, caveats) are in docs/metrics.md.',
    queries: 'Queries',
    queryHeading: ({ id, rows }) => `${id} (${rows} rows)`,
    sql: ({ count }) => `SQL (${count} ${count === 1 ? 'statement' : 'statements'})`,
    statement: (kind) => ({ period: 'period', mom: 'MoM base', yoy: 'YoY base' })[kind],
    params: 'parameters',
  },
  source: ({ ids }) => `Source: ${ids.join(', ')}`,
};
