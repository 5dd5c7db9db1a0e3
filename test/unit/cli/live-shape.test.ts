import { describe, expect, it } from 'vitest';
import type { BackupLocationRead, ClusterRead, PostgresVersionRead } from '../../../src/api/types.js';
import { checkLiveShape } from '../../../src/cli/live-shape.js';
import { ApiError } from '../../../src/errors.js';
import { aDesired, aLive } from '../../helpers/builders.js';

const VERSIONS = [{ id: 'v16', properties: { version: '16' } }] as unknown as PostgresVersionRead[];
const LOCATIONS = [{ id: 'l', properties: { location: 'eu-central-3' } }] as unknown as BackupLocationRead[];
const good = (): ClusterRead => aLive(aDesired({ name: 'orders' }), '00000000-0000-4000-8000-000000000001');

function problemOf(cluster: unknown, versions = VERSIONS, locations = LOCATIONS): string | undefined {
  try {
    checkLiveShape('de-fra', [good(), cluster as ClusterRead], versions, locations);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return (error as ApiError).message;
  }
}

describe('checkLiveShape: what a hostile server lists never reaches the comparison as a TypeError', () => {
  it('accepts what the API sends (optional properties left out)', () => {
    const cluster = good() as unknown as { properties: Record<string, unknown> };
    delete cluster.properties.description;
    delete cluster.properties.connectionPooler;
    expect(problemOf(cluster)).toBeUndefined();
  });

  it.each([
    ['properties', null, '`properties` is not an object'],
    ['properties.name', 7, '`properties.name` is not a string'],
    ['properties.instances', 'x', '`properties.instances` is not an object'],
    ['properties.instances.storageSize', undefined, '`properties.instances.storageSize` is missing'],
    ['properties.instances.cores', Number.NaN, '`properties.instances.cores` is not a number'],
    ['properties.backup.retentionDays', '7', '`properties.backup.retentionDays` is not a number'],
    ['properties.logsEnabled', 'yes', '`properties.logsEnabled` is not a boolean'],
    ['metadata', undefined, '`metadata` is not an object'],
    ['metadata.state', { x: 1 }, '`metadata.state` is not a string'],
  ])('refuses %s = %j, naming item 2 of the list', (path, value, words) => {
    const cluster = good() as unknown as Record<string, unknown>;
    const keys = path.split('.');
    let node = cluster;
    for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
    if (value === undefined) delete node[keys.at(-1)!];
    else node[keys.at(-1)!] = value;
    expect(problemOf(cluster)).toBe(`GET de-fra /clusters failed: HTTP 200: item 2 of the list: ${words}`);
  });

  it('refuses catalogue items without properties', () => {
    const versions = [{ id: 'v' }] as unknown as PostgresVersionRead[];
    expect(problemOf(good(), versions)).toContain('de-fra /versions failed: HTTP 200: item 1 of the list');
    const locations = [{ id: 'l', properties: 'x' }] as unknown as BackupLocationRead[];
    expect(problemOf(good(), VERSIONS, locations)).toContain('/backup-locations');
  });
});
