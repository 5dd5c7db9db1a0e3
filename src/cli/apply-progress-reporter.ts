import type { ApplyEvent } from '../apply/events.js';
import { assertNever } from '../errors.js';
import type { Action } from '../plan/types.js';
import type { ApplyProgress, ApplyProgressOptions } from './apply-progress.js';
import { describeEvent, formatElapsed, verbOf } from './progress.js';
import { eraseBlock, renderStatusBlock } from './status-block.js';

interface Track {
  address: string;
  action: Action;
  /** The last state seen; null before the first one. */
  state: string | null;
  /** When `state` began (or the change started). */
  since: number;
  lastLineAt: number;
  quietMs: number;
  /** An AVAILABLE/gone line held back: the success line that usually follows says it already. */
  held: string | null;
  /** The desired state was found in place (another writer's, or a write whose answer was lost): not "created". */
  landed: boolean;
}

/** States a wait ends in: their line is held back, as the success line carries them. */
const GOALS = new Set(['AVAILABLE', 'GONE']);

/** The display behind createApplyProgress: one record per running cluster, the count, heartbeats, the live block. */
export class ProgressReporter implements ApplyProgress {
  readonly #options: Required<ApplyProgressOptions>;
  readonly #running = new Map<string, Track>();
  readonly #startedAt: number;
  readonly #stopTicking: () => void;
  #total: number;
  #finished = 0;
  #failed = 0;
  #refused = 0;
  #drawn = 0;
  #stopped = false;

  constructor(total: number, options: ApplyProgressOptions) {
    this.#options = { heartbeatMs: 30_000, maxHeartbeatMs: 300_000, ...options };
    this.#total = total;
    this.#startedAt = options.clock.now();
    this.#stopTicking = options.clock.every(1000, () => this.#tick());
  }

  onEvent(event: ApplyEvent): void {
    const now = this.#options.clock.now();
    const track = this.#trackFor(event.address, now);
    switch (event.type) {
      case 'started':
        Object.assign(track, { action: event.action, state: null, since: now });
        break;
      case 'write':
        break;
      case 'waiting':
        if (event.state !== null && !this.#noteState(track, event.state, now)) return;
        if (event.state !== null && GOALS.has(event.state)) {
          track.held = describeEvent(event);
          return;
        }
        break;
      case 'landed':
        track.landed = true;
        break;
      case 'succeeded':
        if (this.#succeed(track, event.elapsedMs, now)) return;
        break;
      case 'stale':
        this.#finish(track, 'refused');
        break;
      case 'failed':
        this.#finish(track, 'failed');
        break;
      default:
        assertNever(event, 'apply event');
    }
    const text = describeEvent(event, { verbose: this.#options.verbose });
    if (text !== null) this.#emit(track, text, now);
  }

  print(line: string): void {
    this.#write([line]);
  }

  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#stopTicking();
    if (this.#drawn > 0) this.#options.out.write(eraseBlock(this.#drawn));
    this.#drawn = 0;
  }

  /** The cluster's record; an address the plan did not count (it should not happen) still gets one, and counts. */
  #trackFor(address: string, now: number): Track {
    let track = this.#running.get(address);
    if (!track) {
      const quietMs = this.#options.heartbeatMs;
      track = { address, action: 'noop', state: null, since: now, lastLineAt: now, quietMs, held: null, landed: false };
      this.#running.set(address, track);
      if (this.#running.size + this.#finished > this.#total) this.#total = this.#running.size + this.#finished;
    }
    return track;
  }

  /** Records a new state; false when it is the one already shown. */
  #noteState(track: Track, state: string, now: number): boolean {
    if (track.state === state) return false;
    Object.assign(track, { state, since: now, quietMs: this.#options.heartbeatMs });
    return true;
  }

  /** True when the success was already in place: its own line, instead of "created"/"updated". */
  #succeed(track: Track, elapsedMs: number, now: number): boolean {
    track.held = null;
    this.#finish(track, 'succeeded');
    if (!track.landed) return false;
    this.#emit(track, `${track.address}: already as planned, AVAILABLE after ${formatElapsed(elapsedMs)}`, now);
    return true;
  }

  #finish(track: Track, how: 'succeeded' | 'failed' | 'refused'): void {
    this.#running.delete(track.address);
    this.#finished++;
    if (how === 'failed') this.#failed++;
    if (how === 'refused') this.#refused++;
  }

  #emit(track: Track, text: string, now: number): void {
    const lines = this.#takeHeld(track);
    lines.push(`${this.#count()} ${text}`);
    track.lastLineAt = now;
    this.#write(lines);
  }

  #takeHeld(track: Track): string[] {
    if (track.held === null) return [];
    const line = `${this.#count()} ${track.held}`;
    track.held = null;
    return [line];
  }

  /** Heartbeats (plain lines) for clusters that have been quiet too long; on a terminal, a fresh block instead. */
  #tick(): void {
    const now = this.#options.clock.now();
    if (this.#options.live) {
      this.#write([]);
      return;
    }
    const lines: string[] = [];
    for (const track of this.#running.values()) {
      if (now - track.lastLineAt < track.quietMs) continue;
      // A held AVAILABLE line is news by now; otherwise say what the cluster is still doing, and for how long.
      const held = this.#takeHeld(track);
      lines.push(...(held.length > 0 ? held : [this.#heartbeat(track, now)]));
      track.lastLineAt = now;
      track.quietMs = Math.min(track.quietMs * 2, this.#options.maxHeartbeatMs);
    }
    if (lines.length > 0) this.#write(lines);
  }

  #heartbeat(track: Track, now: number): string {
    const doing = track.state ?? verbOf(track.action);
    return `${this.#count()} ${track.address}: still ${doing} after ${formatElapsed(now - track.since)}`;
  }

  #count(): string {
    const total = String(this.#total);
    return `[${String(this.#finished).padStart(total.length)}/${total}]`;
  }

  /** Writes lines; on a terminal, above a redrawn status block, in one write so it never flickers. */
  #write(lines: readonly string[]): void {
    const text = lines.map((line) => `${line}\n`).join('');
    if (!this.#options.live || this.#stopped) {
      if (text !== '') this.#options.out.write(text);
      return;
    }
    const block = this.#renderBlock();
    this.#options.out.write(`${eraseBlock(this.#drawn)}${text}${block.map((line) => `${line}\n`).join('')}`);
    this.#drawn = block.length;
  }

  #renderBlock(): string[] {
    const { out, clock } = this.#options;
    const running = [...this.#running.values()].map((t) => ({
      address: t.address,
      label: t.state === 'GONE' ? 'gone' : (t.state ?? verbOf(t.action)),
      since: t.since,
    }));
    const input = {
      finished: this.#finished,
      failed: this.#failed,
      refused: this.#refused,
      total: this.#total,
      running,
      startedAt: this.#startedAt,
      now: clock.now(),
      // A pseudo-terminal without a size (script, some CI runners) reports 0: assume the classic 80x24.
      columns: out.columns || 80,
      rows: out.rows || 24,
    };
    return renderStatusBlock(input, formatElapsed);
  }
}
