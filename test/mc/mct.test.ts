import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildToc, readToc, rebuildToc, tocPathFor, tocState, writeToc } from '../../src/mc/mct.js';
import { MchReader, withMchReader } from '../../src/mc/mch-reader.js';
import { InputError } from '../../src/util/errors.js';
import { expectSample } from './corruption-helpers.js';
import { metaFor, tempDir, writeSample } from './helpers.js';

describe('.mct table of contents', () => {
  it('is written beside the .mch and lists index, offset, length, crc and hash', () => {
    const file = path.join(tempDir(), 'c.mch');
    writeSample(file, 12);
    expect(tocPathFor(file)).toBe(`${file}.mct`);
    const toc = readToc(`${file}.mct`);
    expect(toc.count).toBe(12);
    expect(toc.mchFileSize).toBe(fs.statSync(file).size);
    const scanned = withMchReader(file, (reader) => [...reader.records()].map((r) => ({ index: r.index, offset: r.offset, size: r.size, crc: r.kind === 'record' ? r.crc : 0 })));
    for (const entry of toc.entries()) {
      const record = scanned[entry.index - 1]!;
      expect(entry).toEqual({ index: record.index, offset: record.offset, length: record.size, crc: record.crc, status: 'ok', methodHash: metaFor(entry.index).methodHash });
    }
    expect(tocState(file)).toBe('current');
  });

  it('equals the TOC rebuilt by scanning', () => {
    const file = path.join(tempDir(), 'c.mch');
    writeSample(file, 30);
    const written = [...readToc(`${file}.mct`).entries()];
    expect([...buildToc(file).entries()]).toEqual(written);
    fs.unlinkSync(`${file}.mct`);
    expect(tocState(file)).toBe('missing');
    expect(rebuildToc(file)).toEqual({ path: `${file}.mct`, contexts: 30, corrupt: 0 });
    expect([...readToc(`${file}.mct`).entries()]).toEqual(written);
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(['c.mch', 'c.mch.mct']);
  });

  it('gives random access by index', () => {
    const file = path.join(tempDir(), 'c.mch');
    writeSample(file, 40);
    withMchReader(file, (reader) => {
      expectSample(reader.readContext(17), 17);
      expectSample(reader.readContext(40), 40);
      expectSample(reader.readContext(1), 1);
      expect(reader.tocSource).toBe('file');
      expect(reader.contextCount()).toBe(40);
      const some = [...reader.contextsAt([5, 3, 39])];
      [5, 3, 39].forEach((i, k) => expectSample(some[k], i));
      expect(() => reader.readContext(41)).toThrow(InputError);
      expect(() => reader.readContext(0)).toThrow(/no context #0 \(the file has 40\)/);
    });
  });

  it('falls back to a scan when the TOC is missing', () => {
    const file = path.join(tempDir(), 'c.mch');
    writeSample(file, 8);
    fs.unlinkSync(`${file}.mct`);
    withMchReader(file, (reader) => {
      expectSample(reader.readContext(6), 6);
      expect(reader.tocSource).toBe('scan');
    });
  });

  it('is detected as stale when it belongs to another version of the file', () => {
    const dir = tempDir();
    const file = path.join(dir, 'c.mch');
    writeSample(file, 8);
    const oldToc = fs.readFileSync(`${file}.mct`);
    writeSample(file, 8); // same size, new collection id
    fs.writeFileSync(`${file}.mct`, oldToc);
    expect(tocState(file)).toBe('stale');
    withMchReader(file, (reader) => {
      expectSample(reader.readContext(8), 8);
      expect(reader.tocSource).toBe('scan');
    });
  });

  it('is detected as stale per record when records moved but size and header did not change', () => {
    const file = path.join(tempDir(), 'c.mch');
    writeSample(file, 3);
    const bytes = fs.readFileSync(file);
    const records = withMchReader(file, (reader) => [...reader.records()].map((r) => Buffer.from(r.kind === 'record' ? r.bytes : [])));
    const dataStart = bytes.length - records.reduce((n, r) => n + r.length, 0);
    fs.writeFileSync(file, Buffer.concat([bytes.subarray(0, dataStart), records[2]!, records[0]!, records[1]!]));
    expect(tocState(file)).toBe('current');
    withMchReader(file, (reader) => {
      expectSample(reader.readContext(1), 1, 3);
      expect(reader.tocSource).toBe('scan');
      expectSample(reader.readContext(3), 3, 2);
    });
  });

  it('a damaged TOC is ignored by readers and reported by readToc', () => {
    const file = path.join(tempDir(), 'c.mch');
    writeSample(file, 5);
    const toc = fs.readFileSync(`${file}.mct`);
    toc[20]! ^= 0x40;
    fs.writeFileSync(`${file}.mct`, toc);
    expect(() => readToc(`${file}.mct`)).toThrow(/damaged \.mct \(bad checksum\)/);
    expect(tocState(file)).toBe('damaged');
    withMchReader(file, (reader) => {
      expectSample(reader.readContext(4), 4);
      expect(reader.tocSource).toBe('scan');
    });
    fs.writeFileSync(`${file}.mct`, 'not a toc');
    expect(() => readToc(`${file}.mct`)).toThrow(/not a tspmi \.mct file \(bad magic\)/);
    fs.writeFileSync(`${file}.mct`, toc.subarray(0, toc.length - 3));
    expect(() => readToc(`${file}.mct`)).toThrow(InputError);
  });

  it('records damaged contexts, so random access reports them without reading', () => {
    const file = path.join(tempDir(), 'c.mch');
    writeSample(file, 3);
    const offsets = withMchReader(file, (reader) => [...reader.records()].map((r) => r.offset));
    const bytes = fs.readFileSync(file);
    bytes[offsets[1]! + 25]! ^= 0xff;
    fs.writeFileSync(file, bytes);
    const rebuilt = rebuildToc(file);
    expect(rebuilt).toMatchObject({ contexts: 3, corrupt: 1 });
    const toc = readToc(`${file}.mct`);
    expect(toc.entry(2)).toMatchObject({ status: 'bad checksum', offset: offsets[1], methodHash: '' });
    withMchReader(file, (reader) => {
      expect(reader.readContext(2)).toMatchObject({ kind: 'corrupt', index: 2, error: 'bad checksum' });
      expectSample(reader.readContext(3), 3);
      expect(reader.tocSource).toBe('file');
    });
  });

  it('writeToc round-trips through readToc', () => {
    const file = path.join(tempDir(), 'c.mch');
    writeSample(file, 4);
    const toc = buildToc(file);
    const other = path.join(path.dirname(file), 'elsewhere.mct');
    writeToc(other, toc);
    expect([...readToc(other).entries()]).toEqual([...toc.entries()]);
    const reader = MchReader.open(file, { tocPath: other });
    try {
      expectSample(reader.readContext(2), 2);
      expect(reader.tocSource).toBe('file');
    } finally {
      reader.close();
    }
  });
});
