export { describeAge } from './age.js';
export { assembleStatus, isUnhealthy, type StatusInput, type StatusResult } from './assemble.js';
export * from './types.js';
