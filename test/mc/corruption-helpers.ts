import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect } from 'vitest';
import { MchReader, type McEntry } from '../../src/mc/mch-reader.js';
import { sampleContext, tempDir, writeSample } from './helpers.js';

export interface SampleFile {
  bytes: Buffer;
  dataStart: number;
  /** [offset, size] of each record. */
  records: [number, number][];
}

/** A small intact collection and where its records are. */
export function sampleFile(count = 3): SampleFile {
  const file = path.join(tempDir(), 'sample.mch');
  writeSample(file, count);
  const reader = MchReader.open(file, { tocPath: false });
  try {
    const records = [...reader.records()].map((r): [number, number] => [r.offset, r.size]);
    return { bytes: fs.readFileSync(file), dataStart: reader.dataStart, records };
  } finally {
    reader.close();
  }
}

export function readAll(bytes: Uint8Array, dir = tempDir()): McEntry[] {
  const file = path.join(dir, 'damaged.mch');
  fs.writeFileSync(file, bytes);
  const reader = MchReader.open(file, { tocPath: false });
  try {
    return [...reader.contexts()];
  } finally {
    reader.close();
  }
}

/** Checks that `entry` is the intact context number `sample` of the sample file, at `index`. */
export function expectSample(entry: McEntry | undefined, index: number, sample = index): void {
  expect(entry?.kind).toBe('context');
  if (entry?.kind !== 'context') return;
  expect(entry.index).toBe(index);
  expect(entry.context).toEqual(sampleContext(sample));
}
