import { createInterface } from 'node:readline';
import { UsageError } from '../errors.js';
import type { CliIo } from './io.js';

const QUESTION = "Do you want to perform these actions? Only 'yes' will be accepted: ";

/**
 * Terraform's rule: only the literal answer "yes" approves. The question goes to stderr; stdout stays clean.
 * Anything else that ends the question is a "no": Ctrl-C (a key press when the terminal is in raw mode, a SIGINT
 * from the terminal otherwise), SIGTERM, Ctrl-D or a closed stdin. Nothing has been written at this point, so a
 * cancelled question is an ordinary cancel (exit 1, "nothing was written"), never an error.
 */
export async function askApproval(io: CliIo): Promise<boolean> {
  if (io.stdin.isTTY !== true) {
    throw new UsageError(
      'refusing to apply: stdin is not a terminal and --auto-approve was not given; nothing was written',
      {
        hint: 'review the plan, then run `pgensure apply --auto-approve` (or apply a saved plan with --plan FILE --auto-approve)',
      },
    );
  }
  // Raw-mode line editing only when the answer is echoed on a terminal too (not when stderr goes to a file).
  const terminal = io.stderr.isTTY === true;
  const rl = createInterface({ input: io.stdin, output: io.stderr, terminal });
  return new Promise<boolean>((resolve) => {
    let settled = false;
    const settle = (approved: boolean, interrupted: boolean) => {
      if (settled) return;
      settled = true;
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      // After ^C or ^D the cursor still sits on the question's line.
      if (interrupted) io.stderr.write('\n');
      rl.close();
      resolve(approved);
    };
    const onSignal = () => settle(false, true);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    rl.on('SIGINT', onSignal);
    rl.on('close', () => settle(false, true));
    rl.question(QUESTION, (answer) => settle(answer.trim() === 'yes', false));
  });
}
