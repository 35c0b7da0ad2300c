/** Structured findings (what changed, by how much, why, what to do) and their zh/en wording. */
export {
  type ActionId,
  type Finding,
  type FindingKind,
  type FindingNumber,
  type NumberKind,
  rankFindings,
  type Severity,
} from './finding.js';
export { findingsFromAnomalies } from './from-anomalies.js';
export { findingsFromChannels, findingsFromFunnel, findingsFromRoi } from './from-channels.js';
export { compositionLeads, findingsFromExplanation } from './from-explanation.js';
export { type RenderContext, renderFinding, valueLabel } from './messages.js';
