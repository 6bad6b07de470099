import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { MchReader } from '../../src/mc/mch-reader.js';
import { withMchWriter } from '../../src/mc/mch-writer.js';
import { tempDir } from './helpers.js';

/** A real full GC, so that heap figures show what is retained rather than what is pending collection. */
function gcFunction(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

function retainedBytes(gc: () => void): number {
  gc();
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

const CONTEXTS = 20_000;

function bigContext(i: number): unknown {
  return {
    i,
    handles: Array.from({ length: 40 }, (_, k) => 0x7ff0_0000_0000n + BigInt(i * 64 + k)),
    names: Array.from({ length: 10 }, (_, k) => `Namespace.Type${i}::Method${k}`),
    code: new Uint8Array(800).fill(i & 0xff),
  };
}

describe('.mch streaming memory', () => {
  it(`reading ${CONTEXTS} contexts keeps memory flat (bounded by the window, not the file)`, () => {
    const gc = gcFunction();
    const file = path.join(tempDir(), 'large.mch');
    const written = withMchWriter(file, { interfaceVersions: ['base'], mode: 'jit' }, (writer) => {
      for (let i = 1; i <= CONTEXTS; i++) writer.append(bigContext(i), { methodHash: i.toString(16) });
    });
    // The file is far larger than the bound below, and decoded contexts are larger still.
    expect(written.bytes).toBeGreaterThan(25 * 1024 * 1024);

    const baseline = retainedBytes(gc);
    let peak = 0;
    let count = 0;
    const reader = MchReader.open(file, { tocPath: false });
    try {
      for (const entry of reader.contexts()) {
        if (entry.kind !== 'context') throw new Error(`context ${entry.index}: ${entry.error}`);
        count++;
        if (count % 2000 === 0) peak = Math.max(peak, retainedBytes(gc) - baseline);
      }
    } finally {
      reader.close();
    }
    expect(count).toBe(CONTEXTS);
    expect(peak).toBeLessThan(8 * 1024 * 1024);
  });

  it('writing keeps memory flat too (TOC entries are streamed)', () => {
    const gc = gcFunction();
    const file = path.join(tempDir(), 'large-w.mch');
    const baseline = retainedBytes(gc);
    let peak = 0;
    withMchWriter(file, { interfaceVersions: ['base'], mode: 'jit' }, (writer) => {
      for (let i = 1; i <= CONTEXTS; i++) {
        writer.append(bigContext(i), { methodHash: i.toString(16).padStart(32, '0') });
        if (i % 2000 === 0) peak = Math.max(peak, retainedBytes(gc) - baseline);
      }
    });
    expect(peak).toBeLessThan(8 * 1024 * 1024);
  });
});
