import { setMaxListeners } from 'node:events';
import type { ApiClient } from '../api/index.js';
import type { ApplyResult } from '../apply/events.js';
import { type ApplyOptions, applyPlan } from '../apply/executor.js';
import { bodyWithPassword } from '../apply/secrets.js';
import type { Plan } from '../plan/types.js';
import { startApplyProgress } from './apply-progress.js';
import { nameBasedClusterId } from './ids.js';
import { type CliIo, writeEssential } from './io.js';
import type { Outcome } from './outcome.js';
import { summarizeApply } from './progress.js';

/**
 * Runs the executor with Ctrl-C handling (first signal: no new writes; second: quit now) and prints the summary.
 * `incomplete` when anything failed or was interrupted.
 */
export async function executePlan(
  plan: Plan,
  client: ApiClient,
  passwords: Map<string, string>,
  options: ApplyOptions,
  io: CliIo,
  display: { verbose: boolean } = { verbose: false },
): Promise<Outcome> {
  const controller = new AbortController();
  // Every change that waits (for a write slot, a poll, a backoff) listens to this one signal: with more than ten at
  // once Node would print a MaxListenersExceededWarning into the user's output, though nothing leaks.
  setMaxListeners(0, controller.signal);
  const progress = startApplyProgress(plan.changes, io, display);
  const stopListening = listenForInterrupts(controller, (line) => progress.print(line));
  try {
    const result = await applyPlan(
      plan,
      {
        api: client,
        bodyFor: (change) => bodyWithPassword(change, passwords),
        idFor: nameBasedClusterId,
        onEvent: (event) => progress.onEvent(event),
        sleep: abortableSleep,
        now: () => Date.now(),
        signal: controller.signal,
      },
      options,
    );
    progress.stop();
    // The summary says what was written: it must reach the user even when stdout's reader has gone (Ctrl-C | tee).
    writeEssential(io, summarizeApply(result, plan.deferred ?? []));
    return outcomeOf(result);
  } finally {
    progress.stop();
    stopListening();
  }
}

/** First SIGINT/SIGTERM: no new writes (the ones in flight finish); a second: quit now. Returns the un-listen. */
function listenForInterrupts(controller: AbortController, print: (line: string) => void): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(130); // a second Ctrl-C means now
    print(`${signal}: starting no new writes; finishing the ones in flight. Press Ctrl-C again to quit at once.`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

/** `incomplete` when anything failed, went stale or was interrupted. */
function outcomeOf(result: ApplyResult): Outcome {
  const failed = result.outcomes.some(
    (o) => o.status === 'failed' || o.status === 'stale' || o.status === 'interrupted',
  );
  return result.interrupted || failed ? 'incomplete' : 'done';
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
