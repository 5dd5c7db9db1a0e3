import { createRequire } from 'node:module';
import type { pino } from 'pino';
import { scrubSecrets } from '../secrets/index.js';
import { parseChoice } from './args.js';
import { LOG_LEVELS } from './log-levels.js';

export { LOG_LEVELS };

type LogMethod = (obj: object | string, msg?: string) => void;
type Level = Exclude<(typeof LOG_LEVELS)[number], 'silent'>;

/** What pgensure logs through: pino's methods, and whether a level is on. */
export type Logger = Record<Level, LogMethod> & { isLevelEnabled(level: string): boolean };

const REDACT_PATHS = [
  'authorization',
  'Authorization',
  'headers.authorization',
  'headers.Authorization',
  'token',
  'password',
  '*.password',
  'credentials.password',
  '*.credentials.password',
  'body.properties.credentials',
];

const LEVEL_NAMES: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

/**
 * pino on fd 2 (stdout carries results only), secrets redacted wherever they might hide: by key (REDACT_PATHS), and
 * every line passes the run's scrubber (src/secrets) on its way out, so a token inside an API message is caught too.
 * JSON lines for machines (CI logs, pipes); one readable line per entry when stderr is a terminal.
 */
export function createLogger(level: string, options: { human?: boolean } = {}): Logger {
  parseChoice('log-level', level, LOG_LEVELS, 'warn'); // a typo names the choices and guesses the one meant
  const human = options.human ?? process.stderr.isTTY === true;
  const threshold = LEVEL_VALUES[level] ?? Number.POSITIVE_INFINITY;
  let real: pino.Logger | undefined;
  // pino is loaded with the first line that is logged: at the default level (warn) most runs log none, and
  // importing pino costs ~40 ms of every network command's start-up (measured on the 2-core box). pino is CommonJS,
  // so it loads synchronously here, as a log call must.
  const open = (): pino.Logger => {
    real ??= openPino(level, human);
    return real;
  };
  const method =
    (name: Level): LogMethod =>
    (obj, msg) => {
      if (LEVEL_VALUES[name]! >= threshold) open()[name](obj as object, msg);
    };
  return {
    isLevelEnabled: (name) => (LEVEL_VALUES[name] ?? Number.POSITIVE_INFINITY) >= threshold,
    trace: method('trace'),
    debug: method('debug'),
    info: method('info'),
    warn: method('warn'),
    error: method('error'),
    fatal: method('fatal'),
  };
}

const LEVEL_VALUES: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };

function openPino(level: string, human: boolean): pino.Logger {
  const { pino } = createRequire(import.meta.url)('pino') as typeof import('pino');
  const destination = human ? humanStream() : scrubbedStream(pino.destination({ dest: 2, sync: true }));
  return pino({ level, base: null, redact: { paths: REDACT_PATHS, censor: '[REDACTED]' } }, destination);
}

/** `warn: retrying (region=de-fra method=GET path=/clusters attempt=1 delayMs=96 reason=ECONNREFUSED)` */
export function formatLogLine(line: string): string {
  const { level, time: _time, msg, ...fields } = JSON.parse(line) as Record<string, unknown>;
  const detail = Object.entries(fields)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  return `${LEVEL_NAMES[level as number] ?? String(level)}: ${String(msg ?? '')}${detail ? ` (${detail})` : ''}\n`;
}

function humanStream(): { write(line: string): void } {
  // Redaction by key has already happened inside pino before the line reaches this stream.
  return { write: (line) => process.stderr.write(scrubSecrets(formatLogLine(line))) };
}

function scrubbedStream(stream: { write(line: string): unknown }): { write(line: string): void } {
  return { write: (line) => stream.write(scrubSecrets(line)) };
}
