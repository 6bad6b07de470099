/**
 * THE interface table: one entry per JitInterface method. The recorder, the
 * replay EE, the dumper and the call counter are all generated from it;
 * adding an interface method means adding one entry here (README.md).
 *
 * Packet ids are part of the recorded format: never change or reuse one.
 * Queries use 1–99 (in CORINFO_QUERY_NAMES order as of format 1), result-sink
 * calls with an answer 100 and up.
 */

import {
  ASYNC_INFO_BASE_FIELDS,
  ASYNC_INFO_DIFF_FIELDS,
  asyncInfoForVersion,
} from '../jitee/async-info.js';
import { CorInfoClassId, CorInfoInitClassResult, CorInfoInline, CorInfoType, RelocType } from '../jitee/enums.js';
import {
  CORINFO_ACCESS_FLAGS,
  CORINFO_CALLINFO_FLAGS,
  CorInfoClassFlags,
  CorInfoMethodFlags,
  CorInfoMethodRuntimeFlags,
} from '../jitee/flags.js';
import { NULL_CLASS_HANDLE, NULL_CONTEXT_HANDLE } from '../jitee/handles.js';
import { INTERFACE_VERSIONS } from '../jitee/versions.js';
import { allocMemFallback } from './alloc-mem-fallback.js';
import { t } from './dsl.js';
import { allocation, notification, query, type RecordedEntry, report, type TableEntry, versionedQuery } from './entry.js';
import {
  ALLOC_MEM_ARGS,
  ALLOC_MEM_RESULT,
  ARG_TYPE_INFO,
  ASYNC_INFO_RECORD,
  BOUNDARIES_REQUEST,
  CALL_INFO,
  CHILD_TYPE_INFO,
  CLASS_GC_LAYOUT,
  CLASS_NAME_FROM_METADATA,
  CONST_LOOKUP,
  EE_INFO,
  EH_CLAUSE,
  FIELD_INFO,
  FIELD_TYPE_INFO,
  HELPER_FTN_INFO,
  LOOKUP_KIND,
  METHOD_INFO,
  METHOD_NAME_FROM_METADATA,
  NEW_HELPER_INFO,
  RESOLVED_TOKEN,
  RESOLVED_TOKEN_IN,
  SIG_INFO,
  VTABLE_OFFSET,
} from './struct-schemas.js';

const methodFlags = t.flagsOf(CorInfoMethodFlags);
const classFlags = t.flagsOf(CorInfoClassFlags);
const accessFlags = t.flagsOf(CORINFO_ACCESS_FLAGS);
/** An omitted context / memberParent is the null handle. */
const optContext = t.omittable(t.context, NULL_CONTEXT_HANDLE);
const optParent = t.omittable(t.cls, NULL_CLASS_HANDLE);

export const INTERFACE_TABLE: readonly TableEntry[] = Object.freeze([
  // ---- methods ----
  query('getMethodAttribs', { id: 1, args: [t.method], value: methodFlags }),
  notification('setMethodAttribs', { id: 2, args: [t.method, t.flagsOf(CorInfoMethodRuntimeFlags)] }),
  query('getMethodInfo', { id: 3, args: [t.method, optContext], value: t.nullable(METHOD_INFO) }),
  query('getMethodSig', { id: 4, args: [t.method, optParent], value: SIG_INFO }),
  query('getMethodClass', { id: 5, args: [t.method], value: t.cls }),
  query('getMethodModule', { id: 6, args: [t.method], value: t.module }),
  query('getMethodNameFromMetadata', { id: 7, args: [t.method], value: METHOD_NAME_FROM_METADATA }),
  query('getMethodDefFromMethod', { id: 8, args: [t.method], value: t.token }),
  query('getMethodHash', { id: 9, args: [t.method], value: t.hex32 }),
  query('isIntrinsic', { id: 10, args: [t.method], value: t.bool }),
  query('getEHinfo', { id: 11, args: [t.method, t.u32], value: EH_CLAUSE }),
  query('getMethodVTableOffset', { id: 12, args: [t.method], value: VTABLE_OFFSET }),
  query('canInline', { id: 13, args: [t.method, t.method], value: t.enumOf(CorInfoInline) }),
  notification('reportInliningDecision', { id: 14, args: [t.method, t.method, t.enumOf(CorInfoInline), t.str] }),
  query('canTailCall', { id: 15, args: [t.method, t.method, t.method, t.bool], value: t.bool }),
  query('initClass', { id: 16, args: [t.field, t.method, t.context], value: t.flagsOf(CorInfoInitClassResult) }),
  query('getBoundaries', { id: 17, args: [t.method], value: BOUNDARIES_REQUEST }),

  // ---- classes ----
  query('getClassAttribs', { id: 18, args: [t.cls], value: classFlags }),
  query('getClassName', { id: 19, args: [t.cls], value: t.str }),
  query('getClassNameFromMetadata', { id: 20, args: [t.cls], value: CLASS_NAME_FROM_METADATA }),
  query('getClassModule', { id: 21, args: [t.cls], value: t.module }),
  query('getClassSize', { id: 22, args: [t.cls], value: t.u32 }),
  query('getHeapClassSize', { id: 23, args: [t.cls], value: t.u32 }),
  query('getClassAlignmentRequirement', { id: 24, args: [t.cls, t.omittable(t.bool, false)], value: t.u32 }),
  query('getClassGClayout', { id: 25, args: [t.cls], value: CLASS_GC_LAYOUT }),
  query('getClassNumInstanceFields', { id: 26, args: [t.cls], value: t.u32 }),
  query('getFieldInClass', { id: 27, args: [t.cls, t.u32], value: t.field }),
  query('isValueClass', { id: 28, args: [t.cls], value: t.bool }),
  query('asCorInfoType', { id: 29, args: [t.cls], value: t.enumOf(CorInfoType) }),
  query('getChildType', { id: 30, args: [t.cls], value: CHILD_TYPE_INFO }),
  query('getArrayRank', { id: 31, args: [t.cls], value: t.u32 }),
  query('getBuiltinClass', { id: 32, args: [t.enumOf(CorInfoClassId)], value: t.cls }),
  query('getTypeForBox', { id: 33, args: [t.cls], value: t.cls }),
  query('getBoxHelper', { id: 34, args: [t.cls], value: t.helper }),
  query('getUnBoxHelper', { id: 35, args: [t.cls], value: t.helper }),
  query('getNewHelper', { id: 36, args: [t.cls], value: NEW_HELPER_INFO }),
  query('getNewArrHelper', { id: 37, args: [t.cls], value: t.helper }),
  query('getCastingHelper', { id: 38, args: [RESOLVED_TOKEN, t.bool], value: t.helper }),
  query('getSharedCCtorHelper', { id: 39, args: [t.cls], value: t.helper }),
  query('getContinuationType', { id: 40, args: [t.u32, t.array(t.bool)], value: t.cls }),

  // ---- fields ----
  query('getFieldClass', { id: 41, args: [t.field], value: t.cls }),
  query('getFieldName', { id: 42, args: [t.field], value: t.str }),
  query('getFieldType', { id: 43, args: [t.field, optParent], value: FIELD_TYPE_INFO }),
  query('getFieldOffset', { id: 44, args: [t.field], value: t.u32 }),
  query('getFieldInfo', { id: 45, args: [RESOLVED_TOKEN, t.method, accessFlags], value: FIELD_INFO }),
  query('getStaticFieldContent', { id: 46, args: [t.field, t.int, t.u32, t.bool], value: t.nullable(t.blob) }),

  // ---- tokens, signatures, strings ----
  query('resolveToken', { id: 47, args: [RESOLVED_TOKEN_IN], value: RESOLVED_TOKEN }),
  query('getCallInfo', {
    id: 48,
    args: [RESOLVED_TOKEN, t.nullable(RESOLVED_TOKEN), t.method, t.flagsOf(CORINFO_CALLINFO_FLAGS)],
    value: CALL_INFO,
  }),
  query('getTokenTypeAsHandle', { id: 49, args: [RESOLVED_TOKEN], value: t.cls }),
  query('getArgNext', { id: 50, args: [t.argList], value: t.argList }),
  query('getArgType', { id: 51, args: [SIG_INFO, t.argList], value: ARG_TYPE_INFO }),
  query('getArgClass', { id: 52, args: [SIG_INFO, t.argList], value: t.cls }),
  query('getStringLiteral', { id: 53, args: [t.module, t.token], value: t.nullable(t.str) }),
  query('constructStringLiteral', { id: 54, args: [t.module, t.token], value: CONST_LOOKUP }),

  // ---- embedding handles in code ----
  query('embedClassHandle', { id: 55, args: [t.cls], value: CONST_LOOKUP }),
  query('embedMethodHandle', { id: 56, args: [t.method], value: CONST_LOOKUP }),
  query('embedFieldHandle', { id: 57, args: [t.field], value: CONST_LOOKUP }),

  // ---- entry points and helpers ----
  query('getFunctionEntryPoint', { id: 58, args: [t.method, accessFlags], value: CONST_LOOKUP }),
  /** Keyed by helper number alone: numbers are shared by both versions (diff only appends). */
  query('getHelperFtn', { id: 59, args: [t.helper], value: HELPER_FTN_INFO }),
  query('getReadyToRunHelper', {
    id: 60,
    args: [RESOLVED_TOKEN, t.nullable(LOOKUP_KIND), t.helper, t.method],
    value: t.nullable(CONST_LOOKUP),
  }),
  query('updateEntryPointForTailCall', { id: 61, args: [CONST_LOOKUP], value: CONST_LOOKUP }),
  query('getRelocTypeHint', { id: 62, args: [t.address], value: t.enumOf(RelocType) }),

  // ---- runtime ----
  query('getEEInfo', { id: 63, args: [], value: EE_INFO }),
  /**
   * One record (key 0) with every field of both layouts; recordings through
   * a base and a diff EE merge field by field; replay serves the layout of
   * its own version and reports the fields that layout needs but nobody
   * recorded as missing.
   */
  versionedQuery('getAsyncInfo', {
    id: 64,
    args: [],
    value: ASYNC_INFO_RECORD,
    fieldsFor: (version) =>
      INTERFACE_VERSIONS[version].asyncInfoHasMethodHandles ? ASYNC_INFO_BASE_FIELDS : ASYNC_INFO_DIFF_FIELDS,
    project: (record, version) => asyncInfoForVersion(record, version),
  }),
  query('getAsyncResumptionStub', { id: 65, args: [], value: t.method }),

  // ---- result sink ----
  allocation('allocMem', { id: 100, args: [ALLOC_MEM_ARGS], value: ALLOC_MEM_RESULT, fallback: allocMemFallback }),
  report('reserveUnwindInfo'),
  report('allocUnwindInfo'),
  report('setGcInfo'),
  report('setEHcount'),
  report('setEHinfo'),
  report('setBoundaries'),
  report('setVars'),
  report('recordRelocation'),
  report('reportFatalError'),
]);

/** The entries with records (everything but reports), in table order. */
export const RECORDED_ENTRIES: readonly RecordedEntry[] = Object.freeze(
  INTERFACE_TABLE.filter((e): e is RecordedEntry => e.kind !== 'report'),
);

const byName = new Map<string, TableEntry>(INTERFACE_TABLE.map((e) => [e.name, e]));
const byId = new Map<number, RecordedEntry>(RECORDED_ENTRIES.map((e) => [e.id, e]));
if (byName.size !== INTERFACE_TABLE.length) throw new Error('interface table: a method has two entries');
if (byId.size !== RECORDED_ENTRIES.length) throw new Error('interface table: two entries share a packet id');

export function entryByName(name: string): TableEntry | undefined {
  return byName.get(name);
}

/** The recorded entry of `name`; throws for report-only or unknown names. */
export function recordedEntry(name: string): RecordedEntry {
  const e = byName.get(name);
  if (e === undefined || e.kind === 'report') throw new RangeError(`no recorded interface entry named '${name}'`);
  return e;
}

export function entryById(id: number): RecordedEntry | undefined {
  return byId.get(id);
}

/** Position of every entry in INTERFACE_TABLE (for per-method arrays). */
export const TABLE_POSITION: ReadonlyMap<TableEntry, number> = new Map(INTERFACE_TABLE.map((e, i) => [e, i]));
