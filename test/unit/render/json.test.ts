import { describe, expect, it } from 'vitest';
import { InternalError } from '../../../src/errors.js';
import type { Plan } from '../../../src/plan/types.js';
import {
  formatsOf,
  renderPlanJson,
  renderPlanMarkdown,
  renderPlanText,
  renderReport,
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
    expect(out.startsWith('{\n  "formatVersion": 2,\n  "createdAt": ')).toBe(true);
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
      'impact',
      'reversible',
      'source',
      'before',
      'after',
      'defaulted',
      'fields',
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
      'inputs',
      'impact',
      'reversible',
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

describe('the renderer registry', () => {
  it('has one renderer per plan --format value, each the exported function', () => {
    expect(formatsOf('plan')).toEqual(['text', 'json', 'markdown']);
    const plan = SCENARIOS['replace-and-delete']!;
    const options = { color: false };
    expect(renderReport('plan', 'json', plan, options)).toBe(renderPlanJson(plan));
    expect(renderReport('plan', 'text', plan, options)).toBe(renderPlanText(plan, options));
    expect(renderReport('plan', 'markdown', plan, options)).toBe(renderPlanMarkdown(plan, options));
  });

  it('has the drift formats, github included', () => {
    expect(formatsOf('drift')).toEqual(['text', 'json', 'markdown', 'github']);
  });
});
