/**
 * What may be inlined. The checks run cheapest first and stop at the first
 * refusal; each refusal carries the reason reported to the EE through
 * reportInliningDecision and whether it is about the callee itself
 * (INLINE_NEVER: the EE may remember the method as a bad inlinee) or only
 * about this call site (INLINE_FAIL).
 */

import {
  CorInfoInline, CorInfoMethodFlags, CorInfoOptions, sigIsVarArg,
  type CORINFO_METHOD_INFO, type CorInfoInline as CorInfoInlineValue,
} from '../../jitee/index.js';
import type { IrMethod } from '../ir/method.js';
import type { IrCall } from '../ir/ops.js';

/**
 * Callees of at most this many IL bytes are inlined without being asked to:
 * RyuJIT's "always inline" size (DEFAULT_ALWAYS_INLINE_SIZE), below which a
 * call costs about as much code as the body it would run.
 */
export const ALWAYS_INLINE_IL_SIZE = 16;

/** Inlines per compiled method; more call sites than this are left as calls (a bound on code growth). */
export const MAX_INLINES_PER_METHOD = 32;

export interface InlineRefusal {
  readonly result: typeof CorInfoInline.INLINE_FAIL | typeof CorInfoInline.INLINE_NEVER;
  readonly reason: string;
}

const F = CorInfoMethodFlags;

function never(reason: string): InlineRefusal {
  return { result: CorInfoInline.INLINE_NEVER, reason };
}

function fail(reason: string): InlineRefusal {
  return { result: CorInfoInline.INLINE_FAIL, reason };
}

/** Why a call to a method that is not direct (so never an inline candidate) was left alone. */
export function indirectCallRefusal(call: IrCall): InlineRefusal {
  switch (call.target.kind) {
    case 'vtable': return fail('virtual call');
    case 'stub': return fail('interface call through a dispatch stub');
    case 'pointer': return fail('call through a code pointer');
    case 'lookup': return fail('not a direct call');
  }
}

/** Checks of the call site alone, before any question to the EE. */
export function checkCallSite(caller: IrMethod, call: IrCall, inlinedSoFar: number): InlineRefusal | undefined {
  if (call.target.kind !== 'lookup' || call.site.method === undefined) return indirectCallRefusal(call);
  if (call.site.method === caller.handle) return fail('recursive call');
  if (call.site.isAsyncCall === true) return never('runtime-async callee');
  if (call.site.tailPrefix === true) return fail('explicit tail call');
  if (inlinedSoFar >= MAX_INLINES_PER_METHOD) return fail(`inline budget of ${MAX_INLINES_PER_METHOD} call sites used up`);
  return undefined;
}

/** Checks of the callee's CorInfoMethodFlags. */
export function checkCalleeAttributes(attribs: number): InlineRefusal | undefined {
  // Set for NoInlining and for methods the EE remembers as bad inlinees.
  if ((attribs & F.CORINFO_FLG_DONT_INLINE) !== 0) return never('callee is marked noinline');
  if ((attribs & F.CORINFO_FLG_SYNCHRONIZED) !== 0) return never('callee is synchronized');
  if ((attribs & F.CORINFO_FLG_ASYNC) !== 0) return never('runtime-async callee');
  if ((attribs & (F.CORINFO_FLG_NATIVE | F.CORINFO_FLG_PINVOKE | F.CORINFO_FLG_ABSTRACT)) !== 0) return never('callee has no IL body');
  return undefined;
}

export function isForceInline(attribs: number): boolean {
  return (attribs & F.CORINFO_FLG_FORCEINLINE) !== 0;
}

/** Checks of the callee's IL body as getMethodInfo describes it. */
export function checkCalleeBody(info: CORINFO_METHOD_INFO | null, attribs: number): InlineRefusal | undefined {
  if (info === null || info.ILCode.length === 0) return never('callee has no IL body');
  if (info.EHcount > 0) return never('callee has exception handling');
  if (sigIsVarArg(info.args)) return never('vararg callee');
  if (info.ILCode.length > ALWAYS_INLINE_IL_SIZE && !isForceInline(attribs)) {
    return never(`too much IL: ${info.ILCode.length} bytes (limit ${ALWAYS_INLINE_IL_SIZE} unless AggressiveInlining)`);
  }
  // Shared generic code finds its instantiation at run time through its generic context;
  // inlined, those lookups would have to go through the caller's context instead.
  if ((info.options & CorInfoOptions.CORINFO_GENERICS_CTXT_MASK) !== 0) return fail('shared generic callee needs a runtime lookup');
  return undefined;
}

/** canInline's answer as a refusal (undefined when the EE agrees). */
export function checkEEAnswer(answer: CorInfoInlineValue): InlineRefusal | undefined {
  if (answer >= 0) return undefined;
  return answer === CorInfoInline.INLINE_NEVER ? never('EE refused: canInline said INLINE_NEVER') : fail('EE refused: canInline said INLINE_FAIL');
}

/** Checks of the imported inlinee's IR. */
export function checkCalleeIR(inlinee: IrMethod): InlineRefusal | undefined {
  if (inlinee.clauses.length > 0) return never('callee has exception handling');
  for (const id of inlinee.layout) {
    const block = inlinee.blocks[id]!;
    if (!block.reachable) continue;
    for (const op of block.ops) {
      if (op.op === 'localloc') return never('callee uses localloc');
      if (op.op === 'tailJump') return never('callee uses jmp');
      if (op.op === 'runtimeLookup') return fail('shared generic callee needs a runtime lookup');
    }
  }
  if (inlinee.genericContext >= 0 || inlinee.keepGenericContextAlive) return fail('shared generic callee needs a runtime lookup');
  return undefined;
}
