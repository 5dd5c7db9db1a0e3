#!/usr/bin/env node
// The quick-start demo: start the bundled emulator, then validate → plan → apply → plan (no changes) on examples/clusters/,
// running the built CLI exactly as a user would. Exits non-zero if any step does not do what it should.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../dist/emulator/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = fileURLToPath(new URL('../dist/cli/pgensure.cjs', import.meta.url));

const emulator = await startEmulator({ port: 0, provisioningDelayMs: 1500 });
const env = {
  ...process.env,
  IONOS_TOKEN: 'demo-token',
  PGENSURE_ENDPOINT: emulator.endpointTemplate,
  // Demo secrets only: real ones come from your CI's secret store.
  PGENSURE_DEMO_ORDERS_PASSWORD: 'Orders-Demo-Passw0rd!',
  PGENSURE_DEMO_BILLING_PASSWORD: 'Billing-Demo-Passw0rd!',
};

const steps = [
  { title: 'validate the spec files (no network)', args: ['validate', 'examples/clusters'], expect: 0 },
  { title: 'plan against the emulator: everything is new', args: ['plan', 'examples/clusters'], expect: 0 },
  {
    title: 'apply (auto-approved for the demo) and wait for AVAILABLE',
    args: ['apply', 'examples/clusters', '--auto-approve', '--poll-interval', '500ms'],
    expect: 0,
  },
  {
    title: 'plan again: no changes (exit code 0 with --detailed-exitcode)',
    args: ['plan', 'examples/clusters', '--detailed-exitcode'],
    expect: 0,
  },
];

let failed = false;
console.log(`pgensure demo — emulator at ${emulator.url} (PGENSURE_ENDPOINT=${emulator.endpointTemplate})`);
for (const [i, step] of steps.entries()) {
  console.log(`\n━━ ${i + 1}/${steps.length} $ pgensure ${step.args.join(' ')}\n   (${step.title})\n`);
  // Async spawn: the emulator runs in this process and must keep serving while the CLI runs.
  const status = await new Promise((resolve) => {
    spawn(process.execPath, [bin, ...step.args], { cwd: root, env, stdio: 'inherit' }).on('close', resolve);
  });
  if (status !== step.expect) {
    console.error(`\ndemo: step ${i + 1} exited ${status}, expected ${step.expect}`);
    failed = true;
    break;
  }
}
const writes = emulator.requests.filter((r) => r.method !== 'GET');
console.log(`\nThe emulator received ${emulator.requests.length} requests (${writes.length} writes).`);
await emulator.close();
console.log(
  failed
    ? 'demo: FAILED'
    : 'demo: OK — try `IONOS_TOKEN=x PGENSURE_ENDPOINT=... npx pgensure plan examples/clusters` yourself (see README).',
);
process.exit(failed ? 1 : 0);
