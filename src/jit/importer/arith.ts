/**
 * Typing of IL arithmetic, comparisons, branches and conversions
 * (ECMA-335 III.1.5, tables 2–8). Operands of mixed kinds are left as they
 * are: code generation widens int32 to native int (sign-extending) and
 * float32 to float64 when it loads them for an operation of the wider kind.
 */

import { hex4 } from '../il/decode.js';
import { ILFormatError } from '../il/il-error.js';
import type { BinaryOperator, Condition, ConversionTarget, Operand } from '../ir/ops.js';
import { T, type IrType, type StackKind } from '../ir/types.js';
import type { ImportState, StackEntry } from './state.js';

function kindOf(e: StackEntry): StackKind {
  const k = e.type.kind;
  return k === 'i1' || k === 'u1' || k === 'i2' || k === 'u2' || k === 'u4' ? 'i4' : (k as StackKind);
}

export const STACK_TYPES: Readonly<Record<StackKind, IrType | undefined>> = {
  i4: T.i4, i8: T.i8, i: T.i, f4: T.f4, f8: T.f8, ref: T.ref, byref: T.byref, struct: undefined,
};

function bad(s: ImportState, what: string): never {
  throw new ILFormatError(`IL_${hex4(s.ins.offset)}: ${what}`);
}

/** Result kind of an arithmetic or bitwise operation; also the kind the operation is performed in. */
function arithmeticKind(s: ImportState, oper: BinaryOperator, a: StackKind, b: StackKind): { op: StackKind; result: StackKind } {
  const isInt = (k: StackKind): boolean => k === 'i4' || k === 'i' || k === 'i8';
  if ((a === 'f4' || a === 'f8') && (b === 'f4' || b === 'f8')) {
    const k = a === 'f8' || b === 'f8' ? 'f8' : 'f4';
    return { op: k, result: k };
  }
  if (a === 'byref' || b === 'byref') {
    if (oper === 'sub' && a === 'byref' && b === 'byref') return { op: 'i', result: 'i' };
    if ((oper === 'add' || oper === 'sub' || oper === 'add.ovf.un' || oper === 'sub.ovf.un') && (isInt(a) || isInt(b) || a === b)) {
      return { op: 'i', result: 'byref' };
    }
    // Other arithmetic on a byref (pointer differences scaled by division, alignment masks) works on its address.
    return { op: 'i', result: 'i' };
  }
  if (!isInt(a) || !isInt(b)) bad(s, `${oper} on ${a} and ${b}`);
  if (a === 'i8' || b === 'i8') return { op: 'i8', result: 'i8' };
  if (a === 'i' || b === 'i') return { op: 'i', result: 'i' };
  return { op: 'i4', result: 'i4' };
}

export function importBinary(s: ImportState, oper: BinaryOperator): void {
  const b = s.pop();
  const a = s.pop();
  const ka = kindOf(a);
  const kb = kindOf(b);
  let kinds: { op: StackKind; result: StackKind };
  if (oper === 'shl' || oper === 'shr' || oper === 'shr.un') {
    if (ka !== 'i4' && ka !== 'i8' && ka !== 'i') bad(s, `${oper} of ${ka}`);
    if (kb !== 'i4' && kb !== 'i') bad(s, `${oper} by ${kb}`);
    kinds = { op: ka, result: ka };
  } else {
    kinds = arithmeticKind(s, oper, ka, kb);
    if ((kinds.op === 'f4' || kinds.op === 'f8') && (oper === 'and' || oper === 'or' || oper === 'xor' || oper.includes('.un') || oper.includes('.ovf'))) {
      bad(s, `${oper} on floating-point values`);
    }
  }
  const resultType = STACK_TYPES[kinds.result]!;
  s.emitPush(resultType, (dst) => ({ op: 'binary', oper, type: kinds.op, dst, a: a.operand, b: b.operand }));
}

export function importUnary(s: ImportState, oper: 'neg' | 'not'): void {
  const a = s.pop();
  const k = kindOf(a);
  if (k !== 'i4' && k !== 'i8' && k !== 'i' && !(oper === 'neg' && (k === 'f4' || k === 'f8'))) bad(s, `${oper} of ${k}`);
  s.emitPush(STACK_TYPES[k]!, (dst) => ({ op: 'unary', oper, type: k, dst, src: a.operand }));
}

/** The kind two operands are compared in. */
export function comparisonKind(s: ImportState, a: StackEntry, b: StackEntry): StackKind {
  const ka = kindOf(a);
  const kb = kindOf(b);
  if ((ka === 'f4' || ka === 'f8') && (kb === 'f4' || kb === 'f8')) return ka === 'f8' || kb === 'f8' ? 'f8' : 'f4';
  if (ka === 'ref' && kb === 'ref') return 'ref';
  if (ka === 'struct' || kb === 'struct' || ka === 'f4' || ka === 'f8' || kb === 'f4' || kb === 'f8') bad(s, `comparison of ${ka} and ${kb}`);
  if (ka === 'i8' || kb === 'i8') return 'i8';
  if (ka === 'i4' && kb === 'i4') return 'i4';
  // native int, byref, and a reference compared with a native int (null checks written with ldc.i4.0; conv.u).
  return 'i';
}

export function importCompare(s: ImportState, cond: Condition): void {
  const b = s.pop();
  const a = s.pop();
  const type = comparisonKind(s, a, b);
  s.emitPush(T.i4, (dst) => ({ op: 'compare', cond, type, dst, a: a.operand, b: b.operand }));
}

const CONVERSION_RESULT: Readonly<Record<ConversionTarget, IrType>> = {
  i1: T.i4, u1: T.i4, i2: T.i4, u2: T.i4, i4: T.i4, u4: T.i4, i8: T.i8, u8: T.i8, i: T.i, u: T.i, f4: T.f4, f8: T.f8,
};

export function importConversion(s: ImportState, to: ConversionTarget, overflow: boolean, unsignedSource: boolean): void {
  const a = s.pop();
  const folded = foldConversion(a, to, overflow, unsignedSource);
  if (folded !== undefined) {
    s.push(CONVERSION_RESULT[to], folded);
    return;
  }
  let from = kindOf(a);
  if (from === 'struct') bad(s, 'conversion of a value type');
  // Converting a reference or byref (to native int, e.g. for pinning) reads it as a native int.
  if (from === 'ref' || from === 'byref') from = 'i';
  s.emitPush(CONVERSION_RESULT[to], (dst) => ({ op: 'convert', dst, src: a.operand, from, to, overflow, unsignedSource }));
}

const INTEGER_RANGES: Partial<Record<ConversionTarget, readonly [bigint, bigint]>> = {
  i1: [-128n, 127n], u1: [0n, 255n], i2: [-32768n, 32767n], u2: [0n, 65535n],
  i4: [-(2n ** 31n), 2n ** 31n - 1n], u4: [0n, 2n ** 32n - 1n],
  i8: [-(2n ** 63n), 2n ** 63n - 1n], i: [-(2n ** 63n), 2n ** 63n - 1n], u8: [0n, 2n ** 64n - 1n], u: [0n, 2n ** 64n - 1n],
};

/** The constant a conversion of a constant gives, when it cannot throw (conv.ovf out of range is left to run time). */
function foldConversion(a: StackEntry, to: ConversionTarget, overflow: boolean, unsignedSource: boolean): Operand | undefined {
  const operand = a.operand;
  if (operand.k === 'float') {
    if (to === 'f4') return { k: 'float', value: Math.fround(operand.value), type: T.f4 };
    if (to === 'f8') return { k: 'float', value: operand.value, type: T.f8 };
    return undefined;
  }
  if (operand.k !== 'int') return undefined;
  const kind = kindOf(a);
  if (kind !== 'i4' && kind !== 'i8' && kind !== 'i') return undefined;
  // The value as the conversion reads it: int32 sign-extended, or as unsigned for .un.
  let v = operand.value;
  if (unsignedSource) v = kind === 'i4' ? BigInt.asUintN(32, v) : BigInt.asUintN(64, v);
  if (to === 'f4' || to === 'f8') {
    const value = Number(v);
    return { k: 'float', value: to === 'f4' ? Math.fround(value) : value, type: to === 'f4' ? T.f4 : T.f8 };
  }
  if (overflow) {
    const [min, max] = INTEGER_RANGES[to]!;
    if (v < min || v > max) return undefined;
  } else if ((to === 'u8' || to === 'u') && kind === 'i4') {
    v = BigInt.asUintN(32, v);
  }
  switch (to) {
    case 'i1': return i4Const(BigInt.asIntN(8, v));
    case 'u1': return i4Const(BigInt.asUintN(8, v));
    case 'i2': return i4Const(BigInt.asIntN(16, v));
    case 'u2': return i4Const(BigInt.asUintN(16, v));
    case 'i4': case 'u4': return i4Const(BigInt.asIntN(32, v));
    case 'i8': case 'u8': return { k: 'int', value: BigInt.asIntN(64, v), type: T.i8 };
    case 'i': case 'u': return { k: 'int', value: BigInt.asIntN(64, v), type: T.i };
  }
}

function i4Const(value: bigint): Operand {
  return { k: 'int', value: BigInt.asIntN(32, value), type: T.i4 };
}

export function importCkfinite(s: ImportState): void {
  const a = s.pop();
  const k = kindOf(a);
  if (k !== 'f4' && k !== 'f8') bad(s, `ckfinite of ${k}`);
  s.emitPush(a.type, (dst) => ({ op: 'ckfinite', dst, src: a.operand, type: k }));
}
