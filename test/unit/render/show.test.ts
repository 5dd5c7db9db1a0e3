import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { describeEffective } from '../../../src/desired/effective.js';
import { renderShowJson, renderShowYaml } from '../../../src/render/index.js';
import { aDesired } from '../../helpers/builders.js';

const inherited = new Map([
  ['/instances/count', { defaults: 'production', at: { file: 'd/prod.yaml', line: 6, col: 23 } }],
]);
const cluster = aDesired({
  name: 'orders',
  labels: { env: 'prod', 'example.com/team': 'orders' },
  defaulted: ['/maintenanceWindow', '/replicationMode'],
  inherited,
  properties: { description: 'Orders: "the" #1 service\u202e', version: '16' },
});
const report = { clusters: [describeEffective(cluster), describeEffective(aDesired({ name: 'other' }))] };

describe('show', () => {
  it('prints YAML that parses back to the effective documents', () => {
    const docs = renderShowYaml(report, { color: false })
      .split('\n---\n')
      .map((text) => parse(text));
    expect(docs).toEqual(report.clusters.map((c) => c.document));
  });

  it('says where each value came from, in a comment', () => {
    const text = renderShowYaml(report, { color: false });
    expect(text).toMatch(/\n {4}count: 1 +# d\/prod\.yaml:6 \(Defaults production\)\n/);
    expect(text).toMatch(/\n {2}replicationMode: ASYNCHRONOUS +# built-in default\n/);
    expect(text).toMatch(/\n {4}dayOfTheWeek: Sunday +# built-in default\n/);
    expect(text).toMatch(/\n {2}version: "16" +# specs\/orders\.yaml:12\n/);
    expect(text).toMatch(/^# de-fra\/orders \(specs\/orders\.yaml:3\)\n/);
    expect(text).toContain('password: { fromEnv: ORDERS_PG_PASSWORD }');
    expect(text).not.toContain('\u202e'); // user text cannot reorder what a reviewer reads
  });

  it('gives the sources as data in JSON, keyed by JSON pointer', () => {
    const json = JSON.parse(renderShowJson(report));
    expect(json.formatVersion).toBe(1);
    expect(json.clusters[0].sources['/spec/instances/count']).toEqual({
      from: 'defaults',
      defaults: 'production',
      file: 'd/prod.yaml',
      line: 6,
      col: 23,
    });
    expect(json.clusters[0].sources['/metadata/labels/example.com~1team']).toMatchObject({ from: 'cluster' });
    expect(json.clusters[0].sources['/spec/replicationMode']).toEqual({ from: 'built-in' });
    expect(json.clusters[0].document.spec.credentials.password).toEqual({ fromEnv: 'ORDERS_PG_PASSWORD' });
  });
});
