import fc from 'fast-check';
import {
  type ClusterProperties,
  type ClusterState,
  CONNECTION_POOLERS,
  DAYS_OF_THE_WEEK,
  type DayOfTheWeek,
  REGIONS,
  type Region,
} from '../../src/api/types.js';
import type { DesiredCluster, DesiredProperties } from '../../src/desired/types.js';
import type { FaultConfig } from '../../src/emulator/index.js';
import { listLocations, VERSIONS } from '../../src/emulator/index.js';
import { aDesired } from './builders.js';

/** The one password every generated document references (the env name the property test sets). */
export const PROPERTY_PASSWORD_ENV = 'PROPERTY_PG_PASSWORD';

/** The live side of one document: nothing, the same properties, or drifted ones (all legal to converge from). */
export type LiveKind = 'none' | 'match' | 'drift' | 'replace';

/** One desired document and the live cluster (if any) seeded for it before planning. */
export interface ClusterCase {
  doc: DesiredCluster;
  live: LiveKind;
  /** Readable properties to seed (null when live is 'none'). */
  liveProperties: Omit<ClusterProperties, 'credentials'> | null;
  liveState: ClusterState;
  /** For a FAILED cluster: AVAILABLE again after this long (a transient FAILED), or never (null). */
  recoversAfterMs: number | null;
}

/** A live cluster no document names: pgensure must never write to it. */
export interface UnmanagedCase {
  region: Region;
  properties: Omit<ClusterProperties, 'credentials'>;
}

/** Other writers acting while pgensure applies: a second apply of the same specs, and console edits. */
export interface OtherWriters {
  /** A second applier (its own client, its own plan made at the same time) starting this long after the first. */
  secondApplier: { startDelayMs: number } | null;
  /** Console edits of a managed cluster's description (by index into `clusters`), at these delays after apply starts. */
  edits: { index: number; delayMs: number }[];
}

/** One generated world: documents, live clusters, unmanaged clusters, faults, apply parallelism, other writers. */
export interface Scenario {
  clusters: ClusterCase[];
  unmanaged: UnmanagedCase[];
  faults: FaultConfig;
  parallelism: number;
  writers: OtherWriters;
  seed: number;
}

const NAMES = ['orders', 'billing', 'analytics', 'audit', 'search', 'events'] as const;
const UNMANAGED_NAMES = ['legacy-a', 'legacy-b'] as const;
const VERSION_LIST = VERSIONS.map((v) => v.version);

const timeArb = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00`);

/** Valid readable properties for `region` (every optional filled, as the normaliser produces them). */
function readableArb(region: Region, name: string): fc.Arbitrary<Omit<DesiredProperties, 'credentials'>> {
  const locations = listLocations(region).map((l) => l.location);
  return fc
    .record({
      description: fc.constantFrom('', 'primary', 'reporting copy'),
      version: fc.constantFrom(...VERSION_LIST),
      count: fc.integer({ min: 1, max: 3 }),
      cores: fc.integer({ min: 1, max: 8 }),
      ram: fc.constantFrom(4, 8, 16),
      storageSize: fc.integer({ min: 10, max: 100 }),
      lanId: fc.constantFrom('1', '2'),
      day: fc.constantFrom<DayOfTheWeek>(...DAYS_OF_THE_WEEK),
      time: timeArb,
      strict: fc.boolean(),
      connectionPooler: fc.constantFrom(...CONNECTION_POOLERS),
      logsEnabled: fc.boolean(),
      metricsEnabled: fc.boolean(),
      location: fc.constantFrom(...locations),
      retentionDays: fc.integer({ min: 1, max: 30 }),
    })
    .map((r) => ({
      name,
      description: r.description,
      version: r.version,
      instances: { count: r.count, cores: r.cores, ram: r.ram, storageSize: r.storageSize },
      connection: {
        datacenterId: '5a029f4a-72e5-11ec-90d6-0242ac120003',
        lanId: r.lanId,
        primaryInstanceAddress: '192.168.1.10/24',
      },
      maintenanceWindow: { dayOfTheWeek: r.day, time: r.time },
      // STRICTLY_SYNCHRONOUS needs three instances: only pick it when the count allows.
      replicationMode: r.strict && r.count >= 3 ? 'STRICTLY_SYNCHRONOUS' : 'ASYNCHRONOUS',
      connectionPooler: r.connectionPooler,
      logsEnabled: r.logsEnabled,
      metricsEnabled: r.metricsEnabled,
      backup: { location: r.location, retentionDays: r.retentionDays },
    }));
}

const FIELDS = [
  'description',
  'version',
  'instances',
  'connection',
  'maintenanceWindow',
  'replicationMode',
  'connectionPooler',
  'logsEnabled',
  'metricsEnabled',
  'backup',
] as const;

/**
 * Live properties that drift from `desired` only in ways apply may legally converge: per top-level field either the
 * desired value or the other one, then the version is capped to one that may upgrade to the desired version, the
 * storage never exceeds the desired size, and the backup location is kept unless a replace is wanted.
 */
function driftFrom(
  desired: Omit<DesiredProperties, 'credentials'>,
  other: Omit<DesiredProperties, 'credentials'>,
  take: boolean[],
  replaceWith: string | null,
) {
  const live = structuredClone(desired) as Record<string, unknown>;
  FIELDS.forEach((field, i) => {
    if (take[i]) live[field] = structuredClone((other as Record<string, unknown>)[field]);
  });
  const result = live as unknown as Omit<DesiredProperties, 'credentials'>;
  if (Number(result.version) > Number(desired.version)) result.version = desired.version;
  result.instances.storageSize = Math.min(result.instances.storageSize, desired.instances.storageSize);
  if (result.replicationMode === 'STRICTLY_SYNCHRONOUS' && result.instances.count < 3)
    result.replicationMode = 'ASYNCHRONOUS';
  result.backup = { ...result.backup, location: desired.backup.location };
  if (replaceWith) result.backup.location = replaceWith;
  return result;
}

function clusterCaseArb(region: Region, name: string): fc.Arbitrary<ClusterCase> {
  return fc
    .record({
      desired: readableArb(region, name),
      other: readableArb(region, name),
      take: fc.array(fc.boolean(), { minLength: FIELDS.length, maxLength: FIELDS.length }),
      live: fc.constantFrom<LiveKind>('none', 'match', 'drift', 'drift', 'replace'),
      absent: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
      liveState: fc.constantFrom<ClusterState>(
        'AVAILABLE',
        'AVAILABLE',
        'AVAILABLE',
        'UPDATING',
        'PROVISIONING',
        'FAILED',
        'FAILED',
      ),
      recoversAfterMs: fc.option(fc.integer({ min: 10, max: 150 }), { nil: null }),
    })
    .map((r) => {
      const replace = r.live === 'replace' && !r.absent;
      const live: LiveKind = r.live === 'replace' && !replace ? 'drift' : r.live;
      // Every region offers at least two backup locations, so a replace always has another one to come from.
      const altLocation = listLocations(region).find((l) => l.location !== r.desired.backup.location)!.location;
      const liveProperties =
        live === 'none'
          ? null
          : live === 'match'
            ? structuredClone(r.desired)
            : driftFrom(r.desired, r.other, r.take, replace ? altLocation : null);
      const properties = {
        ...r.desired,
        credentials: { username: 'app_user', database: 'app', password: { fromEnv: PROPERTY_PASSWORD_ENV } },
      };
      const doc = aDesired({
        region,
        name,
        properties,
        policy: { ensure: r.absent ? 'absent' : 'present', preventDestroy: false, allowReplace: replace },
      });
      const recoversAfterMs = r.liveState === 'FAILED' ? r.recoversAfterMs : null;
      return { doc, live, liveProperties, liveState: r.liveState, recoversAfterMs };
    });
}

/** 1–4 documents over 1–3 regions (unique addresses), 0–2 unmanaged clusters, random faults. */
export function scenarioArb(): fc.Arbitrary<Scenario> {
  const regionsArb = fc.uniqueArray(fc.constantFrom(...REGIONS), { minLength: 1, maxLength: 3 });
  return regionsArb.chain((regions) => {
    const slot = fc.tuple(fc.constantFrom(...regions), fc.constantFrom(...NAMES));
    const slots = fc.uniqueArray(slot, {
      minLength: 1,
      maxLength: 4,
      selector: ([region, name]) => `${region}/${name}`,
    });
    return fc.record({
      clusters: slots.chain((pairs) => fc.tuple(...pairs.map(([region, name]) => clusterCaseArb(region, name)))),
      unmanaged: fc
        .uniqueArray(fc.tuple(fc.constantFrom(...regions), fc.constantFrom(...UNMANAGED_NAMES)), {
          maxLength: 2,
          selector: ([region, name]) => `${region}/${name}`,
        })
        .chain((pairs) =>
          fc.tuple(
            ...pairs.map(([region, name]) => readableArb(region, name).map((properties) => ({ region, properties }))),
          ),
        ),
      faults: faultsArb(),
      parallelism: fc.integer({ min: 1, max: 4 }),
      writers: writersArb(),
      seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    });
  });
}

/** Small random 503s, occasional dropped write responses, and (rarely, it costs a second) a Retry-After 1 rate limit. */
function faultsArb(): fc.Arbitrary<FaultConfig> {
  return fc
    .record({
      errorRatio: fc.constantFrom(0, 0.03, 0.06, 0.1),
      drops: fc.constantFrom(0, 0, 1, 2),
      dropMethods: fc.constantFrom(['PUT'], ['DELETE'], ['PUT', 'DELETE']),
      rateLimited: fc.integer({ min: 0, max: 11 }).map((n) => n === 0),
    })
    .map((r) => {
      const faults: FaultConfig = { errorRatio: r.errorRatio, errorStatus: 503 };
      if (r.drops > 0) faults.dropResponses = { methods: [...r.dropMethods], count: r.drops };
      if (r.rateLimited) faults.rateLimit = { requestsPerSecond: 40, burst: 6, retryAfterSeconds: 1 };
      return faults;
    });
}

/** Half the worlds have no other writer; the rest a second applier, console edits at random moments, or both. */
function writersArb(): fc.Arbitrary<OtherWriters> {
  const none: OtherWriters = { secondApplier: null, edits: [] };
  const some = fc.record({
    secondApplier: fc.option(fc.record({ startDelayMs: fc.integer({ min: 0, max: 60 }) }), { nil: null }),
    edits: fc.array(fc.record({ index: fc.nat({ max: 3 }), delayMs: fc.integer({ min: 0, max: 120 }) }), {
      maxLength: 3,
    }),
  });
  return fc.oneof(fc.constant(none), some);
}
