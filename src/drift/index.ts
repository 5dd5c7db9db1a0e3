export { assembleDrift, type DriftInput, type DriftResult, hasDrift } from './assemble.js';
export { describeFieldNotes, positionOfField, toDriftField } from './fields.js';
export * from './types.js';
