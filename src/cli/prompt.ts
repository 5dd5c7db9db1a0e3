import { createInterface } from 'node:readline/promises';
import { UsageError } from '../errors.js';
import type { CliIo } from './io.js';

/** Terraform's rule: only the literal answer "yes" approves. The question goes to stderr; stdout stays clean. */
export async function askApproval(io: CliIo): Promise<boolean> {
  if (io.stdin.isTTY !== true) {
    throw new UsageError(
      'refusing to apply: stdin is not a terminal and --auto-approve was not given; nothing was written',
      {
        hint: 'review the plan, then run `pgensure apply --auto-approve` (or apply a saved plan with --plan FILE --auto-approve)',
      },
    );
  }
  const rl = createInterface({ input: io.stdin, output: io.stderr });
  try {
    const answer = await rl.question("Do you want to perform these actions? Only 'yes' will be accepted: ");
    return answer.trim() === 'yes';
  } finally {
    rl.close();
  }
}
