/** `apply --plan`: a saved plan is checked, not trusted (product.md §6). Pure. */
import { canonicalJson } from './fingerprint.js';
import type { Change, Plan, PlanInputs } from './types.js';

/**
 * Every way the saved plan differs from the plan made again now from the same inputs, in plain words; empty when
 * the saved plan may be applied. Compared: the endpoint, the spec files, and per cluster the action, the ids, the
 * full `after` (the PUT body minus the password value) and what the plan saw of the live cluster.
 */
export function diffSavedPlan(saved: Plan, fresh: Plan, endpoint: string): string[] {
  const differences: string[] = [];
  if (saved.inputs.endpoint !== endpoint) {
    differences.push(`it was made against ${saved.inputs.endpoint}, not ${endpoint} (the endpoint of this apply)`);
  }
  differences.push(...diffFiles(saved.inputs, fresh.inputs));
  const fresher = new Map(fresh.changes.map((change) => [change.address, change]));
  for (const old of saved.changes) {
    const now = fresher.get(old.address);
    fresher.delete(old.address);
    if (now === undefined)
      differences.push(`${old.address}: the plan has a ${old.action}, but planning now gives nothing for it`);
    else differences.push(...diffChange(old, now));
  }
  for (const now of fresher.values()) {
    differences.push(`${now.address}: planning now gives a ${now.action} the saved plan does not have`);
  }
  return differences;
}

function diffFiles(saved: PlanInputs, fresh: PlanInputs): string[] {
  if (saved.specDigest === fresh.specDigest) return [];
  const now = new Map(fresh.files.map((f) => [f.path, f.sha256]));
  const out: string[] = [];
  for (const file of saved.files) {
    const hash = now.get(file.path);
    now.delete(file.path);
    if (hash === undefined) out.push(`spec file ${file.path} is gone since the plan`);
    else if (hash !== file.sha256) out.push(`spec file ${file.path} changed since the plan`);
  }
  for (const path of now.keys()) out.push(`spec file ${path} is new since the plan`);
  return out.length > 0 ? out : ['the spec files changed since the plan'];
}

function diffChange(saved: Change, fresh: Change): string[] {
  const at = saved.address;
  if (saved.action === 'create' && fresh.live !== null) {
    if (fresh.id === saved.id) return [`${at}: cluster ${saved.id} now exists (this plan was already applied?)`];
    return [`${at}: the plan creates it, but cluster ${fresh.id} of that name exists now (created since the plan)`];
  }
  if (saved.action !== fresh.action) {
    return [`${at}: the plan says ${saved.action}, planning now says ${fresh.action}`];
  }
  const out: string[] = [];
  if (saved.id !== fresh.id) out.push(describeIdChange(saved, fresh));
  const oldReplacement = saved.action === 'replace' ? saved.replacementId : null;
  const newReplacement = fresh.action === 'replace' ? fresh.replacementId : null;
  if (oldReplacement !== newReplacement)
    out.push(`${at}: the replacement's id differs (${oldReplacement} → ${newReplacement})`);
  if (canonicalJson(saved.after) !== canonicalJson(fresh.after)) {
    out.push(
      `${at}: the body the plan would send (after) is not what the spec files give now${describeFieldsDiff(saved, fresh)}`,
    );
  }
  out.push(...diffLive(saved, fresh));
  return out;
}

function describeIdChange(saved: Change, fresh: Change): string {
  if (saved.live !== null && fresh.live !== null) {
    return `${saved.address}: the plan targets cluster ${saved.id}, but planning now binds it to ${fresh.id} (replaced, or the id was edited)`;
  }
  return `${saved.address}: the plan's cluster id ${saved.id ?? 'none'} is now ${fresh.id ?? 'none'}`;
}

/** The live cluster moved since the plan (someone changed it): who and when. */
function diffLive(saved: Change, fresh: Change): string[] {
  if (saved.live === null || fresh.live === null) return [];
  if (saved.live.lastModifiedDate !== fresh.live.lastModifiedDate) {
    const by = fresh.live.lastModifiedBy ?? 'an unknown user';
    return [
      `${saved.address}: modified at ${fresh.live.lastModifiedDate ?? '?'} by ${by} since the plan (it saw ${saved.live.lastModifiedDate ?? '?'})`,
    ];
  }
  if (saved.live.fingerprint !== fresh.live.fingerprint)
    return [`${saved.address}: its live properties changed since the plan`];
  return [];
}

function describeFieldsDiff(saved: Change, fresh: Change): string {
  const a = flatten(saved.after);
  const b = flatten(fresh.after);
  const keys = [...new Set([...a.keys(), ...b.keys()])].filter((key) => a.get(key) !== b.get(key)).sort();
  return keys.length === 0 ? '' : ` (differs in ${keys.join(', ')})`;
}

function flatten(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, out);
  } else if (prefix !== '') out.set(prefix, canonicalJson(value));
  return out;
}
