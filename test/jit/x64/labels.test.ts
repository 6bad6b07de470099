import { describe, expect, it } from 'vitest';
import { Code } from '../../../src/jit/x64/codes.js';
import { Register, X64Emitter, imm } from '../../../src/jit/x64/index.js';
import { decodeShapes } from './round-trip.js';

const R = Register;
const CODE_ADDRESS = 0x7ff6_0000_0000n;

describe('labels', () => {
  it('resolve forward and backward branches, short when close and near when far', () => {
    const e = new X64Emitter();
    const top = e.newLabel();
    const near = e.newLabel();
    const far = e.newLabel();
    e.bindLabel(top);
    e.cmp(R.EAX, imm(1));
    e.jcc('e', near);
    e.jcc('ne', far);
    e.bindLabel(near);
    e.inc(R.EAX);
    for (let i = 0; i < 40; i++) e.add(R.RAX, imm(0x1000));
    e.bindLabel(far);
    e.jmp(top);
    e.ret();
    const result = e.finalize(CODE_ADDRESS);
    const shapes = decodeShapes(result);
    const at = (label: number): bigint => CODE_ADDRESS + BigInt(result.labelOffsets[label]!);
    expect(Code[shapes[1]!.code]).toBe('Je_rel8_64');
    expect(shapes[1]!.nearBranch).toBe(at(near));
    expect(Code[shapes[2]!.code]).toBe('Jne_rel32_64');
    expect(shapes[2]!.nearBranch).toBe(at(far));
    const jmp = shapes[shapes.length - 2]!;
    expect(Code[jmp.code]).toBe('Jmp_rel32_64');
    expect(jmp.nearBranch).toBe(CODE_ADDRESS);
    expect(result.labelOffsets[top]).toBe(0);
    expect(result.labelOffsets[near]).toBe(shapes[3]!.offset);
  });

  it('call a label with a rel32 call, forward and backward', () => {
    const e = new X64Emitter();
    const sub = e.newLabel();
    const after = e.newLabel();
    e.callLabel(sub);
    e.jmp(after);
    e.bindLabel(sub);
    e.pop(R.RAX);
    e.jmpIndirect(R.RAX);
    e.bindLabel(after);
    e.callLabel(sub);
    e.ret();
    const result = e.finalize(CODE_ADDRESS);
    const shapes = decodeShapes(result);
    const at = (label: number): bigint => CODE_ADDRESS + BigInt(result.labelOffsets[label]!);
    expect(Code[shapes[0]!.code]).toBe('Call_rel32_64');
    expect(shapes[0]!.nearBranch).toBe(at(sub));
    expect(Code[shapes[4]!.code]).toBe('Call_rel32_64');
    expect(shapes[4]!.nearBranch).toBe(at(sub));
  });

  it('can share a position and can sit at the end of the code', () => {
    const e = new X64Emitter();
    const a = e.newLabel();
    const b = e.newLabel();
    const end = e.newLabel();
    const unused = e.newLabel();
    e.nop();
    e.bindLabel(a);
    e.bindLabel(b);
    e.jmp(a);
    e.jmp(b);
    e.bindLabel(end);
    const result = e.finalize(CODE_ADDRESS);
    expect(result.labelOffsets[a]).toBe(1);
    expect(result.labelOffsets[b]).toBe(1);
    expect(result.labelOffsets[end]).toBe(result.codeSize);
    expect(result.labelOffsets[unused]).toBe(-1);
    const shapes = decodeShapes(result);
    expect(shapes[1]!.nearBranch).toBe(CODE_ADDRESS + 1n);
    expect(shapes[2]!.nearBranch).toBe(CODE_ADDRESS + 1n);
  });

  it('reject branches to labels that lead nowhere', () => {
    const unbound = new X64Emitter();
    unbound.jmp(unbound.newLabel());
    expect(() => unbound.finalize(CODE_ADDRESS)).toThrow(/never bound/);

    const atEnd = new X64Emitter();
    const end = atEnd.newLabel();
    atEnd.jcc('e', end);
    atEnd.bindLabel(end);
    expect(() => atEnd.finalize(CODE_ADDRESS)).toThrow(/after the last instruction/);

    const twice = new X64Emitter();
    const label = twice.newLabel();
    twice.bindLabel(label);
    expect(() => twice.bindLabel(label)).toThrow(/already bound/);
    expect(() => twice.jmp(42 as never)).toThrow(/unknown label/);
  });

  it('do not confuse a label with a call to an absolute address', () => {
    const e = new X64Emitter<string>();
    const skip = e.newLabel();
    e.jmp(skip);
    e.callDirect(CODE_ADDRESS + 0x40n, 'helper');
    e.bindLabel(skip);
    e.ret();
    const result = e.finalize(CODE_ADDRESS);
    const shapes = decodeShapes(result);
    expect(shapes[0]!.nearBranch).toBe(CODE_ADDRESS + BigInt(result.labelOffsets[skip]!));
    expect(shapes[1]!.nearBranch).toBe(CODE_ADDRESS + 0x40n);
  });
});
