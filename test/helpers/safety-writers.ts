import type { RecordedRequest } from '../../src/emulator/index.js';

/** A change some other writer made to a cluster, placed in the emulator's request order. */
export interface ForeignChange {
  clusterId: string;
  /** The change happened after request #afterSeq (and before the next one). */
  afterSeq: number;
  by: string;
}

/** One applier's view: its requests (by User-Agent) and the last request before its apply started. */
export interface ApplierView {
  name: string;
  requests: RecordedRequest[];
  planEndSeq: number;
}

const LANDED = (r: RecordedRequest) =>
  (r.method === 'PUT' && (r.status === 0 || r.status === 200 || r.status === 201)) ||
  (r.method === 'DELETE' && (r.status === 0 || r.status === 202));

const idOf = (r: RecordedRequest) => r.path.split('/').pop() ?? '';

/** Writes of an applier that took effect (answered 2xx, or applied with the response dropped). */
export function landedWrites(view: ApplierView): RecordedRequest[] {
  return view.requests.filter(LANDED);
}

/** The other writers' changes as one applier sees them: console edits, and the other appliers' landed writes. */
export function foreignChanges(others: readonly ApplierView[], edits: readonly ForeignChange[]): ForeignChange[] {
  const theirs = others.flatMap((o) =>
    landedWrites(o).map((r) => ({ clusterId: idOf(r), afterSeq: r.seq, by: o.name })),
  );
  return [...edits, ...theirs];
}

/**
 * No write of an unreviewed state (issue 8): an applier may write a cluster only if its last read of that cluster
 * before the write came before every change another writer made to it since the plan. A change between that read
 * and the write is the remaining race window (counted, not a violation). Returns the violations and the window hits.
 */
export function checkNoUnreviewedWrites(
  view: ApplierView,
  foreign: readonly ForeignChange[],
): { violations: string[]; windowHits: number } {
  const violations: string[] = [];
  let windowHits = 0;
  for (const write of landedWrites(view)) {
    const id = idOf(write);
    const read = [...view.requests].reverse().find((r) => r.method === 'GET' && r.seq < write.seq && idOf(r) === id);
    for (const change of foreign) {
      if (change.clusterId !== id || change.afterSeq <= view.planEndSeq || change.afterSeq >= write.seq) continue;
      if (read === undefined || change.afterSeq < read.seq) {
        violations.push(
          `${view.name}: ${write.method} ${write.path} (#${write.seq}) after reading it at #${read?.seq ?? 'never'}, which already showed ${change.by}'s change at #${change.afterSeq}`,
        );
      } else windowHits += 1;
    }
  }
  return { violations, windowHits };
}
