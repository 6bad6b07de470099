/**
 * Arithmetic, comparisons, conversions and ckfinite.
 *
 * Checks throw through the region's shared throw stubs: division by zero
 * (CORINFO_HELP_THROWDIVZERO), MinValue / -1 and every checked operation
 * or conversion that overflows (CORINFO_HELP_OVERFLOW), ckfinite of NaN or
 * infinity (CORINFO_HELP_OVERFLOW, an ArithmeticException). Float remainder
 * and the conversions x64 has no instruction for go through helpers
 * (FLTREM/DBLREM, DBL2ULNG, ULNG2DBL, DBL2LNG_OVF, DBL2ULNG_OVF).
 */

import { CorInfoHelpFunc } from '../../jitee/index.js';
import type { BinaryOperator, Condition, ConversionTarget, IrOp, Operand } from '../ir/ops.js';
import type { StackKind } from '../ir/types.js';
import { Register, gpr, imm, type AluOperation, type Condition as X64Condition, type Label } from '../x64/index.js';
import { callHelperPlaced } from './calls.js';
import type { CodeGen } from './codegen.js';
import { CodegenError, intSize, loadFloat, loadInt, storeFloat, storeInt } from './values.js';

const { RAX, RCX, RDX, EAX, XMM0, XMM1 } = Register;

type BinaryOp = Extract<IrOp, { op: 'binary' }>;

const ALU_OPS: Partial<Record<BinaryOperator, AluOperation>> = {
  add: 'add', sub: 'sub', and: 'and', or: 'or', xor: 'xor',
  'add.ovf': 'add', 'add.ovf.un': 'add', 'sub.ovf': 'sub', 'sub.ovf.un': 'sub',
};

/** An integer constant usable as a 32-bit immediate of an operation of `size` bytes. */
function immediateOf(operand: Operand, size: 4 | 8): bigint | undefined {
  if (operand.k !== 'int') return undefined;
  const v = size === 4 ? BigInt.asIntN(32, operand.value) : operand.value;
  return v >= -0x8000_0000n && v <= 0x7fff_ffffn ? v : undefined;
}

export function genBinary(g: CodeGen, op: BinaryOp): void {
  if (op.type === 'f4' || op.type === 'f8') {
    genFloatBinary(g, op, op.type);
    return;
  }
  const e = g.e;
  const size = intSize(op.type);
  const a = gpr(RAX, size);
  const c = gpr(RCX, size);
  if (op.oper === 'div' || op.oper === 'rem' || op.oper === 'div.un' || op.oper === 'rem.un') {
    genDivision(g, op, size);
    return;
  }
  loadInt(g, RAX, op.a, op.type);
  const alu = ALU_OPS[op.oper];
  if (alu !== undefined) {
    const k = immediateOf(op.b, size);
    if (k !== undefined) e.alu(alu, a, imm(k));
    else {
      loadInt(g, RCX, op.b, op.type);
      e.alu(alu, a, c);
    }
    if (op.oper === 'add.ovf' || op.oper === 'sub.ovf') e.jcc('o', g.throwLabel(CorInfoHelpFunc.CORINFO_HELP_OVERFLOW));
    if (op.oper === 'add.ovf.un' || op.oper === 'sub.ovf.un') e.jcc('b', g.throwLabel(CorInfoHelpFunc.CORINFO_HELP_OVERFLOW));
    storeInt(g, op.dst, RAX, op.type);
    return;
  }
  switch (op.oper) {
    case 'mul': case 'mul.ovf': {
      const k = immediateOf(op.b, size);
      if (k !== undefined) e.imul3(a, a, imm(k));
      else {
        loadInt(g, RCX, op.b, op.type);
        e.imul(a, c);
      }
      if (op.oper === 'mul.ovf') e.jcc('o', g.throwLabel(CorInfoHelpFunc.CORINFO_HELP_OVERFLOW));
      break;
    }
    case 'mul.ovf.un':
      loadInt(g, RCX, op.b, op.type);
      e.mul(c);
      e.jcc('o', g.throwLabel(CorInfoHelpFunc.CORINFO_HELP_OVERFLOW));
      break;
    case 'shl': case 'shr': case 'shr.un': {
      const shift = op.oper === 'shl' ? 'shl' : op.oper === 'shr' ? 'sar' : 'shr';
      if (op.b.k === 'int') {
        e.shift(shift, a, imm(Number(op.b.value & BigInt(size * 8 - 1))));
      } else {
        loadInt(g, RCX, op.b, 'i4');
        e.shift(shift, a, Register.CL);
      }
      break;
    }
    default:
      throw new CodegenError(`binary operator ${op.oper}`);
  }
  storeInt(g, op.dst, RAX, op.type);
}

function genDivision(g: CodeGen, op: BinaryOp, size: 4 | 8): void {
  const e = g.e;
  const signed = op.oper === 'div' || op.oper === 'rem';
  const c = gpr(RCX, size);
  loadInt(g, RCX, op.b, op.type);
  const k = op.b.k === 'int' ? (size === 4 ? BigInt.asIntN(32, op.b.value) : op.b.value) : undefined;
  if (k === undefined || k === 0n) {
    e.test(c, c);
    e.jcc('e', g.throwLabel(CorInfoHelpFunc.CORINFO_HELP_THROWDIVZERO));
  }
  loadInt(g, RAX, op.a, op.type);
  if (signed && (k === undefined || k === -1n)) {
    // MinValue / -1 overflows (idiv would fault).
    const ok = e.newLabel();
    e.cmp(c, imm(-1));
    e.jcc('ne', ok);
    if (size === 4) {
      e.cmp(EAX, imm(-0x8000_0000));
    } else {
      e.mov(RDX, imm(-(2n ** 63n)));
      e.cmp(RAX, RDX);
    }
    e.jcc('e', g.throwLabel(CorInfoHelpFunc.CORINFO_HELP_OVERFLOW));
    e.bindLabel(ok);
  }
  if (signed) {
    if (size === 4) e.cdq();
    else e.cqo();
    e.idiv(c);
  } else {
    e.zero(RDX);
    e.div(c);
  }
  const result = op.oper === 'rem' || op.oper === 'rem.un' ? RDX : RAX;
  storeInt(g, op.dst, result, op.type);
}

function genFloatBinary(g: CodeGen, op: BinaryOp, kind: 'f4' | 'f8'): void {
  const e = g.e;
  loadFloat(g, XMM0, op.a, kind);
  loadFloat(g, XMM1, op.b, kind);
  const d = kind === 'f8';
  switch (op.oper) {
    case 'add': if (d) e.addsd(XMM0, XMM1); else e.addss(XMM0, XMM1); break;
    case 'sub': if (d) e.subsd(XMM0, XMM1); else e.subss(XMM0, XMM1); break;
    case 'mul': if (d) e.mulsd(XMM0, XMM1); else e.mulss(XMM0, XMM1); break;
    case 'div': if (d) e.divsd(XMM0, XMM1); else e.divss(XMM0, XMM1); break;
    case 'rem': callHelperPlaced(g, d ? CorInfoHelpFunc.CORINFO_HELP_DBLREM : CorInfoHelpFunc.CORINFO_HELP_FLTREM); break;
    default: throw new CodegenError(`${op.oper} on ${kind}`);
  }
  storeFloat(g, op.dst, XMM0, kind);
}

export function genUnary(g: CodeGen, op: Extract<IrOp, { op: 'unary' }>): void {
  const e = g.e;
  if (op.type === 'f4' || op.type === 'f8') {
    // Negation flips the sign bit (also of NaN and zero), as IL requires.
    loadFloat(g, XMM0, op.src, op.type);
    if (op.type === 'f8') {
      e.movq(RAX, XMM0);
      e.mov(RCX, imm(-(2n ** 63n)));
      e.xor(RAX, RCX);
      e.movq(XMM0, RAX);
    } else {
      e.movd(EAX, XMM0);
      e.xor(EAX, imm(-0x8000_0000));
      e.movd(XMM0, EAX);
    }
    storeFloat(g, op.dst, XMM0, op.type);
    return;
  }
  const size = intSize(op.type);
  loadInt(g, RAX, op.src, op.type);
  if (op.oper === 'neg') e.neg(gpr(RAX, size));
  else e.not(gpr(RAX, size));
  storeInt(g, op.dst, RAX, op.type);
}

const INT_CONDITIONS: Readonly<Record<Exclude<Condition, 'true' | 'false'>, X64Condition>> = {
  eq: 'e', ne: 'ne', lt: 'l', le: 'le', gt: 'g', ge: 'ge',
  'ne.un': 'ne', 'lt.un': 'b', 'le.un': 'be', 'gt.un': 'a', 'ge.un': 'ae',
};

/**
 * Float conditions after ucomis: which operand goes first and the unsigned
 * condition to test. Unordered sets ZF, PF and CF, so `a`/`ae` are false for
 * NaN and `b`/`be` are true: the ordered and unordered IL forms fall out of
 * the operand order. eq and ne.un also look at PF.
 */
const FLOAT_CONDITIONS: Readonly<Record<Exclude<Condition, 'true' | 'false' | 'eq' | 'ne' | 'ne.un'>, { swap: boolean; cond: X64Condition }>> = {
  gt: { swap: false, cond: 'a' },
  ge: { swap: false, cond: 'ae' },
  lt: { swap: true, cond: 'a' },
  le: { swap: true, cond: 'ae' },
  'gt.un': { swap: true, cond: 'b' },
  'ge.un': { swap: true, cond: 'be' },
  'lt.un': { swap: false, cond: 'b' },
  'le.un': { swap: false, cond: 'be' },
};

/** Compares two operands of kind `type`, leaving the flags for `cond`; returns how to read them. */
function compareOperands(g: CodeGen, cond: Condition, type: StackKind, a: Operand, b: Operand | undefined):
  { kind: 'int'; cond: X64Condition } | { kind: 'float'; cond: Condition } {
  const e = g.e;
  if (type === 'f4' || type === 'f8') {
    if (b === undefined) throw new CodegenError('float truth test');
    const entry = cond === 'eq' || cond === 'ne' || cond === 'ne.un' ? { swap: false } : FLOAT_CONDITIONS[cond as keyof typeof FLOAT_CONDITIONS];
    if (entry === undefined) throw new CodegenError(`float condition ${cond}`);
    loadFloat(g, XMM0, entry.swap ? b : a, type);
    loadFloat(g, XMM1, entry.swap ? a : b, type);
    if (type === 'f8') e.ucomisd(XMM0, XMM1);
    else e.ucomiss(XMM0, XMM1);
    return { kind: 'float', cond };
  }
  const size = intSize(type);
  loadInt(g, RAX, a, type);
  if (cond === 'true' || cond === 'false') {
    e.test(gpr(RAX, size), gpr(RAX, size));
    return { kind: 'int', cond: cond === 'true' ? 'ne' : 'e' };
  }
  const k = b === undefined ? undefined : immediateOf(b, size);
  if (k !== undefined) e.cmp(gpr(RAX, size), imm(k));
  else {
    loadInt(g, RCX, b!, type);
    e.cmp(gpr(RAX, size), gpr(RCX, size));
  }
  return { kind: 'int', cond: INT_CONDITIONS[cond] };
}

export function genCompare(g: CodeGen, op: Extract<IrOp, { op: 'compare' }>): void {
  const e = g.e;
  const flags = compareOperands(g, op.cond, op.type, op.a, op.b);
  if (flags.kind === 'int') {
    e.setcc(flags.cond, Register.AL);
  } else if (flags.cond === 'eq') {
    e.setcc('e', Register.AL);
    e.setcc('np', Register.CL);
    e.and(Register.AL, Register.CL);
  } else if (flags.cond === 'ne' || flags.cond === 'ne.un') {
    e.setcc('ne', Register.AL);
    e.setcc('p', Register.CL);
    e.or(Register.AL, Register.CL);
  } else {
    e.setcc(FLOAT_CONDITIONS[flags.cond as keyof typeof FLOAT_CONDITIONS].cond, Register.AL);
  }
  e.movzx(EAX, Register.AL);
  storeInt(g, op.dst, RAX, 'i4');
}

/** Conditional branch: jumps to `ifTrue` when the condition holds, else to `ifFalse` (omitted when it is `next`). */
export function genBranch(g: CodeGen, op: Extract<IrOp, { op: 'branch' }>, next: number | undefined): void {
  const e = g.e;
  const ifTrue = g.blockLabels[op.ifTrue]!;
  const ifFalse = g.blockLabels[op.ifFalse]!;
  const flags = compareOperands(g, op.cond, op.type, op.a, op.b);
  if (flags.kind === 'int') {
    if (op.ifTrue === next) {
      e.jcc(negate(flags.cond), ifFalse);
      return;
    }
    e.jcc(flags.cond, ifTrue);
  } else if (flags.cond === 'eq') {
    e.jcc('p', ifFalse);
    e.jcc('e', ifTrue);
  } else if (flags.cond === 'ne' || flags.cond === 'ne.un') {
    e.jcc('p', ifTrue);
    e.jcc('ne', ifTrue);
  } else {
    e.jcc(FLOAT_CONDITIONS[flags.cond as keyof typeof FLOAT_CONDITIONS].cond, ifTrue);
  }
  if (op.ifFalse !== next) e.jmp(ifFalse);
}

const NEGATED: Readonly<Record<X64Condition, X64Condition>> = {
  o: 'no', no: 'o', b: 'ae', ae: 'b', e: 'ne', ne: 'e', be: 'a', a: 'be', s: 'ns', ns: 's', p: 'np', np: 'p', l: 'ge', ge: 'l', le: 'g', g: 'le',
};

function negate(cond: X64Condition): X64Condition {
  return NEGATED[cond];
}

type ConvertOp = Extract<IrOp, { op: 'convert' }>;

const RESULT_KIND: Readonly<Record<ConversionTarget, StackKind>> = {
  i1: 'i4', u1: 'i4', i2: 'i4', u2: 'i4', i4: 'i4', u4: 'i4', i8: 'i8', u8: 'i8', i: 'i', u: 'i', f4: 'f4', f8: 'f8',
};

/** Inclusive range of each integer target, as signed 64-bit bounds (u8/u: the lower bound only). */
const RANGES: Readonly<Record<Exclude<ConversionTarget, 'f4' | 'f8'>, { min: bigint; max: bigint }>> = {
  i1: { min: -128n, max: 127n },
  u1: { min: 0n, max: 255n },
  i2: { min: -32768n, max: 32767n },
  u2: { min: 0n, max: 65535n },
  i4: { min: -(2n ** 31n), max: 2n ** 31n - 1n },
  u4: { min: 0n, max: 2n ** 32n - 1n },
  i8: { min: -(2n ** 63n), max: 2n ** 63n - 1n },
  i: { min: -(2n ** 63n), max: 2n ** 63n - 1n },
  u8: { min: 0n, max: 2n ** 64n - 1n },
  u: { min: 0n, max: 2n ** 64n - 1n },
};

export function genConvert(g: CodeGen, op: ConvertOp): void {
  const e = g.e;
  const { from, to } = op;
  const resultKind = RESULT_KIND[to];
  if (from === 'f4' || from === 'f8') {
    if (to === 'f4' || to === 'f8') {
      loadFloat(g, XMM0, op.src, to);
      storeFloat(g, op.dst, XMM0, to);
      return;
    }
    loadFloat(g, XMM0, op.src, 'f8');
    const unsigned64 = to === 'u8' || to === 'u';
    if (op.overflow) {
      callHelperPlaced(g, unsigned64 ? CorInfoHelpFunc.CORINFO_HELP_DBL2ULNG_OVF : CorInfoHelpFunc.CORINFO_HELP_DBL2LNG_OVF);
      if (!unsigned64) checkSignedRange(g, RANGES[to]);
    } else if (unsigned64) {
      callHelperPlaced(g, CorInfoHelpFunc.CORINFO_HELP_DBL2ULNG);
    } else {
      e.cvttsd2si(RAX, XMM0);
    }
    finishInteger(g, op.dst, to, resultKind);
    return;
  }
  if (to === 'f4' || to === 'f8') {
    if (op.unsignedSource && from !== 'i4') {
      loadInt(g, RCX, op.src, 'i');
      callHelperPlaced(g, to === 'f4' ? CorInfoHelpFunc.CORINFO_HELP_ULNG2FLT : CorInfoHelpFunc.CORINFO_HELP_ULNG2DBL);
    } else if (op.unsignedSource) {
      loadInt(g, RAX, op.src, 'i4');
      if (to === 'f8') e.cvtsi2sd(XMM0, RAX);
      else e.cvtsi2ss(XMM0, RAX);
    } else {
      loadInt(g, RAX, op.src, from);
      const src = from === 'i4' ? EAX : RAX;
      if (to === 'f8') e.cvtsi2sd(XMM0, src);
      else e.cvtsi2ss(XMM0, src);
    }
    storeFloat(g, op.dst, XMM0, to);
    return;
  }
  // Integer to integer. Load the source as a 64-bit value: int32 sign-extended, or zero-extended when treated as unsigned.
  const zeroExtend = from === 'i4' && (op.unsignedSource || (!op.overflow && (to === 'u8' || to === 'u')));
  loadInt(g, RAX, op.src, zeroExtend ? 'i4' : 'i');
  if (op.overflow) {
    const range = RANGES[to];
    if (op.unsignedSource) checkUnsignedMax(g, range.max, from);
    else checkSignedRange(g, range, from);
  }
  finishInteger(g, op.dst, to, resultKind);
}

/** Normalises rax to the conversion target and stores it. */
function finishInteger(g: CodeGen, dst: number, to: ConversionTarget, resultKind: StackKind): void {
  const e = g.e;
  switch (to) {
    case 'i1': e.movsx(EAX, Register.AL); break;
    case 'u1': e.movzx(EAX, Register.AL); break;
    case 'i2': e.movsx(EAX, Register.AX); break;
    case 'u2': e.movzx(EAX, Register.AX); break;
    default: break;
  }
  storeInt(g, dst, RAX, resultKind === 'i4' ? 'i4' : 'i');
}

/** Throws OverflowException unless min ≤ rax ≤ max (signed 64-bit). */
function checkSignedRange(g: CodeGen, range: { min: bigint; max: bigint }, from: StackKind = 'i8'): void {
  const e = g.e;
  const overflow = g.throwLabel(CorInfoHelpFunc.CORINFO_HELP_OVERFLOW);
  const sourceMin = from === 'i4' ? -(2n ** 31n) : -(2n ** 63n);
  const sourceMax = from === 'i4' ? 2n ** 31n - 1n : 2n ** 63n - 1n;
  if (range.min > sourceMin) {
    if (range.min === 0n) {
      e.test(RAX, RAX);
      e.jcc('s', overflow);
    } else {
      e.cmp(RAX, imm(range.min));
      e.jcc('l', overflow);
    }
  }
  if (range.max < sourceMax) compareWith(g, range.max, 'g', overflow);
}

/** Throws OverflowException unless rax ≤ max (unsigned 64-bit). */
function checkUnsignedMax(g: CodeGen, max: bigint, from: StackKind): void {
  const e = g.e;
  const overflow = g.throwLabel(CorInfoHelpFunc.CORINFO_HELP_OVERFLOW);
  const sourceMax = from === 'i4' ? 2n ** 32n - 1n : 2n ** 64n - 1n;
  if (max >= sourceMax) return;
  if (max === 2n ** 63n - 1n) {
    e.test(RAX, RAX);
    e.jcc('s', overflow);
    return;
  }
  compareWith(g, max, 'a', overflow);
}

function compareWith(g: CodeGen, bound: bigint, cond: X64Condition, target: Label): void {
  const e = g.e;
  if (bound <= 0x7fff_ffffn) e.cmp(RAX, imm(bound));
  else {
    e.mov(RCX, imm(bound));
    e.cmp(RAX, RCX);
  }
  e.jcc(cond, target);
}

export function genCkfinite(g: CodeGen, op: Extract<IrOp, { op: 'ckfinite' }>): void {
  const e = g.e;
  const kind = op.type === 'f4' ? 'f4' : 'f8';
  loadFloat(g, XMM0, op.src, kind);
  // All exponent bits set means NaN or infinity.
  if (kind === 'f8') {
    e.movq(RAX, XMM0);
    e.shr(RAX, imm(52));
    e.and(EAX, imm(0x7ff));
    e.cmp(EAX, imm(0x7ff));
  } else {
    e.movd(EAX, XMM0);
    e.shr(EAX, imm(23));
    e.and(EAX, imm(0xff));
    e.cmp(EAX, imm(0xff));
  }
  e.jcc('e', g.throwLabel(CorInfoHelpFunc.CORINFO_HELP_OVERFLOW));
  storeFloat(g, op.dst, XMM0, kind);
}
