/**
 * Imports one IL instruction: the dispatch over every opcode of
 * ECMA-335 Partition III. Groups of related instructions live in their own
 * files (calls, fields, objects and arrays, memory, exception handling);
 * this file has the dispatch and the instructions that only move values.
 */

import { CorInfoHelpFunc } from '../../jitee/index.js';
import { hex4, type ILInstruction } from '../il/decode.js';
import { ILFormatError, JitLimitation } from '../il/il-error.js';
import { OP } from '../il/opcodes.js';
import { i4, i8 } from '../ir/method.js';
import type { Condition } from '../ir/ops.js';
import { T, stackKindOf, stackTypeOf } from '../ir/types.js';
import { comparisonKind, importBinary, importCkfinite, importCompare, importConversion, importUnary } from './arith.js';
import type { BlockMap } from './basic-blocks.js';
import { importCall, importCalli, importJmp, importLdftn, importLdvirtftn, importNewobj } from './calls.js';
import { importEndfilter, importEndfinally, importLeave, importRethrow, importThrow } from './exceptions.js';
import { importFieldAccess } from './fields.js';
import { leaveStackFor } from './import-method.js';
import {
  importCpblk, importCpobj, importInitblk, importInitobj, importLdind, importLdobj, importLocalloc, importSizeof, importStind,
  importStobj,
} from './memory.js';
import {
  importBox, importCastclass, importLdelem, importLdelema, importLdlen, importLdstr, importLdtoken, importNewarr,
  importStelem, importTypedReference, importUnbox, importUnboxAny,
} from './objects.js';
import { importReturn } from './returns.js';
import type { ImportState } from './state.js';

const BRANCH_NAMES: readonly (readonly [string, Condition])[] = [
  ['beq', 'eq'], ['bge', 'ge'], ['bgt', 'gt'], ['ble', 'le'], ['blt', 'lt'],
  ['bne.un', 'ne.un'], ['bge.un', 'ge.un'], ['bgt.un', 'gt.un'], ['ble.un', 'le.un'], ['blt.un', 'lt.un'],
];
const BRANCH_CONDITIONS: ReadonlyMap<number, Condition> = new Map<number, Condition>(
  BRANCH_NAMES.flatMap(([name, cond]): [number, Condition][] => [[OP[name]!, cond], [OP[`${name}.s`]!, cond]]),
);

/** Imports `ins`; returns true when it ends its block (branch, return, throw …). */
export function importInstruction(s: ImportState, ins: ILInstruction, map: BlockMap): boolean {
  const op = ins.opcode;
  const blockOf = (offset: number): number => {
    const b = map.blockAt[offset];
    if (b === undefined || b < 0) throw new ILFormatError(`IL_${hex4(ins.offset)}: branch to IL_${hex4(offset)}, which starts no block`);
    return b;
  };

  const cond = BRANCH_CONDITIONS.get(op);
  if (cond !== undefined) {
    const b = s.pop();
    const a = s.pop();
    const type = comparisonKind(s, a, b);
    const ifTrue = blockOf(ins.operand);
    const ifFalse = blockOf(ins.next);
    leaveStackFor(s, [ifTrue, ifFalse]);
    s.emit({ op: 'branch', cond, type, a: a.operand, b: b.operand, ifTrue, ifFalse });
    return true;
  }

  switch (op) {
    case OP['nop']: return false;
    case OP['break']:
      s.emit({ op: 'call', call: { target: s.ee.helper(CorInfoHelpFunc.CORINFO_HELP_USER_BREAKPOINT), args: [], result: undefined, site: { ilOffset: ins.offset, helper: CorInfoHelpFunc.CORINFO_HELP_USER_BREAKPOINT } } });
      return false;

    // ---- arguments and locals ----
    case OP['ldarg.0']: case OP['ldarg.1']: case OP['ldarg.2']: case OP['ldarg.3']:
      loadArg(s, op - OP['ldarg.0']!); return false;
    case OP['ldarg.s']: case OP['ldarg']: loadArg(s, ins.operand); return false;
    case OP['ldloc.0']: case OP['ldloc.1']: case OP['ldloc.2']: case OP['ldloc.3']:
      loadLocal(s, op - OP['ldloc.0']!); return false;
    case OP['ldloc.s']: case OP['ldloc']: loadLocal(s, ins.operand); return false;
    case OP['stloc.0']: case OP['stloc.1']: case OP['stloc.2']: case OP['stloc.3']:
      s.storeToVar(localVar(s, op - OP['stloc.0']!)); return false;
    case OP['stloc.s']: case OP['stloc']: s.storeToVar(localVar(s, ins.operand)); return false;
    case OP['starg.s']: case OP['starg']: s.storeToVar(argVar(s, ins.operand)); return false;
    case OP['ldarga.s']: case OP['ldarga']: addressOf(s, argVar(s, ins.operand)); return false;
    case OP['ldloca.s']: case OP['ldloca']: addressOf(s, localVar(s, ins.operand)); return false;

    // ---- constants ----
    case OP['ldnull']: s.push(T.ref, { k: 'int', value: 0n, type: T.ref }); return false;
    case OP['ldc.i4.m1']: case OP['ldc.i4.0']: case OP['ldc.i4.1']: case OP['ldc.i4.2']: case OP['ldc.i4.3']:
    case OP['ldc.i4.4']: case OP['ldc.i4.5']: case OP['ldc.i4.6']: case OP['ldc.i4.7']: case OP['ldc.i4.8']:
      s.push(T.i4, i4(op - OP['ldc.i4.0']!)); return false;
    case OP['ldc.i4.s']: case OP['ldc.i4']: s.push(T.i4, i4(ins.operand)); return false;
    case OP['ldc.i8']: s.push(T.i8, i8(ins.operand64)); return false;
    case OP['ldc.r4']: s.push(T.f4, { k: 'float', value: ins.operandFloat, type: T.f4 }); return false;
    case OP['ldc.r8']: s.push(T.f8, { k: 'float', value: ins.operandFloat, type: T.f8 }); return false;

    // ---- stack ----
    case OP['dup']: {
      const top = s.peek();
      if (top.operand.k === 'var' && s.method.vars[top.operand.id]!.role === 'temp') {
        const src = top.operand;
        s.emitPush(top.type, (dst) => ({ op: 'copy', dst, src, type: top.type }));
      } else {
        s.push(top.type, top.operand);
      }
      return false;
    }
    case OP['pop']: s.pop(); return false;

    // ---- control flow ----
    case OP['br.s']: case OP['br']: {
      const target = blockOf(ins.operand);
      leaveStackFor(s, [target]);
      s.emit({ op: 'jump', target });
      return true;
    }
    case OP['brfalse.s']: case OP['brfalse']: case OP['brtrue.s']: case OP['brtrue']: {
      const a = s.pop();
      const kind = stackKindOf(a.type.kind);
      if (kind === 'struct' || kind === 'f4' || kind === 'f8') throw new ILFormatError(`IL_${hex4(ins.offset)}: brtrue/brfalse of ${kind}`);
      const ifTrue = blockOf(ins.operand);
      const ifFalse = blockOf(ins.next);
      leaveStackFor(s, [ifTrue, ifFalse]);
      const c: Condition = op === OP['brtrue.s'] || op === OP['brtrue'] ? 'true' : 'false';
      s.emit({ op: 'branch', cond: c, type: kind, a: a.operand, b: undefined, ifTrue, ifFalse });
      return true;
    }
    case OP['switch']: {
      const value = s.pop();
      const targets = ins.targets!.map(blockOf);
      const otherwise = blockOf(ins.next);
      leaveStackFor(s, [...targets, otherwise]);
      s.emit({ op: 'switch', value: value.operand, targets, otherwise });
      return true;
    }
    case OP['ret']: importReturn(s); return true;
    case OP['jmp']: importJmp(s, ins); return true;

    // ---- arithmetic ----
    case OP['add']: importBinary(s, 'add'); return false;
    case OP['sub']: importBinary(s, 'sub'); return false;
    case OP['mul']: importBinary(s, 'mul'); return false;
    case OP['div']: importBinary(s, 'div'); return false;
    case OP['div.un']: importBinary(s, 'div.un'); return false;
    case OP['rem']: importBinary(s, 'rem'); return false;
    case OP['rem.un']: importBinary(s, 'rem.un'); return false;
    case OP['and']: importBinary(s, 'and'); return false;
    case OP['or']: importBinary(s, 'or'); return false;
    case OP['xor']: importBinary(s, 'xor'); return false;
    case OP['shl']: importBinary(s, 'shl'); return false;
    case OP['shr']: importBinary(s, 'shr'); return false;
    case OP['shr.un']: importBinary(s, 'shr.un'); return false;
    case OP['add.ovf']: importBinary(s, 'add.ovf'); return false;
    case OP['add.ovf.un']: importBinary(s, 'add.ovf.un'); return false;
    case OP['sub.ovf']: importBinary(s, 'sub.ovf'); return false;
    case OP['sub.ovf.un']: importBinary(s, 'sub.ovf.un'); return false;
    case OP['mul.ovf']: importBinary(s, 'mul.ovf'); return false;
    case OP['mul.ovf.un']: importBinary(s, 'mul.ovf.un'); return false;
    case OP['neg']: importUnary(s, 'neg'); return false;
    case OP['not']: importUnary(s, 'not'); return false;
    case OP['ceq']: importCompare(s, 'eq'); return false;
    case OP['cgt']: importCompare(s, 'gt'); return false;
    case OP['cgt.un']: importCompare(s, 'gt.un'); return false;
    case OP['clt']: importCompare(s, 'lt'); return false;
    case OP['clt.un']: importCompare(s, 'lt.un'); return false;
    case OP['ckfinite']: importCkfinite(s); return false;

    // ---- conversions ----
    case OP['conv.i1']: importConversion(s, 'i1', false, false); return false;
    case OP['conv.i2']: importConversion(s, 'i2', false, false); return false;
    case OP['conv.i4']: importConversion(s, 'i4', false, false); return false;
    case OP['conv.i8']: importConversion(s, 'i8', false, false); return false;
    case OP['conv.r4']: importConversion(s, 'f4', false, false); return false;
    case OP['conv.r8']: importConversion(s, 'f8', false, false); return false;
    case OP['conv.u4']: importConversion(s, 'u4', false, false); return false;
    case OP['conv.u8']: importConversion(s, 'u8', false, false); return false;
    case OP['conv.u2']: importConversion(s, 'u2', false, false); return false;
    case OP['conv.u1']: importConversion(s, 'u1', false, false); return false;
    case OP['conv.i']: importConversion(s, 'i', false, false); return false;
    case OP['conv.u']: importConversion(s, 'u', false, false); return false;
    case OP['conv.r.un']: importConversion(s, 'f8', false, true); return false;
    case OP['conv.ovf.i1']: importConversion(s, 'i1', true, false); return false;
    case OP['conv.ovf.u1']: importConversion(s, 'u1', true, false); return false;
    case OP['conv.ovf.i2']: importConversion(s, 'i2', true, false); return false;
    case OP['conv.ovf.u2']: importConversion(s, 'u2', true, false); return false;
    case OP['conv.ovf.i4']: importConversion(s, 'i4', true, false); return false;
    case OP['conv.ovf.u4']: importConversion(s, 'u4', true, false); return false;
    case OP['conv.ovf.i8']: importConversion(s, 'i8', true, false); return false;
    case OP['conv.ovf.u8']: importConversion(s, 'u8', true, false); return false;
    case OP['conv.ovf.i']: importConversion(s, 'i', true, false); return false;
    case OP['conv.ovf.u']: importConversion(s, 'u', true, false); return false;
    case OP['conv.ovf.i1.un']: importConversion(s, 'i1', true, true); return false;
    case OP['conv.ovf.i2.un']: importConversion(s, 'i2', true, true); return false;
    case OP['conv.ovf.i4.un']: importConversion(s, 'i4', true, true); return false;
    case OP['conv.ovf.i8.un']: importConversion(s, 'i8', true, true); return false;
    case OP['conv.ovf.u1.un']: importConversion(s, 'u1', true, true); return false;
    case OP['conv.ovf.u2.un']: importConversion(s, 'u2', true, true); return false;
    case OP['conv.ovf.u4.un']: importConversion(s, 'u4', true, true); return false;
    case OP['conv.ovf.u8.un']: importConversion(s, 'u8', true, true); return false;
    case OP['conv.ovf.i.un']: importConversion(s, 'i', true, true); return false;
    case OP['conv.ovf.u.un']: importConversion(s, 'u', true, true); return false;

    // ---- indirect loads and stores ----
    case OP['ldind.i1']: importLdind(s, T.i1); return false;
    case OP['ldind.u1']: importLdind(s, T.u1); return false;
    case OP['ldind.i2']: importLdind(s, T.i2); return false;
    case OP['ldind.u2']: importLdind(s, T.u2); return false;
    case OP['ldind.i4']: importLdind(s, T.i4); return false;
    case OP['ldind.u4']: importLdind(s, T.u4); return false;
    case OP['ldind.i8']: importLdind(s, T.i8); return false;
    case OP['ldind.i']: importLdind(s, T.i); return false;
    case OP['ldind.r4']: importLdind(s, T.f4); return false;
    case OP['ldind.r8']: importLdind(s, T.f8); return false;
    case OP['ldind.ref']: importLdind(s, T.ref); return false;
    case OP['stind.ref']: importStind(s, T.ref); return false;
    case OP['stind.i1']: importStind(s, T.i1); return false;
    case OP['stind.i2']: importStind(s, T.i2); return false;
    case OP['stind.i4']: importStind(s, T.i4); return false;
    case OP['stind.i8']: importStind(s, T.i8); return false;
    case OP['stind.r4']: importStind(s, T.f4); return false;
    case OP['stind.r8']: importStind(s, T.f8); return false;
    case OP['stind.i']: importStind(s, T.i); return false;
    case OP['ldobj']: importLdobj(s, ins); return false;
    case OP['stobj']: importStobj(s, ins); return false;
    case OP['cpobj']: importCpobj(s, ins); return false;
    case OP['initobj']: importInitobj(s, ins); return false;
    case OP['cpblk']: importCpblk(s); return false;
    case OP['initblk']: importInitblk(s); return false;
    case OP['localloc']: importLocalloc(s); return false;
    case OP['sizeof']: importSizeof(s, ins); return false;

    // ---- calls ----
    case OP['call']: importCall(s, ins, false); return false;
    case OP['callvirt']: importCall(s, ins, true); return false;
    case OP['calli']: importCalli(ins);
    case OP['newobj']: importNewobj(s, ins); return false;
    case OP['ldftn']: importLdftn(s, ins); return false;
    case OP['ldvirtftn']: importLdvirtftn(s, ins); return false;

    // ---- fields ----
    case OP['ldfld']: importFieldAccess(s, ins, 'load', false); return false;
    case OP['ldflda']: importFieldAccess(s, ins, 'address', false); return false;
    case OP['stfld']: importFieldAccess(s, ins, 'store', false); return false;
    case OP['ldsfld']: importFieldAccess(s, ins, 'load', true); return false;
    case OP['ldsflda']: importFieldAccess(s, ins, 'address', true); return false;
    case OP['stsfld']: importFieldAccess(s, ins, 'store', true); return false;

    // ---- objects, arrays, types ----
    case OP['ldstr']: importLdstr(s, ins); return false;
    case OP['ldtoken']: importLdtoken(s, ins); return false;
    case OP['castclass']: importCastclass(s, ins, true); return false;
    case OP['isinst']: importCastclass(s, ins, false); return false;
    case OP['box']: importBox(s, ins); return false;
    case OP['unbox']: importUnbox(s, ins); return false;
    case OP['unbox.any']: importUnboxAny(s, ins); return false;
    case OP['newarr']: importNewarr(s, ins); return false;
    case OP['ldlen']: importLdlen(s); return false;
    case OP['ldelema']: importLdelema(s, ins); return false;
    case OP['ldelem.i1']: importLdelem(s, T.i1); return false;
    case OP['ldelem.u1']: importLdelem(s, T.u1); return false;
    case OP['ldelem.i2']: importLdelem(s, T.i2); return false;
    case OP['ldelem.u2']: importLdelem(s, T.u2); return false;
    case OP['ldelem.i4']: importLdelem(s, T.i4); return false;
    case OP['ldelem.u4']: importLdelem(s, T.u4); return false;
    case OP['ldelem.i8']: importLdelem(s, T.i8); return false;
    case OP['ldelem.i']: importLdelem(s, T.i); return false;
    case OP['ldelem.r4']: importLdelem(s, T.f4); return false;
    case OP['ldelem.r8']: importLdelem(s, T.f8); return false;
    case OP['ldelem.ref']: importLdelem(s, T.ref); return false;
    case OP['ldelem']: importLdelem(s, undefined, ins); return false;
    case OP['stelem.i']: importStelem(s, T.i); return false;
    case OP['stelem.i1']: importStelem(s, T.i1); return false;
    case OP['stelem.i2']: importStelem(s, T.i2); return false;
    case OP['stelem.i4']: importStelem(s, T.i4); return false;
    case OP['stelem.i8']: importStelem(s, T.i8); return false;
    case OP['stelem.r4']: importStelem(s, T.f4); return false;
    case OP['stelem.r8']: importStelem(s, T.f8); return false;
    case OP['stelem.ref']: importStelem(s, T.ref); return false;
    case OP['stelem']: importStelem(s, undefined, ins); return false;
    case OP['mkrefany']: case OP['refanyval']: case OP['refanytype']: case OP['arglist']:
      importTypedReference(s, ins); return false;

    // ---- exception handling ----
    case OP['throw']: importThrow(s); return true;
    case OP['rethrow']: importRethrow(s); return true;
    case OP['leave']: case OP['leave.s']: importLeave(s, ins, blockOf(ins.operand)); return true;
    case OP['endfinally']: importEndfinally(s); return true;
    case OP['endfilter']: importEndfilter(s); return true;

    default:
      throw new JitLimitation('unknown opcode', `IL_${hex4(ins.offset)}: 0x${op.toString(16)}`);
  }
}

function argVar(s: ImportState, index: number): number {
  const id = s.argVars[index];
  if (id === undefined) throw new ILFormatError(`IL_${hex4(s.ins.offset)}: argument ${index} does not exist`);
  return id;
}

function localVar(s: ImportState, index: number): number {
  const id = s.localVars[index];
  if (id === undefined) throw new ILFormatError(`IL_${hex4(s.ins.offset)}: local ${index} does not exist`);
  return id;
}

function loadArg(s: ImportState, index: number): void {
  const id = argVar(s, index);
  s.loadVar(id, stackTypeOf(s.method.vars[id]!.type));
}

function loadLocal(s: ImportState, index: number): void {
  const id = localVar(s, index);
  s.loadVar(id, stackTypeOf(s.method.vars[id]!.type));
}

function addressOf(s: ImportState, id: number): void {
  // The address of a pinned local is used as an unmanaged pointer by fixed statements; it is still a byref here.
  s.emitPush(T.byref, (dst) => ({ op: 'addressOf', dst, var: id }));
}

