import { pino } from 'pino';

export type Logger = pino.Logger;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * pino on fd 2 (stdout carries results only), secrets redacted wherever they might hide. JSON lines: logs are for
 * machines and for --log-level debug sessions; humans read the progress lines.
 */
export function createLogger(level: string): Logger {
  return pino(
    {
      level,
      base: null,
      redact: {
        paths: [
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
        ],
        censor: '[REDACTED]',
      },
    },
    pino.destination({ dest: 2, sync: true }),
  );
}
