import type { Plan } from '../../../src/plan/types.js';
import { aCreate, aDelete, aNoop, anUnmanaged, anUpdate, aPlan, aReplace } from './plan-builders.js';

const REPLACE_REASON = 'backup.location is immutable: changing it forces a replace (delete, then create)';

/** One plan per fixture directory under test/fixtures/render/. */
export const SCENARIOS: Record<string, Plan> = {
  'all-creates': aPlan([
    aCreate('de-fra/orders-prod', {
      after: {
        description: 'Orders service',
        instances: { count: 3, cores: 4, ram: 16, storageSize: 100 },
        replicationMode: 'STRICTLY_SYNCHRONOUS',
        connectionPooler: 'TRANSACTION',
        backup: { location: 'eu-central-3', retentionDays: 14 },
        credentials: { username: 'orders_admin', database: 'orders', password: { fromEnv: 'ORDERS_PG_PASSWORD' } },
      },
    }),
    aCreate('de-txl/analytics', {
      after: {
        description: '',
        connectionPooler: 'DISABLED',
        logsEnabled: false,
        metricsEnabled: false,
        credentials: {
          username: 'analyst',
          database: 'warehouse',
          password: { fromFile: '/run/secrets/analytics-pg' },
        },
      },
      defaulted: ['/description', '/connectionPooler', '/logsEnabled', '/metricsEnabled'],
    }),
    aCreate('es-vit/restored', {
      after: {
        restoreFromBackup: {
          sourceBackupId: 'c0ffee00-0000-4000-a000-000000000001',
          recoveryTargetDatetime: '2025-01-31T23:00:00Z',
        },
      },
    }),
  ]),
  'update-with-defaults': aPlan([
    anUpdate('de-fra/orders-prod', {
      before: { connectionPooler: 'TRANSACTION', description: 'set in the console' },
      after: { connectionPooler: 'DISABLED', description: '' },
      defaulted: ['/description', '/connectionPooler'],
    }),
    anUpdate('de-fra/payments', {
      before: { instances: { count: 1, cores: 2, ram: 4, storageSize: 20 } },
      after: { instances: { count: 3, cores: 4, ram: 4, storageSize: 50 }, replicationMode: 'ASYNCHRONOUS' },
    }),
    anUpdate('fr-par/search', {
      before: { maintenanceWindow: { dayOfTheWeek: 'Monday', time: '01:00:00' } },
      reasons: ['credentials rotation requested (--rotate-credentials): the credentials are re-sent'],
    }),
    aNoop('de-fra/catalog'),
    aNoop('fr-par/sessions'),
  ]),
  'replace-and-delete': aPlan(
    [
      aDelete('de-fra/old-reports'),
      aReplace('de-fra/billing', {
        before: { backup: { location: 'de', retentionDays: 7 } },
        after: { backup: { location: 'eu-central-3', retentionDays: 7 } },
        reasons: [REPLACE_REASON],
      }),
      aCreate('gb-lhr/new-service'),
      anUpdate('gb-lhr/inventory', { before: { metricsEnabled: false } }),
      aNoop('de-fra/catalog'),
    ],
    [anUnmanaged('de-fra/legacy-crm')],
  ),
  'no-changes': aPlan([aNoop('de-fra/catalog'), aNoop('de-txl/decommissioned', { gone: true }), aNoop('us-las/edge')]),
  'unmanaged-only': aPlan(
    [],
    [
      anUnmanaged('de-fra/legacy-crm'),
      anUnmanaged('gb-bhx/scratch', { state: 'FAILED' }),
      anUnmanaged('us-ewr/migrating', { state: null, lastModifiedBy: null, lastModifiedDate: null }),
    ],
  ),
  'hostile-user-data': aPlan(
    [
      aCreate('de-fra/web', {
        after: {
          description:
            'a | b <script>alert(1)</script> `x` *y* [z](http://e.x) \u001b[31mred\n@team @org/db-admins #42 bob@example.com ~~s~~ \\',
        },
      }),
    ],
    [anUnmanaged('de-fra/we|rd<name>`')],
  ),
};
