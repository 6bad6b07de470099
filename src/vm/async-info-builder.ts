/**
 * CORINFO_ASYNC_INFO from the loaded corlib: the Continuation class and its
 * Next, ResumeInfo, State and Flags fields, and the six AsyncHelpers
 * methods, all found by name (System.Runtime.CompilerServices). The full
 * record is built once; each JitInterface serves the layout of its version.
 */

import { ASYNC_CONTEXT_CALLS, ASYNC_HELPERS_CLASS, CONTINUATION_CLASS, type CORINFO_ASYNC_INFO_FULL, type CORINFO_FIELD_HANDLE, EEError } from '../jitee/index.js';
import type { MethodDesc } from './member-desc.js';
import type { Runtime } from './runtime.js';

/** Continuation field names, in CORINFO_ASYNC_INFO order after the class. */
export const CONTINUATION_FIELD_NAMES = { next: 'Next', resumeInfo: 'ResumeInfo', state: 'State', flags: 'Flags' } as const;

export function continuationClass(rt: Runtime) {
  return rt.ts.corlibType(CONTINUATION_CLASS.namespaceName, CONTINUATION_CLASS.className);
}

export function findAsyncHelperMethod(rt: Runtime, name: string): MethodDesc {
  const helpers = rt.ts.corlibType(ASYNC_HELPERS_CLASS.namespaceName, ASYNC_HELPERS_CLASS.className);
  const def = helpers.def.methods.find((m) => m.name === name && m.genericParamCount === 0);
  if (!def) throw new EEError('MissingMethod', `${ASYNC_HELPERS_CLASS.namespaceName}.${ASYNC_HELPERS_CLASS.className} in ${rt.corlib.name} has no method ${name}`);
  return rt.ts.methodDesc(helpers, def, []);
}

export function buildAsyncInfo(rt: Runtime): CORINFO_ASYNC_INFO_FULL {
  const cont = continuationClass(rt);
  const field = (name: string): CORINFO_FIELD_HANDLE => {
    const def = cont.def.fields.find((f) => f.name === name && !f.isStatic);
    if (!def) throw new EEError('MissingField', `${CONTINUATION_CLASS.namespaceName}.${CONTINUATION_CLASS.className} in ${rt.corlib.name} has no instance field ${name}`);
    return rt.fieldHandle(rt.ts.fieldDesc(cont, def));
  };
  const methods = Object.fromEntries(ASYNC_CONTEXT_CALLS.map((c) => [c.field, rt.methodHandle(findAsyncHelperMethod(rt, c.managedName))]));
  return {
    continuationClsHnd: rt.classHandle(cont),
    continuationNextFldHnd: field(CONTINUATION_FIELD_NAMES.next),
    continuationResumeInfoFldHnd: field(CONTINUATION_FIELD_NAMES.resumeInfo),
    continuationStateFldHnd: field(CONTINUATION_FIELD_NAMES.state),
    continuationFlagsFldHnd: field(CONTINUATION_FIELD_NAMES.flags),
    captureExecutionContextMethHnd: methods['captureExecutionContextMethHnd']!,
    restoreExecutionContextMethHnd: methods['restoreExecutionContextMethHnd']!,
    captureContinuationContextMethHnd: methods['captureContinuationContextMethHnd']!,
    captureContextsMethHnd: methods['captureContextsMethHnd']!,
    restoreContextsMethHnd: methods['restoreContextsMethHnd']!,
    restoreContextsOnSuspensionMethHnd: methods['restoreContextsOnSuspensionMethHnd']!,
  };
}
