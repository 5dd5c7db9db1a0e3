import { describe, expect, it } from 'vitest';
import { fitBody, GITHUB_BODY_LIMIT } from '../../../src/github/body.js';

describe('fitBody', () => {
  it('leaves a body GitHub takes as it is, up to exactly the limit', () => {
    const body = 'x'.repeat(GITHUB_BODY_LIMIT);
    expect(fitBody(body)).toBe(body);
  });

  it('cuts at a line break and says so at the end, with the link to the whole report', () => {
    const body = Array.from({ length: 300 }, (_, i) => `line ${i}`).join('\n');
    const cut = fitBody(body, { limit: 900, fullReportUrl: 'https://run' });
    expect(cut.length).toBeLessThanOrEqual(900);
    const kept = cut.slice(0, cut.indexOf('\n\n---\n\n'));
    expect(body.startsWith(kept)).toBe(true);
    expect(body[kept.length]).toBe('\n');
    expect(cut).toContain(`this report has ${body.length.toLocaleString('en-US')} characters`);
    expect(cut).toContain('[this run](https://run)');
  });

  it('closes a code fence the cut left open, so the notice is not inside it', () => {
    const body = `start\n\`\`\`text\n${'a line of text\n'.repeat(200)}\`\`\`\nend\n`;
    const cut = fitBody(body, { limit: 1200 });
    const beforeNotice = cut.slice(0, cut.indexOf('**Truncated:**'));
    expect(beforeNotice.split('\n').filter((line) => line.startsWith('```')).length % 2).toBe(0);
  });

  it('never splits a surrogate pair when a single line is too long', () => {
    const body = '🐘'.repeat(2000);
    const cut = fitBody(body, { limit: 1001 });
    expect(cut.length).toBeLessThanOrEqual(1001);
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('always fits, whatever the limit and however many <details> are open', () => {
    const body = '<details><summary>x</summary>\n\nrow\n'.repeat(3000);
    for (const limit of [700, 800, 1000, 5000, 30_000, GITHUB_BODY_LIMIT]) {
      expect(fitBody(body, { limit }).length).toBeLessThanOrEqual(limit);
    }
  });
});
