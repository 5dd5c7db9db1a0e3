import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SafetyWorld, specYaml, startSafetyWorld } from '../helpers/safety-world.js';

/**
 * A newcomer's mistakes, each through the built CLI: exit 1, an error that names the thing and the fix, never an
 * "internal error", never a stack trace, and not a single request that writes.
 */
let world: SafetyWorld;

beforeAll(async () => {
  world = await startSafetyWorld();
  world.writeSpec({ name: 'orders' });
  world.writeSpec({ name: 'billing', region: 'es-vit' });
  const make = (file: string, text: string) => {
    mkdirSync(join(world.dir, file, '..'), { recursive: true });
    writeFileSync(join(world.dir, file), text);
  };
  mkdirSync(join(world.dir, 'empty'));
  make('manifests/deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\n');
  make('only-dot-dirs/.github/workflows/ci.yml', 'on: push\njobs: {}\n');
  make('notes.txt', 'just some notes\n');
  make('binary/blob.yaml', '\u0000\u0001\u0002: [\u0003\n');
  const typo = (name: string, from: string, to: string) =>
    make(`typos/${name}/spec.yaml`, specYaml({ name }).replace(from, to));
  typo('versoin', '  version:', '  versoin:');
  typo('sepc', '\nspec:', '\nsepc:');
  make('typos/destory/spec.yaml', `${specYaml({ name: 'destory' })}policy:\n  preventDestory: true\n`);
});
afterAll(() => world.close());

/** [what the user typed, what stderr must say (each pattern)] */
const MISTAKES: [string[], RegExp[]][] = [
  // Folders and files that hold no specs: a CI job pointed at the wrong place must not stay green.
  ...['validate', 'plan', 'apply', 'drift'].map((command): [string[], RegExp[]] => [
    [command, 'empty', ...(command === 'apply' ? ['--auto-approve'] : [])],
    [/Error: no cluster specs found under empty\n/, /Hint: point pgensure at the directory/],
  ]),
  ...['validate', 'plan', 'apply', 'drift'].map((command): [string[], RegExp[]] => [
    [command, 'manifests'],
    [/manifests\/deployment\.yaml:1:\d+: .*not a pgensure document/, /Hint: every YAML file under a PATH/],
  ]),
  [['plan', 'only-dot-dirs'], [/no cluster specs found under only-dot-dirs/]],
  [
    ['validate', 'notes.txt'],
    [/notes\.txt:1:1: not a pgensure document/, /Hint: every YAML file/],
  ],
  [
    ['validate', 'binary'],
    [/binary\/blob\.yaml:\d+:\d+: /, /Error: 1 problem in the spec files/],
  ],
  [
    ['plan', 'no-such-dir'],
    [/no-such-dir:1:1: no such file or directory/, /Hint: check the PATH/],
  ],
  [
    ['apply', 'specs', '--wait-timeout', '5', 'minutes'],
    [/minutes:1:1: no such file/, /not a flag or a flag's/],
  ],
  // --out and --plan files.
  [
    ['plan', 'specs', '--out', 'missing/plan.json'],
    [/--out missing\/plan\.json: its folder does not exist/, /mkdir/],
  ],
  [
    ['plan', 'specs', '--out', 'specs'],
    [/--out specs: is a directory; nothing was saved/, /--out plan\.json/],
  ],
  [
    ['apply', '--plan', 'nope.json'],
    [/cannot read the saved plan nope\.json: no such file/, /pgensure plan --out/],
  ],
  [
    ['apply', '--plan', 'notes.txt'],
    [/notes\.txt: not a pgensure plan: the JSON is broken/, /make the plan again/],
  ],
  // Commands, flags and their values, with a guess at what was meant.
  [
    ['plna', 'specs'],
    [/unknown command "plna" \(did you mean "plan"\?\)/, /pgensure plan --help/],
  ],
  [
    ['--region', 'de-fra', 'plan'],
    [/needs a command before its flags/, /e\.g\. pgensure plan --region de-fra/],
  ],
  [['specs'], [/"specs" \(it looks like a PATH\)/, /pgensure validate specs/]],
  [
    ['plan', 'specs', '--fromat', 'json'],
    [/unknown flag --fromat \(did you mean --format\?\)/, /plan --help/],
  ],
  [['plan', 'specs', '--format', 'jsno'], [/--format must be one of text, json, markdown.*--format json\?/]],
  [['validate', 'specs', '--format', 'json'], [/--format must be one of text, github \(got "json"\)/]],
  [
    ['plan', 'specs', '--region', 'de-fr'],
    [/unknown region "de-fr" \(did you mean "de-fra"\?\)/, /regions: de-txl/],
  ],
  [['plan', 'specs', '--target', 'de-fra/odrers'], [/"de-fra\/odrers" \(did you mean "de-fra\/orders"\?\)/]],
  [
    ['plan', 'specs', '--target', 'billing'],
    [/"billing" \(did you mean "es-vit\/billing"\?\)/, /REGION\/NAME/],
  ],
  [
    ['apply', 'specs', '--wait-timeout', '5min'],
    [/--wait-timeout must be a duration/, /--wait-timeout 90s/],
  ],
  [
    ['apply', 'specs', '--parallelism', '0'],
    [/--parallelism must be a positive integer/, /--parallelism 10/],
  ],
  [['plan', 'specs', '--out'], [/plan: --out needs a value/]],
  [['plan', 'specs', '--out='], [/plan: --out needs a value \(got ""\)/]],
  [['plan', 'specs', '--detailed-exitcode=yes'], [/--detailed-exitcode takes no value/]],
  [['plan', 'specs', '--max-impact', 'low'], [/--max-impact must be one of none, online/]],
  [['drift', 'specs', '--log-level', 'dbeug'], [/--log-level must be one of .* \(did you mean --log-level debug\?\)/]],
  [['apply', 'specs', '--log-level', 'tarce'], [/--log-level must be one of .* \(did you mean --log-level trace\?\)/]],
  // validate and show accept --log-level like every command, and check it.
  [['validate', 'specs', '--log-level', 'dbeug'], [/\(did you mean --log-level debug\?\)/]],
  [['show', 'specs', '--log-level', 'dbeug'], [/\(did you mean --log-level debug\?\)/]],
  // Spec keys with a transposition.
  [['validate', 'typos/versoin'], [/unknown key "versoin" \(did you mean "version"\?\)/]],
  [['validate', 'typos/sepc'], [/unknown key "sepc" \(did you mean "spec"\?\)/]],
  [['validate', 'typos/destory'], [/unknown key "preventDestory" \(did you mean "preventDestroy"\?\)/]],
];

describe('a newcomer’s mistakes', () => {
  it.each(MISTAKES)('pgensure %j', async (args, patterns) => {
    const run = await world.cli(args);
    expect(run.code, run.stderr).toBe(1);
    for (const pattern of patterns) expect(run.stderr).toMatch(pattern);
    expect(run.stderr).toMatch(/^Error: /m);
    expect(run.stderr).not.toMatch(/internal|please report|\n\s+at [\w.<]+ \(|node:internal/i);
    expect(world.writes()).toEqual([]);
  });
});
