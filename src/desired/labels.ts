import { UsageError } from '../errors.js';
import { isPlainObject } from '../model/pointer.js';

/** Labels a cluster must all have, each with its value: `selector.matchLabels`, or `--selector` flags together. */
export type LabelSelector = Readonly<Record<string, string>>;

// The same rules as the schema's (Kubernetes label syntax): a name of at most 63 characters, optionally after a
// lower-case DNS prefix and `/`; a value of at most 63 characters, or empty.
const LABEL_KEY =
  /^(?:(?=[^/]{1,253}\/)[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*\/)?(?=[^/]{1,63}$)[A-Za-z0-9](?:[-_.A-Za-z0-9]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(?:[A-Za-z0-9](?:[-_.A-Za-z0-9]*[A-Za-z0-9])?)?$/;

/** Whether a text is a label key (Kubernetes syntax). */
export function isLabelKey(key: string): boolean {
  return LABEL_KEY.test(key);
}

/** Whether a text is a label value (at most 63 characters; Kubernetes syntax). */
export function isLabelValue(value: string): boolean {
  return value.length <= 63 && LABEL_VALUE.test(value);
}

/** Whether the labels include every label of the selector (an empty or absent selector matches everything). */
export function matchesSelector(
  labels: Readonly<Record<string, string>> | undefined,
  selector: LabelSelector | undefined,
): boolean {
  if (selector === undefined) return true;
  for (const key in selector) if (labels?.[key] !== selector[key]) return false;
  return true;
}

/** A document's `metadata.labels` when it is a map of strings (the schema reports anything else). */
export function readLabels(metadata: unknown): Record<string, string> | undefined {
  const labels = isPlainObject(metadata) ? metadata['labels'] : undefined;
  if (!isPlainObject(labels)) return undefined;
  return Object.values(labels).every((value) => typeof value === 'string')
    ? (labels as Record<string, string>)
    : undefined;
}

/** A document's `selector.matchLabels` (absent: every cluster); `undefined` also when it is not a map of strings. */
export function readSelector(value: unknown): LabelSelector | undefined {
  const selector = isPlainObject(value) ? value['selector'] : undefined;
  return readLabels(isPlainObject(selector) ? { labels: selector['matchLabels'] } : undefined);
}

/**
 * `--selector KEY=VALUE` flags (repeatable; all must match) as one selector, or `undefined` when none was given.
 * Shared by every command that takes the flag (plan, apply, drift, show, status).
 */
export function parseSelectorFlags(values: readonly string[] | undefined): LabelSelector | undefined {
  if (values === undefined || values.length === 0) return undefined;
  const selector: Record<string, string> = {};
  for (const text of values) {
    const eq = text.indexOf('=');
    const key = eq < 0 ? text : text.slice(0, eq);
    const value = eq < 0 ? undefined : text.slice(eq + 1);
    if (value === undefined || !isLabelKey(key) || !isLabelValue(value)) {
      throw new UsageError(`--selector must be KEY=VALUE with a label key and value (got "${text}")`, {
        hint: 'for example --selector env=prod; repeat it to require several labels',
      });
    }
    if (selector[key] !== undefined && selector[key] !== value) {
      throw new UsageError(`--selector gives ${key} twice (${selector[key]} and ${value}); no cluster can match both`);
    }
    selector[key] = value;
  }
  return selector;
}

/** `env=prod,team=orders`: a selector as the flags spell it. */
export function describeSelector(selector: LabelSelector): string {
  return Object.entries(selector)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}
