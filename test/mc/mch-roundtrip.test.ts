import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { crc32, portableCrc32 } from '../../src/mc/container/crc32.js';
import { MCH_FORMAT_VERSION } from '../../src/mc/mch-format.js';
import { MchReader, withMchReader, type ContextEntry } from '../../src/mc/mch-reader.js';
import { MchWriter, withMchWriter, writeSingleContextFile } from '../../src/mc/mch-writer.js';
import { jitHeader, metaFor, sampleContext, tempDir, writeSample } from './helpers.js';

function roundTrip(value: unknown): unknown {
  const file = path.join(tempDir(), 'one.mch');
  withMchWriter(file, jitHeader, (w) => w.append(value, { methodHash: 'ab' }));
  return withMchReader(file, (reader) => {
    const entries = [...reader.contexts()];
    expect(entries).toHaveLength(1);
    const entry = entries[0]!;
    if (entry.kind !== 'context') throw new Error(`unexpected ${entry.error}`);
    return entry.context;
  });
}

describe('.mch round trip', () => {
  it('keeps bigints exact, including 0, 2^63 and 2^64-1, as bigints', () => {
    const handles = [0n, 1n, 0x7fff_ffff_ffff_ffffn, 2n ** 63n, 2n ** 64n - 1n, -1n, -(2n ** 63n)];
    const out = roundTrip({ handles, one: 2n ** 63n }) as { handles: bigint[]; one: bigint };
    expect(out.handles).toEqual(handles);
    for (const h of out.handles) expect(typeof h).toBe('bigint');
    expect(out.one).toBe(2n ** 63n);
  });

  it('keeps numbers as numbers and bigints as bigints even for the same value', () => {
    const out = roundTrip({ n: 5, b: 5n, big: 2 ** 40, neg: -3, f: 1.5 }) as Record<string, unknown>;
    expect(out).toEqual({ n: 5, b: 5n, big: 2 ** 40, neg: -3, f: 1.5 });
    expect(typeof out['n']).toBe('number');
    expect(typeof out['b']).toBe('bigint');
  });

  it('returns blobs as plain Uint8Array (from Uint8Array and Buffer alike)', () => {
    const out = roundTrip({ a: Uint8Array.from([0, 1, 255]), b: Buffer.from([9, 8]), empty: new Uint8Array(0) }) as Record<string, Uint8Array>;
    for (const key of ['a', 'b', 'empty']) expect(Object.getPrototypeOf(out[key])).toBe(Uint8Array.prototype);
    expect([...out['a']!]).toEqual([0, 1, 255]);
    expect([...out['b']!]).toEqual([9, 8]);
    expect(out['empty']!.length).toBe(0);
  });

  it('keeps nested objects, arrays, Maps with bigint keys, Sets, null and undefined', () => {
    const value = {
      nested: { deeper: { deepest: [1, [2, [3, { x: 'y' }]]] } },
      map: new Map<unknown, unknown>([[0x10n, { v: 1 }], ['k', [1n]], [7, null]]),
      set: new Set([1, 2]),
      nothing: null,
      missing: undefined,
      words: Uint32Array.from([1, 0xffffffff]),
    };
    expect(roundTrip(value)).toEqual(value);
  });

  it('keeps unicode strings', () => {
    const strings = ['', 'ascii', 'héllo wörld', 'Ελληνικά', '日本語', '🚀 emoji 🧪', 'a\u0000b', 'x'.repeat(70000)];
    expect(roundTrip({ strings })).toEqual({ strings });
  });

  it('keeps many differently shaped objects in one context', () => {
    const shapes = Array.from({ length: 300 }, (_, i) => ({ [`field${i}`]: i, [`other${i % 7}`]: `v${i}` }));
    expect(roundTrip(shapes)).toEqual(shapes);
  });

  it('round-trips a collection: header, meta, indices, offsets', () => {
    const file = path.join(tempDir(), 'c.mch');
    writeSample(file, 25);
    withMchReader(file, (reader) => {
      expect(reader.header.interfaceVersions).toEqual(['base', 'diff']);
      expect(reader.header.mode).toBe('jit');
      expect(reader.header.createdFrom).toEqual(['sample.dll']);
      expect(reader.header.createdBy).toBe('record');
      expect(reader.header.toolVersion).toMatch(/^tspmi/);
      expect(reader.header.collectionId).toMatch(/^[0-9a-f]{16}$/);
      const entries = [...reader.contexts()] as ContextEntry[];
      expect(entries.map((e) => e.index)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
      entries.forEach((e, i) => {
        expect(e.kind).toBe('context');
        expect(e.meta).toEqual(metaFor(i + 1));
        expect(e.context).toEqual(sampleContext(i + 1));
      });
      expect(entries[0]!.offset).toBe(reader.dataStart);
      for (let i = 1; i < entries.length; i++) expect(entries[i]!.offset).toBe(entries[i - 1]!.offset + entries[i - 1]!.size);
      expect(reader.countRecords()).toEqual({ contexts: 25, intact: 25, corrupt: 0 });
    });
  });

  it('reads with a tiny window (records straddling chunk boundaries)', () => {
    const file = path.join(tempDir(), 'c.mch');
    writeSample(file, 10);
    const reader = MchReader.open(file, { windowBytes: 64 });
    const all = [...reader.contexts()];
    reader.close();
    expect(all.map((e) => e.kind === 'context' && e.context)).toEqual(Array.from({ length: 10 }, (_, i) => sampleContext(i + 1)));
  });

  it('select skips other contexts and keeps indices', () => {
    const file = path.join(tempDir(), 'c.mch');
    writeSample(file, 9);
    withMchReader(file, (reader) => {
      const entries = [...reader.contexts({ select: (i) => i % 3 === 0 })];
      expect(entries.map((e) => e.index)).toEqual([3, 6, 9]);
      expect(entries.map((e) => e.kind === 'context' && e.context)).toEqual([3, 6, 9].map(sampleContext));
    });
  });

  it('streaming and random access can be interleaved on one reader', () => {
    const file = path.join(tempDir(), 'c.mch');
    writeSample(file, 20);
    withMchReader(file, (reader) => {
      let n = 0;
      for (const entry of reader.contexts()) {
        n++;
        expect(entry.kind === 'context' && entry.context).toEqual(sampleContext(n));
        const other = reader.readContext(21 - n);
        expect(other.kind === 'context' && other.context).toEqual(sampleContext(21 - n));
      }
      expect(n).toBe(20);
    });
  });

  it('an empty collection has a header and no contexts', () => {
    const file = path.join(tempDir(), 'empty.mch');
    const summary = withMchWriter(file, { interfaceVersions: ['base'], mode: 'r2r' }, () => {});
    expect(summary.contexts).toBe(0);
    withMchReader(file, (reader) => {
      expect(reader.header.mode).toBe('r2r');
      expect([...reader.contexts()]).toEqual([]);
      expect(reader.contextCount()).toBe(0);
    });
  });

  it('stores the format version in the file', () => {
    const file = path.join(tempDir(), 'v.mch');
    writeSample(file, 1);
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('TSPMIMCH');
    expect(bytes.readUInt16LE(8)).toBe(MCH_FORMAT_VERSION);
  });

  it('writes a single context to its own file without a TOC', () => {
    const dir = tempDir();
    const file = path.join(dir, 'repro-17.mch');
    const summary = writeSingleContextFile(file, jitHeader, sampleContext(17), metaFor(17));
    expect(summary.contexts).toBe(1);
    expect(summary.tocPath).toBeUndefined();
    expect(fs.readdirSync(dir)).toEqual(['repro-17.mch']);
    withMchReader(file, (reader) => {
      const entry = reader.readContext(1);
      expect(entry.kind === 'context' && entry.context).toEqual(sampleContext(17));
    });
  });

  it('append returns the 1-based index', () => {
    const file = path.join(tempDir(), 'i.mch');
    const writer = MchWriter.create(file, jitHeader);
    expect(writer.append(1, { methodHash: 'a' })).toBe(1);
    expect(writer.append(2, { methodHash: 'b' })).toBe(2);
    expect(writer.count).toBe(2);
    writer.close();
  });

  it('the native CRC-32 agrees with the portable one', () => {
    const data = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7919) & 0xff);
    expect(crc32(data)).toBe(portableCrc32(data));
    expect(crc32(data.subarray(500), crc32(data.subarray(0, 500)))).toBe(crc32(data));
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });
});
