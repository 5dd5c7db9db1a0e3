/** Latency per kind of request (issue 8), on top of the global latency. */
import { afterEach, describe, expect, it } from 'vitest';
import { FaultInjector } from '../../../src/emulator/faults.js';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/index.js';
import { admin, call, ID1, putCluster, TOKEN } from './helpers.js';

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

const list = { method: 'GET', region: 'de-fra' as const, path: '/clusters' };
const item = { method: 'GET', region: 'de-fra' as const, path: `/clusters/${ID1}` };
const put = { method: 'PUT', region: 'de-fra' as const, path: `/clusters/${ID1}` };

describe('latency rules', () => {
  it('add the latency of every matching rule of the phase; after also adds the global latency', () => {
    const faults = new FaultInjector(Date.now, Math.random);
    faults.configure({
      latencyMs: 5,
      latencyRules: [
        { method: 'GET', latencyMs: 10 },
        { method: 'GET', path: '/clusters', latencyMs: 100 },
        { method: 'PUT', path: '/clusters/{id}', latencyMs: 400, phase: 'before' },
        { region: 'de-txl', latencyMs: 1000 },
      ],
    });
    expect(faults.latencyFor(list, 'after')).toBe(115);
    expect(faults.latencyFor(item, 'after')).toBe(15);
    expect(faults.latencyFor(put, 'after')).toBe(5);
    expect(faults.latencyFor(put, 'before')).toBe(400);
    expect(faults.latencyFor(item, 'before')).toBe(0);
    expect(faults.latencyFor(undefined, 'after')).toBe(5);
  });

  it('delay the answer (after) or the handling itself (before) of matching requests', async () => {
    const elapsed: Record<string, number> = {};
    emu = await startEmulator({
      token: TOKEN,
      provisioningDelayMs: 10,
      faults: {
        latencyRules: [
          { method: 'GET', path: '/clusters', latencyMs: 80 },
          { method: 'PUT', latencyMs: 60, phase: 'before' },
        ],
      },
      onRequest: (r, ms) => {
        elapsed[`${r.method} ${r.path}`] = ms;
      },
    });
    await call(emu, 'GET', '/de-fra/clusters');
    expect(elapsed['GET /de-fra/clusters']).toBeGreaterThanOrEqual(79);
    const created = await putCluster(emu, 'de-fra', ID1);
    // Handled 60 ms after it arrived: the cluster's creation time is at least that much after the arrival.
    const arrived = emu.requests.find((r) => r.method === 'PUT')!.at;
    expect(Date.parse(created.body.metadata.createdDate)).toBeGreaterThanOrEqual(Math.floor(arrived) + 59);
  });

  it('are checked like every fault, also through PUT /_emulator/faults', async () => {
    emu = await startEmulator();
    const bad = await admin(emu, 'PUT', 'faults', {
      latencyRules: [{ method: 'G E T', latencyMs: -1, path: 'clusters', phase: 'during', extra: 1 }],
    });
    expect(bad.body.messages.map((m: { message: string }) => m.message.split(':')[0])).toEqual([
      'latencyRules[0].method',
      'latencyRules[0].path',
      'latencyRules[0].latencyMs',
      'latencyRules[0].phase',
      'latencyRules[0].extra',
    ]);
    const ok = await admin(emu, 'PUT', 'faults', { latencyRules: [{ path: '/clusters/{id}', latencyMs: 5 }] });
    expect(ok.status).toBe(200);
    expect(() => emu!.setFaults({ latencyRules: 'slow' as never })).toThrow(/latencyRules/);
  });
});
