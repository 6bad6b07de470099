import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkIntegrity,
  collectionStats,
  keepContexts,
  mergeCollections,
  removeDuplicates,
  stripContexts,
} from '../../src/mc/collection-ops.js';
import { readToc, tocState } from '../../src/mc/mct.js';
import { withMchReader, type McEntry } from '../../src/mc/mch-reader.js';
import { withMchWriter } from '../../src/mc/mch-writer.js';
import { InputError } from '../../src/util/errors.js';
import { expectSample } from './corruption-helpers.js';
import { jitHeader, metaFor, sampleContext, tempDir, writeSample } from './helpers.js';

function readEntries(file: string): McEntry[] {
  return withMchReader(file, (reader) => [...reader.contexts()]);
}

function samplesOf(entries: McEntry[]): unknown[] {
  return entries.map((e) => (e.kind === 'context' ? (e.context as { index: number }).index : e.error));
}

/** Writes contexts with the given sample numbers (so hashes can repeat). */
function writeSamples(file: string, samples: number[], header = jitHeader): void {
  withMchWriter(file, header, (w) => samples.forEach((s) => w.append(sampleContext(s), metaFor(s))));
}

describe('merge', () => {
  it('concatenates and renumbers, with a fresh TOC', () => {
    const dir = tempDir();
    const a = path.join(dir, 'a.mch');
    const b = path.join(dir, 'b.mch');
    const out = path.join(dir, 'all.mch');
    writeSamples(a, [1, 2, 3]);
    writeSamples(b, [4, 5]);
    const result = mergeCollections([a, b], out);
    expect(result.contexts).toBe(5);
    expect(result.inputs).toEqual([{ file: a, contexts: 3, corrupt: 0 }, { file: b, contexts: 2, corrupt: 0 }]);
    const entries = readEntries(out);
    entries.forEach((e, i) => expectSample(e, i + 1));
    expect(readToc(`${out}.mct`).count).toBe(5);
    expect(tocState(out)).toBe('current');
    withMchReader(out, (reader) => {
      expect(reader.header.createdBy).toBe('merge');
      expect(reader.header.createdFrom).toEqual([a, b]);
      expectSample(reader.readContext(4), 4);
    });
  });

  it('keeps only the interface versions every input has', () => {
    const dir = tempDir();
    const a = path.join(dir, 'a.mch');
    const b = path.join(dir, 'b.mch');
    writeSamples(a, [1], { interfaceVersions: ['base', 'diff'], mode: 'r2r' });
    writeSamples(b, [2], { interfaceVersions: ['base'], mode: 'r2r' });
    const result = mergeCollections([a, b], path.join(dir, 'm.mch'));
    expect(result.header.interfaceVersions).toEqual(['base']);
    expect(result.header.mode).toBe('r2r');
  });

  it('refuses collections of different modes and writes nothing', () => {
    const dir = tempDir();
    const a = path.join(dir, 'a.mch');
    const b = path.join(dir, 'b.mch');
    writeSamples(a, [1], { interfaceVersions: ['base'], mode: 'jit' });
    writeSamples(b, [2], { interfaceVersions: ['base'], mode: 'r2r' });
    const out = path.join(dir, 'm.mch');
    expect(() => mergeCollections([a, b], out)).toThrow(InputError);
    expect(() => mergeCollections([a, b], out)).toThrow(/b\.mch was recorded in r2r mode but .*a\.mch in jit mode/);
    expect(fs.existsSync(out)).toBe(false);
    expect(() => mergeCollections([], out)).toThrow(InputError);
  });

  it('leaves out damaged records and reports them by file, index and offset', () => {
    const dir = tempDir();
    const a = path.join(dir, 'a.mch');
    const b = path.join(dir, 'b.mch');
    writeSamples(a, [1, 2, 3]);
    writeSamples(b, [4, 5]);
    const offsets = withMchReader(a, (reader) => [...reader.records()].map((r) => r.offset));
    const bytes = fs.readFileSync(a);
    bytes[offsets[1]! + 30]! ^= 0x01;
    fs.writeFileSync(a, bytes);
    const result = mergeCollections([a, b], path.join(dir, 'm.mch'));
    expect(result.contexts).toBe(4);
    expect(result.corrupt).toEqual([expect.objectContaining({ file: a, index: 2, offset: offsets[1], error: 'bad checksum' })]);
    expect(samplesOf(readEntries(result.path))).toEqual([1, 3, 4, 5]);
  });

  it('can write over one of its inputs', () => {
    const dir = tempDir();
    const a = path.join(dir, 'a.mch');
    const b = path.join(dir, 'b.mch');
    writeSamples(a, [1, 2]);
    writeSamples(b, [3]);
    mergeCollections([a, b], a);
    expect(samplesOf(readEntries(a))).toEqual([1, 2, 3]);
  });

  it('copies records byte for byte', () => {
    const dir = tempDir();
    const a = path.join(dir, 'a.mch');
    writeSamples(a, [1, 2]);
    const result = mergeCollections([a], path.join(dir, 'm.mch'));
    const recordsOf = (file: string) => withMchReader(file, (r) => [...r.records()].map((x) => Buffer.from(x.kind === 'record' ? x.bytes : [])));
    expect(recordsOf(result.path)).toEqual(recordsOf(a));
  });
});

describe('strip and keep', () => {
  it('strip drops the given indices and renumbers', () => {
    const dir = tempDir();
    const file = path.join(dir, 'c.mch');
    writeSample(file, 6);
    const out = path.join(dir, 's.mch');
    const result = stripContexts(file, out, [2, 5]);
    expect(result.contexts).toBe(4);
    expect(result.sourceIndices).toEqual([1, 3, 4, 6]);
    expect(samplesOf(readEntries(out))).toEqual([1, 3, 4, 6]);
    expect(readToc(`${out}.mct`).count).toBe(4);
    withMchReader(out, (reader) => expect(reader.header.createdBy).toBe('strip'));
  });

  it('keep copies only the given indices (a predicate works too)', () => {
    const dir = tempDir();
    const file = path.join(dir, 'c.mch');
    writeSample(file, 6);
    expect(samplesOf(readEntries(keepContexts(file, path.join(dir, 'k.mch'), [6, 2]).path))).toEqual([2, 6]);
    const odd = keepContexts(file, path.join(dir, 'o.mch'), (i) => i % 2 === 1);
    expect(odd.sourceIndices).toEqual([1, 3, 5]);
    expect(keepContexts(file, path.join(dir, 'none.mch'), []).contexts).toBe(0);
  });

  it('damaged records are left out and reported', () => {
    const dir = tempDir();
    const file = path.join(dir, 'c.mch');
    writeSample(file, 3);
    const size = fs.statSync(file).size;
    fs.truncateSync(file, size - 5);
    const result = keepContexts(file, path.join(dir, 'k.mch'), [1, 2, 3]);
    expect(result.sourceIndices).toEqual([1, 2]);
    expect(result.corrupt).toEqual([expect.objectContaining({ index: 3, error: 'truncated' })]);
  });
});

describe('removedup', () => {
  it('keeps the first context of each method hash', () => {
    const dir = tempDir();
    const file = path.join(dir, 'c.mch');
    writeSamples(file, [1, 2, 1, 3, 2, 2, 4]);
    const result = removeDuplicates(file, path.join(dir, 'd.mch'));
    expect(result.duplicates).toEqual([3, 5, 6]);
    expect(result.sourceIndices).toEqual([1, 2, 4, 7]);
    expect(samplesOf(readEntries(result.path))).toEqual([1, 2, 3, 4]);
  });

  it('by content keeps same-hash contexts whose payloads differ', () => {
    const dir = tempDir();
    const file = path.join(dir, 'c.mch');
    withMchWriter(file, jitHeader, (w) => {
      w.append({ v: 1 }, { methodHash: 'same' });
      w.append({ v: 2 }, { methodHash: 'same' });
      w.append({ v: 1 }, { methodHash: 'other' });
    });
    expect(removeDuplicates(file, path.join(dir, 'h.mch')).sourceIndices).toEqual([1, 3]);
    expect(removeDuplicates(file, path.join(dir, 'c2.mch'), 'content').sourceIndices).toEqual([1, 2]);
  });
});

describe('integrity and stat', () => {
  it('integrity reports every damaged record by index and offset', () => {
    const dir = tempDir();
    const file = path.join(dir, 'c.mch');
    writeSample(file, 5);
    const offsets = withMchReader(file, (reader) => [...reader.records()].map((r) => r.offset));
    const bytes = fs.readFileSync(file);
    bytes[offsets[0]! + 40]! ^= 0x80;
    bytes[offsets[3]! + 2]! ^= 0x80;
    fs.writeFileSync(file, bytes);
    const report = checkIntegrity(file);
    expect(report.contexts).toBe(5);
    expect(report.intact).toBe(3);
    expect(report.corrupt.map((c) => [c.index, c.offset, c.error])).toEqual([
      [1, offsets[0], 'bad checksum'],
      [4, offsets[3], 'bad sync marker'],
    ]);
    expect(checkIntegrity(path.join(dir, 'c.mch'), { decode: false }).intact).toBe(3);
  });

  it('integrity of an intact file is clean', () => {
    const file = path.join(tempDir(), 'c.mch');
    writeSample(file, 4);
    expect(checkIntegrity(file)).toMatchObject({ contexts: 4, intact: 4, corrupt: [] });
  });

  it('stat counts contexts and sizes', () => {
    const file = path.join(tempDir(), 'c.mch');
    writeSample(file, 10);
    const sizes = withMchReader(file, (reader) => [...reader.records()].map((r) => r.size));
    const stats = collectionStats(file);
    const total = sizes.reduce((a, b) => a + b, 0);
    expect(stats).toMatchObject({
      contexts: 10,
      intact: 10,
      corrupt: 0,
      fileBytes: fs.statSync(file).size,
      recordBytes: total,
      minRecordBytes: Math.min(...sizes),
      maxRecordBytes: Math.max(...sizes),
      avgRecordBytes: total / 10,
      bytesPerContext: fs.statSync(file).size / 10,
    });
    expect(stats.headerBytes + stats.recordBytes).toBe(stats.fileBytes);
  });

  it('stat of an empty collection', () => {
    const file = path.join(tempDir(), 'e.mch');
    withMchWriter(file, jitHeader, () => {});
    expect(collectionStats(file)).toMatchObject({ contexts: 0, minRecordBytes: 0, maxRecordBytes: 0, avgRecordBytes: 0, bytesPerContext: 0 });
  });

  it('operations on a non-.mch input are InputErrors', () => {
    const dir = tempDir();
    const file = path.join(dir, 'x.mch');
    fs.writeFileSync(file, 'hello');
    expect(() => collectionStats(file)).toThrow(InputError);
    expect(() => checkIntegrity(file)).toThrow(InputError);
    expect(() => stripContexts(file, path.join(dir, 'o.mch'), [])).toThrow(InputError);
    expect(fs.readdirSync(dir)).toEqual(['x.mch']);
  });
});
