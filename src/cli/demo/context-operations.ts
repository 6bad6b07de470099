import {
  ASYNC_CONTEXT_CALLS,
  CORINFO_ACCESS_FLAGS,
  CorInfoHelpFunc,
  InfoAccessType,
  asyncInfoHasMethodHandles,
  enumName,
  type CORINFO_CONST_LOOKUP,
} from '../../jitee/index.js';
import type { CompileMode, Runtime } from '../../vm/index.js';

/** How one async context operation is bound under the base and the diff interface. */
export interface ContextOperationBinding {
  operation: string;
  use: string;
  /** base: the method handle from getAsyncInfo and its entry point. */
  baseMethod: string;
  baseEntry: CORINFO_CONST_LOOKUP;
  baseFixup?: string;
  /** diff: the helper and its address from getHelperFtn. */
  diffHelper: string;
  diffEntry: CORINFO_CONST_LOOKUP;
  diffFixup?: string;
  sameTarget: boolean;
}

/**
 * Asks a live EE, as each JIT build would, where the six context operations
 * live: the base build through getAsyncInfo + getFunctionEntryPoint, the diff
 * build through getHelperFtn.
 */
export function bindContextOperations(runtime: Runtime, mode: CompileMode, compiling: bigint): ContextOperationBinding[] {
  const base = runtime.createJitInterface({ version: 'base', mode, method: compiling as never });
  const diff = runtime.createJitInterface({ version: 'diff', mode, method: compiling as never });
  const info = base.getAsyncInfo();
  if (!asyncInfoHasMethodHandles(info)) throw new Error('the base interface served getAsyncInfo without method handles');
  return ASYNC_CONTEXT_CALLS.map((op) => {
    const method = info[op.field];
    const baseEntry = base.getFunctionEntryPoint(method, CORINFO_ACCESS_FLAGS.CORINFO_ACCESS_ANY);
    const helper = diff.getHelperFtn(CorInfoHelpFunc[op.helper]);
    const baseFixup = base.r2rFixups.find((f) => f.cell === baseEntry.handle);
    const diffFixup = diff.r2rFixups.find((f) => f.cell === helper.lookup.handle);
    return {
      operation: op.managedName,
      use: op.use,
      baseMethod: runtime.names.methodName(runtime.methodOf(method)),
      baseEntry,
      baseFixup: baseFixup?.kindName,
      diffHelper: op.helper,
      diffEntry: helper.lookup,
      diffFixup: diffFixup?.kindName,
      sameTarget: baseEntry.accessType === helper.lookup.accessType && baseEntry.handle === helper.lookup.handle,
    };
  });
}

export function formatLookup(l: CORINFO_CONST_LOOKUP): string {
  const kind = enumName(InfoAccessType, l.accessType) ?? String(l.accessType);
  return `${kind} 0x${l.handle.toString(16)}`;
}
