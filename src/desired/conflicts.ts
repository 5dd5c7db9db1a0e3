import type { SpecIssue } from '../errors.js';
import { pointerToDotted } from '../model/pointer.js';
import type { DefaultsLayer } from './defaults-doc.js';
import type { DefaultsConflict } from './merge.js';

/** How many cluster addresses a conflict message names before it says "and N more". */
const NAMED_CLUSTERS = 3;

/**
 * Defaults conflicts collected over the fleet: one entry per field and pair of Defaults, with the clusters it hits,
 * so two Defaults that overlap on 500 clusters make two issues, not a thousand.
 */
export class ConflictList {
  readonly #entries = new Map<string, { pointer: string; a: DefaultsLayer; b: DefaultsLayer; clusters: string[] }>();

  /** Records the conflicts found for one cluster. */
  add(conflicts: readonly DefaultsConflict[], address: string): void {
    for (const { pointer, layers } of conflicts) {
      for (let i = 0; i < layers.length; i++) {
        for (let j = i + 1; j < layers.length; j++) {
          const a = layers[i]!;
          const b = layers[j]!;
          const key = `${pointer}\0${formatPos(a.positionOf(pointer))}\0${formatPos(b.positionOf(pointer))}`;
          const entry = this.#entries.get(key);
          if (entry === undefined) this.#entries.set(key, { pointer, a, b, clusters: [address] });
          else entry.clusters.push(address);
        }
      }
    }
  }

  /** One issue at each of the two Defaults' lines, each naming the other and the clusters. */
  describe(): SpecIssue[] {
    const issues: SpecIssue[] = [];
    for (const { pointer, a, b, clusters } of this.#entries.values()) {
      const path = `spec.${pointerToDotted(pointer)}`;
      const which = describeClusters(clusters);
      for (const [here, other] of [
        [a, b],
        [b, a],
      ] as const) {
        const message = `also set by Defaults "${other.name}" at ${formatPos(other.positionOf(pointer))} for ${which}: two Defaults may not set one field for one cluster (narrow their selectors so that at most one of them applies to each cluster)`;
        issues.push({ ...here.positionOf(pointer), path, message });
      }
    }
    return issues;
  }
}

function describeClusters(clusters: readonly string[]): string {
  const named = clusters.slice(0, NAMED_CLUSTERS).join(', ');
  const more = clusters.length > NAMED_CLUSTERS ? ` and ${clusters.length - NAMED_CLUSTERS} more` : '';
  return `${clusters.length === 1 ? 'cluster' : `${clusters.length} clusters:`} ${named}${more}`;
}

function formatPos(pos: { file: string; line: number; col: number }): string {
  return `${pos.file}:${pos.line}:${pos.col}`;
}
