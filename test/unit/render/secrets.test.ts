import { describe, expect, it } from 'vitest';
import type { FieldChange, Plan } from '../../../src/plan/types.js';
import { renderPlanMarkdown, renderPlanText } from '../../../src/render/index.js';
import { aCreate, anUpdate, aPlan, aReplace } from './plan-builders.js';

const SECRET = 'hunter2-S3cr3t!';
const renderers = {
  text: (plan: Plan) => renderPlanText(plan, { color: true }),
  markdown: (plan: Plan) => renderPlanMarkdown(plan, { color: false }),
};

/** A field change that (wrongly) carries the password's value instead of its reference. */
const literalField: FieldChange = {
  pointer: '/credentials/password',
  path: 'credentials.password',
  kind: 'replace',
  after: SECRET,
  impact: 'online',
  reversible: true,
  estimate: true,
  why: '',
  defaulted: false,
};

/** Plans that (wrongly) hold a literal password in every place a renderer could pick one up. */
function plansWithLiteralPassword(): Plan[] {
  const create = aCreate('de-fra/a');
  (create.after.credentials as { password: unknown }).password = SECRET;
  const nested = aCreate('de-fra/b');
  (nested.after.credentials as { password: unknown }).password = { fromEnv: 'X', value: SECRET };
  const update = anUpdate('de-fra/c');
  update.patch.push({ op: 'add', path: '/credentials', value: { username: 'u', database: 'd', password: SECRET } });
  update.fields.push({ ...literalField, kind: 'add' });
  const replace = aReplace('de-fra/d');
  replace.patch.push({ op: 'replace', path: '/credentials/password', value: SECRET });
  replace.fields.push({ ...literalField, before: SECRET });
  return [aPlan([create, nested]), aPlan([update, replace])];
}

describe.each(Object.entries(renderers))('%s renderer and passwords', (_format, render) => {
  it('shows where a password comes from, never a value', () => {
    const fromEnv = aCreate('de-fra/a', {
      after: { credentials: { username: 'app', database: 'app', password: { fromEnv: 'PGENSURE_A_PW' } } },
    });
    const fromFile = aCreate('de-fra/b', {
      after: { credentials: { username: 'app', database: 'app', password: { fromFile: '/run/secrets/b' } } },
    });
    const out = render(aPlan([fromEnv, fromFile]));
    expect(out).toMatch(/\(write-only, from env PGENSURE(\\?)_A(\\?)_PW\)/);
    expect(out).toContain('(write-only, from file /run/secrets/b)');
    expect(out).toContain('"app"');
  });

  it('never prints a password value, even if a buggy plan carried one', () => {
    for (const plan of plansWithLiteralPassword()) {
      const out = render(plan);
      expect(out).not.toContain(SECRET);
      expect(out).toContain('(write-only)');
    }
  });
});
