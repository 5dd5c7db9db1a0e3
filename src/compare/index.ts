export { ComparisonsAhead } from './ahead.js';
export { bindDocument, issueAt } from './bind.js';
export { compareFleet, type FleetComparison } from './compare.js';
export { diffFields, isDefaulted, isSameValue, listCreateFields } from './fields.js';
export { indexLive, type LiveIndex } from './live-index.js';
export { type ReadLive, readLive } from './readable.js';
export * from './types.js';
export { findUnmanaged } from './unmanaged.js';
