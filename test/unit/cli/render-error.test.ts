import { describe, expect, it } from 'vitest';
import { renderError } from '../../../src/cli/render-error.js';
import { ApiError, PlanRefusedError, SpecError } from '../../../src/errors.js';

const issue = {
  file: 'clusters/orders.yaml',
  line: 12,
  col: 5,
  path: 'spec.version',
  message: 'version 16 → 15 is a downgrade',
};

describe('renderError', () => {
  it('prints each located problem as file:line:col: path: message, then the error and the hint', () => {
    const text = renderError(new PlanRefusedError([issue], { hint: 'fix it' }), { debug: false, format: 'text' });
    expect(text).toBe(
      'clusters/orders.yaml:12:5: spec.version: version 16 → 15 is a downgrade\n' +
        'Error: the plan was refused: 1 problem; nothing was written\nHint: fix it\n',
    );
  });

  it('prints only annotations with --format github, escaping what GitHub would misread', () => {
    const text = renderError(new SpecError([{ ...issue, message: '100% wrong\nreally' }]), {
      debug: false,
      format: 'github',
    });
    expect(text.split('\n')[0]).toBe(
      '::error file=clusters/orders.yaml,line=12,col=5::spec.version: 100%25 wrong%0Areally',
    );
  });

  it('adds annotations to the text form when annotating (GitHub Actions), and only for located problems', () => {
    const text = renderError(new PlanRefusedError([issue]), { debug: false, format: 'text', annotate: true });
    expect(text).toContain('clusters/orders.yaml:12:5: spec.version:');
    expect(text).toContain(
      '::error file=clusters/orders.yaml,line=12,col=5::spec.version: version 16 → 15 is a downgrade',
    );
    const api = renderError(new ApiError({ method: 'GET', url: 'u' }, { status: 500, message: 'boom' }), {
      debug: false,
      format: 'text',
      annotate: true,
    });
    expect(api).not.toContain('::error');
  });

  it('shows a stack only at debug level, and asks for a report on internal errors', () => {
    const error = new TypeError('x is undefined');
    expect(renderError(error, { debug: false, format: 'text' })).toBe(
      'Error (internal, please report with --log-level debug output): x is undefined\n',
    );
    expect(renderError(error, { debug: true, format: 'text' })).toContain('at ');
  });
});
