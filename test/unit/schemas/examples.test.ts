import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/run-cli.js';

const EXAMPLES = join(ROOT, 'examples');
const WORKFLOWS = join(EXAMPLES, 'github');
const SCHEMA = join(ROOT, 'schemas', 'cluster.schema.json');
// A fleet's files leave fields to Defaults and hold other kinds: they use the schema for every kind of document.
const FLEET = join(EXAMPLES, 'fleet');
const FLEET_SCHEMA = join(ROOT, 'schemas', 'fleet.schema.json');

function listYaml(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listYaml(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

// The workflows in examples/github/ are tested in test/unit/github/examples.test.ts.
const specFiles = listYaml(EXAMPLES).filter((file) => !file.startsWith(WORKFLOWS));

describe('examples', () => {
  it('has spec files', () => {
    expect(specFiles.length).toBeGreaterThanOrEqual(3);
  });

  it.each(specFiles.map((file) => relative(ROOT, file)))(
    '%s starts with a $schema comment that resolves to the schema',
    (file) => {
      const first = readFileSync(join(ROOT, file), 'utf8').split('\n')[0]!;
      const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
      expect(match, first).not.toBeNull();
      const expected = join(ROOT, file).startsWith(FLEET) ? FLEET_SCHEMA : SCHEMA;
      expect(resolve(dirname(join(ROOT, file)), match![1]!)).toBe(expected);
    },
  );
});
