import type { ValueSource } from '../../desired/types.js';
import { childPointer, isPlainObject } from '../../model/pointer.js';
import type { RenderOptions } from '../shared/options.js';
import type { ShowReport } from './types.js';

/** Comments start at this column at the latest (longer lines put theirs one space after the value). */
const COMMENT_COLUMN = 44;
const PASSWORD = '/spec/credentials/password';

/**
 * `show`: one YAML document per cluster, every value followed by a comment saying where it came from (the cluster's
 * file:line, a Defaults document's file:line, or the built-in default). Valid YAML: the output parses back to the
 * effective documents. The password appears only as its reference (there is never a value to show).
 */
export function renderShowYaml(report: ShowReport, _options: RenderOptions): string {
  return report.clusters
    .map((cluster) => {
      const where = `${cluster.source.file}:${cluster.source.line}`;
      const lines = renderMap(cluster.document, '', 0, cluster.sources);
      return [`# ${formatComment(cluster.address)} (${formatComment(where)})`, ...lines].join('\n');
    })
    .join('\n---\n')
    .concat(report.clusters.length > 0 ? '\n' : '');
}

function renderMap(value: object, pointer: string, depth: number, sources: ReadonlyMap<string, ValueSource>): string[] {
  const indent = '  '.repeat(depth);
  const lines: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    if (child === undefined) continue;
    const here = childPointer(pointer, key);
    const head = `${indent}${formatString(key)}:`;
    const source = sources.get(here);
    if (isPlainObject(child) && here !== PASSWORD && Object.keys(child).length > 0 && source === undefined) {
      lines.push(head, ...renderMap(child, here, depth + 1, sources));
    } else {
      lines.push(withComment(`${head} ${formatValue(child)}`, source));
    }
  }
  return lines;
}

function withComment(line: string, source: ValueSource | undefined): string {
  if (source === undefined) return line;
  return `${line.padEnd(COMMENT_COLUMN - 1)} # ${describeSource(source)}`;
}

/** `clusters/orders.yaml:12`, `defaults/prod.yaml:9 (Defaults production)`, or `built-in default`. */
export function describeSource(source: ValueSource): string {
  switch (source.from) {
    case 'cluster':
      return formatComment(`${source.file}:${source.line}`);
    case 'defaults':
      return formatComment(`${source.file}:${source.line} (Defaults ${source.defaults})`);
    case 'built-in':
      return 'built-in default';
  }
}

/** A scalar, or a small map on one line (the password reference, an empty map). */
function formatValue(value: unknown): string {
  if (isPlainObject(value)) {
    const entries = Object.entries(value).map(([k, v]) => `${formatString(k)}: ${formatValue(v)}`);
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  if (typeof value === 'string') return formatString(value);
  return String(value);
}

// Plain only when no YAML reading could differ: starts with a letter, no indicators, not a word YAML 1.1 or 1.2
// reads as a boolean or null. Everything else is double-quoted, which JSON's escaping makes valid YAML.
const PLAIN = /^[A-Za-z][A-Za-z0-9_./-]*(?: [A-Za-z0-9_./()-]+)*$/;
const RESERVED = /^(?:true|false|yes|no|on|off|y|n|null|~)$/i;
// Characters a terminal or a reader could be fooled by: escaped, so the output is one inert line per value.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point here
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function formatString(text: string): string {
  if (PLAIN.test(text) && !RESERVED.test(text)) return text;
  return JSON.stringify(text).replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A file name inside a comment: no line breaks, no control characters. */
function formatComment(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
