/** Which contexts a worker replays: selections, shares, TOC random access vs scanning. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MchReader } from '../../src/mc/mch-reader.js';
import { withMchWriter } from '../../src/mc/mch-writer.js';
import { selectedEntries, type SelectionSpec } from '../../src/replay/runner/selection.js';

const dir = mkdtempSync(join(tmpdir(), 'tspmi-selection-'));
const file = join(dir, 'c.mch');
const COUNT = 40;

beforeAll(() => {
  withMchWriter(file, { interfaceVersions: ['base'], mode: 'jit' }, (w) => {
    for (let i = 1; i <= COUNT; i++) w.append({ n: i }, { methodHash: `h${i}` });
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function indices(spec: SelectionSpec, worker = 0, workers = 1, tocPath?: false): number[] {
  const reader = MchReader.open(file, tocPath === false ? { tocPath: false } : {});
  try {
    return [...selectedEntries(reader, spec, { worker, workers })].map((e) => e.index);
  } finally {
    reader.close();
  }
}

describe('selectedEntries', () => {
  it('yields everything without a selection', () => {
    expect(indices({})).toEqual(Array.from({ length: COUNT }, (_, i) => i + 1));
  });

  it('honours ranges, lists and partitions together, bounded or not', () => {
    expect(indices({ ranges: '3-5,38-' })).toEqual([3, 4, 5, 38, 39, 40]);
    expect(indices({ ranges: '3-5,39-45' })).toEqual([3, 4, 5, 39, 40]);
    expect(indices({ list: [7, 2, 2, 99] })).toEqual([2, 7]);
    expect(indices({ ranges: '1-10', partition: { index: 2, count: 3 } })).toEqual([2, 5, 8]);
  });

  it('splits the selection into disjoint, even shares whatever the partition', () => {
    for (const spec of [{}, { partition: { index: 1, count: 2 } }, { ranges: '5-30' }, { list: [1, 2, 3, 10, 20, 30, 40] }] as SelectionSpec[]) {
      const whole = indices(spec);
      const shares = [0, 1].map((w) => indices(spec, w, 2));
      expect([...shares[0]!, ...shares[1]!].sort((a, b) => a - b)).toEqual(whole);
      expect(Math.abs(shares[0]!.length - shares[1]!.length)).toBeLessThanOrEqual(1);
    }
  });

  it('gives the same entries with and without the TOC', () => {
    expect(indices({ ranges: '10-12' }, 0, 1, false)).toEqual(indices({ ranges: '10-12' }));
  });
});
