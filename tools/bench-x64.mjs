#!/usr/bin/env node
// Measures the x64 backend on a typical Tier0-shaped method of about 200
// instructions: emitting the records, one BlockEncoder run plus the decode pass
// (finalize), and the unwind info. Run `npm run build` first; it reads dist/.
//
//   node tools/bench-x64.mjs [--seconds N] [--json]

import {
  Register as R, X64Emitter, buildUnwindInfo, dwordPtr, emitEpilog, emitProlog, formatListing, imm,
  incomingArgumentRbpOffset, planFrame, qwordPtr, ripRelative, symbolsFromRelocations,
} from '../dist/jit/x64/index.js';

const args = process.argv.slice(2);
const seconds = Number(args[args.indexOf('--seconds') + 1]) || 2;
const json = args.includes('--json');

const CODE_ADDRESS = 0x7ff7_4000_0000n;
const HELPER = 0x7ff7_4100_0000n;
const CELL = 0x7ff7_4200_0000n;

/** Spill-everything Tier0 code: each IL op loads its operands from frame slots and stores the result back. */
function buildMethod() {
  const e = new X64Emitter();
  const layout = planFrame({ localsSize: 96, outgoingArgumentBytes: 32 });
  const prolog = emitProlog(e, layout);
  const slot = (i) => layout.localsRbpOffset + 8 * (i % 12);
  e.mov(qwordPtr(R.RBP, incomingArgumentRbpOffset(layout, 0)), R.RCX);
  e.mov(dwordPtr(R.RBP, incomingArgumentRbpOffset(layout, 1)), R.EDX);
  e.zero(R.EAX);
  for (let i = 0; i < 12; i++) e.mov(qwordPtr(R.RBP, slot(i)), R.RAX);
  const exit = e.newLabel();
  for (let block = 0; block < 12; block++) {
    const next = e.newLabel();
    e.mov(R.EAX, dwordPtr(R.RBP, slot(block)));
    e.add(R.EAX, dwordPtr(R.RBP, slot(block + 1)));
    e.mov(dwordPtr(R.RBP, slot(block + 2)), R.EAX);
    e.mov(R.ECX, dwordPtr(R.RBP, slot(block + 2)));
    e.imul3(R.ECX, R.ECX, imm(block + 3));
    e.mov(dwordPtr(R.RBP, slot(block + 3)), R.ECX);
    e.cmp(dwordPtr(R.RBP, slot(block + 3)), imm(100));
    e.jcc('ge', next);
    e.mov(R.RCX, qwordPtr(R.RBP, slot(block + 4)));
    e.mov(R.EDX, dwordPtr(R.RBP, slot(block + 5)));
    if (block % 2 === 0) e.callDirect(HELPER + BigInt(block * 16), { helper: block });
    else e.callIndirectCell(CELL + BigInt(block * 8), { cell: block });
    e.mov(qwordPtr(R.RBP, slot(block + 6)), R.RAX);
    e.movImm64Handle(R.RCX, 0x7ff7_3c00_0000n + BigInt(block * 0x40), { handle: block });
    e.mov(qwordPtr(R.RBP, slot(block + 7)), R.RCX);
    e.bindLabel(next);
    e.test(R.EAX, R.EAX);
    e.jcc('e', exit);
  }
  e.mov(R.EAX, ripRelative(4, CELL + 0x1000n, { static: 0 }));
  e.bindLabel(exit);
  e.mov(R.EAX, dwordPtr(R.RBP, slot(0)));
  emitEpilog(e, layout);
  return { e, prolog };
}

function compileOnce() {
  const { e, prolog } = buildMethod();
  const result = e.finalize(CODE_ADDRESS);
  buildUnwindInfo(prolog, result.instructionOffsets);
  return result;
}

function measure(work) {
  for (let i = 0; i < 200; i++) work(); // warm up the JIT and iced's wasm
  let count = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(Math.round(seconds * 1e9));
  let elapsed = 0n;
  while (elapsed < budget) {
    for (let i = 0; i < 50; i++) work();
    count += 50;
    elapsed = process.hrtime.bigint() - start;
  }
  return count / (Number(elapsed) / 1e9);
}

const sample = compileOnce();
const methodsPerSecond = measure(compileOnce);
const instructionsPerSecond = methodsPerSecond * sample.instructionCount;
const listingsPerSecond = measure(() => formatListing({
  methodName: 'Bench:Method(System.Object,int):int (Tier0)',
  code: sample.code,
  codeAddress: sample.codeAddress,
  prologSize: 10,
  methodHash: 0x1234,
  symbols: symbolsFromRelocations(sample.relocations, (tag) => JSON.stringify(tag)),
}));

const summary = {
  instructionsPerMethod: sample.instructionCount,
  bytesPerMethod: sample.codeSize,
  methodsPerSecond: Math.round(methodsPerSecond),
  instructionsPerSecond: Math.round(instructionsPerSecond),
  listingsPerSecond: Math.round(listingsPerSecond),
};
if (json) {
  console.log(JSON.stringify(summary));
} else {
  console.log(`method: ${summary.instructionsPerMethod} instructions, ${summary.bytesPerMethod} bytes`);
  console.log(`emit + encode + unwind: ${summary.methodsPerSecond.toLocaleString('en-US')} methods/s, `
    + `${summary.instructionsPerSecond.toLocaleString('en-US')} instructions encoded/s`);
  console.log(`.dasm listing: ${summary.listingsPerSecond.toLocaleString('en-US')} methods/s`);
}
