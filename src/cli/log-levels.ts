/** The --log-level values, apart from the logger so commands that log nothing can check the flag without pino. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
