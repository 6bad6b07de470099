/**
 * Recognising the six async context operations (CaptureContexts,
 * RestoreContexts, …) in a compile result: as calls to the AsyncHelpers
 * method (base build), as CORINFO_HELP_ASYNC_* helper calls (diff build), or
 * as inlinees in the JIT's inlining report.
 *
 * Methods are matched by handle when the context's getAsyncInfo answer is
 * known, and by name otherwise (`…AsyncHelpers:CaptureContexts` followed by
 * its signature or nothing, so RestoreContexts never matches
 * RestoreContextsOnSuspension).
 */

import { ASYNC_CONTEXT_CALLS, type AsyncContextCall, type CORINFO_ASYNC_INFO } from '../jitee/async-info.js';
import { asyncInfoHasMethodHandles } from '../jitee/async-info.js';
import type { CompileSuccess, InlinedCallSite } from '../jitee/compile-result.js';
import { CorInfoHelpFunc } from '../jitee/helpers.js';
import type { PlacedRelocation } from './placement.js';

/** Method handle → the operation it implements, from a `base` getAsyncInfo answer. */
export type AsyncMethodHandles = ReadonlyMap<bigint, AsyncContextCall>;

export function asyncMethodHandles(info: CORINFO_ASYNC_INFO): AsyncMethodHandles {
  const map = new Map<bigint, AsyncContextCall>();
  if (!asyncInfoHasMethodHandles(info)) return map;
  for (const op of ASYNC_CONTEXT_CALLS) {
    const handle = info[op.field];
    if (handle !== 0n) map.set(handle, op);
  }
  return map;
}

function namesOperation(name: string | undefined, op: AsyncContextCall): boolean {
  if (name === undefined) return false;
  const at = name.indexOf(`AsyncHelpers:${op.managedName}`);
  if (at < 0) return false;
  const next = name[at + 'AsyncHelpers:'.length + op.managedName.length];
  return next === undefined || next === '(' || next === ']' || next === ' ';
}

function isMethodOf(handle: bigint | undefined, name: string | undefined, op: AsyncContextCall, handles: AsyncMethodHandles | undefined): boolean {
  if (handle !== undefined && handles !== undefined && handles.size > 0) {
    const known = handles.get(handle);
    if (known !== undefined) return known === op;
  }
  return namesOperation(name, op);
}

/** Whether relocation `r` is a call (or cell) of operation `op`, as a method or as its helper. */
export function relocationUse(r: PlacedRelocation, op: AsyncContextCall, handles?: AsyncMethodHandles): 'method' | 'helper' | undefined {
  const x = r.relocation;
  if (x.targetKind === 'helper') {
    return x.helper === CorInfoHelpFunc[op.helper] || x.annotation === op.helper ? 'helper' : undefined;
  }
  if (x.targetKind === 'method') return isMethodOf(x.targetHandle, x.annotation, op, handles) ? 'method' : undefined;
  return undefined;
}

export function inlineeUse(site: InlinedCallSite, op: AsyncContextCall, handles?: AsyncMethodHandles): boolean {
  return isMethodOf(site.method, site.name, op, handles);
}

export interface OperationUse {
  readonly inlined: number;
  readonly methodCalls: readonly PlacedRelocation[];
  readonly helperCalls: readonly PlacedRelocation[];
  /** The JIT reported its inlinees (so "not inlined" is known, not assumed). */
  readonly inliningReported: boolean;
}

export function operationUse(
  result: CompileSuccess,
  relocations: readonly PlacedRelocation[],
  op: AsyncContextCall,
  handles?: AsyncMethodHandles,
): OperationUse {
  const methodCalls: PlacedRelocation[] = [];
  const helperCalls: PlacedRelocation[] = [];
  for (const r of relocations) {
    const use = relocationUse(r, op, handles);
    if (use === 'method') methodCalls.push(r);
    else if (use === 'helper') helperCalls.push(r);
  }
  const inlined = (result.inlinees ?? []).filter((s) => inlineeUse(s, op, handles)).length;
  return { inlined, methodCalls, helperCalls, inliningReported: result.inlinees !== undefined };
}

export function isUnused(use: OperationUse): boolean {
  return use.inlined === 0 && use.methodCalls.length === 0 && use.helperCalls.length === 0;
}
