import { describe, expect, it } from 'vitest';
import { Prefix, decodeIL } from '../../src/jit/il/decode.js';
import { ILFormatError } from '../../src/jit/il/il-error.js';
import { OP, OPCODES, OperandKind, PREFIX_NAMES, TWO_BYTE_BASE } from '../../src/jit/il/opcodes.js';
import { i32 } from './fake-ee.js';
import { il } from './il-builder.js';

describe('the IL opcode table', () => {
  it('has every ECMA-335 Partition III instruction and prefix', () => {
    const names = OPCODES.filter((o) => o !== undefined).map((o) => o!.name);
    // 191 one-byte and 28 two-byte opcodes (ECMA-335 6th edition, with no. and readonly.).
    expect(names.filter((n) => OP[n]! < TWO_BYTE_BASE)).toHaveLength(191);
    expect(names.filter((n) => OP[n]! >= TWO_BYTE_BASE)).toHaveLength(28);
    expect(new Set(names).size).toBe(names.length);
    for (const prefix of PREFIX_NAMES) expect(OP[prefix]).toBeDefined();
    expect(OP['ldc.i4.s']).toBe(0x1f);
    expect(OP['stind.i']).toBe(0xdf);
    expect(OP['conv.u']).toBe(0xe0);
    expect(OP['ceq']).toBe(TWO_BYTE_BASE + 0x01);
    expect(OP['readonly.']).toBe(TWO_BYTE_BASE + 0x1e);
    expect(OPCODES[OP['switch']!]!.operand).toBe(OperandKind.Switch);
  });
});

describe('decodeIL', () => {
  it('decodes operands of every encoding, with absolute branch targets', () => {
    const code = decodeIL(Uint8Array.from(il(
      'ldc.i4.s', [-2], 'ldc.i4', i32(-100000), 'ldc.i8', [1, 0, 0, 0, 0, 0, 0, 0x80], 'ldc.r4', [0, 0, 0x80, 0x3f],
      'ldc.r8', [0, 0, 0, 0, 0, 0, 0xf0, 0x3f], 'ldarg', [3, 1], 'br.s', [-2], 'br', i32(0), 'ret',
    )));
    expect(code.map((c) => c.opcode)).toEqual(['ldc.i4.s', 'ldc.i4', 'ldc.i8', 'ldc.r4', 'ldc.r8', 'ldarg', 'br.s', 'br', 'ret'].map((n) => OP[n]));
    expect(code[0]!.operand).toBe(-2);
    expect(code[1]!.operand).toBe(-100000);
    expect(code[2]!.operand64).toBe(-(2n ** 63n) + 1n);
    expect(code[3]!.operandFloat).toBe(1);
    expect(code[4]!.operandFloat).toBe(1);
    expect(code[5]!.operand).toBe(0x103);
    expect(code[6]!.operand).toBe(code[6]!.offset);
    expect(code[7]!.operand).toBe(code[7]!.next);
  });

  it('decodes switch tables relative to the end of the instruction', () => {
    const code = decodeIL(Uint8Array.from(il('ldarg.0', 'switch', i32(2), i32(0), i32(1), 'nop', 'ret')));
    expect(code[1]!.targets).toEqual([14, 15]);
    expect(code[1]!.next).toBe(14);
  });

  it('folds prefixes into the instruction they modify', () => {
    const code = decodeIL(Uint8Array.from(il('ldarg.0', 'constrained.', i32(0x1b000001), 'volatile.', 'callvirt', i32(0x0a000002), 'tail.', 'call', i32(0x0a000003), 'ret')));
    expect(code).toHaveLength(4);
    expect(code[1]!.offset).toBe(1);
    expect(code[1]!.prefixes).toBe(Prefix.Constrained | Prefix.Volatile);
    expect(code[1]!.constrainedToken).toBe(0x1b000001);
    expect(code[1]!.operand).toBe(0x0a000002);
    expect(code[2]!.prefixes).toBe(Prefix.Tail);
    const unaligned = decodeIL(Uint8Array.from(il('ldarg.0', 'unaligned.', [1], 'ldind.i4', 'ret')));
    expect(unaligned[1]!.prefixes).toBe(Prefix.Unaligned);
    expect(unaligned[1]!.prefixOperand).toBe(1);
  });

  it('rejects malformed IL', () => {
    expect(() => decodeIL(Uint8Array.from([0x24]))).toThrow(ILFormatError);
    expect(() => decodeIL(Uint8Array.from(il('ldc.i4', [1, 2])))).toThrow(/past the end/);
    expect(() => decodeIL(Uint8Array.from(il('br.s', [10])))).toThrow(/leaves the method/);
    expect(() => decodeIL(Uint8Array.from(il('volatile.')))).toThrow(/prefix/);
    expect(() => decodeIL(Uint8Array.from(il('switch', i32(0x7fffffff))))).toThrow(/switch table/);
  });
});
