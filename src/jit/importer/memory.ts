/**
 * Loads and stores through addresses (ldind/stind, ldobj/stobj/cpobj/initobj),
 * block operations (cpblk/initblk), localloc and sizeof.
 *
 * The volatile. and unaligned. prefixes need no code on x64: aligned loads
 * and stores are atomic and ordered (TSO), and unaligned accesses work.
 */

import { CorInfoTokenKind } from '../../jitee/index.js';
import { hex4, type ILInstruction } from '../il/decode.js';
import { ILFormatError } from '../il/il-error.js';
import { i4 } from '../ir/method.js';
import type { Barrier } from '../ir/ops.js';
import { T, sizeOfType, stackTypeOf, type IrType } from '../ir/types.js';
import type { ImportState, StackEntry } from './state.js';

function checkAddress(s: ImportState, entry: StackEntry): void {
  const kind = entry.type.kind;
  if (kind !== 'byref' && kind !== 'i' && kind !== 'ref' && kind !== 'i4') {
    throw new ILFormatError(`IL_${hex4(s.ins.offset)}: ${kind} used as an address`);
  }
}

/** Stores of references (or structs holding them) through an address that may point into the heap need a checked barrier. */
export function barrierFor(type: IrType, target: 'heap' | 'unknown'): Barrier {
  const hasGc = type.kind === 'ref' || (type.kind === 'struct' && type.layout!.hasGcPointers);
  if (!hasGc) return 'none';
  return target === 'heap' ? 'unchecked' : 'checked';
}

export function importLdind(s: ImportState, type: IrType): void {
  const addr = s.pop();
  checkAddress(s, addr);
  s.emitPush(stackTypeOf(type), (dst) => ({ op: 'load', dst, addr: addr.operand, offset: 0, type }));
}

export function importStind(s: ImportState, type: IrType): void {
  const value = s.pop();
  const addr = s.pop();
  checkAddress(s, addr);
  s.emit({ op: 'store', addr: addr.operand, offset: 0, src: value.operand, type, barrier: barrierFor(type, 'unknown') });
}

function tokenType(s: ImportState, ins: ILInstruction): IrType {
  const token = s.resolveToken(ins.operand, CorInfoTokenKind.CORINFO_TOKENKIND_Class);
  return s.ee.typeOfClass(token.hClass);
}

export function importLdobj(s: ImportState, ins: ILInstruction): void {
  const type = tokenType(s, ins);
  const addr = s.pop();
  checkAddress(s, addr);
  s.emitPush(stackTypeOf(type), (dst) => ({ op: 'load', dst, addr: addr.operand, offset: 0, type }));
}

export function importStobj(s: ImportState, ins: ILInstruction): void {
  const type = tokenType(s, ins);
  const value = s.pop();
  const addr = s.pop();
  checkAddress(s, addr);
  s.emit({ op: 'store', addr: addr.operand, offset: 0, src: value.operand, type, barrier: barrierFor(type, 'unknown') });
}

export function importCpobj(s: ImportState, ins: ILInstruction): void {
  const type = tokenType(s, ins);
  const src = s.pop();
  const dst = s.pop();
  checkAddress(s, src);
  checkAddress(s, dst);
  s.emit({ op: 'copyStruct', dst: dst.operand, src: src.operand, type, barrier: barrierFor(type, 'unknown') });
}

export function importInitobj(s: ImportState, ins: ILInstruction): void {
  const type = tokenType(s, ins);
  const addr = s.pop();
  checkAddress(s, addr);
  // `ldloca V; initobj T` zeroes the local itself.
  const ops = s.block.ops;
  const last = ops[ops.length - 1];
  if (last !== undefined && last.op === 'addressOf' && addr.operand.k === 'var' && last.dst === addr.operand.id) {
    ops.pop();
    s.spillReadsOf(last.var);
    s.emit({ op: 'zeroVar', var: last.var });
    return;
  }
  s.emit({ op: 'zero', addr: addr.operand, offset: 0, size: sizeOfType(type) });
}

export function importCpblk(s: ImportState): void {
  const size = s.pop();
  const src = s.pop();
  const dst = s.pop();
  s.emit({ op: 'copyBlock', dst: dst.operand, src: src.operand, size: size.operand });
}

export function importInitblk(s: ImportState): void {
  const size = s.pop();
  const value = s.pop();
  const addr = s.pop();
  s.emit({ op: 'initBlock', addr: addr.operand, value: value.operand, size: size.operand });
}

export function importLocalloc(s: ImportState): void {
  const size = s.pop();
  if (s.stack.length !== 0) throw new ILFormatError(`IL_${hex4(s.ins.offset)}: localloc with a non-empty stack`);
  s.method.usesLocalloc = true;
  s.emitPush(T.i, (dst) => ({ op: 'localloc', dst, size: size.operand }));
}

export function importSizeof(s: ImportState, ins: ILInstruction): void {
  const token = s.resolveToken(ins.operand, CorInfoTokenKind.CORINFO_TOKENKIND_Class);
  const size = s.ee.isValueClass(token.hClass) ? s.jit.getClassSize(token.hClass) : s.eeInfo.pointerSize;
  s.push(T.i4, i4(size));
}
