/**
 * Suspension points: every call to a runtime-async method. Each one gets
 * the continuation cell argument (see README.md, "Calling convention"), its
 * block is split after the call, and the call's block ends in a branch to
 * the suspend block when the callee left a continuation in the cell.
 */

import { sigHasThis, sigHasTypeArg } from '../../jitee/index.js';
import type { EECache } from '../importer/ee-cache.js';
import { returnsThroughBuffer, sigReturnType } from '../importer/signature.js';
import { JitLimitation } from '../il/il-error.js';
import { layoutIndex, splitBlock, varOperand, NULL_REF, type IrMethod } from '../ir/method.js';
import type { IrCall, IrOp } from '../ir/ops.js';
import { T, type IrType } from '../ir/types.js';

export interface SuspensionPoint {
  /** The value stored in Continuation.State (call-site number, 0-based in layout order). */
  readonly state: number;
  /** The block ending with the call and the branch on the callee's continuation. */
  readonly callBlock: number;
  /** Where execution continues after the call (also the resumption target). */
  readonly continueBlock: number;
  /** Where the callee's result goes (its result variable, or the variable behind its return buffer). */
  readonly result: { readonly var: number; readonly type: IrType } | undefined;
  readonly ilOffset: number;
}

/** Variables the rewriting of call sites uses. */
export interface CallSiteVars {
  /** The callee's continuation cell (a frame slot whose address the callee gets). */
  readonly calleeContinuation: number;
  /** Holds that address for the call. */
  readonly calleeCellAddress: number;
}

function isAsyncCall(op: IrOp): op is Extract<IrOp, { op: 'call' }> {
  return op.op === 'call' && op.call.site.isAsyncCall === true;
}

function inHandler(method: IrMethod, block: number): boolean {
  const index = layoutIndex(method);
  const at = index[block]!;
  return method.clauses.some((c) => {
    const first = c.filterFirst >= 0 ? index[c.filterFirst]! : index[c.handlerFirst]!;
    return at >= first && at <= index[c.handlerLast]!;
  });
}

/** ABI position of the cell argument in a call: after this, the return buffer and the generic context. */
function cellPosition(ee: EECache, call: IrCall): { position: number; returnBuffer: boolean } {
  const sig = call.site.sig;
  if (sig === undefined) throw new JitLimitation('async call without a signature');
  const returnBuffer = returnsThroughBuffer(sigReturnType(ee, sig));
  const position = (sigHasThis(sig) ? 1 : 0) + (returnBuffer ? 1 : 0) + (sigHasTypeArg(sig) ? 1 : 0);
  return { position, returnBuffer };
}

/** The variable whose address `call` passes as its return buffer (set by an addressOf earlier in the block). */
function returnBufferVar(method: IrMethod, ops: readonly IrOp[], callIndex: number, call: IrCall, thisCount: number): number {
  const arg = call.args[thisCount]!.value;
  if (arg.k !== 'var') throw new JitLimitation('async call with a return buffer that is not a variable');
  for (let i = callIndex - 1; i >= 0; i--) {
    const op = ops[i]!;
    if (op.op === 'addressOf' && op.dst === arg.id) return op.var;
  }
  throw new JitLimitation('async call whose return buffer is not a local');
}

export function rewriteSuspensionPoints(method: IrMethod, ee: EECache, vars: CallSiteVars): SuspensionPoint[] {
  const points: SuspensionPoint[] = [];
  const work = [...method.layout];
  while (work.length > 0) {
    const id = work.shift()!;
    const block = method.blocks[id]!;
    const callIndex = block.ops.findIndex(isAsyncCall);
    if (callIndex < 0) continue;
    if (inHandler(method, id)) throw new JitLimitation('suspension point in an exception handler');
    const callOp = block.ops[callIndex] as Extract<IrOp, { op: 'call' }>;
    const call = callOp.call;
    const { position, returnBuffer } = cellPosition(ee, call);
    const args = [...call.args];
    args.splice(position, 0, { value: varOperand(method, vars.calleeCellAddress), type: T.byref });
    const result = call.result !== undefined
      ? { var: call.result.dst, type: call.result.type }
      : returnBuffer
        ? (() => {
          const v = returnBufferVar(method, block.ops, callIndex, call, call.site.sig !== undefined && sigHasThis(call.site.sig) ? 1 : 0);
          return { var: v, type: method.vars[v]!.type };
        })()
        : undefined;
    // The callee reads the cell on entry: null means a fresh call, not a resumption.
    const before: IrOp[] = [
      { op: 'copy', dst: vars.calleeContinuation, src: NULL_REF, type: T.ref },
      { op: 'addressOf', dst: vars.calleeCellAddress, var: vars.calleeContinuation },
    ];
    // Async callees are not inlined: their calling convention is not a plain call's.
    const rewritten: IrOp = { op: 'call', call: { ...call, args, site: { ...call.site, inlineCandidate: false } } };
    block.ops.splice(callIndex, 1, ...before, rewritten);
    const at = callIndex + before.length;
    const continueBlock = splitBlock(method, id, at);
    block.ops[block.ops.length - 1] = {
      op: 'branch', cond: 'ne', type: 'ref', a: varOperand(method, vars.calleeContinuation), b: NULL_REF,
      ifTrue: -1, ifFalse: continueBlock.id,
    };
    points.push({ state: points.length, callBlock: id, continueBlock: continueBlock.id, result, ilOffset: call.site.ilOffset });
    work.unshift(continueBlock.id);
  }
  return points;
}

/** Points the branch of a suspension point's call block at its suspend block. */
export function branchToSuspend(method: IrMethod, point: SuspensionPoint, suspendBlock: number): void {
  const ops = method.blocks[point.callBlock]!.ops;
  const last = ops[ops.length - 1]!;
  if (last.op !== 'branch') throw new Error('suspension point without its branch');
  ops[ops.length - 1] = { ...last, ifTrue: suspendBlock };
}
