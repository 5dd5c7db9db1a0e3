import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClusterRead, Region } from '../../../src/api/types.js';
import { ComparisonsAhead } from '../../../src/compare/ahead.js';
import { compareFleet } from '../../../src/compare/compare.js';
import type { DesiredCluster } from '../../../src/desired/types.js';
import { aDesired, aLive } from '../../helpers/builders.js';

const ID = (n: number) => `7c1a0000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/**
 * One world with every way a guess made ahead can be wrong: a pinned id whose cluster lives elsewhere, two clusters
 * of one name, a cluster being destroyed under a document's name, a name pinned away by metadata.id, two documents
 * pinning one cluster, and the plain cases (in sync, drifted, absent, unmanaged).
 */
function aWorld(): { docs: DesiredCluster[]; live: Map<Region, ClusterRead[]> } {
  const inSync = aDesired({ name: 'in-sync' });
  const drifted = aDesired({ name: 'drifted' });
  const absent = aDesired({ name: 'gone', policy: { ensure: 'absent', preventDestroy: false, allowReplace: false } });
  const twins = aDesired({ name: 'twins' });
  const destroying = aDesired({ name: 'destroying' });
  const pinnedHere = aDesired({ name: 'pinned', id: ID(5) });
  const pinnedElsewhere = aDesired({ name: 'moved', id: ID(6) });
  const pinnedTwice = aDesired({ name: 'pin-twice', id: ID(1) });
  const docs = [inSync, drifted, absent, twins, destroying, pinnedHere, pinnedElsewhere, pinnedTwice];
  const live = new Map<Region, ClusterRead[]>([
    [
      'de-fra',
      [
        aLive(inSync, ID(1)),
        aLive(drifted, ID(2), { instances: { ...drifted.properties.instances, cores: 8 } }),
        aLive(absent, ID(3)),
        aLive(twins, ID(4)),
        aLive(twins, ID(7)),
        aLive(destroying, ID(8), {}, 'DESTROYING'),
        aLive(pinnedHere, ID(5), { name: 'renamed-live' }),
        aLive(aDesired({ name: 'pinned' }), ID(9)), // has the pinned document's name, but not its id
        aLive(aDesired({ name: 'nobody' }), ID(10)),
      ],
    ],
    ['es-vit', [aLive(aDesired({ name: 'moved', region: 'es-vit' }), ID(6))]],
  ]);
  return { docs, live };
}

/** Compares every listed cluster ahead, in list order, as the plan does while pages arrive. */
function aheadOfAll(docs: readonly DesiredCluster[], live: ReadonlyMap<Region, readonly ClusterRead[]>) {
  const ahead = new ComparisonsAhead(docs);
  for (const [region, clusters] of live) ahead.addPage(region, clusters);
  return ahead;
}

describe('comparisons made ahead (while pages arrive)', () => {
  it('give the same comparison as none made ahead, whichever guesses do not hold', () => {
    const { docs, live } = aWorld();
    const without = compareFleet(docs, live, { listUnmanaged: true });
    const withAhead = compareFleet(docs, live, { listUnmanaged: true }, aheadOfAll(docs, live));
    expect(withAhead).toEqual(without);
    // The world has what it says: refusals and unbound documents among the bound ones.
    expect(new Set(without.comparisons.map((c) => c.binding.kind))).toEqual(new Set(['bound', 'error', 'absent']));
  });

  it('are the comparison used where the binding is the one guessed, and made afresh where it is not', () => {
    const { docs, live } = aWorld();
    const ahead = aheadOfAll(docs, live);
    const { comparisons } = compareFleet(docs, live, { listUnmanaged: false }, ahead);
    const byName = new Map(comparisons.map((c) => [c.doc.name, c]));
    for (const name of ['in-sync', 'drifted', 'gone', 'pinned']) {
      const made = byName.get(name)!;
      expect(made.binding.kind).toBe('bound');
      if (made.binding.kind === 'bound') expect(ahead.take(made.doc, made.binding.cluster)).toBe(made);
    }
    // Two clusters named "twins": compared ahead with the last one listed, but the binding is a refusal.
    expect(byName.get('twins')!.binding.kind).toBe('error');
    expect(byName.get('drifted')!.fields.map((f) => f.path)).toEqual(['instances.cores']);
  });

  it('take nothing for another cluster of the same document, nor for a document never compared', () => {
    const doc = aDesired({ name: 'in-sync' });
    const listed = aLive(doc, ID(1));
    const ahead = new ComparisonsAhead([doc]);
    ahead.addPage('de-fra', [listed]);
    expect(ahead.take(doc, listed)).toBeDefined();
    expect(ahead.take(doc, aLive(doc, ID(1)))).toBeUndefined(); // equal, but not the cluster compared
    expect(ahead.take(aDesired({ name: 'in-sync' }), listed)).toBeUndefined();
  });

  it('compare nothing in another region than the document’s, and nothing being destroyed', () => {
    const doc = aDesired({ name: 'a', id: ID(1) });
    const ahead = new ComparisonsAhead([doc]);
    const elsewhere = aLive(aDesired({ name: 'a', region: 'es-vit' }), ID(1));
    const destroying = aLive(doc, ID(1), {}, 'DESTROYING');
    ahead.addPage('es-vit', [elsewhere]);
    ahead.addPage('de-fra', [destroying]);
    expect(ahead.take(doc, elsewhere)).toBeUndefined();
    expect(ahead.take(doc, destroying)).toBeUndefined();
  });

  it('match a pinned id whatever its case (UUIDs compare case-insensitively, as binding does)', () => {
    const doc = aDesired({ name: 'a', id: ID(1).toUpperCase() });
    const listed = aLive(doc, ID(1));
    const ahead = new ComparisonsAhead([doc]);
    ahead.addPage('de-fra', [listed]);
    expect(ahead.take(doc, listed)).toBeDefined();
    expect(compareFleet([doc], new Map([['de-fra', [listed]]]), { listUnmanaged: false }, ahead).comparisons[0]).toBe(
      ahead.take(doc, listed),
    );
  });

  it('are found by the position compareFleet passes, and only for the document at that position', () => {
    const { docs, live } = aWorld();
    const ahead = aheadOfAll(docs, live);
    expect(ahead.indexFor(live)).toBeDefined();
    const at = docs.findIndex((doc) => doc.name === 'in-sync');
    const other = docs.findIndex((doc) => doc.name === 'drifted');
    const made = ahead.settled(docs[at]!, at);
    expect(made?.doc).toBe(docs[at]);
    expect(ahead.settled(docs[at]!)).toBe(made); // no position: the same one
    expect(ahead.settled(docs[at]!, other)).toBe(made); // another document's position: still its own
    expect(ahead.settled(aDesired({ name: 'in-sync' }), at)).toBeUndefined(); // not a document it was made with
    // Documents compared in another order than they were made with: the same comparison as none made ahead.
    const reversed = [...docs].reverse();
    const withAhead = compareFleet(reversed, live, { listUnmanaged: true }, aheadOfAll(docs, live));
    expect(withAhead).toEqual(compareFleet(reversed, live, { listUnmanaged: true }));
  });

  it('settle a binding only where the complete lists give it: one cluster of the name, or the pinned id', () => {
    const { docs, live } = aWorld();
    const ahead = aheadOfAll(docs, live);
    const index = ahead.indexFor(live);
    expect(index).toBeDefined();
    const settled = new Set(docs.filter((doc) => ahead.settled(doc) !== undefined).map((doc) => doc.name));
    // twins: two clusters of its name; destroying: only a cluster being destroyed; moved: its id lives elsewhere.
    expect(settled).toEqual(new Set(['in-sync', 'drifted', 'gone', 'pinned', 'pin-twice']));
    // pin-twice pins the cluster in-sync binds by name: settled, and still refused as the second to bind it.
    const { comparisons } = compareFleet(docs, live, { listUnmanaged: true }, ahead);
    expect(comparisons.find((c) => c.doc.name === 'pin-twice')!.binding.kind).toBe('error');
  });

  it('settle nothing once the pages are not the start of the lists, or an id is listed twice', () => {
    const { docs, live } = aWorld();
    const without = compareFleet(docs, live, { listUnmanaged: true });
    const discarded = new ComparisonsAhead(docs); // a page that a listing then threw away (asked again smaller)
    discarded.addPage(
      'de-fra',
      live
        .get('de-fra')!
        .slice(0, 3)
        .map((cluster) => ({ ...cluster })),
    );
    expect(discarded.indexFor(live)).toBeUndefined();
    expect(docs.some((doc) => discarded.settled(doc) !== undefined)).toBe(false);
    expect(compareFleet(docs, live, { listUnmanaged: true }, discarded)).toEqual(without);

    const twice = new Map(live);
    twice.set('es-vit', [...live.get('es-vit')!, { ...live.get('de-fra')![0]!, id: ID(1).toUpperCase() }]);
    const repeated = aheadOfAll(docs, twice);
    expect(repeated.indexFor(twice)).toBeUndefined();
    expect(compareFleet(docs, twice, { listUnmanaged: true }, repeated)).toEqual(
      compareFleet(docs, twice, { listUnmanaged: true }),
    );
  });

  it('settle nothing once a page was cut short by a throw, and leave its rest to compareFleet', () => {
    const { docs, live } = aWorld();
    const without = compareFleet(docs, live, { listUnmanaged: true });
    const ahead = new ComparisonsAhead(docs);
    let made = 0;
    const throwing = () => {
      if (++made === 2) throw new Error('a decision that failed');
    };
    expect(() => ahead.addPage('de-fra', live.get('de-fra')!, throwing)).toThrow('a decision that failed');
    ahead.addPage('es-vit', live.get('es-vit')!); // the work ahead stops at a throw; were it to go on, still nothing
    expect(ahead.indexFor(live)).toBeUndefined();
    expect(docs.some((doc) => ahead.settled(doc) !== undefined)).toBe(false);
    expect(compareFleet(docs, live, { listUnmanaged: true }, ahead)).toEqual(without);
  });

  it('give the same comparison however the lists come in pages, interleaved, and however far the work got', () => {
    const { docs, live } = aWorld();
    const without = compareFleet(docs, live, { listUnmanaged: true });
    const lists = [...live];
    const cuts = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 10 });
    fc.assert(
      fc.property(cuts, fc.array(fc.nat(1), { maxLength: 20 }), fc.nat(20), (sizes, picks, stopAfter) => {
        // Each region's list cut into pages of the given sizes; pages taken from the regions in the picked order.
        const queues = lists.map(([region, clusters]) => ({ region, pages: pagesOf(clusters, sizes) }));
        const ahead = new ComparisonsAhead(docs);
        let done = 0;
        for (let k = 0; done < stopAfter; k++) {
          const waiting = queues.filter((q) => q.pages.length > 0);
          if (waiting.length === 0) break;
          const queue = waiting[(picks[k] ?? 0) % waiting.length]!;
          ahead.addPage(queue.region, queue.pages.shift()!);
          done++;
        }
        expect(compareFleet(docs, live, { listUnmanaged: true }, ahead)).toEqual(without);
      }),
      { numRuns: 300 },
    );
  });
});

function pagesOf<T>(items: readonly T[], sizes: readonly number[]): T[][] {
  const pages: T[][] = [];
  for (let i = 0, k = 0; i < items.length; k++) {
    const size = sizes[k % sizes.length]!;
    pages.push(items.slice(i, i + size));
    i += size;
  }
  return pages;
}
