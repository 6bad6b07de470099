/**
 * The inliner: an IR pass that replaces direct calls marked
 * `inlineCandidate` by their callee's body (README.md). Every call to a
 * method is decided and the decision reported to the EE through
 * reportInliningDecision; JitNoInline=1 turns the pass off entirely.
 *
 * Depth 1: calls inside an inlined body stay calls. The candidates are the
 * calls of the method as imported (and as earlier passes left it), decided
 * in layout order.
 */

import {
  CorInfoInline, isEEError, type CORINFO_METHOD_HANDLE, type JitInterface,
} from '../../jitee/index.js';
import type { PassContext } from '../compile/compile-method.js';
import { ILFormatError, JitLimitation } from '../il/il-error.js';
import { importMethod } from '../importer/import-method.js';
import type { IrMethod } from '../ir/method.js';
import type { IrCall, IrOp } from '../ir/ops.js';
import {
  checkCallSite, checkCalleeAttributes, checkCalleeBody, checkCalleeIR, checkEEAnswer, indirectCallRefusal,
  type InlineRefusal,
} from './policy.js';
import { UnmappableInlinee } from './remap.js';
import { checkSpliceable, spliceInlinee } from './splice.js';

export function inlinePass(context: PassContext): void {
  if (context.options.noInline) return;
  const { method } = context;
  const calls = new Set<IrOp>();
  for (const id of method.layout) {
    for (const op of method.blocks[id]!.ops) if (op.op === 'call' && op.call.site.method !== undefined && op.call.site.helper === undefined) calls.add(op);
  }
  if (calls.size === 0) return;
  const attribs = new Map<CORINFO_METHOD_HANDLE, number>();
  const attribsOf = (callee: CORINFO_METHOD_HANDLE): number => {
    let a = attribs.get(callee);
    if (a === undefined) attribs.set(callee, a = context.jit.getMethodAttribs(callee));
    return a;
  };
  // Blocks split by an inline move the rest of their operations to a block placed later in the layout, where the scan continues.
  for (let at = 0; at < method.layout.length; at++) {
    const blockId = method.layout[at]!;
    const ops = method.blocks[blockId]!.ops;
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i]!;
      if (op.op !== 'call' || !calls.has(op)) continue;
      if (decideAndInline(context, attribsOf, blockId, i, op.call)) break;
    }
  }
}

/** Decides one call, reports the decision, and inlines it when allowed; true when the block was split. */
function decideAndInline(
  context: PassContext, attribsOf: (callee: CORINFO_METHOD_HANDLE) => number, blockId: number, opIndex: number, call: IrCall,
): boolean {
  const { jit, method } = context;
  const callee = call.site.method!;
  const outcome = decide(context, attribsOf, call);
  if ('reason' in outcome) {
    report(jit, method.handle, callee, outcome);
    return false;
  }
  spliceInlinee(method, blockId, opIndex, call, outcome.inlinee);
  method.inlinees.push({ method: callee, name: outcome.inlinee.name, ilOffset: call.site.ilOffset });
  jit.reportInliningDecision(method.handle, callee, CorInfoInline.INLINE_PASS, 'inlined');
  return true;
}

function decide(
  context: PassContext, attribsOf: (callee: CORINFO_METHOD_HANDLE) => number, call: IrCall,
): InlineRefusal | { readonly inlinee: IrMethod } {
  const { jit, method, flags } = context;
  if (call.site.inlineCandidate !== true) {
    if (call.target.kind !== 'lookup') return indirectCallRefusal(call);
    return checkCalleeAttributes(attribsOf(call.site.method!)) ?? { result: CorInfoInline.INLINE_FAIL, reason: 'not an inline candidate' };
  }
  const refusedAtSite = checkCallSite(method, call, method.inlinees.length);
  if (refusedAtSite !== undefined) return refusedAtSite;
  const callee = call.site.method!;
  const attribs = attribsOf(callee);
  const refusedByAttribs = checkCalleeAttributes(attribs);
  if (refusedByAttribs !== undefined) return refusedByAttribs;
  const info = jit.getMethodInfo(callee);
  const refusedByBody = checkCalleeBody(info, attribs);
  if (refusedByBody !== undefined) return refusedByBody;
  const refusedByEE = checkEEAnswer(jit.canInline(method.handle, callee));
  if (refusedByEE !== undefined) return refusedByEE;
  let inlinee: IrMethod;
  try {
    inlinee = importMethod(jit, info!, flags).method;
  } catch (err) {
    const reason = importFailureReason(err);
    if (reason === undefined) throw err;
    return { result: CorInfoInline.INLINE_NEVER, reason };
  }
  const refusedByIR = checkCalleeIR(inlinee);
  if (refusedByIR !== undefined) return refusedByIR;
  try {
    checkSpliceable(call, inlinee);
  } catch (err) {
    if (err instanceof UnmappableInlinee) return { result: CorInfoInline.INLINE_FAIL, reason: `cannot splice: ${err.message}` };
    throw err;
  }
  return { inlinee };
}

/** Import failures that only mean "not this callee"; anything else (a replay EE's missing data) propagates. */
function importFailureReason(err: unknown): string | undefined {
  if (err instanceof JitLimitation) return `callee import: ${err.message}`;
  if (err instanceof ILFormatError) return `callee import: bad IL: ${err.message}`;
  if (isEEError(err)) return `callee import: EE error: ${err.message}`;
  return undefined;
}

function report(jit: JitInterface, caller: CORINFO_METHOD_HANDLE, callee: CORINFO_METHOD_HANDLE, refusal: InlineRefusal): void {
  jit.reportInliningDecision(caller, callee, refusal.result, refusal.reason);
}
