import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { commandLineFor } from '../../../src/github/command-line.js';
import { readInputs, splitWords } from '../../../src/github/inputs.js';

const inputs = (vars: Record<string, string>) => readInputs(vars);

describe('readInputs', () => {
  it('reads the defaults action.yml gives', () => {
    expect(
      inputs({ INPUT_COMMAND: 'plan', INPUT_COMMENT: 'true', INPUT_LABELS: 'true', INPUT_GITHUB_TOKEN: 't' }),
    ).toEqual({
      command: 'plan',
      paths: [],
      regions: [],
      format: undefined,
      planFile: undefined,
      maxImpact: undefined,
      args: [],
      comment: true,
      labels: true,
      token: 't',
    });
  });

  it('splits regions on commas and spaces, and path and args like a shell without running one', () => {
    const read = inputs({
      INPUT_COMMAND: 'drift',
      INPUT_PATH: `clusters "my dir" 'a $(b)'`,
      INPUT_REGIONS: 'de-fra, es-vit\nde-txl',
      INPUT_ARGS: '--target de-fra/orders-prod --log-level=info',
    });
    expect(read.paths).toEqual(['clusters', 'my dir', 'a $(b)']);
    expect(read.regions).toEqual(['de-fra', 'es-vit', 'de-txl']);
    expect(read.args).toEqual(['--target', 'de-fra/orders-prod', '--log-level=info']);
  });

  it.each([
    [{ INPUT_COMMAND: 'destroy' }, /command input must be one of validate, plan, apply, drift, status/],
    [{ INPUT_COMMAND: 'plan', INPUT_COMMENT: 'yes' }, /comment input must be true or false/],
    [{ INPUT_COMMAND: 'plan', INPUT_MAX_IMPACT: 'big' }, /max-impact input must be none, online/],
    [{ INPUT_COMMAND: 'plan', INPUT_ARGS: `--target 'x` }, /args input has an unclosed ' quote/],
  ])('refuses %j with a UsageError that names the input', (vars, message) => {
    expect(() => inputs(vars)).toThrow(UsageError);
    expect(() => inputs(vars)).toThrow(message);
  });

  it('reads booleans as GitHub writes them', () => {
    expect(inputs({ INPUT_COMMENT: 'False', INPUT_LABELS: 'TRUE' })).toMatchObject({ comment: false, labels: true });
  });
});

describe('splitWords', () => {
  it('keeps quoted spaces, backslash escapes and empty quoted words', () => {
    expect(splitWords(`a\\ b "c \\"d\\"" '' e`, 'args')).toEqual(['a b', 'c "d"', '', 'e']);
  });
});

describe('commandLineFor', () => {
  const line = (vars: Record<string, string>) => commandLineFor(inputs(vars)).argv;

  it('plans with a saved JSON plan, the detailed exit code and Markdown for the comment', () => {
    expect(
      line({
        INPUT_COMMAND: 'plan',
        INPUT_PATH: 'clusters',
        INPUT_REGIONS: 'de-fra,es-vit',
        INPUT_MAX_IMPACT: 'online',
      }),
    ).toEqual([
      'plan',
      'clusters',
      '--region',
      'de-fra',
      '--region',
      'es-vit',
      '--out',
      'pgensure-plan.json',
      '--detailed-exitcode',
      '--format',
      'markdown',
      '--max-impact',
      'online',
    ]);
  });

  it('validates with GitHub annotations', () => {
    expect(line({ INPUT_COMMAND: 'validate', INPUT_PATH: 'clusters' })).toEqual([
      'validate',
      'clusters',
      '--format',
      'github',
    ]);
  });

  it('applies a saved plan without asking, and hands paths and regions to apply --plan to refuse', () => {
    expect(line({ INPUT_COMMAND: 'apply', INPUT_PLAN_FILE: 'plan/p.json' })).toEqual([
      'apply',
      '--plan',
      'plan/p.json',
      '--auto-approve',
    ]);
    expect(line({ INPUT_COMMAND: 'apply', INPUT_PLAN_FILE: 'p.json', INPUT_REGIONS: 'de-fra' })).toEqual([
      'apply',
      '--plan',
      'p.json',
      '--region',
      'de-fra',
      '--auto-approve',
    ]);
    expect(line({ INPUT_COMMAND: 'apply', INPUT_PATH: 'clusters' })).toEqual(['apply', 'clusters', '--auto-approve']);
  });

  it('reports drift and status as Markdown, extra args last', () => {
    expect(line({ INPUT_COMMAND: 'status', INPUT_ARGS: '--max-recovery-age 1h' })).toEqual([
      'status',
      '--format',
      'markdown',
      '--max-recovery-age',
      '1h',
    ]);
    expect(line({ INPUT_COMMAND: 'drift', INPUT_FORMAT: 'text' })).toEqual(['drift', '--format', 'text']);
  });

  it('refuses max-impact where it means nothing', () => {
    expect(() => line({ INPUT_COMMAND: 'drift', INPUT_MAX_IMPACT: 'online' })).toThrow(/applies to plan and apply/);
  });
});
