import { describe, expect, it } from 'vitest';
import { formatAnnotation } from '../../../../src/render/shared/annotations.js';

/** The workflow commands GitHub would run for a text: every line that starts with `::`. */
function commandsIn(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => line.startsWith('::'));
}

describe('formatAnnotation with hostile file names (issue 15)', () => {
  it('a file name with a newline cannot inject a ::warning command', () => {
    const text = formatAnnotation('error', { file: 'specs/a.yaml\n::warning file=x::pwned', line: 3, col: 1 }, 'bad');
    expect(commandsIn(text)).toHaveLength(1);
    expect(commandsIn(text)[0]).toMatch(/^::error file=/);
    expect(text).not.toMatch(/\n::warning/);
  });

  it('",line=999" in a file name cannot move the location', () => {
    const text = formatAnnotation('error', { file: 'specs/a.yaml,line=999,col=9', line: 3, col: 5 }, 'bad');
    const props = /^::error (.*?)::/.exec(text)![1]!.split(',');
    expect(props).toEqual(['file=specs/a.yaml%2Cline=999%2Ccol=9', 'line=3', 'col=5']);
  });
});
