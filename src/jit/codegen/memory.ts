/**
 * Memory operations: loads and stores through addresses (with write
 * barriers), struct copies and zeroing, block helpers, array length, element
 * addresses and bounds checks, null checks, addresses of variables, localloc.
 *
 * Write barriers use the CoreCLR convention: rcx = destination address,
 * rdx = the reference stored; CORINFO_HELP_ASSIGN_REF when the destination
 * is known to be in the GC heap, CORINFO_HELP_CHECKED_ASSIGN_REF otherwise.
 */

import { CorInfoGCType, CorInfoHelpFunc } from '../../jitee/index.js';
import type { Barrier, IrOp, Operand } from '../ir/ops.js';
import { isFloatKind, stackKindOf, type IrType, type StructLayout } from '../ir/types.js';
import { Register, dwordPtr, gpr, imm, indexed, ptr, qwordPtr, type Memory, type OperandSize } from '../x64/index.js';
import { callHelperPlaced } from './calls.js';
import type { CodeGen } from './codegen.js';
import {
  CodegenError, addressed, chunks, copyVarToVar, loadFloat, loadInt, storeFloat, storeInt, varSlot,
} from './values.js';

const { RAX, RCX, RDX, R8, R10, R11, EAX, ECX, XMM0 } = Register;

function barrierHelper(barrier: Barrier): number {
  return barrier === 'unchecked' ? CorInfoHelpFunc.CORINFO_HELP_ASSIGN_REF : CorInfoHelpFunc.CORINFO_HELP_CHECKED_ASSIGN_REF;
}

/** Loads a value of `type` from `mem` into variable `dst`. */
function loadInto(g: CodeGen, dst: number, mem: Memory<never>, type: IrType): void {
  const e = g.e;
  switch (type.kind) {
    case 'i1': e.movsx(ECX, { ...mem, size: 1 }); break;
    case 'u1': e.movzx(ECX, { ...mem, size: 1 }); break;
    case 'i2': e.movsx(ECX, { ...mem, size: 2 }); break;
    case 'u2': e.movzx(ECX, { ...mem, size: 2 }); break;
    case 'i4': case 'u4': e.mov(ECX, { ...mem, size: 4 }); break;
    case 'i8': case 'i': case 'ref': case 'byref': e.mov(RCX, { ...mem, size: 8 }); break;
    case 'f4': e.movss(XMM0, { ...mem, size: 4 }); storeFloat(g, dst, XMM0, 'f4'); return;
    case 'f8': e.movsd(XMM0, { ...mem, size: 8 }); storeFloat(g, dst, XMM0, 'f8'); return;
    case 'struct': throw new CodegenError('struct loaded as a scalar');
  }
  storeInt(g, dst, RCX, stackKindOf(type.kind));
}

export function genLoad(g: CodeGen, op: Extract<IrOp, { op: 'load' }>): void {
  if (op.type.kind === 'struct') {
    copyStruct(g, { kind: 'var', id: op.dst }, { kind: 'mem', addr: op.addr, offset: op.offset }, op.type.layout!, 'none');
    return;
  }
  loadInto(g, op.dst, addressed(g, op.addr, op.offset, 8), op.type);
}

export function genStore(g: CodeGen, op: Extract<IrOp, { op: 'store' }>): void {
  const e = g.e;
  const type = op.type;
  if (type.kind === 'struct') {
    if (op.src.k !== 'var') throw new CodegenError('struct stored from a constant');
    copyStruct(g, { kind: 'mem', addr: op.addr, offset: op.offset }, { kind: 'var', id: op.src.id }, type.layout!, op.barrier);
    return;
  }
  if (type.kind === 'ref' && op.barrier !== 'none') {
    loadInt(g, RDX, op.src, 'ref');
    addressInto(g, RCX, op.addr, op.offset);
    callHelperPlaced(g, barrierHelper(op.barrier));
    return;
  }
  const kind = stackKindOf(type.kind);
  if (isFloatKind(kind)) {
    loadFloat(g, XMM0, op.src, type.kind as 'f4' | 'f8');
    const mem = addressed(g, op.addr, op.offset, 8);
    if (type.kind === 'f4') e.movss({ ...mem, size: 4 }, XMM0);
    else e.movsd({ ...mem, size: 8 }, XMM0);
    return;
  }
  const size = storeSize(type);
  loadInt(g, RCX, op.src, size === 8 ? 'i' : 'i4');
  const mem = addressed(g, op.addr, op.offset, size);
  e.mov({ ...mem, size }, gpr(RCX, size));
}

function storeSize(type: IrType): OperandSize {
  switch (type.kind) {
    case 'i1': case 'u1': return 1;
    case 'i2': case 'u2': return 2;
    case 'i4': case 'u4': return 4;
    default: return 8;
  }
}

/** reg ← addr + offset. */
function addressInto(g: CodeGen, reg: Register, addr: Operand, offset: number): void {
  if (addr.k === 'handle' && addr.rel32) {
    g.e.leaRipRelative(reg, addr.value + BigInt(offset), addr.info);
    return;
  }
  loadInt(g, reg, addr, 'i');
  if (offset !== 0) g.e.lea(reg, ptr(8, reg, offset));
}

/** Where a struct is: a frame variable, or memory at an address operand plus an offset. */
export type StructPlace = { readonly kind: 'var'; readonly id: number } | { readonly kind: 'mem'; readonly addr: Operand; readonly offset: number };

/**
 * Copies a struct. Reference slots stored into memory go through the write
 * barrier when `barrier` asks for one; everything else moves through rax in
 * 8/4/2/1-byte pieces (whole 8-byte pieces between frame slots, which are
 * padded). Addresses live in r10 (source) and r11 (destination), reloaded
 * after each barrier call.
 */
export function copyStruct(g: CodeGen, dst: StructPlace, src: StructPlace, layout: StructLayout, barrier: Barrier): void {
  const e = g.e;
  if (dst.kind === 'var' && src.kind === 'var') {
    copyVarToVar(g, dst.id, src.id, layout.size);
    return;
  }
  let haveAddresses = false;
  const memOf = (place: StructPlace, reg: Register, offset: number, size: OperandSize): Memory<never> =>
    place.kind === 'var' ? varSlot(g, place.id, size, offset) : ptr(size, reg, place.offset + offset);
  const loadAddresses = (): void => {
    if (src.kind === 'mem') loadInt(g, R10, src.addr, 'i');
    if (dst.kind === 'mem') loadInt(g, R11, dst.addr, 'i');
    haveAddresses = true;
  };
  for (const piece of chunks(layout.size)) {
    const slot = piece.offset / 8;
    const isRef = piece.size === 8 && piece.offset % 8 === 0 && layout.gcPtrs[slot] === CorInfoGCType.TYPE_GC_REF;
    if (isRef && barrier !== 'none' && dst.kind === 'mem') {
      if (!haveAddresses) loadAddresses();
      e.mov(RDX, memOf(src, R10, piece.offset, 8));
      e.lea(RCX, ptr(8, R11, dst.offset + piece.offset));
      callHelperPlaced(g, barrierHelper(barrier));
      haveAddresses = false;
      continue;
    }
    if (!haveAddresses) loadAddresses();
    const reg = gpr(RAX, piece.size);
    e.mov(reg, memOf(src, R10, piece.offset, piece.size));
    e.mov(memOf(dst, R11, piece.offset, piece.size), reg);
  }
}

export function genCopyStruct(g: CodeGen, op: Extract<IrOp, { op: 'copyStruct' }>): void {
  if (op.type.kind !== 'struct') {
    // cpobj of a primitive or reference type: a load and a store.
    const kind = op.type.kind;
    if (kind === 'ref' && op.barrier !== 'none') {
      loadInt(g, RAX, op.src, 'i');
      g.e.mov(RDX, qwordPtr(RAX));
      addressInto(g, RCX, op.dst, 0);
      callHelperPlaced(g, barrierHelper(op.barrier));
      return;
    }
    const size = storeSize(op.type);
    loadInt(g, R10, op.src, 'i');
    g.e.mov(gpr(RAX, size), ptr(size, R10));
    loadInt(g, R11, op.dst, 'i');
    g.e.mov(ptr(size, R11), gpr(RAX, size));
    return;
  }
  copyStruct(g, { kind: 'mem', addr: op.dst, offset: 0 }, { kind: 'mem', addr: op.src, offset: 0 }, op.type.layout!, op.barrier);
}

export function genZero(g: CodeGen, op: Extract<IrOp, { op: 'zero' }>): void {
  const e = g.e;
  loadInt(g, RAX, op.addr, 'i');
  e.zero(ECX);
  for (const piece of chunks(op.size)) e.mov(ptr(piece.size, RAX, op.offset + piece.offset), gpr(RCX, piece.size));
}

export function genZeroVar(g: CodeGen, id: number): void {
  const e = g.e;
  const size = Math.ceil(Math.max(typeSize(g, id), 1) / 8) * 8;
  e.zero(EAX);
  for (let off = 0; off < size; off += 8) e.mov(varSlot(g, id, 8, off), RAX);
}

function typeSize(g: CodeGen, id: number): number {
  const t = g.method.vars[id]!.type;
  return t.kind === 'struct' ? t.layout!.size : 8;
}

export function genInitBlock(g: CodeGen, op: Extract<IrOp, { op: 'initBlock' }>): void {
  loadInt(g, RCX, op.addr, 'i');
  loadInt(g, RDX, op.value, 'i4');
  g.e.movzx(Register.EDX, Register.DL);
  loadInt(g, R8, op.size, 'i4');
  g.e.mov(Register.R8D, Register.R8D);
  callHelperPlaced(g, CorInfoHelpFunc.CORINFO_HELP_MEMSET);
}

export function genCopyBlock(g: CodeGen, op: Extract<IrOp, { op: 'copyBlock' }>): void {
  loadInt(g, RCX, op.dst, 'i');
  loadInt(g, RDX, op.src, 'i');
  loadInt(g, R8, op.size, 'i4');
  g.e.mov(Register.R8D, Register.R8D);
  callHelperPlaced(g, CorInfoHelpFunc.CORINFO_HELP_MEMCPY);
}

export function genNullCheck(g: CodeGen, src: Operand): void {
  // Reading the object faults on null; the runtime turns the fault into NullReferenceException.
  loadInt(g, RAX, src, 'i');
  g.e.cmp(dwordPtr(RAX), EAX);
}

export function genBoundsCheck(g: CodeGen, op: Extract<IrOp, { op: 'boundsCheck' }>): void {
  const e = g.e;
  const fail = g.throwLabel(CorInfoHelpFunc.CORINFO_HELP_RNGCHKFAIL);
  loadInt(g, RAX, op.array, 'ref');
  const indexKind = op.index.type.kind;
  if (op.index.k === 'int' && op.index.value >= 0n && op.index.value <= 0x7fff_ffffn) {
    e.cmp(dwordPtr(RAX, op.lengthOffset), imm(op.index.value));
    e.jcc('be', fail);
    return;
  }
  if (indexKind === 'i4' || indexKind === 'i1' || indexKind === 'u1' || indexKind === 'i2' || indexKind === 'u2' || indexKind === 'u4') {
    loadInt(g, RCX, op.index, 'i4');
    e.cmp(ECX, dwordPtr(RAX, op.lengthOffset));
  } else {
    loadInt(g, RCX, op.index, 'i');
    e.mov(Register.EDX, dwordPtr(RAX, op.lengthOffset));
    e.cmp(RCX, RDX);
  }
  e.jcc('ae', fail);
}

export function genArrayLength(g: CodeGen, op: Extract<IrOp, { op: 'arrayLength' }>): void {
  loadInt(g, RAX, op.array, 'ref');
  g.e.mov(EAX, dwordPtr(RAX, op.lengthOffset));
  storeInt(g, op.dst, RAX, 'i');
}

export function genElementAddress(g: CodeGen, op: Extract<IrOp, { op: 'elementAddress' }>): void {
  const e = g.e;
  loadInt(g, RAX, op.array, 'ref');
  loadInt(g, RCX, op.index, 'i');
  const size = op.elementSize;
  if (size === 1 || size === 2 || size === 4 || size === 8) {
    e.lea(RAX, indexed(8, RAX, RCX, size, op.dataOffset));
  } else {
    e.imul3(RCX, RCX, imm(size));
    e.lea(RAX, indexed(8, RAX, RCX, 1, op.dataOffset));
  }
  storeInt(g, op.dst, RAX, 'i');
}

export function genOffsetAddress(g: CodeGen, op: Extract<IrOp, { op: 'offsetAddress' }>): void {
  addressInto(g, RAX, op.base, op.offset);
  storeInt(g, op.dst, RAX, 'i');
}

export function genAddressOf(g: CodeGen, op: Extract<IrOp, { op: 'addressOf' }>): void {
  g.e.lea(RAX, varSlot(g, op.var, 8));
  storeInt(g, op.dst, RAX, 'i');
}

/**
 * localloc: rounds the size up to 16, pushes zeros (which also touches each
 * page in order, so no separate probe is needed), then moves the outgoing
 * argument area below the new block. A zero size gives null.
 */
export function genLocalloc(g: CodeGen, op: Extract<IrOp, { op: 'localloc' }>): void {
  const e = g.e;
  const zeroSize = e.newLabel();
  const done = e.newLabel();
  const loop = e.newLabel();
  loadInt(g, RCX, op.size, op.size.type.kind === 'i4' ? 'i4' : 'i');
  e.test(RCX, RCX);
  e.jcc('e', zeroSize);
  e.add(RCX, imm(15));
  e.shr(RCX, imm(4));
  e.zero(EAX);
  e.bindLabel(loop);
  e.push(RAX);
  e.push(RAX);
  e.dec(RCX);
  e.jcc('ne', loop);
  const outgoing = g.plan.layout.outgoingArgumentBytes;
  if (outgoing > 0) e.sub(Register.RSP, imm(outgoing));
  e.lea(RAX, ptr(8, Register.RSP, outgoing));
  e.jmp(done);
  e.bindLabel(zeroSize);
  e.zero(EAX);
  e.bindLabel(done);
  storeInt(g, op.dst, RAX, 'i');
}
