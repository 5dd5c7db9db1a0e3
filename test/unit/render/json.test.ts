import { describe, expect, it } from 'vitest';
import { InternalError } from '../../../src/errors.js';
import type { Plan } from '../../../src/plan/types.js';
import {
  isPlanFormat,
  PLAN_FORMATS,
  planRenderers,
  renderPlanJson,
  renderPlanMarkdown,
  renderPlanText,
} from '../../../src/render/index.js';
import { aCreate, aLargePlan, aPlan, aReplace } from './plan-builders.js';
import { SCENARIOS } from './scenarios.js';

describe('renderPlanJson', () => {
  it('round-trips: JSON.parse(render) deep-equals the plan', () => {
    for (const plan of [...Object.values(SCENARIOS), aLargePlan(500)]) {
      expect(JSON.parse(renderPlanJson(plan))).toStrictEqual(plan);
    }
  });

  it('is indented by two spaces and ends with one newline', () => {
    const out = renderPlanJson(SCENARIOS['no-changes']!);
    expect(out.startsWith('{\n  "formatVersion": 1,\n  "createdAt": ')).toBe(true);
    expect(out.endsWith('}\n')).toBe(true);
    expect(out.endsWith('\n\n')).toBe(false);
  });

  it('writes keys in the published order whatever order the plan was built in, extra keys last', () => {
    const built = aReplace('de-fra/db');
    const shuffled = Object.fromEntries(Object.entries({ extra: 1, ...built }).reverse());
    const plan = { ...aPlan([]), changes: [shuffled] } as unknown as Plan;
    const [change] = JSON.parse(renderPlanJson(plan)).changes;
    expect(Object.keys(change)).toEqual([
      'address',
      'region',
      'name',
      'id',
      'replacementId',
      'action',
      'source',
      'before',
      'after',
      'defaulted',
      'patch',
      'reasons',
      'live',
      'extra',
    ]);
    const reversedPlan = Object.fromEntries(Object.entries(aPlan([])).reverse()) as unknown as Plan;
    expect(Object.keys(JSON.parse(renderPlanJson(reversedPlan)))).toEqual([
      'formatVersion',
      'createdAt',
      'regions',
      'changes',
      'unmanaged',
      'summary',
    ]);
  });

  it('refuses, without echoing it, a plan that carries a literal password', () => {
    const change = aCreate('de-fra/db');
    (change.after.credentials as { password: unknown }).password = 'hunter2-literal';
    const render = () => renderPlanJson(aPlan([change]));
    expect(render).toThrow(InternalError);
    expect(render).toThrow(/de-fra\/db carries a password value/);
    expect(render).not.toThrow(/hunter2/);
  });
});

describe('planRenderers', () => {
  it('has one renderer per --format value, each the exported function', () => {
    expect(Object.keys(planRenderers).sort()).toEqual([...PLAN_FORMATS].sort());
    const plan = SCENARIOS['replace-and-delete']!;
    const options = { color: false };
    expect(planRenderers.json(plan, options)).toBe(renderPlanJson(plan));
    expect(planRenderers.text(plan, options)).toBe(renderPlanText(plan, options));
    expect(planRenderers.markdown(plan, options)).toBe(renderPlanMarkdown(plan, options));
  });

  it('recognises format flag values', () => {
    expect(PLAN_FORMATS.every(isPlanFormat)).toBe(true);
    expect(isPlanFormat('yaml')).toBe(false);
    expect(isPlanFormat(undefined)).toBe(false);
  });
});
