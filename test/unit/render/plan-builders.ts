import type { Region } from '../../../src/api/types.js';
import { diffFields, listCreateFields } from '../../../src/compare/fields.js';
import type { DesiredCluster, DesiredProperties } from '../../../src/desired/types.js';
import { judgeChange, judgePlan } from '../../../src/plan/impact.js';
import { patchForCreate, patchForDelete, patchFromFields } from '../../../src/plan/patch.js';
import type {
  Change,
  CreateChange,
  DeleteChange,
  LiveInfo,
  LiveProperties,
  NoopChange,
  Plan,
  ReplaceChange,
  UnmanagedCluster,
  UpdateChange,
} from '../../../src/plan/types.js';
import { TEST_INPUTS } from '../../helpers/builders.js';

/** A deterministic UUID-shaped id from a seed (FNV-1a), so fixtures never change between runs. */
export function fakeId(seed: string): string {
  let hex = '';
  for (let round = 0; hex.length < 32; round += 1) {
    let hash = 0x811c9dc5;
    for (const c of `${round}:${seed}`) hash = Math.imul(hash ^ c.charCodeAt(0), 0x01000193) >>> 0;
    hex += hash.toString(16).padStart(8, '0');
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function splitAddress(address: string): { region: Region; name: string } {
  const [region, name] = address.split('/') as [Region, string];
  return { region, name };
}

/** Desired properties with every field filled, as the normaliser hands them to the planner. */
export function desiredProps(name: string, overrides: Partial<DesiredProperties> = {}): DesiredProperties {
  return {
    name,
    description: `${name} database`,
    version: '16',
    instances: { count: 1, cores: 2, ram: 4, storageSize: 20 },
    connection: { datacenterId: fakeId(`dc:${name}`), lanId: '2', primaryInstanceAddress: '192.168.1.10/24' },
    maintenanceWindow: { dayOfTheWeek: 'Sunday', time: '03:00:00' },
    replicationMode: 'ASYNCHRONOUS',
    connectionPooler: 'DISABLED',
    backup: { location: 'de', retentionDays: 7 },
    logsEnabled: true,
    metricsEnabled: true,
    credentials: {
      username: `${name.replace(/-/g, '_')}_admin`,
      database: 'app',
      password: { fromEnv: 'PGENSURE_PASSWORD' },
    },
    ...overrides,
  };
}

/** What the API returns for a cluster that matches `desiredProps(name)`. */
export function liveProps(name: string, overrides: Partial<LiveProperties> = {}): LiveProperties {
  const { credentials: _c, restoreFromBackup: _r, ...readable } = desiredProps(name);
  return { ...readable, ...overrides };
}

/** A document as the planner sees it, enough for the comparison core (properties and defaults). */
function docOf(address: string, after: DesiredProperties, defaulted: readonly string[]): DesiredCluster {
  const { region, name } = splitAddress(address);
  const source = { file: `clusters/${name}.yaml`, line: 2, col: 1 };
  const policy = { ensure: 'present', preventDestroy: false, allowReplace: false } as const;
  return { address, region, name, properties: after, defaulted, policy, source, positions: new Map() };
}

/** fields, impact, reversible and patch as the planner computes them for these two sides. */
function judged(
  action: Change['action'],
  address: string,
  before: LiveProperties | null,
  after: DesiredProperties | null,
  defaulted: readonly string[],
) {
  const fields =
    after === null
      ? []
      : before === null
        ? listCreateFields(docOf(address, after, defaulted))
        : diffFields(docOf(address, after, defaulted), before);
  const patch =
    before === null
      ? after === null
        ? []
        : patchForCreate(after)
      : after === null
        ? patchForDelete(before)
        : patchFromFields(before, fields);
  return {
    fields: action === 'delete' || action === 'noop' ? [] : fields,
    patch: action === 'noop' ? [] : patch,
    ...judgeChange(action, fields),
  };
}

function liveInfo(address: string): LiveInfo {
  return {
    lastModifiedDate: '2025-01-01T00:00:00Z',
    lastModifiedBy: 'ops@example.com',
    state: 'AVAILABLE',
    fingerprint: `sha256:${fakeId(`fp:${address}`).replace(/-/g, '')}`,
  };
}

function base(address: string) {
  const { region, name } = splitAddress(address);
  return { address, region, name, source: { file: `clusters/${name}.yaml`, line: 2, col: 1 } };
}

interface ChangeOptions {
  id?: string;
  before?: Partial<LiveProperties>;
  after?: Partial<DesiredProperties>;
  defaulted?: string[];
  reasons?: string[];
}

export function aCreate(address: string, options: ChangeOptions = {}): CreateChange {
  const after = desiredProps(splitAddress(address).name, options.after);
  const { id = fakeId(`new:${address}`), defaulted = [], reasons = [] } = options;
  return {
    ...base(address),
    ...judged('create', address, null, after, defaulted),
    action: 'create',
    id,
    before: null,
    after,
    reasons,
    live: null,
    defaulted,
  };
}

export function anUpdate(address: string, options: ChangeOptions = {}): UpdateChange {
  const { name } = splitAddress(address);
  const before = liveProps(name, options.before);
  const after = desiredProps(name, options.after);
  const { id = fakeId(address), defaulted = [], reasons = [] } = options;
  const parts = judged('update', address, before, after, defaulted);
  return {
    ...base(address),
    ...parts,
    action: 'update',
    id,
    before,
    after,
    reasons,
    live: liveInfo(address),
    defaulted,
  };
}

export function aReplace(address: string, options: ChangeOptions & { replacementId?: string } = {}): ReplaceChange {
  const { id, before, after, live, defaulted } = anUpdate(address, options);
  const reasons = options.reasons ?? [];
  const replacementId = options.replacementId ?? fakeId(`new:${address}`);
  const parts = judged('replace', address, before, after, defaulted);
  return { ...base(address), ...parts, action: 'replace', id, replacementId, before, after, reasons, live, defaulted };
}

export function aDelete(address: string, options: ChangeOptions = {}): DeleteChange {
  const before = liveProps(splitAddress(address).name, options.before);
  const { id = fakeId(address), reasons = ['policy.ensure is absent'] } = options;
  return {
    ...base(address),
    ...judged('delete', address, before, null, []),
    action: 'delete',
    id,
    before,
    after: null,
    reasons,
    live: liveInfo(address),
    defaulted: [],
  };
}

export function aNoop(address: string, options: ChangeOptions & { gone?: boolean } = {}): NoopChange {
  if (options.gone) {
    const reasons = ['ensure: absent, and no such cluster exists'];
    return {
      ...base(address),
      ...judged('noop', address, null, null, []),
      action: 'noop',
      id: null,
      before: null,
      after: null,
      reasons,
      live: null,
      defaulted: [],
    };
  }
  const { name } = splitAddress(address);
  const { id = fakeId(address), defaulted = [], reasons = [] } = options;
  const before = liveProps(name, options.before);
  const after = desiredProps(name, options.after);
  return {
    ...base(address),
    ...judged('noop', address, before, after, defaulted),
    action: 'noop',
    id,
    before,
    after,
    reasons,
    live: liveInfo(address),
    defaulted,
  };
}

export function anUnmanaged(address: string, overrides: Partial<UnmanagedCluster> = {}): UnmanagedCluster {
  return {
    ...splitAddress(address),
    address,
    id: fakeId(address),
    state: 'AVAILABLE',
    lastModifiedBy: 'console@example.com',
    lastModifiedDate: '2024-06-01T12:00:00Z',
    ...overrides,
  };
}

/** A plan from changes (kept in the given order) and unmanaged clusters; summary and regions derived. */
export function aPlan(changes: Change[], unmanaged: UnmanagedCluster[] = []): Plan {
  const summary = { create: 0, update: 0, replace: 0, delete: 0, noop: 0 };
  for (const change of changes) summary[change.action] += 1;
  const regions = [...new Set([...changes, ...unmanaged].map((c) => c.region))].sort();
  const inputs = { ...TEST_INPUTS, paths: ['clusters'] };
  return {
    formatVersion: 2,
    createdAt: '2025-02-03T04:05:06.000Z',
    regions,
    inputs,
    ...judgePlan(changes),
    changes,
    unmanaged,
    summary,
  };
}

/**
 * A plan the size of a large estate: 1% deletes, 1% replaces, 20% creates, 50% updates, the rest no-ops, plus
 * unmanaged clusters. Addresses sort in plan order within each action, like the planner's output.
 */
export function aLargePlan(size: number, unmanagedCount = 100): Plan {
  const address = (kind: string, i: number) => `de-fra/${kind}-${String(i).padStart(5, '0')}`;
  const changes: Change[] = [];
  const share = (fraction: number) => Math.floor(size * fraction);
  for (let i = 0; i < share(0.01); i += 1) changes.push(aDelete(address('gone', i)));
  for (let i = 0; i < share(0.01); i += 1) {
    const backup = { location: 'eu-central-3', retentionDays: 7 };
    changes.push(aReplace(address('moved', i), { after: { backup }, reasons: ['backup.location is immutable'] }));
  }
  for (let i = 0; i < share(0.2); i += 1) changes.push(aCreate(address('new', i)));
  for (let i = 0; i < share(0.5); i += 1) {
    changes.push(
      anUpdate(address('grown', i), { after: { instances: { count: 1, cores: 4, ram: 8, storageSize: 20 } } }),
    );
  }
  while (changes.length < size) changes.push(aNoop(address('same', changes.length)));
  const unmanaged = Array.from({ length: unmanagedCount }, (_, i) => anUnmanaged(address('legacy', i)));
  return aPlan(changes, unmanaged);
}
