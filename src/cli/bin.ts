#!/usr/bin/env node
import { scrubSecrets } from '../secrets/index.js';
import { hasLostOutput, processIo } from './io.js';
import { main } from './main.js';
import { silenceNotices } from './notices.js';
import { renderError } from './render-error.js';

main(process.argv.slice(2), processIo()).then(
  (code) => {
    // Results that never reached stdout (a full disk) make any run a failure; the error is already on stderr.
    process.exitCode = hasLostOutput() ? 1 : code;
  },
  (error: unknown) => {
    silenceNotices();
    process.stderr.write(scrubSecrets(renderError(error, { debug: true, format: 'text' })));
    process.exitCode = 1;
  },
);
