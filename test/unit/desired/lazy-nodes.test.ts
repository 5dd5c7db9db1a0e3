import { describe, expect, it, vi } from 'vitest';
import { locateLazily, positionsOf } from '../../../src/desired/lazy-nodes.js';
import { normalizeDocument } from '../../../src/desired/normalize.js';
import { clusterPositions } from '../../../src/desired/positions.js';
import * as reader from '../../../src/desired/yaml-fast.js';
import { aSpecDocument } from './support.js';

// Counts the reads with positions, to show when the lazy documents make one.
vi.mock('../../../src/desired/yaml-fast.js', async (original) => {
  const actual = await original<typeof import('../../../src/desired/yaml-fast.js')>();
  return { ...actual, parseSimpleYaml: vi.fn(actual.parseSimpleYaml) };
});

const TEXT = [
  aSpecDocument({ name: 'a' }),
  '---',
  '# a comment',
  aSpecDocument({ name: 'b', extra: ['policy: { ensure: absent }'] }),
].join('\n');

describe('positions read when first asked for', () => {
  it('are the positions the eager reader gives, document by document', () => {
    const lazy = locateLazily('x.yaml', TEXT, reader.parseSimpleYamlBare(TEXT)!);
    const eager = reader.parseSimpleYaml(TEXT)!.map((doc) => ({ file: 'x.yaml', ...doc }));
    expect(lazy).toHaveLength(2);
    lazy.forEach((doc, i) => {
      expect(doc.value).toEqual(eager[i]!.value);
      expect(doc.nodes).toEqual(eager[i]!.nodes);
      expect([...positionsOf(doc)]).toEqual([...clusterPositions(eager[i]!)]);
      expect(normalizeDocument(doc).source).toEqual(normalizeDocument(eager[i]!).source);
    });
  });

  it('come from the places read with the values; only an error message reads the file again, once for all', () => {
    const readWithPositions = vi.mocked(reader.parseSimpleYaml);
    readWithPositions.mockClear();
    const lazy = locateLazily('x.yaml', TEXT, reader.parseSimpleYamlBare(TEXT)!);
    const clusters = lazy.map((doc) => normalizeDocument(doc));
    // Loading and normalising need no node: each document's own place came with its value.
    expect(clusters.map((c) => c.source)).toEqual([
      { file: 'x.yaml', line: 2, col: 1 },
      { file: 'x.yaml', line: 16, col: 1 },
    ]);
    expect(readWithPositions).not.toHaveBeenCalled();
    expect(clusters[1]!.positions.get('/name')).toEqual({ file: 'x.yaml', line: 18, col: 9 });
    expect(clusters[0]!.positions.get('/name')).toEqual({ file: 'x.yaml', line: 4, col: 9 });
    expect(clusters[0]!.positions.get('/instances')).toEqual({ file: 'x.yaml', line: 8, col: 3 });
    expect(readWithPositions).not.toHaveBeenCalled();
    // What an error message needs (a key's own position, every node) comes from reading the file again.
    expect(lazy[1]!.nodes.get('/policy/ensure')).toMatchObject({ keyLine: 26, keyCol: 11, line: 26 });
    expect(lazy[0]!.nodes.get('/spec/version')).toMatchObject({ keyLine: 7, keyCol: 3, line: 7, col: 12 });
    expect(readWithPositions).toHaveBeenCalledTimes(1);
  });
});
