/**
 * CORINFO_ASYNC_INFO in both interface versions.
 *
 * - `base` (main): 11 fields: the Continuation class, four of its fields,
 *   and six method handles of System.Runtime.CompilerServices.AsyncHelpers
 *   that the JIT calls as user functions.
 * - `diff` (the proposed change): only the first five fields; the six calls
 *   become CORINFO_HELP_ASYNC_* helpers.
 *
 * CORINFO_ASYNC_INFO_FULL holds all 11 fields; both layouts are derived from
 * it, so a recording can store the full record once and replay either layout.
 */

import type { CORINFO_CLASS_HANDLE, CORINFO_FIELD_HANDLE, CORINFO_METHOD_HANDLE } from './handles.js';
import type { AsyncHelperName } from './helpers.js';
import type { InterfaceVersionId } from './version-id.js';

/** Fields both layouts share (fields 1–5). */
export interface CORINFO_ASYNC_INFO_DIFF {
  /** System.Runtime.CompilerServices.Continuation. */
  readonly continuationClsHnd: CORINFO_CLASS_HANDLE;
  readonly continuationNextFldHnd: CORINFO_FIELD_HANDLE;
  readonly continuationResumeInfoFldHnd: CORINFO_FIELD_HANDLE;
  readonly continuationStateFldHnd: CORINFO_FIELD_HANDLE;
  readonly continuationFlagsFldHnd: CORINFO_FIELD_HANDLE;
}

/** The `base` layout: fields 1–11. */
export interface CORINFO_ASYNC_INFO_BASE extends CORINFO_ASYNC_INFO_DIFF {
  /** Used at suspension. */
  readonly captureExecutionContextMethHnd: CORINFO_METHOD_HANDLE;
  /** Used at resumption. */
  readonly restoreExecutionContextMethHnd: CORINFO_METHOD_HANDLE;
  /** Used at suspension. */
  readonly captureContinuationContextMethHnd: CORINFO_METHOD_HANDLE;
  /** Used at method start. */
  readonly captureContextsMethHnd: CORINFO_METHOD_HANDLE;
  /** Used before normal returns and in the fault handler. */
  readonly restoreContextsMethHnd: CORINFO_METHOD_HANDLE;
  /** Used before suspending. */
  readonly restoreContextsOnSuspensionMethHnd: CORINFO_METHOD_HANDLE;
}

/** All 11 fields, whatever version is served; the source both layouts derive from. */
export type CORINFO_ASYNC_INFO_FULL = CORINFO_ASYNC_INFO_BASE;

/** What getAsyncInfo returns: the layout of the version the EE serves. */
export type CORINFO_ASYNC_INFO = CORINFO_ASYNC_INFO_BASE | CORINFO_ASYNC_INFO_DIFF;

/** The field names of the `diff` layout, in struct order. */
export const ASYNC_INFO_DIFF_FIELDS = [
  'continuationClsHnd',
  'continuationNextFldHnd',
  'continuationResumeInfoFldHnd',
  'continuationStateFldHnd',
  'continuationFlagsFldHnd',
] as const satisfies readonly (keyof CORINFO_ASYNC_INFO_DIFF)[];

/** The field names of the `base` layout, in struct order. */
export const ASYNC_INFO_BASE_FIELDS = [
  ...ASYNC_INFO_DIFF_FIELDS,
  'captureExecutionContextMethHnd',
  'restoreExecutionContextMethHnd',
  'captureContinuationContextMethHnd',
  'captureContextsMethHnd',
  'restoreContextsMethHnd',
  'restoreContextsOnSuspensionMethHnd',
] as const satisfies readonly (keyof CORINFO_ASYNC_INFO_BASE)[];

export type AsyncMethodField = Exclude<(typeof ASYNC_INFO_BASE_FIELDS)[number], keyof CORINFO_ASYNC_INFO_DIFF>;

/** One async context call: the `base` field naming its method, the `diff` helper replacing it. */
export interface AsyncContextCall {
  readonly field: AsyncMethodField;
  readonly helper: AsyncHelperName;
  /** Method name on System.Runtime.CompilerServices.AsyncHelpers. */
  readonly managedName: string;
  /** Where the JIT calls it. */
  readonly use: string;
}

export const ASYNC_HELPERS_CLASS = { namespaceName: 'System.Runtime.CompilerServices', className: 'AsyncHelpers' } as const;
export const CONTINUATION_CLASS = { namespaceName: 'System.Runtime.CompilerServices', className: 'Continuation' } as const;

/** The six async context calls, in CORINFO_HELP_ASYNC_* order. */
export const ASYNC_CONTEXT_CALLS: readonly AsyncContextCall[] = Object.freeze([
  {
    field: 'captureContextsMethHnd',
    helper: 'CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS',
    managedName: 'CaptureContexts',
    use: 'method start',
  },
  {
    field: 'restoreContextsMethHnd',
    helper: 'CORINFO_HELP_ASYNC_RESTORE_CONTEXTS',
    managedName: 'RestoreContexts',
    use: 'before normal returns and in the fault handler',
  },
  {
    field: 'captureExecutionContextMethHnd',
    helper: 'CORINFO_HELP_ASYNC_CAPTURE_EXECUTION_CONTEXT',
    managedName: 'CaptureExecutionContext',
    use: 'suspension',
  },
  {
    field: 'restoreExecutionContextMethHnd',
    helper: 'CORINFO_HELP_ASYNC_RESTORE_EXECUTION_CONTEXT',
    managedName: 'RestoreExecutionContext',
    use: 'resumption',
  },
  {
    field: 'restoreContextsOnSuspensionMethHnd',
    helper: 'CORINFO_HELP_ASYNC_RESTORE_CONTEXTS_ON_SUSPENSION',
    managedName: 'RestoreContextsOnSuspension',
    use: 'before suspending',
  },
  {
    field: 'captureContinuationContextMethHnd',
    helper: 'CORINFO_HELP_ASYNC_CAPTURE_CONTINUATION_CONTEXT',
    managedName: 'CaptureContinuationContext',
    use: 'suspension',
  },
] as const);

/** The `diff` layout of a full record (exactly fields 1–5, in order). */
export function toAsyncInfoDiff(full: CORINFO_ASYNC_INFO_FULL): CORINFO_ASYNC_INFO_DIFF {
  return {
    continuationClsHnd: full.continuationClsHnd,
    continuationNextFldHnd: full.continuationNextFldHnd,
    continuationResumeInfoFldHnd: full.continuationResumeInfoFldHnd,
    continuationStateFldHnd: full.continuationStateFldHnd,
    continuationFlagsFldHnd: full.continuationFlagsFldHnd,
  };
}

/** The `base` layout of a full record (exactly fields 1–11, in order). */
export function toAsyncInfoBase(full: CORINFO_ASYNC_INFO_FULL): CORINFO_ASYNC_INFO_BASE {
  return {
    ...toAsyncInfoDiff(full),
    captureExecutionContextMethHnd: full.captureExecutionContextMethHnd,
    restoreExecutionContextMethHnd: full.restoreExecutionContextMethHnd,
    captureContinuationContextMethHnd: full.captureContinuationContextMethHnd,
    captureContextsMethHnd: full.captureContextsMethHnd,
    restoreContextsMethHnd: full.restoreContextsMethHnd,
    restoreContextsOnSuspensionMethHnd: full.restoreContextsOnSuspensionMethHnd,
  };
}

/** The layout `version` serves. */
export function asyncInfoForVersion(full: CORINFO_ASYNC_INFO_FULL, version: InterfaceVersionId): CORINFO_ASYNC_INFO {
  return version === 'base' ? toAsyncInfoBase(full) : toAsyncInfoDiff(full);
}

/** True for the `base` layout (it carries the six method handles). */
export function asyncInfoHasMethodHandles(info: CORINFO_ASYNC_INFO): info is CORINFO_ASYNC_INFO_BASE {
  return 'captureContextsMethHnd' in info;
}
