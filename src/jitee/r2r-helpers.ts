/**
 * ReadyToRun helper ids (READYTORUN_HELPER_*): the numbers a ReadyToRun image
 * stores in its helper import cells. They are part of the image format, so
 * an id may only ever be appended; renumbering breaks every existing image
 * unless the format's major version changes.
 *
 * `base` is the table of R2R format 18.5 (main). `diff` is the proposed
 * change: the AllocContinuation* helpers moved from 0x113–0x115 to
 * 0x120–0x122 and the six async context helpers added at 0x123–0x128.
 * compareR2RHelperTables(base, diff) shows the move as a format break.
 *
 * Ids below 0x110 are the long-standing ones; those marked (unverified) are a
 * best recollection and only matter for dumps.
 */

import { ALL_HELPER_NAMES, type CorInfoHelpName } from './helpers.js';
import { type NumberedTable, type TableComparison, checkTable, compareNumberedTables } from './numbered-table.js';
import type { InterfaceVersionId } from './version-id.js';

/** Ids common to both versions (everything except the AllocContinuation* and async helpers). */
const COMMON_R2R_HELPERS = [
  ['Invalid', 0x00],
  // Not real helpers: values the delay-load helpers and generated code read from the image.
  ['Module', 0x01],
  ['GSCookie', 0x02],
  ['IndirectTrapThreads', 0x03],
  // Delay-load helpers (the indirection cell is passed in a scratch register).
  ['DelayLoad_MethodCall', 0x08],
  ['DelayLoad_Helper', 0x10],
  ['DelayLoad_Helper_Obj', 0x11],
  ['DelayLoad_Helper_ObjObj', 0x12],
  // Exceptions.
  ['Throw', 0x20],
  ['Rethrow', 0x21],
  ['Overflow', 0x22],
  ['RngChkFail', 0x23],
  ['FailFast', 0x24],
  ['ThrowNullRef', 0x25],
  ['ThrowDivZero', 0x26],
  ['ThrowExact', 0x27], // (unverified)
  // Write barriers.
  ['WriteBarrier', 0x30],
  ['CheckedWriteBarrier', 0x31],
  ['ByRefWriteBarrier', 0x32],
  ['BulkWriteBarrier', 0x33], // (unverified)
  // Object arrays.
  ['Stelem_Ref', 0x38],
  ['Ldelema_Ref', 0x39],
  // Block operations.
  ['MemSet', 0x40],
  ['MemCpy', 0x41],
  // P/Invoke and GC polling.
  ['PInvokeBegin', 0x42],
  ['PInvokeEnd', 0x43],
  ['GCPoll', 0x44],
  ['ReversePInvokeEnter', 0x45],
  ['ReversePInvokeExit', 0x46],
  ['MemZero', 0x47], // (unverified)
  ['NativeMemSet', 0x48], // (unverified)
  // Lazy string literals.
  ['GetString', 0x50],
  ['LogMethodEnter', 0x51], // (unverified)
  // Reflection handles.
  ['GetRuntimeTypeHandle', 0x54],
  ['GetRuntimeMethodHandle', 0x55],
  ['GetRuntimeFieldHandle', 0x56],
  // Boxing.
  ['Box', 0x58],
  ['Box_Nullable', 0x59],
  ['Unbox', 0x5a],
  ['Unbox_Nullable', 0x5b],
  ['NewMultiDimArr', 0x5c],
  ['Unbox_TypeTest', 0x5d], // (unverified)
  // Helpers used with generic lookups.
  ['NewObject', 0x60],
  ['NewArray', 0x61],
  ['CheckCastAny', 0x62],
  ['CheckInstanceAny', 0x63],
  ['GenericGcStaticBase', 0x64],
  ['GenericNonGcStaticBase', 0x65],
  ['GenericGcTlsBase', 0x66],
  ['GenericNonGcTlsBase', 0x67],
  ['VirtualFuncPtr', 0x68],
  ['IsInstanceOfException', 0x69], // (unverified)
  ['NewMaybeFrozenArray', 0x6a], // (unverified)
  ['NewMaybeFrozenObject', 0x6b], // (unverified)
  // 64-bit arithmetic.
  ['LMul', 0xc0],
  ['LMulOfv', 0xc1],
  ['ULMulOvf', 0xc2],
  ['LDiv', 0xc3],
  ['LMod', 0xc4],
  ['ULDiv', 0xc5],
  ['ULMod', 0xc6],
  ['LLsh', 0xc7],
  ['LRsh', 0xc8],
  ['LRsz', 0xc9],
  ['Lng2Dbl', 0xca],
  ['ULng2Dbl', 0xcb],
  // 32-bit division.
  ['Div', 0xcc],
  ['Mod', 0xcd],
  ['UDiv', 0xce],
  ['UMod', 0xcf],
  // Floating-point conversions.
  ['Dbl2Int', 0xd0],
  ['Dbl2IntOvf', 0xd1],
  ['Dbl2Lng', 0xd2],
  ['Dbl2LngOvf', 0xd3],
  ['Dbl2UInt', 0xd4],
  ['Dbl2UIntOvf', 0xd5],
  ['Dbl2ULng', 0xd6],
  ['Dbl2ULngOvf', 0xd7],
  // Floating-point remainder.
  ['DblRem', 0xe0],
  ['FltRem', 0xe1],
  // Personality routines.
  ['PersonalityRoutine', 0xf0],
  ['PersonalityRoutineFilterFunclet', 0xf1],
  // Synchronized methods.
  ['MonitorEnter', 0xf8],
  ['MonitorExit', 0xf9],
  // x86 register write barriers.
  ['WriteBarrier_EAX', 0x100],
  ['WriteBarrier_EBX', 0x101],
  ['WriteBarrier_ECX', 0x102],
  ['WriteBarrier_ESI', 0x103],
  ['WriteBarrier_EDI', 0x104],
  ['WriteBarrier_EBP', 0x105],
  ['CheckedWriteBarrier_EAX', 0x106],
  ['CheckedWriteBarrier_EBX', 0x107],
  ['CheckedWriteBarrier_ECX', 0x108],
  ['CheckedWriteBarrier_ESI', 0x109],
  ['CheckedWriteBarrier_EDI', 0x10a],
  ['CheckedWriteBarrier_EBP', 0x10b],
  // From here on: R2R format 18.5 (FACTS).
  ['EndCatch', 0x110],
  ['StackProbe', 0x111],
  ['GetCurrentManagedThreadId', 0x112],
  ['InitClass', 0x116],
  ['InitInstClass', 0x117],
] as const;

/** AllocContinuation* in the `base` table (R2R 18.5). */
const BASE_CONTINUATION_HELPERS = [
  ['AllocContinuation', 0x113],
  ['AllocContinuationClass', 0x114],
  ['AllocContinuationMethod', 0x115],
] as const;

/** AllocContinuation* as the proposed change renumbers them. */
const DIFF_CONTINUATION_HELPERS = [
  ['AllocContinuation', 0x120],
  ['AllocContinuationClass', 0x121],
  ['AllocContinuationMethod', 0x122],
] as const;

/** The async context helpers the proposed change adds (names unverified). */
const DIFF_ASYNC_HELPERS = [
  ['AsyncCaptureContexts', 0x123],
  ['AsyncRestoreContexts', 0x124],
  ['AsyncCaptureExecutionContext', 0x125],
  ['AsyncRestoreExecutionContext', 0x126],
  ['AsyncRestoreContextsOnSuspension', 0x127],
  ['AsyncCaptureContinuationContext', 0x128],
] as const;

type ShortName =
  | (typeof COMMON_R2R_HELPERS)[number][0]
  | (typeof BASE_CONTINUATION_HELPERS)[number][0]
  | (typeof DIFF_ASYNC_HELPERS)[number][0];

/** A ReadyToRun helper name, e.g. `READYTORUN_HELPER_Throw`. */
export type R2RHelperName = `READYTORUN_HELPER_${ShortName}`;

export const R2R_HELPER_PREFIX = 'READYTORUN_HELPER_';

export interface R2RHelperEntry {
  readonly name: R2RHelperName;
  readonly id: number;
}

export interface R2RHelperTable extends NumberedTable {
  readonly version: InterfaceVersionId;
  /** ReadyToRun format version the table belongs to. */
  readonly format: { readonly major: number; readonly minor: number };
  readonly entries: readonly R2RHelperEntry[];
}

function makeTable(
  version: InterfaceVersionId,
  format: { major: number; minor: number },
  rows: readonly (readonly [ShortName, number])[],
): R2RHelperTable {
  const entries = rows
    .map(([short, id]) => Object.freeze({ name: `${R2R_HELPER_PREFIX}${short}` as R2RHelperName, id }))
    .sort((a, b) => a.id - b.id);
  const table: R2RHelperTable = Object.freeze({
    title: `ReadyToRun helpers (${version}, R2R ${format.major}.${format.minor})`,
    version,
    format: Object.freeze(format),
    entries: Object.freeze(entries),
  });
  checkTable(table);
  return table;
}

export const BASE_R2R_HELPER_TABLE: R2RHelperTable = makeTable('base', { major: 18, minor: 5 }, [
  ...COMMON_R2R_HELPERS,
  ...BASE_CONTINUATION_HELPERS,
]);

/**
 * The proposed table. The proposal kept the major version (a minor bump is
 * assumed here, unverified); compareR2RHelperTables shows why that breaks.
 */
export const DIFF_R2R_HELPER_TABLE: R2RHelperTable = makeTable('diff', { major: 18, minor: 6 }, [
  ...COMMON_R2R_HELPERS,
  ...DIFF_CONTINUATION_HELPERS,
  ...DIFF_ASYNC_HELPERS,
]);

export const R2R_HELPER_TABLES: Readonly<Record<InterfaceVersionId, R2RHelperTable>> = Object.freeze({
  base: BASE_R2R_HELPER_TABLE,
  diff: DIFF_R2R_HELPER_TABLE,
});

export function r2rHelperId(table: R2RHelperTable, name: string): number | undefined {
  return table.entries.find((e) => e.name === name)?.id;
}

export function r2rHelperName(table: R2RHelperTable, id: number): R2RHelperName | undefined {
  return table.entries.find((e) => e.id === id)?.name;
}

/** `READYTORUN_HELPER_X` for a known id, `READYTORUN_HELPER_<0x..>` otherwise. */
export function formatR2RHelper(table: R2RHelperTable, id: number): string {
  return r2rHelperName(table, id) ?? `${R2R_HELPER_PREFIX}<0x${id.toString(16)}>`;
}

/**
 * Which ReadyToRun helper implements a JIT helper, by name; used by an EE in
 * r2r mode to answer getHelperFtn with a helper import cell. JIT helpers not
 * listed have no ReadyToRun helper (the EE binds them another way or rejects
 * them). An entry whose R2R helper is missing from a version's table (the
 * async helpers in `base`) does not apply to that version.
 */
export const HELPER_TO_R2R: Readonly<Partial<Record<CorInfoHelpName, R2RHelperName>>> = Object.freeze({
  CORINFO_HELP_THROW: 'READYTORUN_HELPER_Throw',
  CORINFO_HELP_RETHROW: 'READYTORUN_HELPER_Rethrow',
  CORINFO_HELP_THROWEXACT: 'READYTORUN_HELPER_ThrowExact',
  CORINFO_HELP_OVERFLOW: 'READYTORUN_HELPER_Overflow',
  CORINFO_HELP_RNGCHKFAIL: 'READYTORUN_HELPER_RngChkFail',
  CORINFO_HELP_FAIL_FAST: 'READYTORUN_HELPER_FailFast',
  CORINFO_HELP_THROWNULLREF: 'READYTORUN_HELPER_ThrowNullRef',
  CORINFO_HELP_THROWDIVZERO: 'READYTORUN_HELPER_ThrowDivZero',
  CORINFO_HELP_ASSIGN_REF: 'READYTORUN_HELPER_WriteBarrier',
  CORINFO_HELP_CHECKED_ASSIGN_REF: 'READYTORUN_HELPER_CheckedWriteBarrier',
  CORINFO_HELP_ASSIGN_BYREF: 'READYTORUN_HELPER_ByRefWriteBarrier',
  CORINFO_HELP_BULK_WRITEBARRIER: 'READYTORUN_HELPER_BulkWriteBarrier',
  CORINFO_HELP_ARRADDR_ST: 'READYTORUN_HELPER_Stelem_Ref',
  CORINFO_HELP_LDELEMA_REF: 'READYTORUN_HELPER_Ldelema_Ref',
  CORINFO_HELP_MEMSET: 'READYTORUN_HELPER_MemSet',
  CORINFO_HELP_MEMCPY: 'READYTORUN_HELPER_MemCpy',
  CORINFO_HELP_MEMZERO: 'READYTORUN_HELPER_MemZero',
  CORINFO_HELP_NATIVE_MEMSET: 'READYTORUN_HELPER_NativeMemSet',
  CORINFO_HELP_JIT_PINVOKE_BEGIN: 'READYTORUN_HELPER_PInvokeBegin',
  CORINFO_HELP_JIT_PINVOKE_END: 'READYTORUN_HELPER_PInvokeEnd',
  CORINFO_HELP_POLL_GC: 'READYTORUN_HELPER_GCPoll',
  CORINFO_HELP_JIT_REVERSE_PINVOKE_ENTER: 'READYTORUN_HELPER_ReversePInvokeEnter',
  CORINFO_HELP_JIT_REVERSE_PINVOKE_EXIT: 'READYTORUN_HELPER_ReversePInvokeExit',
  CORINFO_HELP_STRCNS: 'READYTORUN_HELPER_GetString',
  CORINFO_HELP_TYPEHANDLE_TO_RUNTIMETYPEHANDLE: 'READYTORUN_HELPER_GetRuntimeTypeHandle',
  CORINFO_HELP_METHODDESC_TO_STUBRUNTIMEMETHOD: 'READYTORUN_HELPER_GetRuntimeMethodHandle',
  CORINFO_HELP_FIELDDESC_TO_STUBRUNTIMEFIELD: 'READYTORUN_HELPER_GetRuntimeFieldHandle',
  CORINFO_HELP_BOX: 'READYTORUN_HELPER_Box',
  CORINFO_HELP_BOX_NULLABLE: 'READYTORUN_HELPER_Box_Nullable',
  CORINFO_HELP_UNBOX: 'READYTORUN_HELPER_Unbox',
  CORINFO_HELP_UNBOX_NULLABLE: 'READYTORUN_HELPER_Unbox_Nullable',
  CORINFO_HELP_UNBOX_TYPETEST: 'READYTORUN_HELPER_Unbox_TypeTest',
  CORINFO_HELP_NEW_MDARR: 'READYTORUN_HELPER_NewMultiDimArr',
  CORINFO_HELP_NEWFAST: 'READYTORUN_HELPER_NewObject',
  CORINFO_HELP_NEWARR_1_DIRECT: 'READYTORUN_HELPER_NewArray',
  CORINFO_HELP_CHKCASTANY: 'READYTORUN_HELPER_CheckCastAny',
  CORINFO_HELP_ISINSTANCEOFANY: 'READYTORUN_HELPER_CheckInstanceAny',
  CORINFO_HELP_GETDYNAMIC_GCSTATIC_BASE: 'READYTORUN_HELPER_GenericGcStaticBase',
  CORINFO_HELP_GETDYNAMIC_NONGCSTATIC_BASE: 'READYTORUN_HELPER_GenericNonGcStaticBase',
  CORINFO_HELP_GETDYNAMIC_GCTHREADSTATIC_BASE: 'READYTORUN_HELPER_GenericGcTlsBase',
  CORINFO_HELP_GETDYNAMIC_NONGCTHREADSTATIC_BASE: 'READYTORUN_HELPER_GenericNonGcTlsBase',
  CORINFO_HELP_VIRTUAL_FUNC_PTR: 'READYTORUN_HELPER_VirtualFuncPtr',
  CORINFO_HELP_ISINSTANCEOF_EXCEPTION: 'READYTORUN_HELPER_IsInstanceOfException',
  CORINFO_HELP_NEWARR_1_MAYBEFROZEN: 'READYTORUN_HELPER_NewMaybeFrozenArray',
  CORINFO_HELP_NEWFAST_MAYBEFROZEN: 'READYTORUN_HELPER_NewMaybeFrozenObject',
  CORINFO_HELP_LMUL: 'READYTORUN_HELPER_LMul',
  CORINFO_HELP_LMUL_OVF: 'READYTORUN_HELPER_LMulOfv',
  CORINFO_HELP_ULMUL_OVF: 'READYTORUN_HELPER_ULMulOvf',
  CORINFO_HELP_LDIV: 'READYTORUN_HELPER_LDiv',
  CORINFO_HELP_LMOD: 'READYTORUN_HELPER_LMod',
  CORINFO_HELP_ULDIV: 'READYTORUN_HELPER_ULDiv',
  CORINFO_HELP_ULMOD: 'READYTORUN_HELPER_ULMod',
  CORINFO_HELP_LLSH: 'READYTORUN_HELPER_LLsh',
  CORINFO_HELP_LRSH: 'READYTORUN_HELPER_LRsh',
  CORINFO_HELP_LRSZ: 'READYTORUN_HELPER_LRsz',
  CORINFO_HELP_LNG2DBL: 'READYTORUN_HELPER_Lng2Dbl',
  CORINFO_HELP_ULNG2DBL: 'READYTORUN_HELPER_ULng2Dbl',
  CORINFO_HELP_DIV: 'READYTORUN_HELPER_Div',
  CORINFO_HELP_MOD: 'READYTORUN_HELPER_Mod',
  CORINFO_HELP_UDIV: 'READYTORUN_HELPER_UDiv',
  CORINFO_HELP_UMOD: 'READYTORUN_HELPER_UMod',
  CORINFO_HELP_DBL2INT: 'READYTORUN_HELPER_Dbl2Int',
  CORINFO_HELP_DBL2INT_OVF: 'READYTORUN_HELPER_Dbl2IntOvf',
  CORINFO_HELP_DBL2LNG: 'READYTORUN_HELPER_Dbl2Lng',
  CORINFO_HELP_DBL2LNG_OVF: 'READYTORUN_HELPER_Dbl2LngOvf',
  CORINFO_HELP_DBL2UINT: 'READYTORUN_HELPER_Dbl2UInt',
  CORINFO_HELP_DBL2UINT_OVF: 'READYTORUN_HELPER_Dbl2UIntOvf',
  CORINFO_HELP_DBL2ULNG: 'READYTORUN_HELPER_Dbl2ULng',
  CORINFO_HELP_DBL2ULNG_OVF: 'READYTORUN_HELPER_Dbl2ULngOvf',
  CORINFO_HELP_DBLREM: 'READYTORUN_HELPER_DblRem',
  CORINFO_HELP_FLTREM: 'READYTORUN_HELPER_FltRem',
  CORINFO_HELP_EE_PERSONALITY_ROUTINE: 'READYTORUN_HELPER_PersonalityRoutine',
  CORINFO_HELP_EE_PERSONALITY_ROUTINE_FILTER_FUNCLET: 'READYTORUN_HELPER_PersonalityRoutineFilterFunclet',
  CORINFO_HELP_MON_ENTER: 'READYTORUN_HELPER_MonitorEnter',
  CORINFO_HELP_MON_EXIT: 'READYTORUN_HELPER_MonitorExit',
  CORINFO_HELP_ASSIGN_REF_EAX: 'READYTORUN_HELPER_WriteBarrier_EAX',
  CORINFO_HELP_ASSIGN_REF_EBX: 'READYTORUN_HELPER_WriteBarrier_EBX',
  CORINFO_HELP_ASSIGN_REF_ECX: 'READYTORUN_HELPER_WriteBarrier_ECX',
  CORINFO_HELP_ASSIGN_REF_ESI: 'READYTORUN_HELPER_WriteBarrier_ESI',
  CORINFO_HELP_ASSIGN_REF_EDI: 'READYTORUN_HELPER_WriteBarrier_EDI',
  CORINFO_HELP_ASSIGN_REF_EBP: 'READYTORUN_HELPER_WriteBarrier_EBP',
  CORINFO_HELP_CHECKED_ASSIGN_REF_EAX: 'READYTORUN_HELPER_CheckedWriteBarrier_EAX',
  CORINFO_HELP_CHECKED_ASSIGN_REF_EBX: 'READYTORUN_HELPER_CheckedWriteBarrier_EBX',
  CORINFO_HELP_CHECKED_ASSIGN_REF_ECX: 'READYTORUN_HELPER_CheckedWriteBarrier_ECX',
  CORINFO_HELP_CHECKED_ASSIGN_REF_ESI: 'READYTORUN_HELPER_CheckedWriteBarrier_ESI',
  CORINFO_HELP_CHECKED_ASSIGN_REF_EDI: 'READYTORUN_HELPER_CheckedWriteBarrier_EDI',
  CORINFO_HELP_CHECKED_ASSIGN_REF_EBP: 'READYTORUN_HELPER_CheckedWriteBarrier_EBP',
  CORINFO_HELP_ENDCATCH: 'READYTORUN_HELPER_EndCatch',
  CORINFO_HELP_STACK_PROBE: 'READYTORUN_HELPER_StackProbe',
  CORINFO_HELP_GETCURRENTMANAGEDTHREADID: 'READYTORUN_HELPER_GetCurrentManagedThreadId',
  CORINFO_HELP_ALLOC_CONTINUATION: 'READYTORUN_HELPER_AllocContinuation',
  CORINFO_HELP_ALLOC_CONTINUATION_CLASS: 'READYTORUN_HELPER_AllocContinuationClass',
  CORINFO_HELP_ALLOC_CONTINUATION_METHOD: 'READYTORUN_HELPER_AllocContinuationMethod',
  CORINFO_HELP_INITCLASS: 'READYTORUN_HELPER_InitClass',
  CORINFO_HELP_INITINSTCLASS: 'READYTORUN_HELPER_InitInstClass',
  CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS: 'READYTORUN_HELPER_AsyncCaptureContexts',
  CORINFO_HELP_ASYNC_RESTORE_CONTEXTS: 'READYTORUN_HELPER_AsyncRestoreContexts',
  CORINFO_HELP_ASYNC_CAPTURE_EXECUTION_CONTEXT: 'READYTORUN_HELPER_AsyncCaptureExecutionContext',
  CORINFO_HELP_ASYNC_RESTORE_EXECUTION_CONTEXT: 'READYTORUN_HELPER_AsyncRestoreExecutionContext',
  CORINFO_HELP_ASYNC_RESTORE_CONTEXTS_ON_SUSPENSION: 'READYTORUN_HELPER_AsyncRestoreContextsOnSuspension',
  CORINFO_HELP_ASYNC_CAPTURE_CONTINUATION_CONTEXT: 'READYTORUN_HELPER_AsyncCaptureContinuationContext',
});

/**
 * The ReadyToRun helper id implementing JIT helper number `helper` in
 * `table`'s version, or undefined when there is none.
 */
export function r2rHelperForHelpFunc(table: R2RHelperTable, helper: number): number | undefined {
  const name = ALL_HELPER_NAMES[helper];
  if (name === undefined) return undefined;
  const r2rName = HELPER_TO_R2R[name];
  return r2rName === undefined ? undefined : r2rHelperId(table, r2rName);
}

/**
 * Compatibility of two ReadyToRun helper tables: every id whose meaning
 * changed (a format break) and every id only appended.
 */
export function compareR2RHelperTables(oldTable: R2RHelperTable, newTable: R2RHelperTable): TableComparison {
  return compareNumberedTables(oldTable, newTable);
}
