import { describe, expect, it } from 'vitest';
import { Code } from '../../../src/jit/x64/codes.js';
import { Form } from '../../../src/jit/x64/instruction-record.js';
import {
  CONDITIONS, Register, X64Emitter, bytePtr, decodedPerfScore, dwordPtr, forEachInstruction, imm, indexed,
  qwordPtr, ripRelative, wordPtr, xmmwordPtr, type EmitResult,
} from '../../../src/jit/x64/index.js';
import { decodeShapes, expectedOperands, shortBranchCode } from './round-trip.js';
import { buildSampleMethod, SAMPLE_CODE_ADDRESS } from './sample-method.js';

const R = Register;
const CODE_ADDRESS = 0x7ff6_0000_0000n;
const NEAR_TARGET = 0x7ff6_0100_0000n;

/** Uses every helper the emitter offers, with registers and sizes that stress the encoding (REX, SIB, rbp/r13 bases). */
function buildEveryForm(): X64Emitter<string> {
  const e = new X64Emitter<string>();
  const back = e.newLabel();
  const forward = e.newLabel();
  e.bindLabel(back);
  // mov in every direction and size
  e.mov(R.RAX, R.RCX);
  e.mov(R.R9D, R.R15D);
  e.mov(R.SI, R.R8W);
  e.mov(R.SIL, R.R11L);
  e.mov(R.R12, qwordPtr(R.R13, 0));
  e.mov(R.EAX, dwordPtr(R.RSP, 0x20));
  e.mov(R.AX, wordPtr(R.RBP, -2));
  e.mov(R.CL, bytePtr(R.RBP, -0x81));
  e.mov(qwordPtr(R.RBP, -8), R.RAX);
  e.mov(indexed(4, R.RCX, R.RDX, 4, 0x10), R.R10D);
  e.mov(indexed(8, R.None, R.R14, 8, 0x40), R.RDI);
  e.mov(qwordPtr(R.RBP, -0x10), imm(-1));
  e.mov(dwordPtr(R.RBP, -0x14), imm(0xffff_fff0));
  e.mov(wordPtr(R.RBP, -0x16), imm(0xabcd));
  e.mov(bytePtr(R.RBP, -0x17), imm(200));
  e.mov(R.RAX, imm(5));
  e.mov(R.RAX, imm(0xffff_ffff));
  e.mov(R.RAX, imm(-2));
  e.mov(R.R8, imm(0x1234_5678_9abcn));
  e.mov(R.ECX, imm(-1));
  e.mov(R.DX, imm(0x8000));
  e.mov(R.BL, imm(-3));
  e.movImm64Handle(R.RDX, 0x7ff6_1234_5678n, 'handle');
  e.mov(R.RAX, ripRelative(8, NEAR_TARGET + 0x100n, 'static'));
  e.mov(ripRelative(4, NEAR_TARGET + 0x108n, 'static'), R.ECX);
  e.mov(ripRelative(4, NEAR_TARGET + 0x10cn, 'static'), imm(7));
  // extensions and addresses
  e.movzx(R.EAX, R.CL);
  e.movzx(R.R8D, wordPtr(R.RAX, 2));
  e.movzx(R.RAX, bytePtr(R.RDX, 0));
  e.movsx(R.EAX, R.DIL);
  e.movsx(R.RCX, wordPtr(R.RBP, -4));
  e.movsxd(R.RAX, R.ECX);
  e.movsxd(R.R9, dwordPtr(R.RBP, -4));
  e.lea(R.RAX, indexed(8, R.RCX, R.RCX, 2, 0));
  e.lea(R.ECX, qwordPtr(R.RAX, 1));
  e.leaRipRelative(R.RCX, NEAR_TARGET + 0x200n, 'data');
  e.zero(R.R11);
  e.push(R.RBX);
  e.push(R.R12);
  e.pop(R.R12);
  e.pop(R.RBX);
  // ALU
  for (const op of ['add', 'or', 'adc', 'sbb', 'and', 'sub', 'xor', 'cmp'] as const) {
    e.alu(op, R.EAX, R.ECX);
    e.alu(op, R.RAX, qwordPtr(R.RBP, -8));
    e.alu(op, dwordPtr(R.RBP, -8), R.EDX);
    e.alu(op, R.RSP, imm(8));
    e.alu(op, R.RSP, imm(0x1000));
    e.alu(op, R.EAX, imm(0xffff_fff8));
    e.alu(op, R.AL, imm(0x7f));
    e.alu(op, R.AX, imm(300));
    e.alu(op, bytePtr(R.RCX, 1), imm(1));
    e.alu(op, qwordPtr(R.RCX, 8), imm(-0x8000_0000));
  }
  e.test(R.EAX, R.EAX);
  e.test(qwordPtr(R.RCX, 0), R.RDX);
  e.test(R.AL, imm(1));
  e.test(dwordPtr(R.RCX, 4), imm(0x100));
  e.test(R.RAX, imm(-1));
  e.imul(R.EAX, R.ECX);
  e.imul(R.RAX, qwordPtr(R.RBP, -8));
  e.imul3(R.EAX, R.ECX, imm(10));
  e.imul3(R.RAX, qwordPtr(R.RBP, -8), imm(1000));
  for (const op of ['neg', 'not', 'inc', 'dec', 'mul', 'imul', 'div', 'idiv'] as const) {
    e.unary(op, R.ECX);
    e.unary(op, qwordPtr(R.RBP, -8));
  }
  e.neg(R.RAX);
  e.not(R.R10D);
  e.idiv(R.R8);
  e.div(dwordPtr(R.RBP, -4));
  for (const op of ['shl', 'shr', 'sar', 'rol', 'ror'] as const) {
    e.shift(op, R.EAX, R.CL);
    e.shift(op, R.RDX, imm(63));
    e.shift(op, dwordPtr(R.RBP, -4), imm(1));
    e.shift(op, qwordPtr(R.RBP, -8), R.CL);
  }
  e.cdq();
  e.cqo();
  e.cdqe();
  for (const cond of CONDITIONS) {
    e.setcc(cond, R.AL);
    e.cmovcc(cond, R.EAX, R.ECX);
  }
  e.setcc('e', bytePtr(R.RBP, -1));
  e.cmovcc('l', R.RAX, qwordPtr(R.RBP, -8));
  e.cmovcc('a', R.CX, R.DX);
  // control flow
  for (const cond of CONDITIONS) e.jcc(cond, forward);
  e.jcc('ne', back);
  e.jmp(forward);
  e.callDirect(NEAR_TARGET, 'helper');
  e.callIndirectCell(NEAR_TARGET + 0x300n, 'cell');
  e.callAbsolute(0x1234_5678_9abc_def0n, 'far');
  e.callIndirect(R.R11);
  e.callIndirect(qwordPtr(R.RAX, 0x28));
  e.jmpIndirect(R.RAX);
  e.jmpIndirect(ripRelative(8, NEAR_TARGET + 0x308n, 'cell'));
  e.jmpDirect(NEAR_TARGET + 0x40n, 'tail');
  e.bindLabel(forward);
  // block copies
  for (const size of [1, 2, 4, 8] as const) {
    e.repMovs(size);
    e.repStos(size);
  }
  e.repMovsb();
  e.repStosb();
  // SSE2
  e.movss(R.XMM0, R.XMM1);
  e.movss(R.XMM8, dwordPtr(R.RBP, -4));
  e.movss(dwordPtr(R.RBP, -4), R.XMM15);
  e.movsd(R.XMM2, R.XMM3);
  e.movsd(R.XMM0, qwordPtr(R.RBP, -8));
  e.movsd(qwordPtr(R.RSP, 0x20), R.XMM1);
  e.movsd(R.XMM0, ripRelative(8, NEAR_TARGET + 0x400n, 'double constant'));
  e.movaps(R.XMM6, R.XMM7);
  e.movaps(xmmwordPtr(R.RSP, 0x30), R.XMM6);
  e.movaps(R.XMM6, xmmwordPtr(R.RSP, 0x30));
  e.movd(R.XMM0, R.EAX);
  e.movd(R.ECX, R.XMM1);
  e.movd(R.XMM0, dwordPtr(R.RBP, -4));
  e.movq(R.XMM0, R.RAX);
  e.movq(R.RCX, R.XMM9);
  e.movq(qwordPtr(R.RBP, -8), R.XMM1);
  for (const op of ['addss', 'addsd', 'subss', 'subsd', 'mulss', 'mulsd', 'divss', 'divsd', 'sqrtss', 'sqrtsd',
    'cvtss2sd', 'cvtsd2ss', 'ucomiss', 'ucomisd', 'xorps', 'andps'] as const) {
    e.sse(op, R.XMM0, R.XMM1);
  }
  e.addss(R.XMM0, dwordPtr(R.RBP, -4));
  e.addsd(R.XMM0, qwordPtr(R.RBP, -8));
  e.subsd(R.XMM1, qwordPtr(R.RBP, -8));
  e.mulss(R.XMM2, R.XMM3);
  e.divsd(R.XMM4, R.XMM5);
  e.ucomisd(R.XMM0, qwordPtr(R.RBP, -8));
  e.xorps(R.XMM0, ripRelative(16, NEAR_TARGET + 0x410n, 'sign mask'));
  e.andps(R.XMM0, xmmwordPtr(R.RCX, 0));
  e.cvtsi2sd(R.XMM0, R.EAX);
  e.cvtsi2sd(R.XMM1, R.RAX);
  e.cvtsi2sd(R.XMM1, qwordPtr(R.RBP, -8));
  e.cvtsi2ss(R.XMM0, R.ECX);
  e.cvtsi2ss(R.XMM0, dwordPtr(R.RBP, -4));
  e.cvttsd2si(R.EAX, R.XMM0);
  e.cvttsd2si(R.RAX, qwordPtr(R.RBP, -8));
  e.cvttss2si(R.ECX, R.XMM2);
  e.cvttss2si(R.RCX, dwordPtr(R.RBP, -4));
  e.cvtss2sd(R.XMM0, dwordPtr(R.RBP, -4));
  e.cvtsd2ss(R.XMM0, qwordPtr(R.RBP, -8));
  e.nop();
  e.int3();
  e.ret();
  return e;
}

/** Checks that decoding `result` gives back exactly the emitter's records. */
function expectRoundTrip(e: X64Emitter<unknown>, result: EmitResult<unknown>): void {
  const records = e.instructions;
  const shapes = decodeShapes(result);
  expect(shapes).toHaveLength(records.length);
  expect(result.instructionCount).toBe(records.length);
  records.forEach((record, position) => {
    const shape = shapes[position]!;
    const where = `position ${position} (${Code[record.code]})`;
    expect(shape.offset, where).toBe(result.instructionOffsets[position]);
    expect(result.instructionOffsets[position + 1]! - shape.offset, where).toBe(shape.length);
    if (record.form === Form.LabelBranch) {
      expect([record.code, shortBranchCode(record.code)], where).toContain(shape.code);
      expect(shape.nearBranch, where).toBe(result.codeAddress + BigInt(result.labelOffsets[record.label]!));
    } else {
      expect(Code[shape.code], where).toBe(Code[record.code]);
    }
    if (record.form === Form.Branch) expect(shape.nearBranch, where).toBe(record.target);
    if (record.form === Form.RepString) expect(shape.hasRep, where).toBe(true);
    else if (record.form !== Form.LabelBranch && record.form !== Form.Branch) {
      expect(shape.operands, where).toEqual(expectedOperands(record));
    }
  });
  expect(result.instructionOffsets[records.length]).toBe(result.codeSize);
}

describe('X64Emitter round trip', () => {
  it('decodes every emitted form back to the same instruction and operands', () => {
    const e = buildEveryForm();
    const result = e.finalize(CODE_ADDRESS);
    expect(result.instructionCount).toBeGreaterThan(250);
    expectRoundTrip(e, result);
  });

  it('round-trips the sample method at several code addresses', () => {
    for (const address of [SAMPLE_CODE_ADDRESS, SAMPLE_CODE_ADDRESS + 0x10_0000n, SAMPLE_CODE_ADDRESS - 0x7000_0000n]) {
      const { emitter } = buildSampleMethod();
      expectRoundTrip(emitter, emitter.finalize(address));
    }
  });

  it('scores the records exactly as the decoded code scores', () => {
    const e = buildEveryForm();
    const result = e.finalize(CODE_ADDRESS);
    let decoded = 0;
    forEachInstruction(result.code, result.codeAddress, (instruction) => { decoded += decodedPerfScore(instruction); });
    expect(result.perfScore).toBe(decoded);
    expect(result.perfScore).toBeGreaterThan(result.instructionCount * 0.25);
  });
});

describe('X64Emitter instruction selection', () => {
  const codesOf = (build: (e: X64Emitter) => void): string[] => {
    const e = new X64Emitter();
    build(e);
    return e.instructions.map((r) => Code[r.code]!);
  };

  it('picks the shortest mov for an immediate that keeps its value', () => {
    expect(codesOf((e) => {
      e.mov(R.RAX, imm(0));
      e.mov(R.RAX, imm(0xffff_ffff));
      e.mov(R.RAX, imm(-1));
      e.mov(R.RAX, imm(0x1_0000_0000));
      e.mov(R.RAX, imm(-0x8000_0001));
    })).toEqual(['Mov_r32_imm32', 'Mov_r32_imm32', 'Mov_rm64_imm32', 'Mov_r64_imm64', 'Mov_r64_imm64']);
  });

  it('writes the 32-bit register when a 64-bit immediate fits in 32 unsigned bits', () => {
    const e = new X64Emitter();
    e.mov(R.R9, imm(7));
    expect(e.instructions[0]!.reg1).toBe(R.R9D);
  });

  it('uses sign-extended imm8 forms when the value fits', () => {
    expect(codesOf((e) => {
      e.add(R.RSP, imm(0x28));
      e.sub(R.RSP, imm(0x1000));
      e.and(R.EAX, imm(0xffff_fff8));
      e.cmp(R.AL, imm(0x80));
      e.imul3(R.EAX, R.ECX, imm(-3));
    })).toEqual(['Add_rm64_imm8', 'Sub_rm64_imm32', 'And_rm32_imm8', 'Cmp_rm8_imm8', 'Imul_r32_rm32_imm8']);
  });

  it('always uses the 10-byte mov for relocated handles', () => {
    const e = new X64Emitter();
    e.movImm64Handle(R.RCX, 0x10n, 'small handle');
    const result = e.finalize(CODE_ADDRESS);
    expect(result.codeSize).toBe(10);
    expect(result.relocations[0]).toMatchObject({ kind: 'DIR64', offset: 2, target: 0x10n });
  });

  it('rejects operands that do not fit the instruction', () => {
    const e = new X64Emitter();
    expect(() => e.mov(R.RAX, R.ECX)).toThrow(/not a 64-bit register/);
    expect(() => e.mov(R.EAX, qwordPtr(R.RBP, -8))).toThrow(/8 bytes/);
    expect(() => e.add(R.RAX, imm(0x8000_0000))).toThrow(/does not fit/);
    expect(() => e.mov(R.AL, imm(256))).toThrow(/does not fit/);
    expect(() => e.movzx(R.EAX, R.ECX)).toThrow(/cannot extend/);
    expect(() => e.push(R.EAX)).toThrow(/64-bit/);
    expect(() => e.addsd(R.RAX, R.XMM0)).toThrow(/not an XMM register/);
    expect(() => e.shl(R.EAX, R.EDX)).toThrow(/cl/);
    expect(() => e.cmovcc('e', R.AL, R.CL)).toThrow(/8-bit/);
    expect(() => indexed(8, R.RAX, R.RSP, 1)).toThrow(/rsp/);
    expect(() => qwordPtr(R.EAX, 0)).toThrow(/64-bit/);
    expect(() => e.callDirect(0xf000_0000_0000_0000n, 'x')).toThrow(/not a code address/);
    expect(e.position).toBe(0);
  });

  it('refuses to be used after finalize', () => {
    const e = new X64Emitter();
    e.ret();
    e.finalize(CODE_ADDRESS);
    expect(() => e.ret()).toThrow(/finalized/);
    expect(() => e.finalize(CODE_ADDRESS)).toThrow(/already/);
  });

  it('encodes an empty method as no bytes', () => {
    const result = new X64Emitter().finalize(CODE_ADDRESS);
    expect(result.codeSize).toBe(0);
    expect(Array.from(result.instructionOffsets)).toEqual([0]);
  });
});
