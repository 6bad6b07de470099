import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach } from 'vitest';
import type { ContextMeta, NewCollectionHeader } from '../../src/mc/mch-format.js';
import { withMchWriter } from '../../src/mc/mch-writer.js';

const made: string[] = [];

/** A fresh temporary directory, removed after the current test. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tspmi-mc-'));
  made.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export const jitHeader: NewCollectionHeader = { interfaceVersions: ['base', 'diff'], mode: 'jit', createdFrom: ['sample.dll'] };

export function metaFor(i: number): ContextMeta {
  return { methodHash: (0x1000 + i).toString(16).padStart(32, '0'), methodName: `Sample.Type::Method${i}` };
}

/** A context shaped roughly like a recorded one: maps keyed by handles, blobs, nested structs. */
export function sampleContext(i: number): Record<string, unknown> {
  const attribs = new Map<bigint, unknown>();
  for (let k = 0; k < 6; k++) {
    attribs.set(0x7ff0_0000_0000n + BigInt(i * 16 + k), { attribs: k * 7, name: `Method${k}`, sig: { ret: 2, args: [1n, 2n] } });
  }
  return {
    index: i,
    getMethodAttribs: attribs,
    getAsyncInfo: { continuationClsHnd: 0x1000n + BigInt(i), fields: [1n, 2n, 3n, 4n] },
    ilCode: Uint8Array.from({ length: 40 + (i % 50) }, (_, k) => (k * 31 + i) & 0xff),
    compileResult: { code: new Uint8Array(64).fill(i & 0xff), relocs: [{ offset: 4, target: 0xffff_ffff_ffff_fff0n, kind: 3 }] },
  };
}

export function writeSample(file: string, count: number, header: NewCollectionHeader = jitHeader): void {
  withMchWriter(file, header, (writer) => {
    for (let i = 1; i <= count; i++) writer.append(sampleContext(i), metaFor(i));
  });
}
