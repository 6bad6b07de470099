/**
 * Replacing one call by the body of its callee:
 *
 *     before:  B: … ; r = call callee(a0, a1) ; <rest>
 *     after:   B: … ; p0 = a0 ; p1 = a1 ; [zero the callee's locals] ; jump E
 *              E…: the callee's blocks (its variables renamed to fresh caller temporaries),
 *                  each `return v` now `r = v ; jump C`
 *              C: <rest>
 *
 * Every argument is evaluated once into its own temporary, Tier0 style: the
 * callee may store to its parameters, and the caller's operands can be its
 * own locals read lazily. The call's `this` null check is a separate
 * operation before the call in the caller and stays where it is. The new
 * blocks go between B and C in the layout, so they are inside every EH
 * region B is in.
 */

import { newBlock, newVar, splitBlock, varOperand, type IrBlock, type IrMethod } from '../ir/method.js';
import type { ConversionTarget, IrCall, IrOp, Operand } from '../ir/ops.js';
import { stackKindOf, type IrType } from '../ir/types.js';
import { UnmappableInlinee, remapOp, type InlineeMapping } from './remap.js';

/**
 * Throws UnmappableInlinee when the inlinee cannot be spliced in for `call`,
 * before anything in the caller changes (a refused inline leaves no trace).
 */
export function checkSpliceable(call: IrCall, inlinee: IrMethod): void {
  if (inlinee.abiArgs.length !== call.args.length) {
    throw new UnmappableInlinee(`the call passes ${call.args.length} arguments, the callee takes ${inlinee.abiArgs.length}`);
  }
  const identity: InlineeMapping = {
    vars: inlinee.vars.map((v) => v.id),
    blocks: inlinee.blocks.map((b) => (b.reachable ? b.id : -1)),
    callSiteILOffset: call.site.ilOffset,
  };
  for (const id of inlinee.layout) {
    const block = inlinee.blocks[id]!;
    if (!block.reachable) continue;
    for (const op of block.ops) if (op.op !== 'il' && op.op !== 'return') remapOp(op, identity);
  }
}

/** Replaces operation `opIndex` of block `blockId` (the call) by the inlinee's body; see checkSpliceable first. */
export function spliceInlinee(caller: IrMethod, blockId: number, opIndex: number, call: IrCall, inlinee: IrMethod): void {
  const vars = inlinee.vars.map((v) => {
    const copy = newVar(caller, 'temp', v.type);
    copy.addressTaken = v.addressTaken;
    copy.pinned = v.pinned;
    return copy.id;
  });
  const copied = inlinee.layout.filter((id) => inlinee.blocks[id]!.reachable);
  const blocks: number[] = new Array<number>(inlinee.blocks.length).fill(-1);
  const newBlocks: IrBlock[] = copied.map((id) => {
    const block = newBlock(caller, -1);
    blocks[id] = block.id;
    return block;
  });
  const mapping: InlineeMapping = { vars, blocks, callSiteILOffset: call.site.ilOffset };

  const block = caller.blocks[blockId]!;
  const continuation = splitBlock(caller, blockId, opIndex);
  // splitBlock left `… call ; jump C` in B: the call and the jump give way to the argument setup.
  block.ops.splice(opIndex, 2, ...entryOps(caller, call, inlinee, vars), { op: 'jump', target: newBlocks[0]!.id });

  copied.forEach((id, i) => {
    const target = newBlocks[i]!;
    for (const op of inlinee.blocks[id]!.ops) {
      // The inlinee's IL offsets mean nothing in the caller; its code counts as the call's.
      if (op.op === 'il') continue;
      if (op.op === 'return') target.ops.push(...returnOps(caller, call, inlinee, vars, op, mapping, continuation.id));
      else target.ops.push(remapOp(op, mapping));
    }
  });
  const at = caller.layout.indexOf(blockId);
  caller.layout.splice(at + 1, 0, ...newBlocks.map((b) => b.id));
}

/** Copies of the arguments into the inlinee's parameters, and zeroed locals when the callee asks for localsinit. */
function entryOps(caller: IrMethod, call: IrCall, inlinee: IrMethod, vars: readonly number[]): IrOp[] {
  const ops: IrOp[] = [];
  inlinee.abiArgs.forEach((param, i) => {
    const dst = vars[param]!;
    const v = inlinee.vars[param]!;
    const arg = call.args[i]!;
    // Large structs arrive as the address of the caller's copy; the callee's prolog would copy them in.
    if (v.passedByReference) ops.push({ op: 'load', dst, addr: arg.value, offset: 0, type: v.type });
    else ops.push({ op: 'copy', dst, src: arg.value, type: v.type });
  });
  if (inlinee.initLocals) {
    for (const v of inlinee.vars) if (v.role === 'local') ops.push({ op: 'zeroVar', var: vars[v.id]! });
  }
  return ops;
}

const SMALL_RETURN: Partial<Record<IrType['kind'], ConversionTarget>> = { i1: 'i1', u1: 'u1', i2: 'i2', u2: 'u2' };

/** A `return` of the inlinee: its value to where the call put its result, then on to the code after the call. */
function returnOps(
  caller: IrMethod, call: IrCall, inlinee: IrMethod, vars: readonly number[], ret: Extract<IrOp, { op: 'return' }>,
  mapping: InlineeMapping, continuation: number,
): IrOp[] {
  const ops: IrOp[] = [];
  if (ret.value !== undefined && ret.type !== undefined) {
    const value = remapOperand(ret.value, mapping);
    if (inlinee.returnBuffer >= 0) {
      // The caller passed the address of its result temporary: the callee's epilog would copy there.
      ops.push({ op: 'store', addr: varOperand(caller, vars[inlinee.returnBuffer]!), offset: 0, src: value, type: ret.type, barrier: 'none' });
    } else if (call.result !== undefined) {
      const small = SMALL_RETURN[ret.type.kind];
      // A small integer result is normalised on return, as a real return would.
      if (small !== undefined) {
        ops.push({ op: 'convert', dst: call.result.dst, src: value, from: stackKindOf(ret.type.kind), to: small, overflow: false, unsignedSource: false });
      } else {
        ops.push({ op: 'copy', dst: call.result.dst, src: value, type: call.result.type });
      }
    }
  }
  ops.push({ op: 'jump', target: continuation });
  return ops;
}

function remapOperand(operand: Operand, mapping: InlineeMapping): Operand {
  if (operand.k !== 'var') return operand;
  const id = mapping.vars[operand.id];
  if (id === undefined) throw new UnmappableInlinee(`variable ${operand.id} has no caller copy`);
  return { ...operand, id };
}
