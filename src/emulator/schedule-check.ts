/** Checks a ScheduleSpec read from JSON (the admin API), and runs scheduled actions through the control. */

import type { ClusterRead, Region } from '../api/types.js';
import { isRegion } from '../api/types.js';
import type { EmulatorControl, Outcome } from './control.js';
import { checkMatcher } from './matcher.js';
import { isPlainObject, mergeDeep } from './merge.js';
import { isUuid } from './rules-schema.js';
import type { ActionRunner } from './schedule.js';
import { CONSOLE_IDENTITY } from './store.js';
import type { ConsoleAction, ScheduledAction } from './types.js';

const isMs = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isOptional = (v: unknown, check: (v: unknown) => boolean) => v === undefined || check(v);
const isString = (v: unknown) => typeof v === 'string';

/** Per action kind: its fields and whether each is valid. */
const ACTION_FIELDS: Record<ConsoleAction['kind'], Record<string, (v: unknown) => boolean>> = {
  edit: { properties: isPlainObject, by: (v) => isOptional(v, isString) },
  hold: {
    state: (v) => isOptional(v, isString),
    forMs: (v) => isOptional(v, isMs),
    statusMessage: (v) => isOptional(v, isString),
  },
  release: {},
  fail: { message: isString, recoverAfterMs: (v) => isOptional(v, isMs) },
  delete: { by: (v) => isOptional(v, isString) },
};

function checkAction(value: unknown): string[] {
  if (!isPlainObject(value)) return ['action: must be an object'];
  const fields = ACTION_FIELDS[value['kind'] as ConsoleAction['kind']];
  if (fields === undefined) return [`action.kind: must be one of ${Object.keys(ACTION_FIELDS).join(', ')}`];
  const problems: string[] = [];
  for (const [key, check] of Object.entries(fields)) {
    if (!check(value[key])) problems.push(`action.${key}: has an invalid or missing value`);
  }
  for (const key of Object.keys(value)) {
    if (key !== 'kind' && !(key in fields)) problems.push(`action.${key}: is not a field of a ${value['kind']} action`);
  }
  return problems;
}

function checkTrigger(value: unknown): string[] {
  if (!isPlainObject(value)) return ['trigger: must be an object'];
  if ('afterMs' in value) return isMs(value['afterMs']) ? [] : ['trigger.afterMs: must be milliseconds >= 0'];
  const request = value['request'];
  if (!isPlainObject(request))
    return ['trigger: must be {afterMs} or {request: {method?, path?, region?}, nth?, when?}'];
  const problems = checkMatcher(request, 'trigger.request');
  const { nth, when } = value;
  if (nth !== undefined && !(Number.isInteger(nth) && (nth as number) >= 1))
    problems.push('trigger.nth: must be an integer >= 1');
  if (when !== undefined && when !== 'before' && when !== 'after')
    problems.push('trigger.when: must be "before" or "after"');
  return problems;
}

/** Every problem of a schedule request body `{region, id, action, trigger}`. */
export function checkScheduleSpec(value: unknown): string[] {
  if (!isPlainObject(value)) return ['the body must be {region, id, action, trigger}'];
  const problems: string[] = [];
  if (!isRegion(value['region'])) problems.push('region: must be one of the nine regions');
  if (typeof value['id'] !== 'string' || !isUuid(value['id'])) problems.push('id: must be a cluster UUID');
  return [...problems, ...checkAction(value['action']), ...checkTrigger(value['trigger'])];
}

function problemOf(outcome: Outcome<unknown>): string | undefined {
  return outcome.ok ? undefined : outcome.problems.map((p) => p.message).join('; ');
}

/** Runs a scheduled action through the control (edits are attributed to `at`, the moment they were due). */
export function createActionRunner(control: EmulatorControl): ActionRunner {
  return (entry: ScheduledAction, at: number) => {
    const { region, id, action } = entry as { region: Region; id: string; action: ConsoleAction };
    const run = (): Outcome<ClusterRead> => {
      switch (action.kind) {
        case 'edit': {
          const patch = action.properties ?? {};
          const change = action.change ?? ((p: object) => mergeDeep(p as Record<string, unknown>, patch));
          return control.edit(region, id, change, action.by ?? CONSOLE_IDENTITY, at);
        }
        case 'hold':
          return control.hold(region, id, action);
        case 'release':
          return control.release(region, id);
        case 'fail':
          return control.fail(region, id, action.message, action.recoverAfterMs);
        case 'delete':
          return control.remove(region, id, action.by);
      }
    };
    return problemOf(run());
  };
}
