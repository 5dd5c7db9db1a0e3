export { assembleDrift, type DriftInput, type DriftResult, hasDrift } from './assemble.js';
export { comparableProperties, describeFieldNotes, listDriftFields } from './fields.js';
export * from './types.js';
