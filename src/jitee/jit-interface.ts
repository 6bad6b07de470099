/**
 * The JIT-EE interface: everything a JIT may ask the execution engine while
 * compiling one method, and the calls through which it reports what it
 * produced. A live EE (over loaded assemblies), the recording shim wrapping
 * it and the replay EE (over recorded answers) all implement it; a JIT sees
 * only this interface and cannot tell them apart.
 *
 * Conventions:
 * - Every method is synchronous. Out-parameters of the real interface are
 *   returned (several outs as one object); in/out structs are passed in and
 *   the updated struct returned.
 * - Arguments and results are plain data (handles, numbers, strings,
 *   Uint8Array, readonly structs), so every call can be recorded as key →
 *   value and replayed.
 * - A query the EE cannot answer for the program's sake (bad token, type that
 *   cannot load, missing assembly, helper absent from the served version)
 *   throws EEError. A JIT turns that into a CompileFailure of this method and
 *   lets every other exception propagate.
 * - Null handles are 0n; an omitted optional handle argument means the null
 *   handle (recorders key both alike). "Not found" results are null where
 *   the real interface returns false/NULL.
 */

import type { CORINFO_ASYNC_INFO } from './async-info.js';
import type { AllocMemArgs, AllocMemResult } from './compile-result.js';
import type { NativeVarInfo, OffsetMapping } from './debug-info.js';
import type {
  CorInfoClassId,
  CorInfoInitClassResult,
  CorInfoInline,
  CorInfoType,
  CorInfoTypeWithMod,
  CorJitResult,
  RelocType,
} from './enums.js';
import type { CORINFO_ACCESS_FLAGS, CORINFO_CALLINFO_FLAGS, CorInfoMethodRuntimeFlags } from './flags.js';
import type { GcInfo } from './gc-info.js';
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
import type { CorInfoHelpFunc } from './helpers.js';
import type {
  CORINFO_CALL_INFO,
  CORINFO_CONST_LOOKUP,
  CORINFO_EE_INFO,
  CORINFO_EH_CLAUSE,
  CORINFO_FIELD_INFO,
  CORINFO_LOOKUP_KIND,
  CORINFO_METHOD_INFO,
  CORINFO_RESOLVED_TOKEN,
  CORINFO_RESOLVED_TOKEN_IN,
  CORINFO_SIG_INFO,
  CORINFO_VTABLE_OFFSET,
} from './structs.js';
import type { UnwindInfo } from './unwind-info.js';
import type { InterfaceVersionId } from './version-id.js';

/** getMethodNameFromMetadata's answer. */
export interface MethodNameFromMetadata {
  readonly methodName: string;
  /** Simple name of the declaring class (no namespace, no enclosing classes). */
  readonly className: string;
  readonly namespaceName: string;
  /** Enclosing classes of a nested declaring class, innermost first. */
  readonly enclosingClassNames: readonly string[];
}

/** getClassNameFromMetadata's answer. */
export interface ClassNameFromMetadata {
  readonly className: string;
  readonly namespaceName: string;
}

/** getClassGClayout's answer. */
export interface ClassGCLayout {
  /** One CorInfoGCType per pointer-sized slot of the instance data. */
  readonly gcPtrs: Uint8Array;
  /** Number of slots that are not TYPE_GC_NONE. */
  readonly numGCPtrs: number;
}

/** getFieldType's answer. */
export interface FieldTypeInfo {
  readonly type: CorInfoType;
  /** The field's class for VALUECLASS (and CLASS, when known); null otherwise. */
  readonly structType: CORINFO_CLASS_HANDLE;
}

/** getArgType's answer. */
export interface ArgTypeInfo {
  /** CorInfoType plus modifier bits (use stripTypeMods). */
  readonly type: CorInfoTypeWithMod;
  /** The argument's class for VALUECLASS (and CLASS, when known); null otherwise. */
  readonly argClass: CORINFO_CLASS_HANDLE;
}

/** getChildType's answer. */
export interface ChildTypeInfo {
  readonly type: CorInfoType;
  /** Element class of an array or pointee class of a byref/pointer, when it is a class. */
  readonly childClass: CORINFO_CLASS_HANDLE;
}

/** getHelperFtn's answer. */
export interface HelperFtnInfo {
  /** Where to call the helper. */
  readonly lookup: CORINFO_CONST_LOOKUP;
  /** The managed method implementing the helper, or null for a native helper. */
  readonly method: CORINFO_METHOD_HANDLE;
}

/** getNewHelper's answer. */
export interface NewHelperInfo {
  readonly helper: CorInfoHelpFunc;
  /** Allocating has side effects beyond allocation (finalizer registration, class init). */
  readonly hasSideEffects: boolean;
}

/** getBoundaries' answer: the IL offsets the EE wants in the IL-to-native map. */
export interface BoundariesRequest {
  readonly ilOffsets: readonly number[];
  /** BoundaryTypes bits: kinds of boundary the JIT should add on its own. */
  readonly implicitBoundaries: number;
}

/** allocUnwindInfo's argument. */
export type AllocUnwindInfoArgs = UnwindInfo;

/** The questions a JIT asks (recorded by the recorder, answered by the replay EE). */
export interface CorInfoQueries {
  // ---- methods ----

  /** CorInfoMethodFlags of a method. */
  getMethodAttribs(ftn: CORINFO_METHOD_HANDLE): number;
  /** Tells the EE something it learned about a method (e.g. not inlinable). */
  setMethodAttribs(ftn: CORINFO_METHOD_HANDLE, attribs: CorInfoMethodRuntimeFlags): void;
  /** IL body, EH count and signatures of a method; null when it has no IL (abstract, runtime, P/Invoke). */
  getMethodInfo(ftn: CORINFO_METHOD_HANDLE, context?: CORINFO_CONTEXT_HANDLE): CORINFO_METHOD_INFO | null;
  /** A method's signature, instantiated over memberParent when given. */
  getMethodSig(ftn: CORINFO_METHOD_HANDLE, memberParent?: CORINFO_CLASS_HANDLE): CORINFO_SIG_INFO;
  /** The class declaring a method. */
  getMethodClass(method: CORINFO_METHOD_HANDLE): CORINFO_CLASS_HANDLE;
  /** The module declaring a method. */
  getMethodModule(method: CORINFO_METHOD_HANDLE): CORINFO_MODULE_HANDLE;
  /** Method, class, namespace and enclosing class names, from metadata. */
  getMethodNameFromMetadata(ftn: CORINFO_METHOD_HANDLE): MethodNameFromMetadata;
  /** The MethodDef token of a method (of its generic definition for instantiations). */
  getMethodDefFromMethod(ftn: CORINFO_METHOD_HANDLE): mdToken;
  /** A stable 32-bit hash of the method's name and signature (JitStress / method selection). */
  getMethodHash(ftn: CORINFO_METHOD_HANDLE): number;
  /** True when the JIT may expand the method as an intrinsic. */
  isIntrinsic(ftn: CORINFO_METHOD_HANDLE): boolean;
  /** EH clause number `EHnumber` of a method, in IL offsets. */
  getEHinfo(ftn: CORINFO_METHOD_HANDLE, EHnumber: number): CORINFO_EH_CLAUSE;
  /** Where a virtual method's slot is in the method table. */
  getMethodVTableOffset(method: CORINFO_METHOD_HANDLE): CORINFO_VTABLE_OFFSET;
  /** Whether `callee` may be inlined into `caller`. */
  canInline(caller: CORINFO_METHOD_HANDLE, callee: CORINFO_METHOD_HANDLE): CorInfoInline;
  /** Tells the EE what the JIT decided about inlining `inlinee` (reason: free text). */
  reportInliningDecision(
    inliner: CORINFO_METHOD_HANDLE,
    inlinee: CORINFO_METHOD_HANDLE,
    result: CorInfoInline,
    reason: string,
  ): void;
  /** Whether a call may be made as a tail call (exactCallee null for virtual calls). */
  canTailCall(
    caller: CORINFO_METHOD_HANDLE,
    declaredCallee: CORINFO_METHOD_HANDLE,
    exactCallee: CORINFO_METHOD_HANDLE,
    isTailPrefix: boolean,
  ): boolean;
  /** Whether the class of a field/method access needs initialising first, and how. */
  initClass(
    field: CORINFO_FIELD_HANDLE,
    method: CORINFO_METHOD_HANDLE,
    context: CORINFO_CONTEXT_HANDLE,
  ): CorInfoInitClassResult;
  /** IL offsets the EE wants in the IL-to-native map of a method. */
  getBoundaries(ftn: CORINFO_METHOD_HANDLE): BoundariesRequest;

  // ---- classes ----

  /** CorInfoClassFlags of a class. */
  getClassAttribs(cls: CORINFO_CLASS_HANDLE): number;
  /** Full name of a class for listings, e.g. `System.Collections.Generic.List`1[int]`. */
  getClassName(cls: CORINFO_CLASS_HANDLE): string;
  /** Simple name and namespace of a class, from metadata. */
  getClassNameFromMetadata(cls: CORINFO_CLASS_HANDLE): ClassNameFromMetadata;
  /** The module declaring a class. */
  getClassModule(cls: CORINFO_CLASS_HANDLE): CORINFO_MODULE_HANDLE;
  /** Size of a value class's instance data (for reference classes: of its fields). */
  getClassSize(cls: CORINFO_CLASS_HANDLE): number;
  /** Bytes to allocate for an instance of a reference class (header and method table included). */
  getHeapClassSize(cls: CORINFO_CLASS_HANDLE): number;
  /** Alignment of a value class's instance data. */
  getClassAlignmentRequirement(cls: CORINFO_CLASS_HANDLE, doubleAlignHint?: boolean): number;
  /** Which pointer-sized slots of a class's instance data hold GC references. */
  getClassGClayout(cls: CORINFO_CLASS_HANDLE): ClassGCLayout;
  /** Number of instance fields of a class (its own, not its bases'). */
  getClassNumInstanceFields(cls: CORINFO_CLASS_HANDLE): number;
  /** Instance field number `num` of a class (in getClassNumInstanceFields order). */
  getFieldInClass(cls: CORINFO_CLASS_HANDLE, num: number): CORINFO_FIELD_HANDLE;
  /** True for value classes (structs, enums, primitives). */
  isValueClass(cls: CORINFO_CLASS_HANDLE): boolean;
  /** The CorInfoType of a class (primitives and enums map to their primitive). */
  asCorInfoType(cls: CORINFO_CLASS_HANDLE): CorInfoType;
  /** Element type of an array class, or pointee of a pointer/byref class. */
  getChildType(cls: CORINFO_CLASS_HANDLE): ChildTypeInfo;
  /** Rank of an array class (0 for non-arrays). */
  getArrayRank(cls: CORINFO_CLASS_HANDLE): number;
  /** A well-known class (Object, String, RuntimeTypeHandle …). */
  getBuiltinClass(classId: CorInfoClassId): CORINFO_CLASS_HANDLE;
  /** The class a value of `cls` boxes to (Nullable<T> boxes to T). */
  getTypeForBox(cls: CORINFO_CLASS_HANDLE): CORINFO_CLASS_HANDLE;
  /** Helper that boxes a value of `cls`. */
  getBoxHelper(cls: CORINFO_CLASS_HANDLE): CorInfoHelpFunc;
  /** Helper that unboxes to `cls`. */
  getUnBoxHelper(cls: CORINFO_CLASS_HANDLE): CorInfoHelpFunc;
  /** Helper that allocates an instance of `cls`. */
  getNewHelper(cls: CORINFO_CLASS_HANDLE): NewHelperInfo;
  /** Helper that allocates a one-dimensional array of class `arrayCls`. */
  getNewArrHelper(arrayCls: CORINFO_CLASS_HANDLE): CorInfoHelpFunc;
  /** Helper for castclass (throwing) or isinst (not throwing) to the token's class. */
  getCastingHelper(resolvedToken: CORINFO_RESOLVED_TOKEN, throwing: boolean): CorInfoHelpFunc;
  /** Helper returning the static base of `cls` (running its class constructor if needed). */
  getSharedCCtorHelper(cls: CORINFO_CLASS_HANDLE): CorInfoHelpFunc;
  /** Class handle for the continuation of a suspension point with this data layout (runtime async). */
  getContinuationType(dataSize: number, objRefs: readonly boolean[]): CORINFO_CLASS_HANDLE;

  // ---- fields ----

  /** The class declaring a field. */
  getFieldClass(field: CORINFO_FIELD_HANDLE): CORINFO_CLASS_HANDLE;
  /** Simple name of a field. */
  getFieldName(field: CORINFO_FIELD_HANDLE): string;
  /** Type of a field, instantiated over memberParent when given. */
  getFieldType(field: CORINFO_FIELD_HANDLE, memberParent?: CORINFO_CLASS_HANDLE): FieldTypeInfo;
  /** Offset of an instance field from the start of the instance data. */
  getFieldOffset(field: CORINFO_FIELD_HANDLE): number;
  /** How to access the field named by a resolved token from `callerHandle`. */
  getFieldInfo(
    resolvedToken: CORINFO_RESOLVED_TOKEN,
    callerHandle: CORINFO_METHOD_HANDLE,
    flags: CORINFO_ACCESS_FLAGS,
  ): CORINFO_FIELD_INFO;
  /** Current bytes of a readonly static that is already initialised, or null when they cannot be relied on. */
  getStaticFieldContent(
    field: CORINFO_FIELD_HANDLE,
    offset: number,
    size: number,
    ignoreMovableObjects: boolean,
  ): Uint8Array | null;

  // ---- tokens, signatures, strings ----

  /** Resolves a token to class/method/field handles. */
  resolveToken(token: CORINFO_RESOLVED_TOKEN_IN): CORINFO_RESOLVED_TOKEN;
  /** How to call the method named by a resolved token (constrained: the constrained. prefix's token, or null). */
  getCallInfo(
    resolvedToken: CORINFO_RESOLVED_TOKEN,
    constrainedResolvedToken: CORINFO_RESOLVED_TOKEN | null,
    callerHandle: CORINFO_METHOD_HANDLE,
    flags: CORINFO_CALLINFO_FLAGS,
  ): CORINFO_CALL_INFO;
  /** The runtime type handle class that ldtoken of this token produces. */
  getTokenTypeAsHandle(resolvedToken: CORINFO_RESOLVED_TOKEN): CORINFO_CLASS_HANDLE;
  /** The argument after `args` in a signature's argument list. */
  getArgNext(args: CORINFO_ARG_LIST_HANDLE): CORINFO_ARG_LIST_HANDLE;
  /** Type (with modifiers) and class of the argument at `args`. */
  getArgType(sig: CORINFO_SIG_INFO, args: CORINFO_ARG_LIST_HANDLE): ArgTypeInfo;
  /** Class of the argument at `args` (also for reference types). */
  getArgClass(sig: CORINFO_SIG_INFO, args: CORINFO_ARG_LIST_HANDLE): CORINFO_CLASS_HANDLE;
  /** The string literal of a user-string token, or null when the token is bad. */
  getStringLiteral(module: CORINFO_MODULE_HANDLE, token: mdToken): string | null;
  /** Where the string object of a user-string token is found at run time. */
  constructStringLiteral(module: CORINFO_MODULE_HANDLE, token: mdToken): CORINFO_CONST_LOOKUP;

  // ---- embedding handles in code ----

  /** How code refers to a class handle (directly, or through a cell). */
  embedClassHandle(cls: CORINFO_CLASS_HANDLE): CORINFO_CONST_LOOKUP;
  /** How code refers to a method handle. */
  embedMethodHandle(method: CORINFO_METHOD_HANDLE): CORINFO_CONST_LOOKUP;
  /** How code refers to a field handle. */
  embedFieldHandle(field: CORINFO_FIELD_HANDLE): CORINFO_CONST_LOOKUP;

  // ---- entry points and helpers ----

  /** Where to call a method (direct address, or an indirection cell in r2r mode). */
  getFunctionEntryPoint(ftn: CORINFO_METHOD_HANDLE, accessFlags: CORINFO_ACCESS_FLAGS): CORINFO_CONST_LOOKUP;
  /** Where to call a JIT helper, and the managed method behind it if any; EEError for a helper the served version lacks. */
  getHelperFtn(helper: CorInfoHelpFunc): HelperFtnInfo;
  /** A ReadyToRun helper cell specialised for a token (READYTORUN_NEW etc.), or null when not available. */
  getReadyToRunHelper(
    resolvedToken: CORINFO_RESOLVED_TOKEN,
    lookupKind: CORINFO_LOOKUP_KIND | null,
    helper: CorInfoHelpFunc,
    callerHandle: CORINFO_METHOD_HANDLE,
  ): CORINFO_CONST_LOOKUP | null;
  /** The entry to use when `entry` is the target of a tail call (AOT x64 puts the cell in a register). */
  updateEntryPointForTailCall(entry: CORINFO_CONST_LOOKUP): CORINFO_CONST_LOOKUP;
  /** Relocation kind the JIT should use to reach `target` from code (REL32 when within ±2 GB). */
  getRelocTypeHint(target: CodeAddress): RelocType;

  // ---- runtime ----

  /** Runtime layout constants. */
  getEEInfo(): CORINFO_EE_INFO;
  /** Runtime-async handles, in the layout of the version the EE serves (see interfaceVersion). */
  getAsyncInfo(): CORINFO_ASYNC_INFO;
  /** The method stored as the resume function of this method's continuations (runtime async). */
  getAsyncResumptionStub(): CORINFO_METHOD_HANDLE;
}

/** How a JIT reports what it produced (not recorded as queries; gathered into the CompileResult). */
export interface CorJitResultSink {
  /** Reserves memory for code and read-only data; the JIT generates code for these addresses. */
  allocMem(args: AllocMemArgs): AllocMemResult;
  /** Announces unwind info to come (counts and sizes) before allocMem. */
  reserveUnwindInfo(isFunclet: boolean, isColdCode: boolean, unwindSize: number): void;
  /** Reports the unwind info of the method body or one funclet. */
  allocUnwindInfo(info: AllocUnwindInfoArgs): void;
  /** Reports the GC info of the method. */
  setGcInfo(gcInfo: GcInfo): void;
  /** Announces how many native EH clauses follow. */
  setEHcount(count: number): void;
  /** Reports native EH clause number `index`. */
  setEHinfo(index: number, clause: CORINFO_EH_CLAUSE): void;
  /** Reports the IL-to-native map. */
  setBoundaries(ftn: CORINFO_METHOD_HANDLE, mappings: readonly OffsetMapping[]): void;
  /** Reports variable locations. */
  setVars(ftn: CORINFO_METHOD_HANDLE, vars: readonly NativeVarInfo[]): void;
  /** Reports that the field at `location` (an address inside an allocMem block) refers to `target`. */
  recordRelocation(location: CodeAddress, target: CodeAddress, relocType: RelocType, addlDelta: number): void;
  /** Reports that the compile is failing and why (before compileMethod returns the failure). */
  reportFatalError(result: CorJitResult, message: string): void;
}

/**
 * The whole interface an EE offers a JIT. `interfaceVersion` is the version
 * the EE serves (fixed for its lifetime): it decides the getAsyncInfo layout
 * and which helpers getHelperFtn knows.
 */
export interface JitInterface extends CorInfoQueries, CorJitResultSink {
  readonly interfaceVersion: InterfaceVersionId;
}

/** Names of the query methods, for shims that wrap every method. */
export type CorInfoQueryName = keyof CorInfoQueries;
/** Names of the reporting methods. */
export type CorJitResultSinkName = keyof CorJitResultSink;

/** Every CorInfoQueries method name, in declaration order. */
export const CORINFO_QUERY_NAMES = [
  'getMethodAttribs',
  'setMethodAttribs',
  'getMethodInfo',
  'getMethodSig',
  'getMethodClass',
  'getMethodModule',
  'getMethodNameFromMetadata',
  'getMethodDefFromMethod',
  'getMethodHash',
  'isIntrinsic',
  'getEHinfo',
  'getMethodVTableOffset',
  'canInline',
  'reportInliningDecision',
  'canTailCall',
  'initClass',
  'getBoundaries',
  'getClassAttribs',
  'getClassName',
  'getClassNameFromMetadata',
  'getClassModule',
  'getClassSize',
  'getHeapClassSize',
  'getClassAlignmentRequirement',
  'getClassGClayout',
  'getClassNumInstanceFields',
  'getFieldInClass',
  'isValueClass',
  'asCorInfoType',
  'getChildType',
  'getArrayRank',
  'getBuiltinClass',
  'getTypeForBox',
  'getBoxHelper',
  'getUnBoxHelper',
  'getNewHelper',
  'getNewArrHelper',
  'getCastingHelper',
  'getSharedCCtorHelper',
  'getContinuationType',
  'getFieldClass',
  'getFieldName',
  'getFieldType',
  'getFieldOffset',
  'getFieldInfo',
  'getStaticFieldContent',
  'resolveToken',
  'getCallInfo',
  'getTokenTypeAsHandle',
  'getArgNext',
  'getArgType',
  'getArgClass',
  'getStringLiteral',
  'constructStringLiteral',
  'embedClassHandle',
  'embedMethodHandle',
  'embedFieldHandle',
  'getFunctionEntryPoint',
  'getHelperFtn',
  'getReadyToRunHelper',
  'updateEntryPointForTailCall',
  'getRelocTypeHint',
  'getEEInfo',
  'getAsyncInfo',
  'getAsyncResumptionStub',
] as const satisfies readonly CorInfoQueryName[];

/** Every CorJitResultSink method name, in declaration order. */
export const CORJIT_RESULT_SINK_NAMES = [
  'allocMem',
  'reserveUnwindInfo',
  'allocUnwindInfo',
  'setGcInfo',
  'setEHcount',
  'setEHinfo',
  'setBoundaries',
  'setVars',
  'recordRelocation',
  'reportFatalError',
] as const satisfies readonly CorJitResultSinkName[];

type AssertNever<T extends never> = T;
/** Compile-time proof that CORINFO_QUERY_NAMES and CORJIT_RESULT_SINK_NAMES list every method. */
export type AllInterfaceMethodsListed = [
  AssertNever<Exclude<CorInfoQueryName, (typeof CORINFO_QUERY_NAMES)[number]>>,
  AssertNever<Exclude<CorJitResultSinkName, (typeof CORJIT_RESULT_SINK_NAMES)[number]>>,
];
