export { assemblePlan, type PlanInput, type PlanResult } from './assemble.js';
export { canonicalJson, fingerprintOf } from './fingerprint.js';
export { describeLive, readableProperties } from './live.js';
export { hasChanges, orderChanges, summarizeChanges } from './order.js';
export * from './types.js';
