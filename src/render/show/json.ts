import type { RenderOptions } from '../shared/options.js';
import { SHOW_FORMAT_VERSION, type ShowReport } from './types.js';

/**
 * `show --format json`: per cluster its address, where its document is, the effective document, and `sources`: for
 * every value (by JSON pointer into the document) where it came from, `{from: cluster|defaults|built-in, ...}`.
 */
export function renderShowJson(report: ShowReport, _options?: RenderOptions): string {
  const clusters = report.clusters.map((cluster) => ({
    address: cluster.address,
    source: cluster.source,
    document: cluster.document,
    sources: Object.fromEntries(cluster.sources),
  }));
  return `${JSON.stringify({ formatVersion: SHOW_FORMAT_VERSION, clusters }, null, 2)}\n`;
}
