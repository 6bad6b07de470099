import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeMeta } from '../../src/mc/container/payload-codec.js';
import { writeRecord } from '../../src/mc/container/record-frame.js';
import { MAX_RECORD_BODY_BYTES } from '../../src/mc/mch-format.js';
import { MchReader } from '../../src/mc/mch-reader.js';
import { InputError } from '../../src/util/errors.js';
import { expectSample, readAll, sampleFile } from './corruption-helpers.js';
import { tempDir, writeSample } from './helpers.js';

function openError(bytes: Uint8Array, name = 'x.mch'): unknown {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, bytes);
  try {
    MchReader.open(file).close();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('.mch damage: truncation', () => {
  it('at every byte offset: header damage is an InputError, earlier records survive, the cut one is reported', () => {
    const { bytes, dataStart, records } = sampleFile(3);
    const dir = tempDir();
    for (let cut = 0; cut < bytes.length; cut++) {
      const truncated = bytes.subarray(0, cut);
      if (cut < dataStart) {
        const file = path.join(dir, 'damaged.mch');
        fs.writeFileSync(file, truncated);
        expect(() => MchReader.open(file), `cut at ${cut}`).toThrow(InputError);
        continue;
      }
      const entries = readAll(truncated, dir);
      const intact = records.filter(([offset, size]) => offset + size <= cut).length;
      const atBoundary = cut === dataStart || records.some(([offset, size]) => offset + size === cut);
      expect(entries.length, `cut at ${cut}`).toBe(intact + (atBoundary ? 0 : 1));
      for (let i = 0; i < intact; i++) expectSample(entries[i], i + 1);
      if (!atBoundary) {
        const damaged = entries[intact]!;
        expect(damaged).toMatchObject({ kind: 'corrupt', index: intact + 1, offset: records[intact]![0], error: 'truncated' });
      }
    }
  });
});

describe('.mch damage: bit flips', () => {
  it('a flipped bit in meta or payload makes that record a bad checksum; the others read', () => {
    const { bytes, records } = sampleFile(3);
    const dir = tempDir();
    records.forEach(([offset, size], r) => {
      for (let at = offset + 20; at < offset + size; at++) {
        const damaged = Buffer.from(bytes);
        damaged[at]! ^= 1 << (at % 8);
        const entries = readAll(damaged, dir);
        expect(entries).toHaveLength(3);
        expect(entries[r], `flip at ${at}`).toMatchObject({ kind: 'corrupt', index: r + 1, offset, error: 'bad checksum' });
        for (let i = 0; i < 3; i++) if (i !== r) expectSample(entries[i], i + 1);
      }
    });
  });

  it('every bit of the frame (marker, crc, lengths): that record is reported, the others read', () => {
    const { bytes, records } = sampleFile(3);
    const dir = tempDir();
    records.forEach(([offset], r) => {
      for (let at = offset; at < offset + 20; at++) {
        for (let bit = 0; bit < 8; bit++) {
          const damaged = Buffer.from(bytes);
          damaged[at]! ^= 1 << bit;
          const entries = readAll(damaged, dir);
          const where = `byte ${at - offset} bit ${bit} of record ${r + 1}`;
          expect(entries, where).toHaveLength(3);
          expect(entries[r]?.kind, where).toBe('corrupt');
          expect(entries[r]?.index, where).toBe(r + 1);
          for (let i = 0; i < 3; i++) if (i !== r) expectSample(entries[i], i + 1);
        }
      }
    });
  });

  it('damage in two records reports both', () => {
    const { bytes, records } = sampleFile(3);
    const damaged = Buffer.from(bytes);
    damaged[records[0]![0] + 30]! ^= 0xff;
    damaged[records[2]![0] + 40]! ^= 0xff;
    const entries = readAll(damaged);
    expect(entries.map((e) => e.kind)).toEqual(['corrupt', 'context', 'corrupt']);
    expectSample(entries[1], 2);
  });
});

describe('.mch damage: moved records and junk', () => {
  it('duplicated records read as more contexts', () => {
    const { bytes, dataStart, records } = sampleFile(3);
    const rec = (i: number) => bytes.subarray(records[i]![0], records[i]![0] + records[i]![1]);
    const entries = readAll(Buffer.concat([bytes.subarray(0, dataStart), rec(0), rec(1), rec(1), rec(2)]));
    expect(entries).toHaveLength(4);
    [1, 2, 2, 3].forEach((sample, i) => expectSample(entries[i], i + 1, sample));
  });

  it('reordered records read in their new order', () => {
    const { bytes, dataStart, records } = sampleFile(3);
    const rec = (i: number) => bytes.subarray(records[i]![0], records[i]![0] + records[i]![1]);
    const entries = readAll(Buffer.concat([bytes.subarray(0, dataStart), rec(2), rec(0), rec(1)]));
    [3, 1, 2].forEach((sample, i) => expectSample(entries[i], i + 1, sample));
  });

  it('junk between records costs one index and is reported as a missing sync marker', () => {
    const { bytes, records } = sampleFile(3);
    const split = records[1]![0];
    const entries = readAll(Buffer.concat([bytes.subarray(0, split), Buffer.alloc(100, 0x41), bytes.subarray(split)]));
    expect(entries.map((e) => e.kind)).toEqual(['context', 'corrupt', 'context', 'context']);
    expect(entries[1]).toMatchObject({ index: 2, offset: split, size: 100, error: 'bad sync marker' });
    expectSample(entries[2], 3, 2);
    expectSample(entries[3], 4, 3);
  });

  it('re-synchronises across read-window boundaries', () => {
    const { bytes, records } = sampleFile(3);
    const split = records[1]![0];
    const damaged = Buffer.concat([bytes.subarray(0, split), Buffer.alloc(5000, 0x41), bytes.subarray(split)]);
    damaged[records[0]![0] + 50]! ^= 1;
    const file = path.join(tempDir(), 'w.mch');
    fs.writeFileSync(file, damaged);
    for (const windowBytes of [64, 100, 333, 4096]) {
      const reader = MchReader.open(file, { tocPath: false, windowBytes });
      const entries = [...reader.contexts()];
      reader.close();
      // The junk follows a damaged record, so re-synchronising skips both as one.
      expect(entries.map((e) => (e.kind === 'corrupt' ? e.error : 'ok'))).toEqual(['bad checksum', 'ok', 'ok']);
      expect(entries[0]!.size).toBe(records[0]![1] + 5000);
      expectSample(entries[1], 2);
      expectSample(entries[2], 3);
    }
  });

  it('junk after the last record is reported', () => {
    const { bytes } = sampleFile(2);
    const entries = readAll(Buffer.concat([bytes, Buffer.from('trailing garbage')]));
    expect(entries.map((e) => e.kind)).toEqual(['context', 'context', 'corrupt']);
  });
});

describe('.mch damage: length fields', () => {
  it('a huge length is a bad length, allocates nothing, and reading goes on', () => {
    const { bytes, records } = sampleFile(3);
    for (const huge of [0xffffffff, MAX_RECORD_BODY_BYTES + 1, MAX_RECORD_BODY_BYTES]) {
      const damaged = Buffer.from(bytes);
      damaged.writeUInt32LE(huge, records[1]![0] + 12);
      const before = process.memoryUsage().arrayBuffers;
      const entries = readAll(damaged);
      expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 * 1024);
      expect(entries.map((e) => e.kind)).toEqual(['context', 'corrupt', 'context']);
      expect(entries[1]).toMatchObject({ index: 2, error: 'bad length' });
      expectSample(entries[2], 3);
    }
  });

  it('a length running past the end of the last record reads as truncation', () => {
    const { bytes, records } = sampleFile(3);
    const damaged = Buffer.from(bytes);
    damaged.writeUInt32LE(1000000, records[2]![0] + 12);
    const entries = readAll(damaged);
    expect(entries[2]).toMatchObject({ kind: 'corrupt', index: 3, error: 'truncated' });
  });

  it('a record whose checksum holds but whose payload is not msgpack is undecodable', () => {
    const { bytes } = sampleFile(1);
    const meta = encodeMeta({ methodHash: 'ff' });
    const payload = Uint8Array.from([0xc1, 0xc1]);
    const record = Buffer.alloc(20 + meta.length + payload.length);
    writeRecord(record, 0, meta, payload);
    const entries = readAll(Buffer.concat([bytes, record]));
    expectSample(entries[0], 1);
    expect(entries[1]).toMatchObject({ kind: 'corrupt', index: 2, error: 'undecodable' });
  });
});

describe('.mch header errors', () => {
  it('a file that is not a .mch is an InputError naming it', () => {
    const err = openError(Buffer.from('MZ\x90\x00 this is a PE file, not a collection'), 'x.mch');
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/x\.mch: not a tspmi \.mch file \(bad magic\)$/);
  });

  it('an empty file is an InputError', () => {
    const err = openError(new Uint8Array(0));
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/not a tspmi \.mch file \(empty file\)/);
  });

  it('another format version is an InputError saying which', () => {
    const { bytes } = sampleFile(1);
    const other = Buffer.from(bytes);
    other.writeUInt16LE(7, 8);
    const err = openError(other);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/x\.mch: \.mch format version 7 is not supported \(this tspmi reads version 1\)$/);
  });

  it('a damaged header is an InputError', () => {
    const { bytes, dataStart } = sampleFile(1);
    const damaged = Buffer.from(bytes);
    damaged[dataStart - 3]! ^= 0x10;
    const err = openError(damaged);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/damaged \.mch header \(bad checksum\)/);
    const huge = Buffer.from(bytes);
    huge.writeUInt32LE(0xffffffff, 12);
    expect((openError(huge) as Error).message).toMatch(/damaged \.mch header \(bad length\)/);
  });

  it('a missing file or a directory is an InputError', () => {
    const dir = tempDir();
    expect(() => MchReader.open(path.join(dir, 'nope.mch'))).toThrow(/nope\.mch: cannot open \(ENOENT: no such file\)/);
    expect(() => MchReader.open(dir)).toThrow(InputError);
  });

  it('messages are one line', () => {
    const file = path.join(tempDir(), 'multi.mch');
    writeSample(file, 1);
    const bytes = fs.readFileSync(file);
    bytes.writeUInt16LE(99, 8);
    expect(String((openError(bytes) as Error).message)).not.toContain('\n');
  });
});
