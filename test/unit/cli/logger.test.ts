import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../src/cli/logger.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** What a human-readable logger writes to stderr while `run` runs. */
function stderrOf(run: () => void): string[] {
  const written: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    written.push(String(chunk));
    return true;
  });
  run();
  return written;
}

describe('createLogger', () => {
  it('knows which levels are on without loading pino', () => {
    const logger = createLogger('warn');
    expect(['fatal', 'error', 'warn'].map((l) => logger.isLevelEnabled(l))).toEqual([true, true, true]);
    expect(['info', 'debug', 'trace'].map((l) => logger.isLevelEnabled(l))).toEqual([false, false, false]);
    expect(createLogger('silent').isLevelEnabled('fatal')).toBe(false);
    expect(createLogger('trace').isLevelEnabled('trace')).toBe(true);
  });

  it('writes the lines at or above its level, through pino (redacted), and nothing below', () => {
    const lines = stderrOf(() => {
      const logger = createLogger('warn', { human: true });
      logger.info({ region: 'de-fra' }, 'not shown');
      logger.debug({ region: 'de-fra' }, 'not shown either');
      logger.warn({ region: 'de-fra', password: 'hunter2' }, 'retrying');
      logger.error({ attempt: 2 }, 'gave up');
    });
    expect(lines).toEqual(['warn: retrying (region=de-fra password=[REDACTED])\n', 'error: gave up (attempt=2)\n']);
  });

  it('refuses a level it does not know, naming the choices', () => {
    expect(() => createLogger('verbose')).toThrow(/log-level/);
  });
});
