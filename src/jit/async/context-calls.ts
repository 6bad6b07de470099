/**
 * How a build reaches the six async context operations (CaptureContexts,
 * RestoreContexts, CaptureExecutionContext, RestoreExecutionContext,
 * RestoreContextsOnSuspension, CaptureContinuationContext). This is the only
 * place where `base` and `diff` differ:
 *
 * - `base`: user calls to the AsyncHelpers methods whose handles
 *   getAsyncInfo returns, at getFunctionEntryPoint's address (a MethodEntry
 *   import cell in r2r mode); the CaptureContexts call is an inline candidate.
 * - `diff`: CORINFO_HELP_ASYNC_* helper calls at getHelperFtn's address (a
 *   helper import cell in r2r mode); helper calls are never inlined.
 *
 * Each binding asks the EE about an operation the first time the
 * transformation uses it, so both builds ask their questions in the same
 * order.
 */

import {
  ASYNC_CONTEXT_CALLS, CORINFO_ACCESS_FLAGS, CorInfoHelpFunc, InfoAccessType, asyncInfoHasMethodHandles,
  type AsyncContextCall, type AsyncMethodField, type CORINFO_ASYNC_INFO,
} from '../../jitee/index.js';
import type { PassContext } from '../compile/compile-method.js';
import { JitLimitation } from '../il/il-error.js';
import type { CallSiteInfo, CallTarget } from '../ir/ops.js';

/** One context operation, named by its `base` getAsyncInfo field. */
export type ContextOperation = AsyncMethodField;

export interface BoundContextCall {
  readonly target: CallTarget;
  readonly site: CallSiteInfo;
}

export interface ContextCallBinding {
  bind(operation: ContextOperation): BoundContextCall;
}

/** Makes a build's binding for one compilation. */
export type ContextCallBinder = (context: PassContext, asyncInfo: CORINFO_ASYNC_INFO) => ContextCallBinding;

function describe(operation: ContextOperation): AsyncContextCall {
  const call = ASYNC_CONTEXT_CALLS.find((c) => c.field === operation);
  if (call === undefined) throw new Error(`no async context call for ${operation}`);
  return call;
}

function cached(bindOnce: (operation: ContextOperation) => BoundContextCall): ContextCallBinding {
  const bound = new Map<ContextOperation, BoundContextCall>();
  return {
    bind(operation) {
      let b = bound.get(operation);
      if (b === undefined) {
        b = bindOnce(operation);
        bound.set(operation, b);
      }
      return b;
    },
  };
}

/** The operation FACTS.md says the old scheme offers to the inliner. */
const INLINE_CANDIDATE: ContextOperation = 'captureContextsMethHnd';

/** `base`: user calls through getAsyncInfo's method handles. */
export const methodHandleBinder: ContextCallBinder = (context, asyncInfo) => {
  if (!asyncInfoHasMethodHandles(asyncInfo)) {
    throw new JitLimitation('async info without method handles', 'the EE serves the diff layout of CORINFO_ASYNC_INFO');
  }
  const { jit, ee } = context;
  return cached((operation) => {
    const handle = asyncInfo[operation];
    const lookup = jit.getFunctionEntryPoint(handle, CORINFO_ACCESS_FLAGS.CORINFO_ACCESS_ANY);
    const inlineCandidate = operation === INLINE_CANDIDATE;
    return {
      target: {
        kind: 'lookup',
        lookup,
        info: { kind: 'method', handle, name: ee.methodName(handle), indirect: lookup.accessType !== InfoAccessType.IAT_VALUE },
      },
      site: inlineCandidate
        ? { method: handle, sig: jit.getMethodSig(handle), ilOffset: -1, inlineCandidate: true }
        : { method: handle, ilOffset: -1 },
    };
  });
};

/** `diff`: CORINFO_HELP_ASYNC_* helper calls. */
export const helperBinder: ContextCallBinder = (context) => {
  const { ee } = context;
  return cached((operation) => {
    const helper = CorInfoHelpFunc[describe(operation).helper];
    return { target: ee.helper(helper), site: { helper, ilOffset: -1 } };
  });
};
