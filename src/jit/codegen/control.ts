/**
 * Control flow: jumps, switches, returns, throws, the EH operations and
 * generic dictionary lookups (which branch internally).
 *
 * Handlers live in the method body (no funclets). The contract with the
 * runtime, documented in src/jit/README.md:
 * - a catch handler is entered by a jump with rbp = the method's frame,
 *   rsp = the frame's fixed rsp and the exception object in rcx;
 * - finally, fault and filter handlers are entered by a call (from a leave
 *   in this method, or from the runtime) with rbp = the method's frame; the
 *   handler pops the return address into its clause's slot and
 *   endfinally / endfilter jump back through it (endfilter with the
 *   filter's verdict in eax); a filter also gets the exception in rcx.
 */

import type { IrOp, Operand } from '../ir/ops.js';
import { stackKindOf, type IrType } from '../ir/types.js';
import { Register, WIN64, emitEpilog, imm, qwordPtr, ripRelative, type Memory } from '../x64/index.js';
import { InfoAccessType } from '../../jitee/index.js';
import { emitCall, emitCallInstruction } from './calls.js';
import type { CodeGen } from './codegen.js';
import { copyStruct } from './memory.js';
import { CodegenError, loadFloat, loadInt, storeInt, varSlot } from './values.js';

const { RAX, RCX, RDX, EAX } = Register;

export function genSwitch(g: CodeGen, op: Extract<IrOp, { op: 'switch' }>, next: number | undefined): void {
  const e = g.e;
  loadInt(g, RAX, op.value, 'i4');
  op.targets.forEach((target, i) => {
    e.cmp(EAX, imm(i));
    e.jcc('e', g.blockLabels[target]!);
  });
  if (op.otherwise !== next) e.jmp(g.blockLabels[op.otherwise]!);
}

/** Puts the return value in rax/xmm0 (copying a large struct to the caller's buffer) and goes to the epilog. */
export function genReturn(g: CodeGen, op: Extract<IrOp, { op: 'return' }>, isLast: boolean): void {
  const e = g.e;
  const { value, type } = op;
  if (value !== undefined && type !== undefined) loadReturnValue(g, value, type);
  if (!isLast) e.jmp(g.epilogLabel);
}

function loadReturnValue(g: CodeGen, value: Operand, type: IrType): void {
  const e = g.e;
  const method = g.method;
  if (method.returnBuffer >= 0) {
    if (value.k !== 'var') throw new CodegenError('struct returned from a constant');
    const buffer = { k: 'var' as const, id: method.returnBuffer, type: method.vars[method.returnBuffer]!.type };
    copyStruct(g, { kind: 'mem', addr: buffer, offset: 0 }, { kind: 'var', id: value.id }, type.layout!, 'none');
    e.mov(RAX, varSlot(g, method.returnBuffer, 8));
    return;
  }
  switch (type.kind) {
    case 'f4': case 'f8': loadFloat(g, Register.XMM0, value, type.kind); return;
    case 'struct': loadInt(g, RAX, value, 'i'); return;
    default: break;
  }
  loadInt(g, RAX, value, stackKindOf(type.kind));
  switch (type.kind) {
    case 'i1': e.movsx(EAX, Register.AL); break;
    case 'u1': e.movzx(EAX, Register.AL); break;
    case 'i2': e.movsx(EAX, Register.AX); break;
    case 'u2': e.movzx(EAX, Register.AX); break;
    default: break;
  }
}

/** A call that does not return; int3 keeps its return address inside the block's EH region. */
export function genThrow(g: CodeGen, op: Extract<IrOp, { op: 'throw' }>): void {
  emitCall(g, op.call);
  g.e.int3();
}

export function genCallFinally(g: CodeGen, clause: number): void {
  const c = g.method.clauses[clause]!;
  g.e.callLabel(g.blockLabels[c.handlerFirst]!);
}

export function genHandlerEntry(g: CodeGen, slot: number): void {
  g.e.pop(RAX);
  g.e.mov(varSlot(g, slot, 8), RAX);
}

export function genCatchArg(g: CodeGen, dst: number): void {
  storeInt(g, dst, RCX, 'ref');
}

export function genEndFinally(g: CodeGen, clause: number): void {
  g.e.jmpIndirect(varSlot(g, g.method.clauses[clause]!.returnSlot, 8));
}

export function genEndFilter(g: CodeGen, op: Extract<IrOp, { op: 'endFilter' }>): void {
  loadInt(g, RAX, op.value, 'i4');
  g.e.jmpIndirect(varSlot(g, g.method.clauses[op.clause]!.returnSlot, 8));
}

/** jmp: reloads the incoming register arguments, tears the frame down and jumps to the target. */
export function genTailJump(g: CodeGen, op: Extract<IrOp, { op: 'tailJump' }>): void {
  const e = g.e;
  const method = g.method;
  for (const id of method.abiArgs) {
    const v = method.vars[id]!;
    if (v.abiIndex >= 4) continue;
    const home = qwordPtr(Register.RBP, g.plan.layout.incomingArgumentsRbpOffset + 8 * v.abiIndex);
    if (v.type.kind === 'f4' || v.type.kind === 'f8') e.movsd(WIN64.floatArgumentRegisters[v.abiIndex]!, home);
    else e.mov(WIN64.intArgumentRegisters[v.abiIndex]!, home);
  }
  emitEpilog(e, g.plan.layout, { ret: false, restoreStackFromFramePointer: method.usesLocalloc });
  const target = op.target;
  if (target.kind !== 'lookup') throw new CodegenError('jmp through a computed target');
  const { lookup, info } = target;
  if (lookup.accessType === InfoAccessType.IAT_VALUE) {
    if (g.reachable(lookup.handle)) e.jmpDirect(lookup.handle, info);
    else {
      e.movImm64Handle(RAX, lookup.handle, info);
      e.jmpIndirect(RAX);
    }
    return;
  }
  if (lookup.accessType !== InfoAccessType.IAT_PVALUE) throw new CodegenError('jmp through a double indirection');
  const cell: Memory<never> = g.reachable(lookup.handle)
    ? ripRelative(8, lookup.handle, info) as unknown as Memory<never>
    : (e.movImm64Handle(RAX, lookup.handle, info), qwordPtr(RAX));
  e.jmpIndirect(cell);
}

/** Follows the dictionary offsets from the context; calls the helper when there are none or the entry is still null. */
export function genRuntimeLookup(g: CodeGen, op: Extract<IrOp, { op: 'runtimeLookup' }>): void {
  const e = g.e;
  const done = e.newLabel();
  if (op.offsets.length > 0) {
    loadInt(g, RAX, op.context, 'i');
    for (const offset of op.offsets) e.mov(RAX, qwordPtr(RAX, offset));
    if (!op.testForNull) {
      storeInt(g, op.dst, RAX, 'i');
      return;
    }
    e.test(RAX, RAX);
    e.jcc('ne', done);
  }
  loadInt(g, RCX, op.context, 'i');
  loadInt(g, RDX, op.signature, 'i');
  emitCallInstruction(g, op.helper);
  g.markSafePoint();
  e.bindLabel(done);
  storeInt(g, op.dst, RAX, 'i');
}
