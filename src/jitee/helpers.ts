/**
 * CorInfoHelpFunc: the JIT helpers, as ONE ordered list of names. A helper's
 * number is its position in this list and nothing else assigns helper
 * numbers. Everything that needs a number (getHelperFtn keys, records, the
 * JIT) takes it from here.
 *
 * The list follows the real enumeration's order as far as it is known. The
 * exact positions before CORINFO_HELP_ALLOC_CONTINUATION are (unverified):
 * the real enumeration drifts between runtime versions (helpers are added and
 * removed), so the list was fixed up to put ALLOC_CONTINUATION at 194,
 * ALLOC_CONTINUATION_METHOD at 195 and ALLOC_CONTINUATION_CLASS at 196, which
 * makes CORINFO_HELP_COUNT 197 in the `base` version.
 *
 * The `diff` version appends the six CORINFO_HELP_ASYNC_* helpers after
 * ALLOC_CONTINUATION_CLASS (197–202, COUNT 203). Appending keeps the number
 * of every common helper the same in both versions, so a collection recorded
 * with both can key getHelperFtn by number. The `base` version does not have
 * them.
 */

import type { InterfaceVersionId } from './version-id.js';
import { type NumberedTable, type TableComparison, checkTable, compareNumberedTables } from './numbered-table.js';

/** Helpers of both versions, in number order (0–196). */
export const COMMON_HELPER_NAMES = [
  'CORINFO_HELP_UNDEF', // 0: never a valid helper
  // Arithmetic (32-bit division is a helper on some targets; 64-bit on 32-bit targets) (1–14)
  'CORINFO_HELP_DIV',
  'CORINFO_HELP_MOD',
  'CORINFO_HELP_UDIV',
  'CORINFO_HELP_UMOD',
  'CORINFO_HELP_LLSH',
  'CORINFO_HELP_LRSH',
  'CORINFO_HELP_LRSZ',
  'CORINFO_HELP_LMUL',
  'CORINFO_HELP_LMUL_OVF',
  'CORINFO_HELP_ULMUL_OVF',
  'CORINFO_HELP_LDIV',
  'CORINFO_HELP_LMOD',
  'CORINFO_HELP_ULDIV',
  'CORINFO_HELP_ULMOD',
  // Conversions and floating-point remainder (15–28)
  'CORINFO_HELP_LNG2FLT',
  'CORINFO_HELP_LNG2DBL',
  'CORINFO_HELP_ULNG2FLT',
  'CORINFO_HELP_ULNG2DBL',
  'CORINFO_HELP_DBL2INT',
  'CORINFO_HELP_DBL2INT_OVF',
  'CORINFO_HELP_DBL2LNG',
  'CORINFO_HELP_DBL2LNG_OVF',
  'CORINFO_HELP_DBL2UINT',
  'CORINFO_HELP_DBL2UINT_OVF',
  'CORINFO_HELP_DBL2ULNG',
  'CORINFO_HELP_DBL2ULNG_OVF',
  'CORINFO_HELP_FLTREM',
  'CORINFO_HELP_DBLREM',
  // Allocation (getNewHelper / getNewArrHelper pick one) (29–42)
  'CORINFO_HELP_NEWFAST',
  'CORINFO_HELP_NEWFAST_MAYBEFROZEN',
  'CORINFO_HELP_NEWSFAST',
  'CORINFO_HELP_NEWSFAST_FINALIZE',
  'CORINFO_HELP_NEWSFAST_ALIGN8',
  'CORINFO_HELP_NEWSFAST_ALIGN8_VC',
  'CORINFO_HELP_NEWSFAST_ALIGN8_FINALIZE',
  'CORINFO_HELP_NEW_MDARR',
  'CORINFO_HELP_NEW_MDARR_RARE',
  'CORINFO_HELP_NEWARR_1_DIRECT',
  'CORINFO_HELP_NEWARR_1_MAYBEFROZEN',
  'CORINFO_HELP_NEWARR_1_OBJ',
  'CORINFO_HELP_NEWARR_1_VC',
  'CORINFO_HELP_NEWARR_1_ALIGN8',
  // String literals (43)
  'CORINFO_HELP_STRCNS',
  // Class initialisation (44–45)
  'CORINFO_HELP_INITCLASS',
  'CORINFO_HELP_INITINSTCLASS',
  // Casting (getCastingHelper picks one) (46–55)
  'CORINFO_HELP_ISINSTANCEOFINTERFACE',
  'CORINFO_HELP_ISINSTANCEOFARRAY',
  'CORINFO_HELP_ISINSTANCEOFCLASS',
  'CORINFO_HELP_ISINSTANCEOFANY',
  'CORINFO_HELP_CHKCASTINTERFACE',
  'CORINFO_HELP_CHKCASTARRAY',
  'CORINFO_HELP_CHKCASTCLASS',
  'CORINFO_HELP_CHKCASTANY',
  'CORINFO_HELP_CHKCASTCLASS_SPECIAL',
  'CORINFO_HELP_ISINSTANCEOF_EXCEPTION',
  // Boxing (56–61)
  'CORINFO_HELP_BOX',
  'CORINFO_HELP_BOX_NULLABLE',
  'CORINFO_HELP_UNBOX',
  'CORINFO_HELP_UNBOX_TYPETEST',
  'CORINFO_HELP_UNBOX_NULLABLE',
  'CORINFO_HELP_GETREFANY',
  // Object arrays (62–63)
  'CORINFO_HELP_ARRADDR_ST',
  'CORINFO_HELP_LDELEMA_REF',
  // Exceptions (64–76)
  'CORINFO_HELP_THROW',
  'CORINFO_HELP_RETHROW',
  'CORINFO_HELP_THROWEXACT',
  'CORINFO_HELP_USER_BREAKPOINT',
  'CORINFO_HELP_RNGCHKFAIL',
  'CORINFO_HELP_OVERFLOW',
  'CORINFO_HELP_THROWDIVZERO',
  'CORINFO_HELP_THROWNULLREF',
  'CORINFO_HELP_FAIL_FAST',
  'CORINFO_HELP_METHOD_ACCESS_EXCEPTION',
  'CORINFO_HELP_FIELD_ACCESS_EXCEPTION',
  'CORINFO_HELP_CLASS_ACCESS_EXCEPTION',
  'CORINFO_HELP_ENDCATCH',
  // Synchronisation (77–78)
  'CORINFO_HELP_MON_ENTER',
  'CORINFO_HELP_MON_EXIT',
  // GC (79–81)
  'CORINFO_HELP_STOP_FOR_GC',
  'CORINFO_HELP_POLL_GC',
  'CORINFO_HELP_CHECK_OBJ',
  // Write barriers (82–86)
  'CORINFO_HELP_ASSIGN_REF',
  'CORINFO_HELP_CHECKED_ASSIGN_REF',
  'CORINFO_HELP_ASSIGN_REF_ENSURE_NONHEAP',
  'CORINFO_HELP_ASSIGN_BYREF',
  'CORINFO_HELP_BULK_WRITEBARRIER',
  // Field addresses (87–88)
  'CORINFO_HELP_GETFIELDADDR',
  'CORINFO_HELP_GETSTATICFIELDADDR',
  // Static bases (getSharedCCtorHelper / getFieldInfo pick one) (89–100)
  'CORINFO_HELP_GET_GCSTATIC_BASE',
  'CORINFO_HELP_GET_NONGCSTATIC_BASE',
  'CORINFO_HELP_GETDYNAMIC_GCSTATIC_BASE',
  'CORINFO_HELP_GETDYNAMIC_NONGCSTATIC_BASE',
  'CORINFO_HELP_GETPINNED_GCSTATIC_BASE',
  'CORINFO_HELP_GETPINNED_NONGCSTATIC_BASE',
  'CORINFO_HELP_GET_GCSTATIC_BASE_NOCTOR',
  'CORINFO_HELP_GET_NONGCSTATIC_BASE_NOCTOR',
  'CORINFO_HELP_GETDYNAMIC_GCSTATIC_BASE_NOCTOR',
  'CORINFO_HELP_GETDYNAMIC_NONGCSTATIC_BASE_NOCTOR',
  'CORINFO_HELP_GETPINNED_GCSTATIC_BASE_NOCTOR',
  'CORINFO_HELP_GETPINNED_NONGCSTATIC_BASE_NOCTOR',
  // Thread-static bases (101–112)
  'CORINFO_HELP_GET_GCTHREADSTATIC_BASE',
  'CORINFO_HELP_GET_NONGCTHREADSTATIC_BASE',
  'CORINFO_HELP_GETDYNAMIC_GCTHREADSTATIC_BASE',
  'CORINFO_HELP_GETDYNAMIC_NONGCTHREADSTATIC_BASE',
  'CORINFO_HELP_GET_GCTHREADSTATIC_BASE_NOCTOR',
  'CORINFO_HELP_GET_NONGCTHREADSTATIC_BASE_NOCTOR',
  'CORINFO_HELP_GETDYNAMIC_GCTHREADSTATIC_BASE_NOCTOR',
  'CORINFO_HELP_GETDYNAMIC_NONGCTHREADSTATIC_BASE_NOCTOR',
  'CORINFO_HELP_GETDYNAMIC_NONGCTHREADSTATIC_BASE_NOCTOR_OPTIMIZED',
  'CORINFO_HELP_GETDYNAMIC_GCTHREADSTATIC_BASE_NOCTOR_OPTIMIZED',
  'CORINFO_HELP_GETDYNAMIC_NONGCTHREADSTATIC_BASE_NOCTOR_OPTIMIZED2',
  'CORINFO_HELP_GETDYNAMIC_GCTHREADSTATIC_BASE_NOCTOR_OPTIMIZED2',
  // Debugger and profiler (113–116)
  'CORINFO_HELP_DBG_IS_JUST_MY_CODE',
  'CORINFO_HELP_PROF_FCN_ENTER',
  'CORINFO_HELP_PROF_FCN_LEAVE',
  'CORINFO_HELP_PROF_FCN_TAILCALL',
  // Miscellaneous (117–120)
  'CORINFO_HELP_PINVOKE_CALLI',
  'CORINFO_HELP_TAILCALL',
  'CORINFO_HELP_GETCURRENTMANAGEDTHREADID',
  'CORINFO_HELP_INIT_PINVOKE_FRAME',
  // Block operations (121–124)
  'CORINFO_HELP_MEMSET',
  'CORINFO_HELP_MEMZERO',
  'CORINFO_HELP_MEMCPY',
  'CORINFO_HELP_NATIVE_MEMSET',
  // Runtime handles (125–132)
  'CORINFO_HELP_RUNTIMEHANDLE_METHOD',
  'CORINFO_HELP_RUNTIMEHANDLE_CLASS',
  'CORINFO_HELP_TYPEHANDLE_TO_RUNTIMETYPE',
  'CORINFO_HELP_TYPEHANDLE_TO_RUNTIMETYPE_MAYBENULL',
  'CORINFO_HELP_METHODDESC_TO_STUBRUNTIMEMETHOD',
  'CORINFO_HELP_FIELDDESC_TO_STUBRUNTIMEFIELD',
  'CORINFO_HELP_TYPEHANDLE_TO_RUNTIMETYPEHANDLE',
  'CORINFO_HELP_TYPEHANDLE_TO_RUNTIMETYPEHANDLE_MAYBENULL',
  // Virtual function pointers (133)
  'CORINFO_HELP_VIRTUAL_FUNC_PTR',
  // ReadyToRun stubs that load their handle argument from a cell (134–146)
  'CORINFO_HELP_READYTORUN_NEW',
  'CORINFO_HELP_READYTORUN_NEWARR_1',
  'CORINFO_HELP_READYTORUN_ISINSTANCEOF',
  'CORINFO_HELP_READYTORUN_CHKCAST',
  'CORINFO_HELP_READYTORUN_GCSTATIC_BASE',
  'CORINFO_HELP_READYTORUN_NONGCSTATIC_BASE',
  'CORINFO_HELP_READYTORUN_THREADSTATIC_BASE',
  'CORINFO_HELP_READYTORUN_THREADSTATIC_BASE_NOCTOR',
  'CORINFO_HELP_READYTORUN_NONGCTHREADSTATIC_BASE',
  'CORINFO_HELP_READYTORUN_VIRTUAL_FUNC_PTR',
  'CORINFO_HELP_READYTORUN_GENERIC_HANDLE',
  'CORINFO_HELP_READYTORUN_DELEGATE_CTOR',
  'CORINFO_HELP_READYTORUN_GENERIC_STATIC_BASE',
  // Personality routines (native images) (147–148)
  'CORINFO_HELP_EE_PERSONALITY_ROUTINE',
  'CORINFO_HELP_EE_PERSONALITY_ROUTINE_FILTER_FUNCLET',
  // x86 register write barriers (149–160)
  'CORINFO_HELP_ASSIGN_REF_EAX',
  'CORINFO_HELP_ASSIGN_REF_EBX',
  'CORINFO_HELP_ASSIGN_REF_ECX',
  'CORINFO_HELP_ASSIGN_REF_ESI',
  'CORINFO_HELP_ASSIGN_REF_EDI',
  'CORINFO_HELP_ASSIGN_REF_EBP',
  'CORINFO_HELP_CHECKED_ASSIGN_REF_EAX',
  'CORINFO_HELP_CHECKED_ASSIGN_REF_EBX',
  'CORINFO_HELP_CHECKED_ASSIGN_REF_ECX',
  'CORINFO_HELP_CHECKED_ASSIGN_REF_ESI',
  'CORINFO_HELP_CHECKED_ASSIGN_REF_EDI',
  'CORINFO_HELP_CHECKED_ASSIGN_REF_EBP',
  // Loop cloning diagnostics (161–162)
  'CORINFO_HELP_LOOP_CLONE_CHOICE_ADDR',
  'CORINFO_HELP_DEBUG_LOG_LOOP_CLONING',
  // Throw helpers for intrinsics (163–169)
  'CORINFO_HELP_THROW_ARGUMENTEXCEPTION',
  'CORINFO_HELP_THROW_ARGUMENTOUTOFRANGEEXCEPTION',
  'CORINFO_HELP_THROW_NOT_IMPLEMENTED',
  'CORINFO_HELP_THROW_PLATFORM_NOT_SUPPORTED',
  'CORINFO_HELP_THROW_TYPE_NOT_SUPPORTED',
  'CORINFO_HELP_THROW_AMBIGUOUS_RESOLUTION_EXCEPTION',
  'CORINFO_HELP_THROW_ENTRYPOINT_NOT_FOUND_EXCEPTION',
  // P/Invoke transitions (170–175)
  'CORINFO_HELP_JIT_PINVOKE_BEGIN',
  'CORINFO_HELP_JIT_PINVOKE_END',
  'CORINFO_HELP_JIT_REVERSE_PINVOKE_ENTER',
  'CORINFO_HELP_JIT_REVERSE_PINVOKE_ENTER_TRACK_TRANSITIONS',
  'CORINFO_HELP_JIT_REVERSE_PINVOKE_EXIT',
  'CORINFO_HELP_JIT_REVERSE_PINVOKE_EXIT_TRACK_TRANSITIONS',
  // Generic virtual and interface dispatch (176–177)
  'CORINFO_HELP_GVMLOOKUP_FOR_SLOT',
  'CORINFO_HELP_INTERFACELOOKUP_FOR_SLOT',
  // Stack probing (178)
  'CORINFO_HELP_STACK_PROBE',
  // Tiering (OSR) (179–181)
  'CORINFO_HELP_PATCHPOINT',
  'CORINFO_HELP_PATCHPOINT_FORCED',
  'CORINFO_HELP_PARTIAL_COMPILATION_PATCHPOINT',
  // Profile instrumentation (182–191)
  'CORINFO_HELP_CLASSPROFILE32',
  'CORINFO_HELP_CLASSPROFILE64',
  'CORINFO_HELP_DELEGATEPROFILE32',
  'CORINFO_HELP_DELEGATEPROFILE64',
  'CORINFO_HELP_VTABLEPROFILE32',
  'CORINFO_HELP_VTABLEPROFILE64',
  'CORINFO_HELP_COUNTPROFILE32',
  'CORINFO_HELP_COUNTPROFILE64',
  'CORINFO_HELP_VALUEPROFILE32',
  'CORINFO_HELP_VALUEPROFILE64',
  // Control-flow guard (192–193)
  'CORINFO_HELP_VALIDATE_INDIRECT_CALL',
  'CORINFO_HELP_DISPATCH_INDIRECT_CALL',
  // Runtime async (unverified numbering; see the file comment)
  'CORINFO_HELP_ALLOC_CONTINUATION', // 194
  'CORINFO_HELP_ALLOC_CONTINUATION_METHOD', // 195
  'CORINFO_HELP_ALLOC_CONTINUATION_CLASS', // 196
] as const;

/**
 * The async context helpers of the `diff` version, appended after the common
 * helpers (197–202). Their names are (unverified): the proposal only says
 * CORINFO_HELP_ASYNC_*.
 */
export const ASYNC_HELPER_NAMES = [
  'CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS', // 197
  'CORINFO_HELP_ASYNC_RESTORE_CONTEXTS', // 198
  'CORINFO_HELP_ASYNC_CAPTURE_EXECUTION_CONTEXT', // 199
  'CORINFO_HELP_ASYNC_RESTORE_EXECUTION_CONTEXT', // 200
  'CORINFO_HELP_ASYNC_RESTORE_CONTEXTS_ON_SUSPENSION', // 201
  'CORINFO_HELP_ASYNC_CAPTURE_CONTINUATION_CONTEXT', // 202
] as const;

/** Every helper name of any version, in number order. */
export const ALL_HELPER_NAMES = [...COMMON_HELPER_NAMES, ...ASYNC_HELPER_NAMES] as const;

export type CorInfoHelpName = (typeof ALL_HELPER_NAMES)[number];
export type AsyncHelperName = (typeof ASYNC_HELPER_NAMES)[number];

/** Maps a tuple of names to { name: index } with literal index types. */
type PositionsOf<T extends readonly string[]> = {
  readonly [K in keyof T as K extends `${number}` ? T[K] & string : never]: K extends `${infer N extends number}`
    ? N
    : never;
};

/**
 * Name → number for every helper of any version, e.g.
 * `CorInfoHelpFunc.CORINFO_HELP_THROW`. Whether a number exists in a given
 * version is a question for that version's HelperTable.
 */
export const CorInfoHelpFunc: PositionsOf<typeof ALL_HELPER_NAMES> = Object.freeze(
  Object.fromEntries(ALL_HELPER_NAMES.map((name, i) => [name, i])),
) as PositionsOf<typeof ALL_HELPER_NAMES>;

/** A helper number. */
export type CorInfoHelpFunc = (typeof CorInfoHelpFunc)[keyof typeof CorInfoHelpFunc];

/** The helpers of one interface version. Numbers are positions in `names`. */
export interface HelperTable extends NumberedTable {
  readonly version: InterfaceVersionId;
  readonly names: readonly CorInfoHelpName[];
  /** CORINFO_HELP_COUNT of this version. */
  readonly count: number;
}

function makeHelperTable(version: InterfaceVersionId, names: readonly CorInfoHelpName[]): HelperTable {
  const table: HelperTable = Object.freeze({
    title: `CorInfoHelpFunc (${version})`,
    version,
    names: Object.freeze([...names]),
    count: names.length,
    entries: Object.freeze(names.map((name, id) => Object.freeze({ name, id }))),
  });
  checkTable(table);
  return table;
}

export const BASE_HELPER_TABLE: HelperTable = makeHelperTable('base', COMMON_HELPER_NAMES);
export const DIFF_HELPER_TABLE: HelperTable = makeHelperTable('diff', ALL_HELPER_NAMES);

export const HELPER_TABLES: Readonly<Record<InterfaceVersionId, HelperTable>> = Object.freeze({
  base: BASE_HELPER_TABLE,
  diff: DIFF_HELPER_TABLE,
});

/** CORINFO_HELP_COUNT of the `base` version (197). */
export const CORINFO_HELP_COUNT_BASE = BASE_HELPER_TABLE.count;
/** CORINFO_HELP_COUNT of the `diff` version (203). */
export const CORINFO_HELP_COUNT_DIFF = DIFF_HELPER_TABLE.count;

/** The name of helper `n` in `table`, or undefined when the version has no such helper. */
export function helperName(table: HelperTable, n: number): CorInfoHelpName | undefined {
  return Number.isInteger(n) && n >= 0 && n < table.count ? table.names[n] : undefined;
}

/** The number of `name` in `table`, or undefined when the version has no such helper. */
export function helperNumber(table: HelperTable, name: string): CorInfoHelpFunc | undefined {
  const n = (ALL_HELPER_NAMES as readonly string[]).indexOf(name);
  return n >= 0 && n < table.count ? (n as CorInfoHelpFunc) : undefined;
}

/** True when `n` is a real helper (not UNDEF) of `table`'s version. */
export function isValidHelper(table: HelperTable, n: number): n is CorInfoHelpFunc {
  return helperName(table, n) !== undefined && n !== CorInfoHelpFunc.CORINFO_HELP_UNDEF;
}

/**
 * Checks that `n` is a helper number of any version and types it as one
 * (for numbers read back from records). Throws a RangeError otherwise.
 */
export function asHelpFunc(n: number): CorInfoHelpFunc {
  if (!Number.isInteger(n) || n < 0 || n >= ALL_HELPER_NAMES.length) throw new RangeError(`not a helper number: ${n}`);
  return n as CorInfoHelpFunc;
}

/** `CORINFO_HELP_X` for known numbers, `CORINFO_HELP_<n>` otherwise (for dumps). */
export function formatHelper(n: number): string {
  return Number.isInteger(n) && n >= 0 && n < ALL_HELPER_NAMES.length ? ALL_HELPER_NAMES[n]! : `CORINFO_HELP_<${n}>`;
}

/**
 * Compatibility of two helper tables: helpers whose number changed or that
 * disappeared (breaks: records keyed by number misread them) and helpers only
 * appended.
 */
export function compareHelperTables(oldTable: HelperTable, newTable: HelperTable): TableComparison {
  return compareNumberedTables(oldTable, newTable);
}
