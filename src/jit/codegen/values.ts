/**
 * Moving values between frame slots, registers and memory: loading operands
 * (widening small integers and float32 as the operation needs), storing into
 * variables (truncating to the variable's storage), and addressing memory
 * through an operand.
 */

import { isFloatKind, stackKindOf, type IrType, type StackKind, type StorageKind } from '../ir/types.js';
import type { Operand } from '../ir/ops.js';
import {
  Register, gpr, imm, ptr, ripRelative, type AccessSize, type Memory, type OperandSize,
} from '../x64/index.js';
import type { CodeGen } from './codegen.js';

const { RAX, RBP } = Register;

export class CodegenError extends Error {
  override name = 'CodegenError';
}

/** The stack kind an operand's value has. */
export function kindOfOperand(operand: Operand): StackKind {
  return stackKindOf(operand.type.kind);
}

/** Bytes an operation of this kind works on in a general-purpose register. */
export function intSize(kind: StackKind): 4 | 8 {
  return kind === 'i4' ? 4 : 8;
}

/** [rbp + offset of var `id` + extra], accessed with `size` bytes. */
export function varSlot(g: CodeGen, id: number, size: AccessSize, extra = 0): Memory<never> {
  return ptr(size, RBP, g.varOffset(id) + extra);
}

function storageOf(g: CodeGen, id: number): StorageKind {
  return g.method.vars[id]!.type.kind;
}

/**
 * Loads an integer-class value (int32, int64, native int, reference, byref,
 * or a struct of 1/2/4/8 bytes) into `reg` (any size view; the 64-bit
 * register is used), as a `kind` value: 4 bytes for i4, else 8 (int32
 * sources are sign-extended).
 */
export function loadInt(g: CodeGen, reg: Register, operand: Operand, kind: StackKind): void {
  const e = g.e;
  const wide = intSize(kind) === 8;
  const r64 = gpr(reg, 8);
  const r32 = gpr(reg, 4);
  switch (operand.k) {
    case 'int': {
      if (wide) e.mov(r64, imm(operand.value));
      else e.mov(r32, imm(BigInt.asIntN(32, operand.value)));
      return;
    }
    case 'handle':
      e.movImm64Handle(r64, operand.value, operand.info);
      return;
    case 'float':
      throw new CodegenError(`float constant used as ${kind}`);
    case 'var':
      break;
  }
  const id = operand.id;
  const storage = storageOf(g, id);
  switch (storage) {
    case 'i1': e.movsx(wide ? r64 : r32, varSlot(g, id, 1)); return;
    case 'u1': e.movzx(r32, varSlot(g, id, 1)); return;
    case 'i2': e.movsx(wide ? r64 : r32, varSlot(g, id, 2)); return;
    case 'u2': e.movzx(r32, varSlot(g, id, 2)); return;
    case 'i4': case 'u4':
      if (wide) e.movsxd(r64, varSlot(g, id, 4));
      else e.mov(r32, varSlot(g, id, 4));
      return;
    case 'i8': case 'i': case 'ref': case 'byref':
      e.mov(wide ? r64 : r32, varSlot(g, id, wide ? 8 : 4));
      return;
    case 'struct': {
      const size = operand.type.layout!.size;
      if (size === 1) e.movzx(r32, varSlot(g, id, 1));
      else if (size === 2) e.movzx(r32, varSlot(g, id, 2));
      else if (size === 4) e.mov(r32, varSlot(g, id, 4));
      else if (size === 8) e.mov(r64, varSlot(g, id, 8));
      else throw new CodegenError(`struct of ${size} bytes loaded into a register`);
      return;
    }
    case 'f4': case 'f8':
      throw new CodegenError(`floating-point variable read as ${kind}`);
  }
}

/** Loads a float32 or float64 value into an XMM register as `kind`, converting precision when they differ. */
export function loadFloat(g: CodeGen, xmm: Register, operand: Operand, kind: 'f4' | 'f8'): void {
  const e = g.e;
  if (operand.k === 'float') {
    if (Object.is(operand.value, 0)) {
      e.xorps(xmm, xmm);
      return;
    }
    const bits = floatBits(operand.value, kind);
    if (kind === 'f4') {
      e.mov(Register.EAX, imm(bits));
      e.movd(xmm, Register.EAX);
    } else {
      e.mov(RAX, imm(bits));
      e.movq(xmm, RAX);
    }
    return;
  }
  if (operand.k !== 'var') throw new CodegenError(`${operand.k} operand used as ${kind}`);
  const storage = storageOf(g, operand.id);
  if (storage === 'f4') {
    e.movss(xmm, varSlot(g, operand.id, 4));
    if (kind === 'f8') e.cvtss2sd(xmm, xmm);
  } else if (storage === 'f8') {
    e.movsd(xmm, varSlot(g, operand.id, 8));
    if (kind === 'f4') e.cvtsd2ss(xmm, xmm);
  } else {
    throw new CodegenError(`${storage} variable read as ${kind}`);
  }
}

const floatView = new DataView(new ArrayBuffer(8));

export function floatBits(value: number, kind: 'f4' | 'f8'): bigint {
  if (kind === 'f4') {
    floatView.setFloat32(0, value, true);
    return BigInt(floatView.getUint32(0, true));
  }
  floatView.setFloat64(0, value, true);
  return floatView.getBigUint64(0, true);
}

/** Stores `reg` (holding a `kind` value) into variable `id`, truncated or sign-extended to its storage. */
export function storeInt(g: CodeGen, id: number, reg: Register, kind: StackKind): void {
  const e = g.e;
  const storage = storageOf(g, id);
  switch (storage) {
    case 'i1': case 'u1': e.mov(varSlot(g, id, 1), gpr(reg, 1)); return;
    case 'i2': case 'u2': e.mov(varSlot(g, id, 2), gpr(reg, 2)); return;
    case 'i4': case 'u4': e.mov(varSlot(g, id, 4), gpr(reg, 4)); return;
    case 'i8': case 'i': case 'ref': case 'byref': case 'struct':
      if (kind === 'i4') e.movsxd(gpr(reg, 8), gpr(reg, 4));
      e.mov(varSlot(g, id, 8), gpr(reg, 8));
      return;
    case 'f4': case 'f8':
      throw new CodegenError(`${kind} value stored into a floating-point variable`);
  }
}

/** Stores an XMM register holding a `kind` value into variable `id`, converting to its precision. */
export function storeFloat(g: CodeGen, id: number, xmm: Register, kind: 'f4' | 'f8'): void {
  const e = g.e;
  const storage = storageOf(g, id);
  if (storage === 'f4') {
    if (kind === 'f8') e.cvtsd2ss(xmm, xmm);
    e.movss(varSlot(g, id, 4), xmm);
  } else if (storage === 'f8') {
    if (kind === 'f4') e.cvtss2sd(xmm, xmm);
    e.movsd(varSlot(g, id, 8), xmm);
  } else {
    throw new CodegenError(`${kind} value stored into a ${storage} variable`);
  }
}

/**
 * A memory operand for [addr + offset] of `size` bytes. A rel32-reachable
 * handle becomes [rip+x]; anything else is loaded into `scratch` first.
 */
export function addressed(g: CodeGen, addr: Operand, offset: number, size: AccessSize, scratch: Register = RAX): Memory<never> {
  if (addr.k === 'handle' && addr.rel32) {
    return ripRelative(size, addr.value + BigInt(offset), addr.info) as unknown as Memory<never>;
  }
  loadInt(g, scratch, addr, 'i');
  return ptr(size, gpr(scratch, 8), offset);
}

/** Copies a value of `type` from operand `src` into variable `dst` (the IR's copy). */
export function copyValue(g: CodeGen, dst: number, src: Operand, type: IrType): void {
  if (type.kind === 'struct') {
    if (src.k !== 'var') throw new CodegenError('struct copied from a constant');
    copyVarToVar(g, dst, src.id, type.layout!.size);
    return;
  }
  const kind = stackKindOf(type.kind);
  if (isFloatKind(kind)) {
    loadFloat(g, Register.XMM0, src, kind as 'f4' | 'f8');
    storeFloat(g, dst, Register.XMM0, kind as 'f4' | 'f8');
    return;
  }
  if (src.k === 'int' && storeConstant(g, dst, src.value, kind)) return;
  loadInt(g, RAX, src, kind);
  storeInt(g, dst, RAX, kind);
}

/** Stores an integer constant straight into a variable when an immediate can hold it. */
function storeConstant(g: CodeGen, dst: number, value: bigint, kind: StackKind): boolean {
  const storage = storageOf(g, dst);
  const v = kind === 'i4' ? BigInt.asIntN(32, value) : value;
  switch (storage) {
    case 'i1': case 'u1': g.e.mov(varSlot(g, dst, 1), imm(BigInt.asIntN(8, v))); return true;
    case 'i2': case 'u2': g.e.mov(varSlot(g, dst, 2), imm(BigInt.asIntN(16, v))); return true;
    case 'i4': case 'u4': g.e.mov(varSlot(g, dst, 4), imm(BigInt.asIntN(32, v))); return true;
    case 'i8': case 'i': case 'ref': case 'byref':
      if (v < -0x8000_0000n || v > 0x7fff_ffffn) return false;
      g.e.mov(varSlot(g, dst, 8), imm(v));
      return true;
    default:
      return false;
  }
}

/** Copies a struct between two frame slots (8-byte chunks: slots are padded to 8). */
export function copyVarToVar(g: CodeGen, dst: number, src: number, size: number): void {
  if (dst === src) return;
  for (let off = 0; off < size; off += 8) {
    g.e.mov(RAX, varSlot(g, src, 8, off));
    g.e.mov(varSlot(g, dst, 8, off), RAX);
  }
}

/** The chunk sizes that cover `size` bytes exactly, largest first. */
export function chunks(size: number): { offset: number; size: OperandSize }[] {
  const out: { offset: number; size: OperandSize }[] = [];
  let off = 0;
  for (const step of [8, 4, 2, 1] as const) {
    while (size - off >= step) {
      out.push({ offset: off, size: step });
      off += step;
    }
  }
  return out;
}
