/**
 * Calls in the Windows x64 convention: the first four arguments in rcx, rdx,
 * r8, r9 (or xmm0–xmm3 for floating point, by position), the rest at
 * [rsp+8*i]; the 32-byte shadow space is part of the outgoing argument area
 * the frame keeps at rsp. Results come back in rax or xmm0.
 *
 * How the target is reached:
 * - lookup IAT_VALUE: `call rel32` when the EE says rel32 reaches it,
 *   otherwise `mov rax, imm64; call rax`;
 * - lookup IAT_PVALUE: `call [rip+cell]` (or through rax when far);
 * - lookup IAT_PPVALUE: `mov rax, [cell]; call [rax]`;
 * - vtable: `mov rax, [rcx]; mov rax, [rax+chunk]; call [rax+slot]`;
 * - stub: r11 = the dispatch cell, `call [r11]`;
 * - pointer: `call rax` after loading the code pointer.
 */

import { InfoAccessType, SourceTypes } from '../../jitee/index.js';
import type { CallArg, CallTarget, IrCall } from '../ir/ops.js';
import { isFloatKind, stackKindOf, type IrType } from '../ir/types.js';
import { Register, WIN64, ptr, qwordPtr, ripRelative, type Memory } from '../x64/index.js';
import { NO_GC_HELPERS, type CodeGen } from './codegen.js';
import { CodegenError, loadFloat, loadInt, storeFloat, storeInt } from './values.js';

const { RAX, RCX, R11 } = Register;

/** Outgoing argument bytes a call needs (at least the shadow space). */
export function outgoingBytesFor(call: IrCall): number {
  return Math.max(WIN64.shadowSpaceBytes, 8 * call.args.length);
}

/** Loads one argument into its register or outgoing stack slot. */
function placeArgument(g: CodeGen, arg: CallArg, index: number): void {
  const e = g.e;
  const kind = arg.type.kind === 'struct' ? 'i' : stackKindOf(arg.type.kind);
  if (isFloatKind(kind)) {
    if (index < 4) {
      loadFloat(g, WIN64.floatArgumentRegisters[index]!, arg.value, kind as 'f4' | 'f8');
    } else {
      loadFloat(g, Register.XMM0, arg.value, kind as 'f4' | 'f8');
      if (kind === 'f4') e.movss(ptr(4, Register.RSP, 8 * index), Register.XMM0);
      else e.movsd(ptr(8, Register.RSP, 8 * index), Register.XMM0);
    }
    return;
  }
  const reg = index < 4 ? WIN64.intArgumentRegisters[index]! : RAX;
  loadInt(g, reg, arg.value, arg.type.kind === 'struct' ? 'i' : kind);
  if (index >= 4) e.mov(qwordPtr(Register.RSP, 8 * index), RAX);
}

/** Emits a call: arguments, the call through its target, the safe point and the result store. */
export function emitCall(g: CodeGen, call: IrCall): void {
  // Stack arguments first: loading them uses rax, which register arguments do not.
  for (let i = 4; i < call.args.length; i++) placeArgument(g, call.args[i]!, i);
  for (let i = 0; i < Math.min(4, call.args.length); i++) placeArgument(g, call.args[i]!, i);
  const callPosition = emitCallInstruction(g, call.target);
  if (call.site.ilOffset >= 0) {
    g.marks.push({ position: callPosition, ilOffset: call.site.ilOffset, source: SourceTypes.CALL_INSTRUCTION });
  }
  if (call.site.helper === undefined || !NO_GC_HELPERS.has(call.site.helper)) g.markSafePoint();
  if (call.result !== undefined) storeResult(g, call.result.dst, call.result.type);
}

/** Stores rax/xmm0 into `dst`, normalising small integer results (the caller does not trust the upper bits). */
function storeResult(g: CodeGen, dst: number, type: IrType): void {
  const e = g.e;
  switch (type.kind) {
    case 'f4': case 'f8':
      storeFloat(g, dst, Register.XMM0, type.kind);
      return;
    case 'i1': e.movsx(Register.EAX, Register.AL); break;
    case 'u1': e.movzx(Register.EAX, Register.AL); break;
    case 'i2': e.movsx(Register.EAX, Register.AX); break;
    case 'u2': e.movzx(Register.EAX, Register.AX); break;
    case 'struct': {
      const size = type.layout!.size;
      if (size === 1) e.movzx(Register.EAX, Register.AL);
      else if (size === 2) e.movzx(Register.EAX, Register.AX);
      else if (size === 4) e.mov(Register.EAX, Register.EAX);
      storeInt(g, dst, RAX, 'i');
      return;
    }
    default:
      break;
  }
  storeInt(g, dst, RAX, stackKindOf(type.kind));
}

/** Emits the call instruction(s) for `target`; returns the emitter position of the call instruction. */
export function emitCallInstruction(g: CodeGen, target: CallTarget): number {
  const e = g.e;
  switch (target.kind) {
    case 'lookup': {
      const { lookup, info } = target;
      const address = lookup.handle;
      switch (lookup.accessType) {
        case InfoAccessType.IAT_VALUE:
          if (g.reachable(address)) {
            const at = e.position;
            e.callDirect(address, info);
            return at;
          }
          e.movImm64Handle(RAX, address, info);
          return callAt(g, RAX);
        case InfoAccessType.IAT_PVALUE:
          if (g.reachable(address)) {
            const at = e.position;
            e.callIndirectCell(address, info);
            return at;
          }
          e.movImm64Handle(RAX, address, info);
          return callAt(g, qwordPtr(RAX));
        case InfoAccessType.IAT_PPVALUE:
          e.mov(RAX, cellOperand(g, address, info));
          return callAt(g, qwordPtr(RAX));
        default:
          throw new CodegenError(`call through a ${lookup.accessType} lookup`);
      }
    }
    case 'vtable':
      e.mov(RAX, qwordPtr(RCX));
      e.mov(RAX, qwordPtr(RAX, target.offsetOfIndirection));
      return callAt(g, qwordPtr(RAX, target.offsetAfterIndirection));
    case 'stub': {
      const cell = target.cell;
      if (cell.k === 'handle' && cell.rel32) e.leaRipRelative(R11, cell.value, cell.info);
      else loadInt(g, R11, cell, 'i');
      return callAt(g, qwordPtr(R11));
    }
    case 'pointer':
      loadInt(g, RAX, target.pointer, 'i');
      return callAt(g, RAX);
  }
}

function callAt(g: CodeGen, target: Register | Memory<never>): number {
  const at = g.e.position;
  g.e.callIndirect(target);
  return at;
}

/** [rip+cell] when reachable, else the cell's address through rax. */
function cellOperand(g: CodeGen, address: bigint, info: CallTarget['info']): Memory<never> {
  if (g.reachable(address)) return ripRelative(8, address, info) as unknown as Memory<never>;
  g.e.movImm64Handle(RAX, address, info);
  return qwordPtr(RAX);
}

/** Calls a helper with already-placed register arguments (no IL offset: the JIT's own call). */
export function callHelperPlaced(g: CodeGen, helper: number): void {
  emitCallInstruction(g, g.helper(helper as never));
  if (!NO_GC_HELPERS.has(helper)) g.markSafePoint();
}
