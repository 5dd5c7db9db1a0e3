#!/usr/bin/env node
import { processIo } from './io.js';
import { main } from './main.js';
import { silenceNotices } from './notices.js';
import { renderError } from './render-error.js';

main(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    silenceNotices();
    process.stderr.write(renderError(error, { debug: true, format: 'text' }));
    process.exitCode = 1;
  },
);
