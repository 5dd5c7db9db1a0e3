import type { DriftReport } from '../../drift/types.js';
import { orderKeys } from '../shared/json.js';

// The published order (schemas/drift.schema.json); keys a newer version adds keep their place after these.
const REPORT_KEYS = ['formatVersion', 'createdAt', 'regions', 'drifted', 'unmanaged', 'summary'];
const ITEM_KEYS = ['address', 'region', 'name', 'id', 'status', 'source', 'fields', 'notes', 'live'];
const FIELD_KEYS = ['path', 'pointer', 'desired', 'live', 'defaulted', 'immutable', 'source'];
const UNMANAGED_KEYS = ['address', 'region', 'name', 'id', 'state', 'lastModifiedBy', 'lastModifiedDate'];
const SUMMARY_KEYS = ['managed', 'inSync', 'changed', 'missing', 'exists', 'unmanaged'];

/** The JSON drift report: the report object itself, keys in a stable order, 2-space indent, trailing newline. */
export function renderDriftJson(report: DriftReport): string {
  const ordered = {
    ...orderKeys(report, REPORT_KEYS),
    drifted: report.drifted.map((item) => ({
      ...orderKeys(item, ITEM_KEYS),
      fields: item.fields.map((field) => orderKeys(field, FIELD_KEYS)),
    })),
    unmanaged: report.unmanaged.map((cluster) => orderKeys(cluster, UNMANAGED_KEYS)),
    summary: orderKeys(report.summary, SUMMARY_KEYS),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
