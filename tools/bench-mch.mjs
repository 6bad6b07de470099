#!/usr/bin/env node
// Throughput of the .mch container: write, streaming read + decode, count-only
// scan and TOC random access, on synthetic contexts of about 2 KB.
// Needs the build: `npx tsc -p tsconfig.json`, then `node tools/bench-mch.mjs [count]`.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MchReader } from '../dist/mc/mch-reader.js';
import { MchWriter } from '../dist/mc/mch-writer.js';

const count = Number(process.argv[2] ?? 50_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tspmi-bench-mch-'));
const file = path.join(dir, 'bench.mch');

/** Shaped like a recording: per-call maps keyed by 64-bit handles, small structs, IL and code blobs. */
function syntheticContext(i) {
  const methodAttribs = new Map();
  for (let k = 0; k < 12; k++) {
    methodAttribs.set(0x7ff0_0000_0000n + BigInt(i * 64 + k), { attribs: (k * 7) | 0x10, classHandle: 0x7fe0_0000_0000n + BigInt(k) });
  }
  const helpers = new Map();
  for (let k = 0; k < 6; k++) {
    helpers.set(180 + k, { helperLookup: { accessType: 0, handle: 0xdead_0000n + BigInt(k) }, helperMethod: 0n });
  }
  const names = new Map();
  for (let k = 0; k < 6; k++) names.set(0x7ff0_0000_0000n + BigInt(k), `System.Runtime.CompilerServices.AsyncHelpers::Method${k}`);
  return {
    methodInfo: { ftn: 0x7ff0_0000_0000n + BigInt(i), scope: 0x7ff1_0000_0000n, ilCodeSize: 200, maxStack: 8, locals: [1n, 2n, 3n] },
    getMethodAttribs: methodAttribs,
    getHelperFtn: helpers,
    getMethodName: names,
    getAsyncInfo: { continuationClsHnd: 0x1000n, continuationNextFldHnd: 0x1008n, continuationResumeInfoFldHnd: 0x1010n },
    ilCode: new Uint8Array(200).fill(i & 0xff),
    compileResult: {
      code: new Uint8Array(400).fill(0x90),
      relocs: Array.from({ length: 6 }, (_, k) => ({ offset: 4 + k * 16, target: 0x7ff2_0000_0000n + BigInt(k), kind: 3 })),
      ok: true,
    },
  };
}

function rate(n, bytes, ms) {
  const s = ms / 1000;
  return `${Math.round(n / s).toLocaleString('en-US')} contexts/s, ${(bytes / 1048576 / s).toFixed(1)} MB/s (${ms.toFixed(0)} ms)`;
}

try {
  const contexts = Array.from({ length: 1000 }, (_, i) => syntheticContext(i));

  let t = performance.now();
  const writer = MchWriter.create(file, { interfaceVersions: ['base', 'diff'], mode: 'jit', createdBy: 'bench' });
  for (let i = 0; i < count; i++) {
    writer.append(contexts[i % contexts.length], { methodHash: i.toString(16).padStart(32, '0'), methodName: `M${i}` });
  }
  const summary = writer.close();
  const writeMs = performance.now() - t;
  const bytes = summary.bytes;
  console.log(`contexts: ${count}, file: ${(bytes / 1048576).toFixed(1)} MB, ${Math.round(bytes / count)} bytes/context`);
  console.log(`write (encode + frame + CRC + TOC):  ${rate(count, bytes, writeMs)}`);

  t = performance.now();
  let reader = MchReader.open(file);
  let decoded = 0;
  for (const entry of reader.contexts()) if (entry.kind === 'context') decoded++;
  reader.close();
  const readMs = performance.now() - t;
  if (decoded !== count) throw new Error(`read ${decoded} of ${count}`);
  console.log(`read + decode (streaming):           ${rate(count, bytes, readMs)}`);

  t = performance.now();
  reader = MchReader.open(file);
  const counts = reader.countRecords();
  reader.close();
  const scanMs = performance.now() - t;
  if (counts.intact !== count) throw new Error(`counted ${counts.intact}`);
  console.log(`count-only scan (CRC, no decode):    ${rate(count, bytes, scanMs)}`);

  const picks = Array.from({ length: 5000 }, (_, k) => 1 + ((k * 7919) % count));
  t = performance.now();
  reader = MchReader.open(file);
  for (const entry of reader.contextsAt(picks)) if (entry.kind !== 'context') throw new Error('random read failed');
  reader.close();
  const randomMs = performance.now() - t;
  console.log(`random access via .mct (5000 reads): ${Math.round(picks.length / (randomMs / 1000)).toLocaleString('en-US')} contexts/s (${randomMs.toFixed(0)} ms)`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
