import type { ApiClient } from '../api/index.js';
import { type ApplyOptions, applyPlan } from '../apply/executor.js';
import { bodyWithPassword } from '../apply/secrets.js';
import type { Plan } from '../plan/types.js';
import { nameBasedClusterId } from './ids.js';
import type { CliIo } from './io.js';
import type { Outcome } from './outcome.js';
import { describeEvent, summarizeApply } from './progress.js';

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
): Promise<Outcome> {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(130); // a second Ctrl-C means now
    io.stderr.write(
      `\n${signal}: starting no new writes; finishing the ones in flight. Press Ctrl-C again to quit at once.\n`,
    );
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const result = await applyPlan(
      plan,
      {
        api: client,
        bodyFor: (change) => bodyWithPassword(change, passwords),
        idFor: nameBasedClusterId,
        onEvent: (event) => {
          const line = describeEvent(event);
          if (line) io.stderr.write(`${line}\n`);
        },
        sleep: abortableSleep,
        now: () => Date.now(),
        signal: controller.signal,
      },
      options,
    );
    io.stdout.write(summarizeApply(result, plan.deferred ?? []));
    const failed = result.outcomes.some(
      (o) => o.status === 'failed' || o.status === 'stale' || o.status === 'interrupted',
    );
    return result.interrupted || failed ? 'incomplete' : 'done';
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
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
