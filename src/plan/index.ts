export { assemblePlan, type PlanInput, type PlanResult } from './assemble.js';
export { canonicalJson, fingerprintOf } from './fingerprint.js';
export type { IdForAddress } from './ids.js';
export { describeLive } from './live.js';
export { hasChanges, orderChanges, summarizeChanges } from './order.js';
export * from './types.js';
