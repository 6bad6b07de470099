/**
 * Schemas of the JIT-EE structs (jitee/structs.ts and the answer shapes of
 * jitee/jit-interface.ts). Each is annotated with the jitee type it
 * describes, so a struct that gains, loses or retypes a field no longer
 * type-checks against its schema.
 */

import type { CORINFO_ASYNC_INFO_FULL } from '../jitee/async-info.js';
import type { AllocMemArgs, AllocMemResult } from '../jitee/compile-result.js';
import {
  CORINFO_CALL_KIND,
  CORINFO_FIELD_ACCESSOR,
  CORINFO_OS,
  CORINFO_RUNTIME_ABI,
  CORINFO_RUNTIME_LOOKUP_KIND,
  CORINFO_THIS_TRANSFORM,
  CorInfoCallConv,
  CorInfoIsAccessAllowedResult,
  CorInfoOptions,
  CorInfoRegionKind,
  CorInfoTokenKind,
  CorInfoType,
  CORINFO_EH_CLAUSE_FLAGS,
  InfoAccessType,
  stripTypeMods,
  CorInfoTypeWithMod,
} from '../jitee/enums.js';
import { CorJitAllocMemFlag } from '../jitee/enums.js';
import { formatEnum, formatFlags } from '../jitee/enum-util.js';
import { CORINFO_FIELD_FLAGS } from '../jitee/flags.js';
import type {
  ArgTypeInfo,
  BoundariesRequest,
  ChildTypeInfo,
  ClassGCLayout,
  ClassNameFromMetadata,
  FieldTypeInfo,
  HelperFtnInfo,
  MethodNameFromMetadata,
  NewHelperInfo,
} from '../jitee/jit-interface.js';
import {
  type CORINFO_CALL_INFO,
  type CORINFO_CONST_LOOKUP,
  type CORINFO_EE_INFO,
  type CORINFO_EE_INFO_InlinedCallFrameInfo,
  type CORINFO_EH_CLAUSE,
  type CORINFO_FIELD_INFO,
  type CORINFO_LOOKUP,
  type CORINFO_LOOKUP_KIND,
  type CORINFO_METHOD_INFO,
  type CORINFO_RESOLVED_TOKEN,
  type CORINFO_RESOLVED_TOKEN_IN,
  type CORINFO_RUNTIME_LOOKUP,
  type CORINFO_SIG_INFO,
  type CORINFO_SIG_INST,
  type CORINFO_VTABLE_OFFSET,
  CORINFO_SIGFLAGS,
} from '../jitee/structs.js';
import { t } from './dsl.js';
import type { Schema } from './schema.js';

/** A CorInfoCallConv byte: the convention's name plus its modifier bits. */
const CALLCONV_MASK = CorInfoCallConv.CORINFO_CALLCONV_MASK;
const CALLCONV_KINDS = Object.fromEntries(Object.entries(CorInfoCallConv).filter(([, n]) => n < CALLCONV_MASK));
const callConv = t.printedAs(t.u32, (v) => {
  const base = formatEnum(CALLCONV_KINDS, v & CALLCONV_MASK);
  const mods = v & ~CALLCONV_MASK;
  return mods === 0 ? base : `${base}|${formatFlags(CorInfoCallConv, mods)}`;
});

/** A CorInfoType with modifier bits (getArgType). */
export const TYPE_WITH_MODS: Schema<number> = t.printedAs(t.u32, (v) => {
  const mods = v & ~CorInfoTypeWithMod.CORINFO_TYPE_MASK;
  const base = formatEnum(CorInfoType, stripTypeMods(v));
  return mods === 0 ? base : `${base}|${formatFlags(CorInfoTypeWithMod, mods)}`;
});

export const CONST_LOOKUP: Schema<CORINFO_CONST_LOOKUP> = t.struct({
  accessType: t.enumOf(InfoAccessType),
  handle: t.address,
});

export const LOOKUP_KIND: Schema<CORINFO_LOOKUP_KIND> = t.struct({
  needsRuntimeLookup: t.bool,
  runtimeLookupKind: t.enumOf(CORINFO_RUNTIME_LOOKUP_KIND),
  runtimeLookupFlags: t.u32,
});

export const RUNTIME_LOOKUP: Schema<CORINFO_RUNTIME_LOOKUP> = t.struct({
  signature: t.u64,
  helper: t.helper,
  indirections: t.u32,
  testForNull: t.bool,
  sizeOffset: t.int,
  offsets: t.array(t.int),
  indirectFirstOffset: t.bool,
  indirectSecondOffset: t.bool,
});

export const LOOKUP: Schema<CORINFO_LOOKUP> = t.union<CORINFO_LOOKUP>('needsRuntimeLookup', [
  [false, t.struct({ constLookup: CONST_LOOKUP })],
  [
    true,
    t.struct({
      runtimeLookupKind: t.enumOf(CORINFO_RUNTIME_LOOKUP_KIND),
      runtimeLookupFlags: t.u32,
      runtimeLookup: RUNTIME_LOOKUP,
    }),
  ],
]);

export const SIG_INST: Schema<CORINFO_SIG_INST> = t.struct({
  classInst: t.array(t.cls),
  methInst: t.array(t.cls),
});

export const SIG_INFO: Schema<CORINFO_SIG_INFO> = t.struct({
  callConv,
  retTypeClass: t.cls,
  retTypeSigClass: t.cls,
  retType: t.enumOf(CorInfoType),
  flags: t.flagsOf(CORINFO_SIGFLAGS),
  numArgs: t.u32,
  sigInst: SIG_INST,
  args: t.argList,
  pSig: t.blob,
  scope: t.module,
  token: t.token,
});

export const METHOD_INFO: Schema<CORINFO_METHOD_INFO> = t.struct({
  ftn: t.method,
  scope: t.module,
  ILCode: t.blob,
  maxStack: t.u32,
  EHcount: t.u32,
  options: t.flagsOf(CorInfoOptions),
  regionKind: t.enumOf(CorInfoRegionKind),
  args: SIG_INFO,
  locals: SIG_INFO,
});

const resolvedTokenInFields = {
  tokenContext: t.context,
  tokenScope: t.module,
  token: t.token,
  tokenType: t.enumOf(CorInfoTokenKind),
} as const;

export const RESOLVED_TOKEN_IN: Schema<CORINFO_RESOLVED_TOKEN_IN> = t.struct(resolvedTokenInFields);

export const RESOLVED_TOKEN: Schema<CORINFO_RESOLVED_TOKEN> = t.struct({
  ...resolvedTokenInFields,
  hClass: t.cls,
  hMethod: t.method,
  hField: t.field,
  pTypeSpec: t.blob,
  pMethodSpec: t.blob,
});

export const CALL_INFO: Schema<CORINFO_CALL_INFO> = t.struct({
  hMethod: t.method,
  methodFlags: t.hex32,
  classFlags: t.hex32,
  sig: SIG_INFO,
  accessAllowed: t.enumOf(CorInfoIsAccessAllowedResult),
  thisTransform: t.enumOf(CORINFO_THIS_TRANSFORM),
  kind: t.enumOf(CORINFO_CALL_KIND),
  nullInstanceCheck: t.bool,
  contextHandle: t.context,
  exactContextNeedsRuntimeLookup: t.bool,
  codePointerOrStubLookup: LOOKUP,
  instParamLookup: CONST_LOOKUP,
  wrapperDelegateInvoke: t.bool,
});

export const FIELD_INFO: Schema<CORINFO_FIELD_INFO> = t.struct({
  fieldAccessor: t.enumOf(CORINFO_FIELD_ACCESSOR),
  fieldFlags: t.flagsOf(CORINFO_FIELD_FLAGS),
  helper: t.helper,
  offset: t.int,
  fieldType: t.enumOf(CorInfoType),
  structType: t.cls,
  accessAllowed: t.enumOf(CorInfoIsAccessAllowedResult),
  fieldLookup: CONST_LOOKUP,
});

export const EH_CLAUSE: Schema<CORINFO_EH_CLAUSE> = t.struct({
  flags: t.flagsOf(CORINFO_EH_CLAUSE_FLAGS),
  tryOffset: t.u32,
  tryLength: t.u32,
  handlerOffset: t.u32,
  handlerLength: t.u32,
  classTokenOrFilterOffset: t.hex32,
});

const INLINED_CALL_FRAME_INFO: Schema<CORINFO_EE_INFO_InlinedCallFrameInfo> = t.struct({
  size: t.u32,
  offsetOfGSCookie: t.u32,
  offsetOfFrameVptr: t.u32,
  offsetOfFrameLink: t.u32,
  offsetOfCallSiteSP: t.u32,
  offsetOfCalleeSavedFP: t.u32,
  offsetOfCallTarget: t.u32,
  offsetOfReturnAddress: t.u32,
  offsetOfSPAfterProlog: t.u32,
});

export const EE_INFO: Schema<CORINFO_EE_INFO> = t.struct({
  inlinedCallFrameInfo: INLINED_CALL_FRAME_INFO,
  offsetOfThreadFrame: t.u32,
  offsetOfGCState: t.u32,
  offsetOfDelegateInstance: t.u32,
  offsetOfDelegateFirstTarget: t.u32,
  offsetOfWrapperDelegateIndirectCell: t.u32,
  sizeOfReversePInvokeFrame: t.u32,
  osPageSize: t.u32,
  maxUncheckedOffsetForNullObject: t.u32,
  targetAbi: t.enumOf(CORINFO_RUNTIME_ABI),
  osType: t.enumOf(CORINFO_OS),
  pointerSize: t.u32,
  sizeOfObjectHeader: t.u32,
  offsetOfArrayLength: t.u32,
  offsetOfObjArrayData: t.u32,
  offsetOfStringLength: t.u32,
  offsetOfStringFirstChar: t.u32,
});

export const VTABLE_OFFSET: Schema<CORINFO_VTABLE_OFFSET> = t.struct({
  offsetOfIndirection: t.int,
  offsetAfterIndirection: t.int,
  isRelative: t.bool,
});

/**
 * getAsyncInfo's record: every field of both layouts, each possibly absent
 * (a recording made through a `diff` EE never saw the six method handles).
 */
export const ASYNC_INFO_RECORD: Schema<Partial<CORINFO_ASYNC_INFO_FULL>> = t.struct({
  continuationClsHnd: t.maybe(t.cls),
  continuationNextFldHnd: t.maybe(t.field),
  continuationResumeInfoFldHnd: t.maybe(t.field),
  continuationStateFldHnd: t.maybe(t.field),
  continuationFlagsFldHnd: t.maybe(t.field),
  captureExecutionContextMethHnd: t.maybe(t.method),
  restoreExecutionContextMethHnd: t.maybe(t.method),
  captureContinuationContextMethHnd: t.maybe(t.method),
  captureContextsMethHnd: t.maybe(t.method),
  restoreContextsMethHnd: t.maybe(t.method),
  restoreContextsOnSuspensionMethHnd: t.maybe(t.method),
});

export const METHOD_NAME_FROM_METADATA: Schema<MethodNameFromMetadata> = t.struct({
  methodName: t.str,
  className: t.str,
  namespaceName: t.str,
  enclosingClassNames: t.array(t.str),
});

export const CLASS_NAME_FROM_METADATA: Schema<ClassNameFromMetadata> = t.struct({
  className: t.str,
  namespaceName: t.str,
});

export const CLASS_GC_LAYOUT: Schema<ClassGCLayout> = t.struct({ gcPtrs: t.blob, numGCPtrs: t.u32 });

export const FIELD_TYPE_INFO: Schema<FieldTypeInfo> = t.struct({ type: t.enumOf(CorInfoType), structType: t.cls });

export const ARG_TYPE_INFO: Schema<ArgTypeInfo> = t.struct({ type: TYPE_WITH_MODS, argClass: t.cls });

export const CHILD_TYPE_INFO: Schema<ChildTypeInfo> = t.struct({ type: t.enumOf(CorInfoType), childClass: t.cls });

export const HELPER_FTN_INFO: Schema<HelperFtnInfo> = t.struct({ lookup: CONST_LOOKUP, method: t.method });

export const NEW_HELPER_INFO: Schema<NewHelperInfo> = t.struct({ helper: t.helper, hasSideEffects: t.bool });

export const BOUNDARIES_REQUEST: Schema<BoundariesRequest> = t.struct({
  ilOffsets: t.array(t.u32),
  implicitBoundaries: t.u32,
});

export const ALLOC_MEM_ARGS: Schema<AllocMemArgs> = t.struct({
  hotCodeSize: t.u32,
  coldCodeSize: t.u32,
  roDataSize: t.u32,
  xcptnsCount: t.u32,
  flag: t.flagsOf(CorJitAllocMemFlag),
});

export const ALLOC_MEM_RESULT: Schema<AllocMemResult> = t.struct({
  hotCodeBlock: t.address,
  coldCodeBlock: t.address,
  roDataBlock: t.address,
});
