/**
 * Sample arguments and answers for every JitInterface method with records,
 * typed against the interface (a sample of the wrong shape does not
 * compile). They exercise the awkward corners: handles ≥ 2^63, empty and
 * non-empty blobs, null answers, both cases of CORINFO_LOOKUP, negative
 * enumerations, strings with quotes, commas and non-ASCII characters.
 */

import {
  type AllocMemArgs,
  type AllocMemResult,
  CORINFO_CALL_KIND,
  CORINFO_EH_CLAUSE_FLAGS,
  CORINFO_FIELD_ACCESSOR,
  CORINFO_OS,
  CORINFO_RUNTIME_ABI,
  CORINFO_RUNTIME_LOOKUP_KIND,
  CORINFO_THIS_TRANSFORM,
  type CORINFO_CALL_INFO,
  type CORINFO_METHOD_INFO,
  type CORINFO_RESOLVED_TOKEN,
  type CORINFO_SIG_INFO,
  CorInfoCallConv,
  CorInfoClassId,
  CorInfoHelpFunc,
  CorInfoInline,
  CorInfoIsAccessAllowedResult,
  CorInfoRegionKind,
  CorInfoTokenKind,
  CorInfoType,
  type CorInfoQueries,
  type CorInfoQueryName,
  InfoAccessType,
  RelocType,
  argListHandle,
  classContext,
  classHandle,
  codeAddress,
  fieldHandle,
  methodContext,
  methodHandle,
  moduleHandle,
  NULL_CLASS_HANDLE,
  NULL_METHOD_HANDLE,
  NULL_ADDRESS,
  NULL_FIELD_HANDLE,
} from '../../src/jitee/index.js';

export const M1 = methodHandle(0x0000_0300_0000_0120n);
export const M2 = methodHandle(0x0000_0300_0000_5560n);
/** A handle above 2^63: must stay unsigned through every round trip. */
export const M_HIGH = methodHandle(0xffff_ffff_ffff_fff0n);
export const C1 = classHandle(0x0000_0200_0000_0040n);
export const C2 = classHandle(0x0000_0200_0000_1a80n);
export const C_HIGH = classHandle(0x8000_0000_0000_0000n);
export const F1 = fieldHandle(0x0000_0400_0000_0010n);
export const F2 = fieldHandle(0x0000_0400_0000_0020n);
export const MOD = moduleHandle(0x0000_0100_0000_0100n);
export const ARGS = argListHandle(0x0000_0500_0001_0008n);
export const ADDR = codeAddress(0x0000_7ff6_2000_0000n);
export const CELL = codeAddress(0x0000_7ff6_1800_0040n);

export const SIG: CORINFO_SIG_INFO = {
  callConv: CorInfoCallConv.CORINFO_CALLCONV_DEFAULT | CorInfoCallConv.CORINFO_CALLCONV_HASTHIS,
  retTypeClass: NULL_CLASS_HANDLE,
  retTypeSigClass: C2,
  retType: CorInfoType.CORINFO_TYPE_INT,
  flags: 0,
  numArgs: 2,
  sigInst: { classInst: [C1, C_HIGH], methInst: [] },
  args: ARGS,
  pSig: Uint8Array.from([0x20, 0x02, 0x08, 0x08, 0x0e]),
  scope: MOD,
  token: 0x0a00_0012,
};

const LOCALS: CORINFO_SIG_INFO = {
  ...SIG,
  callConv: CorInfoCallConv.CORINFO_CALLCONV_LOCAL_SIG,
  retTypeSigClass: NULL_CLASS_HANDLE,
  retType: CorInfoType.CORINFO_TYPE_VOID,
  numArgs: 0,
  sigInst: { classInst: [], methInst: [] },
  pSig: new Uint8Array(0),
  token: 0,
};

export const METHOD_INFO: CORINFO_METHOD_INFO = {
  ftn: M1,
  scope: MOD,
  ILCode: Uint8Array.from([0x02, 0x03, 0x58, 0x2a]),
  maxStack: 8,
  EHcount: 1,
  options: 0x10,
  regionKind: CorInfoRegionKind.CORINFO_REGION_JIT,
  args: SIG,
  locals: LOCALS,
};

export const TOKEN: CORINFO_RESOLVED_TOKEN = {
  tokenContext: methodContext(M1),
  tokenScope: MOD,
  token: 0x0a00_0012,
  tokenType: CorInfoTokenKind.CORINFO_TOKENKIND_Method,
  hClass: C1,
  hMethod: M2,
  hField: NULL_FIELD_HANDLE,
  pTypeSpec: new Uint8Array(0),
  pMethodSpec: Uint8Array.from([0x0a, 0x01, 0x08]),
};

const FIELD_TOKEN: CORINFO_RESOLVED_TOKEN = {
  ...TOKEN,
  tokenContext: classContext(C1),
  token: 0x0400_0003,
  tokenType: CorInfoTokenKind.CORINFO_TOKENKIND_Field,
  hMethod: NULL_METHOD_HANDLE,
  hField: F1,
  pMethodSpec: new Uint8Array(0),
};

const CALL_DIRECT: CORINFO_CALL_INFO = {
  hMethod: M2,
  methodFlags: 0x0001_0008,
  classFlags: 0,
  sig: SIG,
  accessAllowed: CorInfoIsAccessAllowedResult.CORINFO_ACCESS_ALLOWED,
  thisTransform: CORINFO_THIS_TRANSFORM.CORINFO_NO_THIS_TRANSFORM,
  kind: CORINFO_CALL_KIND.CORINFO_CALL,
  nullInstanceCheck: false,
  contextHandle: methodContext(M2),
  exactContextNeedsRuntimeLookup: false,
  codePointerOrStubLookup: { needsRuntimeLookup: false, constLookup: { accessType: InfoAccessType.IAT_VALUE, handle: NULL_ADDRESS } },
  instParamLookup: { accessType: InfoAccessType.IAT_VALUE, handle: NULL_ADDRESS },
  wrapperDelegateInvoke: false,
};

const CALL_RUNTIME_LOOKUP: CORINFO_CALL_INFO = {
  ...CALL_DIRECT,
  kind: CORINFO_CALL_KIND.CORINFO_VIRTUALCALL_STUB,
  exactContextNeedsRuntimeLookup: true,
  codePointerOrStubLookup: {
    needsRuntimeLookup: true,
    runtimeLookupKind: CORINFO_RUNTIME_LOOKUP_KIND.CORINFO_LOOKUP_CLASSPARAM,
    runtimeLookupFlags: 0,
    runtimeLookup: {
      signature: 0xdead_beef_0000_0001n,
      helper: CorInfoHelpFunc.CORINFO_HELP_RUNTIMEHANDLE_CLASS,
      indirections: 2,
      testForNull: true,
      sizeOffset: -1,
      offsets: [0x30, 0x8],
      indirectFirstOffset: false,
      indirectSecondOffset: true,
    },
  },
};

export const HELPER_THROW = {
  lookup: { accessType: InfoAccessType.IAT_VALUE, handle: codeAddress(0x0000_7ff6_0000_1000n) },
  method: NULL_METHOD_HANDLE,
};

export const ALLOC_ARGS: AllocMemArgs = { hotCodeSize: 0x45, coldCodeSize: 0, roDataSize: 0x10, xcptnsCount: 1, flag: 0 };
export const ALLOC_RESULT: AllocMemResult = {
  hotCodeBlock: codeAddress(0x0000_7ff6_2001_0000n),
  coldCodeBlock: NULL_ADDRESS,
  roDataBlock: codeAddress(0x0000_7ff6_2001_0048n),
};

export interface QuerySample<N extends CorInfoQueryName> {
  readonly args: Parameters<CorInfoQueries[N]>;
  readonly value: ReturnType<CorInfoQueries[N]>;
}

export type QuerySamples = { readonly [N in CorInfoQueryName]: readonly QuerySample<N>[] };

const lookup = (accessType: InfoAccessType, handle: bigint) => ({ accessType, handle: codeAddress(handle) });

export const QUERY_SAMPLES: QuerySamples = {
  getMethodAttribs: [{ args: [M1], value: 0x0001_0008 }, { args: [M_HIGH], value: 0 }],
  setMethodAttribs: [{ args: [M1, 1], value: undefined }],
  getMethodInfo: [
    { args: [M1], value: METHOD_INFO },
    { args: [M2, classContext(C1)], value: null },
  ],
  getMethodSig: [{ args: [M1], value: SIG }, { args: [M1, C2], value: { ...SIG, sigInst: { classInst: [C2], methInst: [C1] } } }],
  getMethodClass: [{ args: [M1], value: C1 }],
  getMethodModule: [{ args: [M1], value: MOD }],
  getMethodNameFromMetadata: [
    { args: [M1], value: { methodName: 'Run"Async"', className: 'Inner', namespaceName: 'Ns.Ü', enclosingClassNames: ['Outer', 'a,b'] } },
  ],
  getMethodDefFromMethod: [{ args: [M1], value: 0x0600_0001 }],
  getMethodHash: [{ args: [M1], value: 0xfeed_f00d }],
  isIntrinsic: [{ args: [M1], value: true }],
  getEHinfo: [
    {
      args: [M1, 0],
      value: {
        flags: CORINFO_EH_CLAUSE_FLAGS.CORINFO_EH_CLAUSE_FINALLY,
        tryOffset: 1,
        tryLength: 10,
        handlerOffset: 11,
        handlerLength: 4,
        classTokenOrFilterOffset: 0,
      },
    },
  ],
  getMethodVTableOffset: [{ args: [M2], value: { offsetOfIndirection: 0x40, offsetAfterIndirection: 8, isRelative: false } }],
  canInline: [{ args: [M1, M2], value: CorInfoInline.INLINE_PASS }, { args: [M1, M_HIGH], value: CorInfoInline.INLINE_NEVER }],
  reportInliningDecision: [{ args: [M1, M2, CorInfoInline.INLINE_FAIL, 'too big, "really"'], value: undefined }],
  canTailCall: [{ args: [M1, M2, NULL_METHOD_HANDLE, true], value: false }],
  initClass: [{ args: [F1, M1, methodContext(M1)], value: 0 }],
  getBoundaries: [{ args: [M1], value: { ilOffsets: [0, 4, 9], implicitBoundaries: 0x4 } }],
  getClassAttribs: [{ args: [C1], value: 0x0001_0000 }],
  getClassName: [{ args: [C1], value: 'System.Collections.Generic.List`1[int]' }, { args: [C_HIGH], value: '' }],
  getClassNameFromMetadata: [{ args: [C1], value: { className: 'List`1', namespaceName: 'System.Collections.Generic' } }],
  getClassModule: [{ args: [C1], value: MOD }],
  getClassSize: [{ args: [C1], value: 24 }],
  getHeapClassSize: [{ args: [C1], value: 40 }],
  getClassAlignmentRequirement: [{ args: [C1], value: 8 }, { args: [C2, true], value: 8 }],
  getClassGClayout: [{ args: [C1], value: { gcPtrs: Uint8Array.from([1, 0, 2]), numGCPtrs: 2 } }],
  getClassNumInstanceFields: [{ args: [C1], value: 3 }],
  getFieldInClass: [{ args: [C1, 2], value: F2 }],
  isValueClass: [{ args: [C1], value: false }],
  asCorInfoType: [{ args: [C1], value: CorInfoType.CORINFO_TYPE_CLASS }],
  getChildType: [{ args: [C1], value: { type: CorInfoType.CORINFO_TYPE_VALUECLASS, childClass: C2 } }],
  getArrayRank: [{ args: [C1], value: 1 }],
  getBuiltinClass: [{ args: [CorInfoClassId.CLASSID_STRING], value: C2 }],
  getTypeForBox: [{ args: [C1], value: C1 }],
  getBoxHelper: [{ args: [C1], value: CorInfoHelpFunc.CORINFO_HELP_BOX }],
  getUnBoxHelper: [{ args: [C1], value: CorInfoHelpFunc.CORINFO_HELP_UNBOX }],
  getNewHelper: [{ args: [C1], value: { helper: CorInfoHelpFunc.CORINFO_HELP_NEWSFAST, hasSideEffects: false } }],
  getNewArrHelper: [{ args: [C1], value: CorInfoHelpFunc.CORINFO_HELP_NEWARR_1_VC }],
  getCastingHelper: [{ args: [TOKEN, true], value: CorInfoHelpFunc.CORINFO_HELP_CHKCASTCLASS }],
  getSharedCCtorHelper: [{ args: [C1], value: CorInfoHelpFunc.CORINFO_HELP_GET_GCSTATIC_BASE }],
  getContinuationType: [{ args: [24, [true, false, true]], value: C2 }, { args: [0, []], value: C1 }],
  getFieldClass: [{ args: [F1], value: C1 }],
  getFieldName: [{ args: [F1], value: '<State>k__BackingField' }],
  getFieldType: [{ args: [F1], value: { type: CorInfoType.CORINFO_TYPE_INT, structType: NULL_CLASS_HANDLE } }],
  getFieldOffset: [{ args: [F1], value: 16 }],
  getFieldInfo: [
    {
      args: [FIELD_TOKEN, M1, 0x0100],
      value: {
        fieldAccessor: CORINFO_FIELD_ACCESSOR.CORINFO_FIELD_STATIC_SHARED_STATIC_HELPER,
        fieldFlags: 0x1,
        helper: CorInfoHelpFunc.CORINFO_HELP_GET_NONGCSTATIC_BASE,
        offset: 8,
        fieldType: CorInfoType.CORINFO_TYPE_INT,
        structType: NULL_CLASS_HANDLE,
        accessAllowed: CorInfoIsAccessAllowedResult.CORINFO_ACCESS_ALLOWED,
        fieldLookup: lookup(InfoAccessType.IAT_VALUE, 0n),
      },
    },
  ],
  getStaticFieldContent: [
    { args: [F1, 0, 4, false], value: Uint8Array.from([1, 0, 0, 0]) },
    { args: [F2, 0, 8, true], value: null },
  ],
  resolveToken: [
    {
      args: [{ tokenContext: methodContext(M1), tokenScope: MOD, token: 0x0a00_0012, tokenType: CorInfoTokenKind.CORINFO_TOKENKIND_Method }],
      value: TOKEN,
    },
  ],
  getCallInfo: [
    { args: [TOKEN, null, M1, 0x2], value: CALL_DIRECT },
    { args: [TOKEN, FIELD_TOKEN, M1, 0x3], value: CALL_RUNTIME_LOOKUP },
  ],
  getTokenTypeAsHandle: [{ args: [TOKEN], value: C_HIGH }],
  getArgNext: [{ args: [ARGS], value: argListHandle(0x0000_0500_0001_0010n) }],
  getArgType: [{ args: [SIG, ARGS], value: { type: CorInfoType.CORINFO_TYPE_INT | 0x40, argClass: NULL_CLASS_HANDLE } }],
  getArgClass: [{ args: [SIG, ARGS], value: C1 }],
  getStringLiteral: [{ args: [MOD, 0x7000_0001], value: 'hello, "world"\n' }, { args: [MOD, 0x7000_0999], value: null }],
  constructStringLiteral: [{ args: [MOD, 0x7000_0001], value: lookup(InfoAccessType.IAT_PVALUE, 0x7ff6_1000_0008n) }],
  embedClassHandle: [{ args: [C1], value: lookup(InfoAccessType.IAT_VALUE, C1) }],
  embedMethodHandle: [{ args: [M_HIGH], value: lookup(InfoAccessType.IAT_VALUE, M_HIGH) }],
  embedFieldHandle: [{ args: [F1], value: lookup(InfoAccessType.IAT_VALUE, F1) }],
  getFunctionEntryPoint: [
    { args: [M2, 0], value: lookup(InfoAccessType.IAT_VALUE, 0x7ff6_0100_0040n) },
    { args: [M2, 0x10], value: lookup(InfoAccessType.IAT_PVALUE, CELL) },
  ],
  getHelperFtn: [
    { args: [CorInfoHelpFunc.CORINFO_HELP_THROW], value: HELPER_THROW },
    {
      args: [CorInfoHelpFunc.CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS],
      value: { lookup: lookup(InfoAccessType.IAT_PVALUE, CELL), method: M_HIGH },
    },
  ],
  getReadyToRunHelper: [
    {
      args: [TOKEN, { needsRuntimeLookup: true, runtimeLookupKind: CORINFO_RUNTIME_LOOKUP_KIND.CORINFO_LOOKUP_THISOBJ, runtimeLookupFlags: 0 }, CorInfoHelpFunc.CORINFO_HELP_READYTORUN_NEW, M1],
      value: lookup(InfoAccessType.IAT_PVALUE, CELL),
    },
    { args: [TOKEN, null, CorInfoHelpFunc.CORINFO_HELP_READYTORUN_NEW, M1], value: null },
  ],
  updateEntryPointForTailCall: [
    { args: [lookup(InfoAccessType.IAT_PVALUE, CELL)], value: lookup(InfoAccessType.IAT_PVALUE, CELL) },
  ],
  getRelocTypeHint: [{ args: [ADDR], value: RelocType.IMAGE_REL_BASED_REL32 }],
  getEEInfo: [
    {
      args: [],
      value: {
        inlinedCallFrameInfo: {
          size: 72,
          offsetOfGSCookie: 0,
          offsetOfFrameVptr: 8,
          offsetOfFrameLink: 16,
          offsetOfCallSiteSP: 24,
          offsetOfCalleeSavedFP: 32,
          offsetOfCallTarget: 40,
          offsetOfReturnAddress: 48,
          offsetOfSPAfterProlog: 56,
        },
        offsetOfThreadFrame: 16,
        offsetOfGCState: 12,
        offsetOfDelegateInstance: 8,
        offsetOfDelegateFirstTarget: 24,
        offsetOfWrapperDelegateIndirectCell: 40,
        sizeOfReversePInvokeFrame: 32,
        osPageSize: 4096,
        maxUncheckedOffsetForNullObject: 4095,
        targetAbi: CORINFO_RUNTIME_ABI.CORINFO_CORECLR_ABI,
        osType: CORINFO_OS.CORINFO_UNIX,
        pointerSize: 8,
        sizeOfObjectHeader: 8,
        offsetOfArrayLength: 8,
        offsetOfObjArrayData: 16,
        offsetOfStringLength: 8,
        offsetOfStringFirstChar: 12,
      },
    },
  ],
  getAsyncInfo: [
    {
      args: [],
      value: {
        continuationClsHnd: C1,
        continuationNextFldHnd: F1,
        continuationResumeInfoFldHnd: F2,
        continuationStateFldHnd: fieldHandle(0x0000_0400_0000_0030n),
        continuationFlagsFldHnd: fieldHandle(0x0000_0400_0000_0040n),
        captureExecutionContextMethHnd: methodHandle(0x0000_0300_0000_1000n),
        restoreExecutionContextMethHnd: methodHandle(0x0000_0300_0000_1010n),
        captureContinuationContextMethHnd: methodHandle(0x0000_0300_0000_1020n),
        captureContextsMethHnd: methodHandle(0x0000_0300_0000_1030n),
        restoreContextsMethHnd: methodHandle(0x0000_0300_0000_1040n),
        restoreContextsOnSuspensionMethHnd: M_HIGH,
      },
    },
    {
      args: [],
      value: {
        continuationClsHnd: C1,
        continuationNextFldHnd: F1,
        continuationResumeInfoFldHnd: F2,
        continuationStateFldHnd: fieldHandle(0x0000_0400_0000_0030n),
        continuationFlagsFldHnd: fieldHandle(0x0000_0400_0000_0040n),
      },
    },
  ],
  getAsyncResumptionStub: [{ args: [], value: M_HIGH }],
};
