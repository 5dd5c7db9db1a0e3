import { describe, expect, it } from 'vitest';
import type { ApplyEvent } from '../../../src/apply/events.js';
import { type ApplyProgressOptions, createApplyProgress, isVerboseLevel } from '../../../src/cli/apply-progress.js';
import { formatElapsed } from '../../../src/cli/progress.js';
import type { Change } from '../../../src/plan/types.js';

/** Just what the reporter reads of a change: its action and the state plan saw. */
function changes(...specs: [Change['action'], string | null][]): Change[] {
  return specs.map(([action, state]) => ({ action, live: state === null ? null : { state } })) as unknown as Change[];
}

/** A clock the test moves; the reporter's 1 s ticker fires once per simulated second, as setInterval would. */
function fakeWorld(options: Partial<ApplyProgressOptions> = {}, size = { columns: 60, rows: 10 }) {
  let now = 1_000_000;
  let tick: (() => void) | undefined;
  let output = '';
  const clock = {
    now: () => now,
    every: (_ms: number, fn: () => void) => {
      tick = fn;
      return () => {
        tick = undefined;
      };
    },
  };
  const out = { write: (text: string) => (output += text), ...size };
  return {
    start: (planned: Change[]) => createApplyProgress(planned, { out, clock, live: false, verbose: false, ...options }),
    advance(ms: number) {
      for (let t = 0; t < ms; t += 1000) {
        now += 1000;
        tick?.();
      }
    },
    lines: () => output.split('\n').filter((line) => line !== ''),
    raw: () => output,
    ticking: () => tick !== undefined,
  };
}

const A = 'de-fra/orders';
const B = 'de-fra/billing';
const started = (address: string, action: Change['action'] = 'create'): ApplyEvent => ({
  type: 'started',
  address,
  action,
});
const state = (address: string, s: string | null, phase: 'before-write' | 'after-write' = 'after-write'): ApplyEvent =>
  ({ type: 'waiting', address, phase, state: s }) as ApplyEvent;
const put = (address: string): ApplyEvent => ({ type: 'write', address, method: 'PUT', id: 'f00-id' });
const done = (address: string, action: Change['action'], elapsedMs: number): ApplyEvent => ({
  type: 'succeeded',
  address,
  action,
  elapsedMs,
});

describe('apply progress in plain lines (CI, files, pipes)', () => {
  it('counts finished changes on every line, prints each state once, and no raw requests', () => {
    const world = fakeWorld();
    const progress = world.start(changes(['create', null], ['update', 'AVAILABLE'], ['noop', 'AVAILABLE']));
    for (const event of [
      started(A),
      put(A),
      state(A, null),
      state(A, 'PROVISIONING'),
      state(A, 'PROVISIONING'),
      started(B, 'update'),
      put(B),
      state(B, 'UPDATING'),
      state(A, 'AVAILABLE'),
      done(A, 'create', 83_000),
      state(B, 'AVAILABLE'),
      done(B, 'update', 41_000),
    ])
      progress.onEvent(event);
    progress.stop();
    expect(world.lines()).toEqual([
      '[0/2] de-fra/orders: creating...',
      '[0/2] de-fra/orders: PROVISIONING',
      '[0/2] de-fra/billing: updating...',
      '[0/2] de-fra/billing: UPDATING',
      '[1/2] de-fra/orders: created, AVAILABLE after 1m23s',
      '[2/2] de-fra/billing: updated, AVAILABLE after 41s',
    ]);
    expect(world.raw()).not.toMatch(/PUT|\/clusters\//);
    expect(world.ticking()).toBe(false);
  });

  it('shows the requests with --log-level info or lower', () => {
    const world = fakeWorld({ verbose: true });
    const progress = world.start(changes(['create', null]));
    progress.onEvent(started(A));
    progress.onEvent(put(A));
    progress.onEvent({ type: 'write', address: A, method: 'POST', id: 'f00-id' });
    expect(world.lines()).toEqual([
      '[0/1] de-fra/orders: creating...',
      '[0/1] de-fra/orders: PUT /clusters/f00-id',
      '[0/1] de-fra/orders: POST /clusters', // the server chooses the id of a POSTed cluster
    ]);
    expect(['info', 'debug', 'trace'].map(isVerboseLevel)).toEqual([true, true, true]);
    expect(['warn', 'error', 'silent', undefined].map(isVerboseLevel)).toEqual([false, false, false, false]);
  });

  it('sends a heartbeat for a quiet cluster after 30 s, then after twice as long each time, up to 5 minutes', () => {
    const world = fakeWorld();
    const progress = world.start(changes(['create', null]));
    progress.onEvent(started(A));
    world.advance(2000);
    progress.onEvent(state(A, 'PROVISIONING'));
    world.advance(13 * 60_000);
    const heartbeats = world.lines().filter((line) => line.includes('still'));
    expect(heartbeats).toEqual([
      '[0/1] de-fra/orders: still PROVISIONING after 30s',
      '[0/1] de-fra/orders: still PROVISIONING after 1m30s',
      '[0/1] de-fra/orders: still PROVISIONING after 3m30s',
      '[0/1] de-fra/orders: still PROVISIONING after 7m30s',
      '[0/1] de-fra/orders: still PROVISIONING after 12m', // 7m30s + the 5-minute cap: 12m30s, shown calmly
    ]);
  });

  it('starts the heartbeat afresh on a new state, and says what is being done before any state is seen', () => {
    const world = fakeWorld();
    const progress = world.start(changes(['update', 'UPDATING']));
    progress.onEvent(started(A, 'update'));
    progress.onEvent(state(A, null, 'before-write'));
    world.advance(30_000);
    progress.onEvent(state(A, 'UPDATING'));
    world.advance(29_000);
    expect(world.lines().slice(-1)[0]).toBe('[0/1] de-fra/orders: UPDATING');
    world.advance(1000);
    expect(world.lines()).toEqual([
      '[0/1] de-fra/orders: updating...',
      '[0/1] de-fra/orders: busy, waiting for AVAILABLE before writing',
      '[0/1] de-fra/orders: still updating after 30s',
      '[0/1] de-fra/orders: UPDATING',
      '[0/1] de-fra/orders: still UPDATING after 30s',
    ]);
  });

  it('prints an AVAILABLE that does not end the change (a busy cluster, then the write)', () => {
    const world = fakeWorld();
    const progress = world.start(changes(['update', 'UPDATING']));
    progress.onEvent(started(A, 'update'));
    progress.onEvent(state(A, 'UPDATING'));
    progress.onEvent(state(A, 'AVAILABLE'));
    progress.onEvent(put(A));
    progress.onEvent(state(A, 'UPDATING'));
    expect(world.lines().slice(1)).toEqual([
      '[0/1] de-fra/orders: UPDATING',
      '[0/1] de-fra/orders: AVAILABLE',
      '[0/1] de-fra/orders: UPDATING',
    ]);
  });

  it('counts failures as finished, and a change the plan did not count into the total', () => {
    const world = fakeWorld();
    const progress = world.start(changes(['delete', 'AVAILABLE'], ['noop', 'AVAILABLE']));
    progress.onEvent(started(A, 'delete'));
    progress.onEvent(state(A, 'DESTROYING'));
    progress.onEvent(state(A, 'GONE'));
    progress.onEvent(done(A, 'delete', 5000));
    progress.onEvent(started(B, 'noop'));
    progress.onEvent({ type: 'failed', address: B, action: 'noop', message: 'cluster x is FAILED: disk' });
    expect(world.lines()).toEqual([
      '[0/1] de-fra/orders: deleting...',
      '[0/1] de-fra/orders: DESTROYING',
      '[1/1] de-fra/orders: deleted, gone after 5.0s',
      '[1/2] de-fra/billing: waiting for an earlier change...',
      '[2/2] de-fra/billing: noop FAILED: cluster x is FAILED: disk',
    ]);
  });

  it('says when a change was found already in place, and counts a refused (stale) change as finished', () => {
    const world = fakeWorld();
    const progress = world.start(changes(['create', null], ['update', 'AVAILABLE'], ['noop', 'FAILED']));
    progress.onEvent(started(A));
    progress.onEvent({ type: 'landed', address: A, id: 'f00-id', by: 'bob@example.com', at: '2026-01-01T00:00:00Z' });
    progress.onEvent(state(A, 'AVAILABLE'));
    progress.onEvent(done(A, 'create', 1500));
    progress.onEvent(started(B, 'update'));
    progress.onEvent({ type: 'stale', address: B, action: 'update', reason: 'changed by alice since the plan' });
    expect(world.lines()).toEqual([
      '[0/3] de-fra/orders: creating...',
      '[0/3] de-fra/orders: already in place (last modified by bob@example.com at 2026-01-01T00:00:00Z); not sent again',
      '[1/3] de-fra/orders: already as planned, AVAILABLE after 1.5s',
      '[1/3] de-fra/billing: updating...',
      '[2/3] de-fra/billing: update REFUSED: changed by alice since the plan',
    ]);
  });
});

describe('apply progress on a terminal (a live status block)', () => {
  const ESC = '\x1b';

  it('keeps the lines above a block with the count and each cluster in progress, redrawn every second', () => {
    const world = fakeWorld({ live: true });
    const progress = world.start(changes(['create', null], ['create', null]));
    progress.onEvent(started(A));
    progress.onEvent(started(B));
    progress.onEvent(state(A, 'PROVISIONING'));
    world.advance(65_000);
    const redraws = world.raw().split(`${ESC}[3A\r${ESC}[J`);
    expect(redraws.length).toBeGreaterThan(60); // once a second, each time moving up over the 3 lines drawn
    expect(redraws.slice(-1)[0]).toBe(
      [
        '[0/2] 0 finished, 2 in progress, 1m05s elapsed',
        '  de-fra/billing  creating      1m05s',
        '  de-fra/orders   PROVISIONING  1m05s',
        '',
      ].join('\n'),
    );
    expect(world.raw()).not.toContain('still'); // the block shows how long; no heartbeat lines
    progress.print('SIGINT: starting no new writes');
    expect(world.raw()).toMatch(/\[J\[0\/2\] de-fra\/orders: PROVISIONING\n/);
    expect(world.raw()).toMatch(/\[JSIGINT: starting no new writes\n\[0\/2\] 0 finished/);
    progress.stop();
    expect(world.raw().endsWith(`${ESC}[3A\r${ESC}[J`)).toBe(true);
  });

  it('counts failed and refused changes in the head of the block', () => {
    const world = fakeWorld({ live: true }, { columns: 100, rows: 24 });
    const progress = world.start(changes(['update', 'AVAILABLE'], ['update', 'AVAILABLE'], ['create', null]));
    progress.onEvent(started(A, 'update'));
    progress.onEvent({ type: 'failed', address: A, action: 'update', message: 'boom' });
    progress.onEvent(started(B, 'update'));
    progress.onEvent({ type: 'stale', address: B, action: 'update', reason: 'edited by alice' });
    expect(world.raw().split(`${ESC}[J`).at(-1)).toMatch(
      /^.*\n\[2\/3\] 2 finished \(1 failed, 1 refused\), 0 in progress, 0\.0s elapsed\n$/,
    );
  });

  it('never wraps a line and counts the clusters that do not fit', () => {
    const world = fakeWorld({ live: true });
    const many = Array.from({ length: 9 }, (_, i) => `de-fra/cluster-with-a-long-name-${i}`);
    const progress = world.start(changes(...many.map(() => ['create', null] as [Change['action'], null])));
    for (const address of many) progress.onEvent(started(address));
    const block = world.raw().split(`${ESC}[J`).slice(-1)[0]!.split('\n').slice(-8, -1);
    // 10 rows leave room for 6 lines of clusters: 5 of them and "… and 4 more".
    expect(block[0]).toBe('[0/9] 0 finished, 9 in progress, 0.0s elapsed');
    expect(block.slice(-1)[0]).toBe('  … and 4 more');
    for (const line of block) expect([...line].length).toBeLessThanOrEqual(59);
  });

  it('assumes 80x24 on a terminal that reports no size (0x0)', () => {
    const world = fakeWorld({ live: true }, { columns: 0, rows: 0 });
    const progress = world.start(changes(['create', null]));
    progress.onEvent(started('de-fra/a-name-that-is-longer-than-ten-characters'));
    expect(world.raw()).toContain('\n  de-fra/a-name-that-is-longer-than-ten-characters  creating  0.0s\n');
  });
});

describe('formatElapsed', () => {
  it.each([
    [400, '0.4s'],
    [9_950, '9.9s'],
    [12_300, '12s'],
    [60_000, '1m'],
    [245_000, '4m05s'],
    [12 * 60_000 + 20_000, '12m'],
    [62 * 60_000, '1h02m'],
  ])('%i ms is %s', (ms, text) => {
    expect(formatElapsed(ms)).toBe(text);
  });
});
