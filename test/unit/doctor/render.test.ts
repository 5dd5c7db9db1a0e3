import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderDoctorJson, renderDoctorText } from '../../../src/doctor/render.js';
import { assembleReport } from '../../../src/doctor/report.js';
import { exchange, listBody, observation, SETTINGS } from './observation.js';

const META = { createdAt: '2030-01-01T00:00:00.000Z', endpoint: 'https://postgresql.{region}.ionos.com' };

function report() {
  return assembleReport(
    [
      observation({ region: 'de-fra' }),
      observation({
        region: 'es-vit',
        baseUrl: 'https://postgresql.es-vit.ionos.com',
        auth: exchange({ status: 401 }),
      }),
      observation({ region: 'us-ewr', firstPage: exchange({ body: listBody(0, 100) }) }),
    ],
    SETTINGS,
    META,
  );
}

describe('renderDoctorText', () => {
  it('a table of region × check, the failures with hints, the notes, and the verdict', () => {
    expect(renderDoctorText(report(), { color: false })).toBe(
      [
        'pgensure doctor: https://postgresql.{region}.ionos.com (page size 100, read-only)',
        '',
        'region  endpoint  token     latency  versions  locations  page size      rate limit  clock',
        'de-fra  ok        ok        25ms     1         1          100            none        +0.5s',
        'es-vit  ok        FAIL 401  -        -         -          -              none        +0.5s',
        'us-ewr  ok        ok        25ms     1         1          ? no clusters  none        +0.5s',
        '',
        'Failures:',
        '  es-vit token: the token was refused (HTTP 401)',
        '    hint: IONOS_TOKEN is wrong or expired: create a new one (e.g. `ionosctl token generate`) and export it',
        '',
        'Notes:',
        '  us-ewr page-size: no clusters in this region: the page size cannot be checked',
        '',
        '1 of 3 regions failed: es-vit (token) (1 check not verifiable, see Notes).',
        '',
      ].join('\n'),
    );
  });

  it('the same finding in every region is one line', () => {
    const all = assembleReport(
      [observation({ region: 'de-fra' }), observation({ region: 'de-txl' })].map((o) => ({
        ...o,
        auth: exchange({ status: 401 }),
      })),
      SETTINGS,
      META,
    );
    const text = renderDoctorText(all, { color: false });
    expect(text).toContain('  all 2 regions token: the token was refused (HTTP 401)\n');
    expect(text.match(/hint:/g)).toHaveLength(1);
  });

  it('colours failures red only when asked', () => {
    expect(renderDoctorText(report(), { color: true })).toContain('\u001b[31mFAIL 401');
    expect(renderDoctorText(report(), { color: false })).not.toContain('\u001b[');
  });
});

describe('renderDoctorJson', () => {
  it('is the report itself, versioned', () => {
    const r = report();
    const parsed = JSON.parse(renderDoctorJson(r));
    expect(parsed).toEqual(r);
    expect(parsed).toMatchObject({ formatVersion: 1, kind: 'pgensure-doctor', summary: { failedRegions: ['es-vit'] } });
    expect(parsed.summary.checks).toEqual({ pass: 18, fail: 1, unverifiable: 1, skipped: 4 });
  });
});

const DOCTOR = fileURLToPath(new URL('../../../src/doctor/', import.meta.url));
const IO_FILES = new Set(['probe.ts', 'connect-steps.ts', 'index.ts']);

describe('src/doctor purity', () => {
  const pure = readdirSync(DOCTOR).filter((name) => name.endsWith('.ts') && !IO_FILES.has(name));

  it('keeps the verdicts apart from the probing', () => {
    expect(pure).toEqual(expect.arrayContaining(['checks-reach.ts', 'checks-lists.ts', 'report.ts', 'render.ts']));
  });

  it.each(pure)('src/doctor/%s does no I/O and reads no clock, randomness or environment', (file) => {
    const source = readFileSync(join(DOCTOR, file), 'utf8');
    expect(source).not.toMatch(/from ['"](node:|fs|path|os|child_process|undici|pino)/);
    expect(source).not.toMatch(/\bprocess\.|\bconsole\.|\bDate\.now\(|new Date\(|Math\.random\(|crypto\./);
  });
});
