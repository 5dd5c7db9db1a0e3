import { stat } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ClusterRead } from '../../../src/api/types.js';
import { WorkAhead } from '../../../src/cli/work-ahead.js';
import { ComparisonsAhead } from '../../../src/compare/ahead.js';
import { aDesired, aLive } from '../../helpers/builders.js';

const docs = ['a', 'b', 'c'].map((name) => aDesired({ name }));
const pages = docs.map((doc, i) => [aLive(doc, `7c1a0000-0000-4000-8000-00000000000${i}`)]);

/** An idle clock the test moves, and a clock that says each page took `msPerPage`. */
function clocks(msPerPage = 1) {
  const idle = { ms: 0 };
  let t = 0;
  let calls = 0;
  const now = () => {
    calls++;
    if (calls % 2 === 0) t += msPerPage; // every second reading ends a page
    return t;
  };
  return { idle, idleMs: () => idle.ms, now };
}

function setUp(msPerPage = 1) {
  const ahead = new ComparisonsAhead(docs);
  const c = clocks(msPerPage);
  const work = new WorkAhead({ comparisons: ahead }, c.idleMs);
  const madeFor = (i: number) => ahead.take(docs[i]!, pages[i]![0]!);
  return { ahead, work, madeFor, ...c };
}

describe('WorkAhead: the work on listed clusters done while the server is awaited', () => {
  it('does nothing while the event loop has not been idle (a server that keeps it busy)', () => {
    const { work, madeFor, now } = setUp();
    for (const page of pages) work.queue('de-fra', page);
    expect(work.work(now)).toBe(0);
    expect(madeFor(0)).toBeUndefined();
    expect(work.shaped(pages[0]![0]!)).toBe(false);
  });

  it('does pages while the idle time since the last turn pays for them, a slice of ~0.5 ms a turn', () => {
    const { work, madeFor, idle, now } = setUp(0.2);
    const four = [...pages, [aLive(aDesired({ name: 'd' }), '7c1a0000-0000-4000-8000-000000000009')]];
    for (const page of four) work.queue('de-fra', page);
    idle.ms += 5;
    expect(work.work(now)).toBe(3); // 0.6 ms spent: the fourth page waits for the next turn
    expect(madeFor(0)).toBeDefined();
    expect(madeFor(2)).toBeDefined();
    expect(work.shaped(four[3]![0]!)).toBe(false);
    expect(work.work(now)).toBe(1); // the credit left pays for it
    expect(work.shaped(four[3]![0]!)).toBe(true);
  });

  it('works while idle time is owed, and not in debt', () => {
    const { work, madeFor, idle, now } = setUp(3);
    for (const page of pages) work.queue('de-fra', page);
    idle.ms += 5;
    expect(work.work(now)).toBe(1);
    expect(work.work(now)).toBe(1); // 2 ms of credit left: one more page (the credit goes below zero)
    expect(madeFor(1)).toBeDefined();
    expect(work.work(now)).toBe(0); // in debt: no idle time since
    idle.ms += 10;
    expect(work.work(now)).toBe(1);
    expect(madeFor(2)).toBeDefined();
    expect(work.shaped(pages[2]![0]!)).toBe(true);
  });

  it('saves up at most 20 ms of idle time: a long wait early does not license a long stall later', () => {
    const { work, idle, now } = setUp(10);
    idle.ms += 1000;
    expect(work.work(now)).toBe(0); // nothing queued yet
    for (const page of pages) work.queue('de-fra', page);
    expect(work.work(now) + work.work(now) + work.work(now)).toBe(2); // 20 ms: two pages of 10 ms, not all three
  });

  it('leaves a page with a cluster of the wrong shape to checkLiveShape, and does no more work ahead', () => {
    const { ahead, work, idle, now } = setUp();
    const broken = { ...pages[1]![0]!, properties: 'nope' } as unknown as ClusterRead;
    work.queue('de-fra', [pages[0]![0]!, broken]);
    work.queue('de-fra', pages[2]!);
    idle.ms += 5;
    work.work(now);
    expect(work.shaped(broken)).toBe(false);
    expect(work.shaped(pages[0]![0]!)).toBe(false);
    expect(ahead.take(docs[0]!, pages[0]![0]!)).toBeUndefined();
    expect(ahead.take(docs[2]!, pages[2]![0]!)).toBeUndefined(); // the plan fails at checkLiveShape anyway
  });

  it('ends quietly when the work throws, and takes no page after stop()', () => {
    const ahead = new ComparisonsAhead(docs);
    const c = clocks();
    const throwing = Object.assign(ahead, {
      addPage: () => {
        throw new Error('boom');
      },
    });
    const work = new WorkAhead({ comparisons: throwing }, c.idleMs);
    work.queue('de-fra', pages[0]!);
    work.queue('de-fra', pages[1]!);
    c.idle.ms += 10;
    expect(() => work.work(c.now)).not.toThrow();
    expect(work.work(c.now)).toBe(0);

    const other = setUp();
    other.work.stop();
    other.work.queue('de-fra', pages[0]!);
    other.idle.ms += 10;
    expect(other.work.work(other.now)).toBe(0);
  });

  it('does its turn in a later timers phase, not inside onPage nor among the Immediates queued with it', async () => {
    const { work, madeFor, idle } = setUp();
    idle.ms += 10;
    // As in a plan: the page is queued from an I/O callback, and undici then queues the next request's write as an
    // Immediate, which must come first.
    const beforeWrite = await new Promise<boolean>((resolve) =>
      stat('.', () => {
        work.queue('de-fra', pages[0]!);
        const inside = madeFor(0) === undefined;
        setImmediate(() => resolve(inside && madeFor(0) === undefined));
      }),
    );
    expect(beforeWrite).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(madeFor(0)).toBeDefined();
  });
});
