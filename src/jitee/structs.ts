/**
 * Structs of the JIT-EE interface as plain readonly data. Pointers and
 * handles are 64-bit branded bigints; byte buffers (IL, signatures) are
 * Uint8Array; counts that the real structs carry next to a buffer are implied
 * by the buffer's length. Every struct is plain data (no methods, no cycles)
 * so it can be recorded and replayed as is.
 */

import type {
  CORINFO_ARG_LIST_HANDLE,
  CORINFO_CLASS_HANDLE,
  CORINFO_CONTEXT_HANDLE,
  CORINFO_FIELD_HANDLE,
  CORINFO_METHOD_HANDLE,
  CORINFO_MODULE_HANDLE,
  CodeAddress,
  mdToken,
} from './handles.js';
import {
  CorInfoCallConv,
  type CORINFO_CALL_KIND,
  type CORINFO_EH_CLAUSE_FLAGS,
  type CORINFO_FIELD_ACCESSOR,
  type CORINFO_OS,
  type CORINFO_RUNTIME_ABI,
  type CORINFO_RUNTIME_LOOKUP_KIND,
  type CORINFO_THIS_TRANSFORM,
  type CorInfoIsAccessAllowedResult,
  type CorInfoOptions,
  type CorInfoRegionKind,
  type CorInfoTokenKind,
  type CorInfoType,
  InfoAccessType,
} from './enums.js';
import type { CorInfoHelpFunc } from './helpers.js';

/** A value or the address of the cell holding it (see InfoAccessType). */
export interface CORINFO_CONST_LOOKUP {
  readonly accessType: InfoAccessType;
  /** The value itself (IAT_VALUE) or the address of the (first) indirection cell. */
  readonly handle: CodeAddress;
}

export function constLookup(accessType: InfoAccessType, handle: CodeAddress): CORINFO_CONST_LOOKUP {
  return { accessType, handle };
}

/** An IAT_VALUE lookup of the null address (for CORINFO_CALL_INFO.instParamLookup and the like when unused). */
export const NULL_CONST_LOOKUP: CORINFO_CONST_LOOKUP = Object.freeze({
  accessType: InfoAccessType.IAT_VALUE,
  handle: 0n as CodeAddress,
});

/** IAT_VALUE lookup: the handle is the value. */
export function directLookup(handle: CodeAddress): CORINFO_CONST_LOOKUP {
  return { accessType: InfoAccessType.IAT_VALUE, handle };
}

/** IAT_PVALUE lookup: the handle is the address of a cell holding the value. */
export function indirectLookup(cell: CodeAddress): CORINFO_CONST_LOOKUP {
  return { accessType: InfoAccessType.IAT_PVALUE, handle: cell };
}

/** Where a generic lookup happens (the real struct's fields, without the args pointer). */
export interface CORINFO_LOOKUP_KIND {
  readonly needsRuntimeLookup: boolean;
  readonly runtimeLookupKind: CORINFO_RUNTIME_LOOKUP_KIND;
  readonly runtimeLookupFlags: number;
}

/** `indirections` value meaning "call `helper` instead of walking offsets". */
export const CORINFO_USEHELPER = 0xffff;
/** Maximum number of `offsets` in a runtime lookup. */
export const CORINFO_MAXINDIRECTIONS = 4;

/** How to find a generic dictionary entry at run time. */
export interface CORINFO_RUNTIME_LOOKUP {
  /** Opaque signature handed to `helper` when the lookup falls back to it. */
  readonly signature: bigint;
  readonly helper: CorInfoHelpFunc;
  /** Number of `offsets` to follow, or CORINFO_USEHELPER. */
  readonly indirections: number;
  /** Call the helper when the final slot is null. */
  readonly testForNull: boolean;
  readonly sizeOffset: number;
  readonly offsets: readonly number[];
  readonly indirectFirstOffset: boolean;
  readonly indirectSecondOffset: boolean;
}

/**
 * A handle known at compile time (constLookup) or found at run time
 * (runtimeLookup). The real struct is a lookup kind plus a union; here the
 * two cases are a union discriminated by `needsRuntimeLookup`.
 */
export type CORINFO_LOOKUP =
  | { readonly needsRuntimeLookup: false; readonly constLookup: CORINFO_CONST_LOOKUP }
  | {
      readonly needsRuntimeLookup: true;
      readonly runtimeLookupKind: CORINFO_RUNTIME_LOOKUP_KIND;
      readonly runtimeLookupFlags: number;
      readonly runtimeLookup: CORINFO_RUNTIME_LOOKUP;
    };

/** Generic instantiation of a signature (class and method type arguments). */
export interface CORINFO_SIG_INST {
  readonly classInst: readonly CORINFO_CLASS_HANDLE[];
  readonly methInst: readonly CORINFO_CLASS_HANDLE[];
}

/** A method or local-variable signature. */
export interface CORINFO_SIG_INFO {
  /** CorInfoCallConv: the convention in the low nibble plus GENERIC/HASTHIS/… bits. */
  readonly callConv: CorInfoCallConv;
  /** Return type's class when it is a value class (enums normalised to their primitive: null). */
  readonly retTypeClass: CORINFO_CLASS_HANDLE;
  /** Return type's class as written in the signature (enums not normalised). */
  readonly retTypeSigClass: CORINFO_CLASS_HANDLE;
  readonly retType: CorInfoType;
  /** CORINFO_SIGFLAG_* bits. */
  readonly flags: number;
  /** Number of IL arguments (locals for a local signature), not counting `this`. */
  readonly numArgs: number;
  readonly sigInst: CORINFO_SIG_INST;
  /** The first argument, to walk with getArgNext/getArgType/getArgClass. */
  readonly args: CORINFO_ARG_LIST_HANDLE;
  /** The signature blob. */
  readonly pSig: Uint8Array;
  /** Module the signature's tokens are resolved in. */
  readonly scope: CORINFO_MODULE_HANDLE;
  /** Token the signature came from (0 if none). */
  readonly token: mdToken;
}

/** CORINFO_SIG_INFO.flags bits. */
export const CORINFO_SIGFLAGS = {
  CORINFO_SIGFLAG_IS_LOCAL_SIG: 0x01,
  CORINFO_SIGFLAG_IL_STUB: 0x02,
  CORINFO_SIGFLAG_SUPPRESS_GC_TRANSITION: 0x04,
  CORINFO_SIGFLAG_FAT_CALL: 0x08,
} as const;

export function sigCallConv(sig: CORINFO_SIG_INFO): number {
  return sig.callConv & CorInfoCallConv.CORINFO_CALLCONV_MASK;
}
export function sigHasThis(sig: CORINFO_SIG_INFO): boolean {
  return (sig.callConv & CorInfoCallConv.CORINFO_CALLCONV_HASTHIS) !== 0;
}
export function sigHasExplicitThis(sig: CORINFO_SIG_INFO): boolean {
  return (sig.callConv & CorInfoCallConv.CORINFO_CALLCONV_EXPLICITTHIS) !== 0;
}
export function sigIsGeneric(sig: CORINFO_SIG_INFO): boolean {
  return (sig.callConv & CorInfoCallConv.CORINFO_CALLCONV_GENERIC) !== 0;
}
export function sigHasTypeArg(sig: CORINFO_SIG_INFO): boolean {
  return (sig.callConv & CorInfoCallConv.CORINFO_CALLCONV_PARAMTYPE) !== 0;
}
export function sigIsAsyncCall(sig: CORINFO_SIG_INFO): boolean {
  return (sig.callConv & CorInfoCallConv.CORINFO_CALLCONV_ASYNCCALL) !== 0;
}
export function sigIsVarArg(sig: CORINFO_SIG_INFO): boolean {
  const cc = sigCallConv(sig);
  return cc === CorInfoCallConv.CORINFO_CALLCONV_VARARG || cc === CorInfoCallConv.CORINFO_CALLCONV_NATIVEVARARG;
}
/** IL arguments including `this` (when not explicit). */
export function sigTotalILArgs(sig: CORINFO_SIG_INFO): number {
  return sig.numArgs + (sigHasThis(sig) && !sigHasExplicitThis(sig) ? 1 : 0);
}

/** The IL method body and signatures the JIT compiles from. */
export interface CORINFO_METHOD_INFO {
  readonly ftn: CORINFO_METHOD_HANDLE;
  readonly scope: CORINFO_MODULE_HANDLE;
  /** IL bytes (ILCodeSize is ILCode.length). */
  readonly ILCode: Uint8Array;
  readonly maxStack: number;
  /** Number of EH clauses (each read with getEHinfo). */
  readonly EHcount: number;
  /** CorInfoOptions bits (init locals, where the generic context comes from). */
  readonly options: CorInfoOptions;
  readonly regionKind: CorInfoRegionKind;
  readonly args: CORINFO_SIG_INFO;
  readonly locals: CORINFO_SIG_INFO;
}

/** The inputs of resolveToken. */
export interface CORINFO_RESOLVED_TOKEN_IN {
  readonly tokenContext: CORINFO_CONTEXT_HANDLE;
  readonly tokenScope: CORINFO_MODULE_HANDLE;
  readonly token: mdToken;
  readonly tokenType: CorInfoTokenKind;
}

/** A resolved token: the inputs plus what they resolved to. */
export interface CORINFO_RESOLVED_TOKEN extends CORINFO_RESOLVED_TOKEN_IN {
  readonly hClass: CORINFO_CLASS_HANDLE;
  readonly hMethod: CORINFO_METHOD_HANDLE;
  readonly hField: CORINFO_FIELD_HANDLE;
  /** TypeSpec signature for generic instantiations (empty otherwise). */
  readonly pTypeSpec: Uint8Array;
  /** MethodSpec signature for generic method instantiations (empty otherwise). */
  readonly pMethodSpec: Uint8Array;
}

/** How to make a call (getCallInfo). */
export interface CORINFO_CALL_INFO {
  /** The method to call (after constraint resolution and devirtualisation by the EE). */
  readonly hMethod: CORINFO_METHOD_HANDLE;
  /** CorInfoMethodFlags of hMethod. */
  readonly methodFlags: number;
  /** CorInfoClassFlags of hMethod's class. */
  readonly classFlags: number;
  readonly sig: CORINFO_SIG_INFO;
  readonly accessAllowed: CorInfoIsAccessAllowedResult;
  readonly thisTransform: CORINFO_THIS_TRANSFORM;
  readonly kind: CORINFO_CALL_KIND;
  /** The JIT must null-check `this` itself (a direct call to an instance method via callvirt). */
  readonly nullInstanceCheck: boolean;
  /** Context for inlining and generic lookups inside the callee. */
  readonly contextHandle: CORINFO_CONTEXT_HANDLE;
  readonly exactContextNeedsRuntimeLookup: boolean;
  /** The stub cell (VIRTUALCALL_STUB) or code pointer (CALL_CODE_POINTER); unused for other kinds. */
  readonly codePointerOrStubLookup: CORINFO_LOOKUP;
  /** The instantiation argument to pass when the callee needs one (ReadyToRun). */
  readonly instParamLookup: CORINFO_CONST_LOOKUP;
  readonly wrapperDelegateInvoke: boolean;
}

/** How to access a field (getFieldInfo). */
export interface CORINFO_FIELD_INFO {
  readonly fieldAccessor: CORINFO_FIELD_ACCESSOR;
  /** CORINFO_FIELD_FLAGS bits. */
  readonly fieldFlags: number;
  /** The static-base (or accessor) helper for *_HELPER accessors; UNDEF otherwise. */
  readonly helper: CorInfoHelpFunc;
  /** Offset from the object (instance) or from the static base. */
  readonly offset: number;
  readonly fieldType: CorInfoType;
  /** The field's class when fieldType is VALUECLASS (or CLASS); null otherwise. */
  readonly structType: CORINFO_CLASS_HANDLE;
  readonly accessAllowed: CorInfoIsAccessAllowedResult;
  /** The field's address for STATIC_ADDRESS/STATIC_RVA_ADDRESS/STATIC_RELOCATABLE. */
  readonly fieldLookup: CORINFO_CONST_LOOKUP;
}

/**
 * One exception-handling clause. From getEHinfo the offsets are IL offsets;
 * in setEHinfo and CompileResult they are native code offsets.
 */
export interface CORINFO_EH_CLAUSE {
  readonly flags: CORINFO_EH_CLAUSE_FLAGS;
  readonly tryOffset: number;
  readonly tryLength: number;
  readonly handlerOffset: number;
  readonly handlerLength: number;
  /** Class token of a typed catch, or the offset of a filter. */
  readonly classTokenOrFilterOffset: number;
}

/** Layout of the InlinedCallFrame (P/Invoke frames the JIT builds inline). */
export interface CORINFO_EE_INFO_InlinedCallFrameInfo {
  readonly size: number;
  readonly offsetOfGSCookie: number;
  readonly offsetOfFrameVptr: number;
  readonly offsetOfFrameLink: number;
  readonly offsetOfCallSiteSP: number;
  readonly offsetOfCalleeSavedFP: number;
  readonly offsetOfCallTarget: number;
  readonly offsetOfReturnAddress: number;
  readonly offsetOfSPAfterProlog: number;
}

/**
 * Runtime constants the JIT needs (getEEInfo). The fields after `osType` are
 * object-layout constants the real interface exposes as separate constants;
 * here they travel with the rest so a recording carries them.
 */
export interface CORINFO_EE_INFO {
  readonly inlinedCallFrameInfo: CORINFO_EE_INFO_InlinedCallFrameInfo;
  readonly offsetOfThreadFrame: number;
  readonly offsetOfGCState: number;
  /** Offset of Delegate._target (the `this` passed to the delegate's method). */
  readonly offsetOfDelegateInstance: number;
  /** Offset of Delegate._methodPtr. */
  readonly offsetOfDelegateFirstTarget: number;
  readonly offsetOfWrapperDelegateIndirectCell: number;
  readonly sizeOfReversePInvokeFrame: number;
  readonly osPageSize: number;
  /** Accesses below this offset from a null object fault, so need no explicit null check. */
  readonly maxUncheckedOffsetForNullObject: number;
  readonly targetAbi: CORINFO_RUNTIME_ABI;
  readonly osType: CORINFO_OS;
  readonly pointerSize: number;
  /** Bytes of object header before the method-table pointer. */
  readonly sizeOfObjectHeader: number;
  /** Offset of an array's length from the object reference. */
  readonly offsetOfArrayLength: number;
  /** Offset of an SZ array's first element from the object reference. */
  readonly offsetOfObjArrayData: number;
  readonly offsetOfStringLength: number;
  readonly offsetOfStringFirstChar: number;
}

/** getMethodVTableOffset's answer: how to find a virtual method's slot. */
export interface CORINFO_VTABLE_OFFSET {
  /** Offset from the method table to the vtable chunk pointer. */
  readonly offsetOfIndirection: number;
  /** Offset within the chunk to the slot. */
  readonly offsetAfterIndirection: number;
  /** The chunk pointer is relative to its own address. */
  readonly isRelative: boolean;
}
