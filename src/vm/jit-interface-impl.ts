/**
 * LiveJitInterface: the JitInterface of one compile over a Runtime. It
 * answers every query from the shared type system (the query modules do the
 * work; this class only routes and guards) and keeps what the compile
 * accumulates: ReadyToRun fixups and dependency nodes, inlining decisions,
 * and, through a CompileReportCollector, everything the JIT reports.
 *
 * Every query runs under a guard that turns metadata-reader failures into
 * EEErrors naming the query, so a bad method fails alone.
 */

import {
  type AllocMemArgs,
  type AllocMemResult,
  type AllocUnwindInfoArgs,
  type ArgTypeInfo,
  type BoundariesRequest,
  type CORINFO_ACCESS_FLAGS,
  type CORINFO_ARG_LIST_HANDLE,
  type CORINFO_ASYNC_INFO,
  type CORINFO_CALLINFO_FLAGS,
  type CORINFO_CALL_INFO,
  type CORINFO_CLASS_HANDLE,
  type CORINFO_CONST_LOOKUP,
  type CORINFO_CONTEXT_HANDLE,
  type CORINFO_EE_INFO,
  type CORINFO_EH_CLAUSE,
  type CORINFO_FIELD_HANDLE,
  type CORINFO_FIELD_INFO,
  type CORINFO_LOOKUP_KIND,
  type CORINFO_METHOD_HANDLE,
  type CORINFO_METHOD_INFO,
  type CORINFO_MODULE_HANDLE,
  type CORINFO_RESOLVED_TOKEN,
  type CORINFO_RESOLVED_TOKEN_IN,
  type CORINFO_SIG_INFO,
  type CORINFO_VTABLE_OFFSET,
  type ChildTypeInfo,
  type ClassGCLayout,
  type ClassNameFromMetadata,
  type CodeAddress,
  CompileReportCollector,
  CorInfoMethodRuntimeFlags,
  type CorInfoClassId,
  type CorInfoHelpFunc,
  type CorInfoInitClassResult,
  type CorInfoInline,
  type CorInfoType,
  CorJitAllocMemFlag,
  EEError,
  type CorJitResult,
  type FieldTypeInfo,
  type GcInfo,
  type HelperFtnInfo,
  type InterfaceVersion,
  type InterfaceVersionId,
  type JitInterface,
  type MethodNameFromMetadata,
  type NativeVarInfo,
  type NewHelperInfo,
  NULL_ADDRESS,
  type OffsetMapping,
  type ReportedResults,
  type RelocType,
  type mdToken,
  getInterfaceVersion,
} from '../jitee/index.js';
import { getCallInfo } from './call-info.js';
import * as classQ from './class-queries.js';
import type { CompileContext, CompileMode, InliningDecision } from './compile-context.js';
import * as entryQ from './entry-point-queries.js';
import { eeGuard } from './errors.js';
import * as fieldQ from './field-queries.js';
import type { MethodDesc } from './member-desc.js';
import { isIntrinsicMethod, methodAttribs } from './method-attributes.js';
import * as methodQ from './method-queries.js';
import { type DependencyNode, type R2RFixup, R2RImports } from './r2r-imports.js';
import type { Runtime } from './runtime.js';
import * as runtimeQ from './runtime-queries.js';
import { argClass, argNext, argType, methodSigInfo } from './signature-info.js';
import * as tokenQ from './token-queries.js';
import { classAttribs, corInfoTypeOf } from './type-classification.js';
import type { TypeSystem } from './type-system.js';

export interface JitInterfaceOptions {
  /** The JIT-EE interface version to serve. */
  readonly version: InterfaceVersionId;
  readonly mode: CompileMode;
  /** The method to compile. */
  readonly method: CORINFO_METHOD_HANDLE | MethodDesc;
}

function alignUp(n: bigint, a: number): bigint {
  const b = BigInt(a);
  return ((n + b - 1n) / b) * b;
}

export class LiveJitInterface implements JitInterface, CompileContext {
  readonly interfaceVersion: InterfaceVersionId;
  readonly version: InterfaceVersion;
  readonly mode: CompileMode;
  readonly ts: TypeSystem;
  readonly root: MethodDesc;
  readonly imports: R2RImports;
  readonly inliningDecisions: InliningDecision[] = [];
  readonly badInlinees = new Set<MethodDesc>();
  private readonly collector: CompileReportCollector;

  constructor(
    readonly rt: Runtime,
    options: JitInterfaceOptions,
  ) {
    this.version = getInterfaceVersion(options.version);
    this.interfaceVersion = this.version.id;
    this.mode = options.mode;
    this.ts = rt.ts;
    this.root = typeof options.method === 'bigint' ? rt.methodOf(options.method) : options.method;
    this.imports = new R2RImports(rt, this.version, this.root.def?.module ?? rt.corlib);
    this.collector = new CompileReportCollector((args) => this.allocateBlocks(args));
  }

  // ---- what the compile accumulated ------------------------------------------------

  /** The method being compiled. */
  get method(): CORINFO_METHOD_HANDLE {
    return this.rt.methodHandle(this.root);
  }

  get methodName(): string {
    return this.rt.names.methodName(this.root);
  }

  /** ReadyToRun import cells this compile used, with their fixups (r2r mode). */
  get r2rFixups(): readonly R2RFixup[] {
    return this.imports.fixups;
  }

  /** Dependency nodes the compiled code adds to the image (r2r mode). */
  get dependencies(): readonly DependencyNode[] {
    return this.imports.dependencies;
  }

  /** What the JIT reported through the sink half of the interface. */
  get reported(): Readonly<ReportedResults> {
    return this.collector.reported;
  }

  /** The IL and signatures to hand to compileMethod (null for methods without IL). */
  methodInfo(): CORINFO_METHOD_INFO | null {
    return this.getMethodInfo(this.method);
  }

  /** Runs a query; any EEError leaving it names the query (reader errors become EEErrors first). */
  private guard<T>(query: string, fn: () => T): T {
    try {
      return eeGuard(query, fn);
    } catch (err) {
      if (err instanceof EEError && !err.message.startsWith(`${query}: `)) throw new EEError(err.kind, `${query}: ${err.message}`);
      throw err;
    }
  }

  private allocateBlocks(args: AllocMemArgs): AllocMemResult {
    const roAlign =
      args.flag & CorJitAllocMemFlag.CORJIT_ALLOCMEM_FLG_RODATA_64BYTE_ALIGN ? 64
      : args.flag & CorJitAllocMemFlag.CORJIT_ALLOCMEM_FLG_RODATA_32BYTE_ALIGN ? 32
      : args.flag & CorJitAllocMemFlag.CORJIT_ALLOCMEM_FLG_RODATA_16BYTE_ALIGN ? 16
      : 8;
    const total = args.hotCodeSize + args.roDataSize + args.coldCodeSize + 128;
    const hot = this.rt.addresses.codeBlock(this.root.key, total);
    const ro = alignUp(hot + BigInt(args.hotCodeSize), roAlign);
    const cold = alignUp(ro + BigInt(args.roDataSize), 16);
    return {
      hotCodeBlock: hot,
      roDataBlock: args.roDataSize > 0 ? (ro as CodeAddress) : NULL_ADDRESS,
      coldCodeBlock: args.coldCodeSize > 0 ? (cold as CodeAddress) : NULL_ADDRESS,
    };
  }

  // ---- methods ---------------------------------------------------------------------

  getMethodAttribs(ftn: CORINFO_METHOD_HANDLE): number {
    return this.guard('getMethodAttribs', () => methodAttribs(this, this.rt.methodOf(ftn)));
  }
  setMethodAttribs(ftn: CORINFO_METHOD_HANDLE, attribs: number): void {
    if (attribs & CorInfoMethodRuntimeFlags.CORINFO_FLG_BAD_INLINEE) this.badInlinees.add(this.rt.methodOf(ftn));
  }
  getMethodInfo(ftn: CORINFO_METHOD_HANDLE, context?: CORINFO_CONTEXT_HANDLE): CORINFO_METHOD_INFO | null {
    return this.guard('getMethodInfo', () => methodQ.getMethodInfo(this, ftn, context));
  }
  getMethodSig(ftn: CORINFO_METHOD_HANDLE, memberParent?: CORINFO_CLASS_HANDLE): CORINFO_SIG_INFO {
    return this.guard('getMethodSig', () => {
      let md = this.rt.methodOf(ftn);
      if (memberParent !== undefined && memberParent !== 0n && md.def) {
        const owner = this.ts.ancestorWithDef(this.rt.typeOf(memberParent), md.def.owner);
        if (owner && owner !== md.owner) md = this.ts.methodDesc(owner, md.def, md.instantiation);
      }
      return methodSigInfo(this, md);
    });
  }
  getMethodClass(method: CORINFO_METHOD_HANDLE): CORINFO_CLASS_HANDLE {
    return this.rt.classHandle(this.rt.methodOf(method).owner);
  }
  getMethodModule(method: CORINFO_METHOD_HANDLE): CORINFO_MODULE_HANDLE {
    const md = this.rt.methodOf(method);
    return this.rt.moduleHandle(md.def?.module ?? this.ts.methodSignature(md).module);
  }
  getMethodNameFromMetadata(ftn: CORINFO_METHOD_HANDLE): MethodNameFromMetadata {
    return this.guard('getMethodNameFromMetadata', () => methodQ.getMethodNameFromMetadata(this, ftn));
  }
  getMethodDefFromMethod(ftn: CORINFO_METHOD_HANDLE): mdToken {
    return this.rt.methodOf(ftn).def?.token ?? 0;
  }
  getMethodHash(ftn: CORINFO_METHOD_HANDLE): number {
    return this.guard('getMethodHash', () => methodQ.getMethodHash(this, ftn));
  }
  isIntrinsic(ftn: CORINFO_METHOD_HANDLE): boolean {
    return this.guard('isIntrinsic', () => isIntrinsicMethod(this.rt.methodOf(ftn)));
  }
  getEHinfo(ftn: CORINFO_METHOD_HANDLE, EHnumber: number): CORINFO_EH_CLAUSE {
    return this.guard('getEHinfo', () => methodQ.getEHinfo(this, ftn, EHnumber));
  }
  getMethodVTableOffset(method: CORINFO_METHOD_HANDLE): CORINFO_VTABLE_OFFSET {
    return this.guard('getMethodVTableOffset', () => methodQ.getMethodVTableOffset(this, method));
  }
  canInline(caller: CORINFO_METHOD_HANDLE, callee: CORINFO_METHOD_HANDLE): CorInfoInline {
    return this.guard('canInline', () => methodQ.canInline(this, caller, callee));
  }
  reportInliningDecision(inliner: CORINFO_METHOD_HANDLE, inlinee: CORINFO_METHOD_HANDLE, result: CorInfoInline, reason: string): void {
    this.guard('reportInliningDecision', () => methodQ.reportInliningDecision(this, inliner, inlinee, result, reason));
  }
  canTailCall(caller: CORINFO_METHOD_HANDLE, _declaredCallee: CORINFO_METHOD_HANDLE, _exactCallee: CORINFO_METHOD_HANDLE, _isTailPrefix: boolean): boolean {
    return this.guard('canTailCall', () => methodQ.canTailCall(this, caller));
  }
  initClass(field: CORINFO_FIELD_HANDLE, method: CORINFO_METHOD_HANDLE, context: CORINFO_CONTEXT_HANDLE): CorInfoInitClassResult {
    return this.guard('initClass', () => methodQ.initClass(this, field, method, context));
  }
  getBoundaries(_ftn: CORINFO_METHOD_HANDLE): BoundariesRequest {
    return methodQ.getBoundaries();
  }

  // ---- classes ---------------------------------------------------------------------

  getClassAttribs(cls: CORINFO_CLASS_HANDLE): number {
    return this.guard('getClassAttribs', () => classAttribs(this, this.rt.typeOf(cls)));
  }
  getClassName(cls: CORINFO_CLASS_HANDLE): string {
    return this.guard('getClassName', () => this.rt.names.className(this.rt.typeOf(cls)));
  }
  getClassNameFromMetadata(cls: CORINFO_CLASS_HANDLE): ClassNameFromMetadata {
    return this.guard('getClassNameFromMetadata', () => classQ.getClassNameFromMetadata(this, cls));
  }
  getClassModule(cls: CORINFO_CLASS_HANDLE): CORINFO_MODULE_HANDLE {
    return classQ.getClassModule(this, cls);
  }
  getClassSize(cls: CORINFO_CLASS_HANDLE): number {
    return this.guard('getClassSize', () => classQ.getClassSize(this, cls));
  }
  getHeapClassSize(cls: CORINFO_CLASS_HANDLE): number {
    return this.guard('getHeapClassSize', () => classQ.getHeapClassSize(this, cls));
  }
  getClassAlignmentRequirement(cls: CORINFO_CLASS_HANDLE, _doubleAlignHint?: boolean): number {
    return this.guard('getClassAlignmentRequirement', () => classQ.getClassAlignmentRequirement(this, cls));
  }
  getClassGClayout(cls: CORINFO_CLASS_HANDLE): ClassGCLayout {
    return this.guard('getClassGClayout', () => classQ.getClassGClayout(this, cls));
  }
  getClassNumInstanceFields(cls: CORINFO_CLASS_HANDLE): number {
    return this.guard('getClassNumInstanceFields', () => classQ.getClassNumInstanceFields(this, cls));
  }
  getFieldInClass(cls: CORINFO_CLASS_HANDLE, num: number): CORINFO_FIELD_HANDLE {
    return this.guard('getFieldInClass', () => classQ.getFieldInClass(this, cls, num));
  }
  isValueClass(cls: CORINFO_CLASS_HANDLE): boolean {
    return this.guard('isValueClass', () => this.ts.isValueType(this.rt.typeOf(cls)));
  }
  asCorInfoType(cls: CORINFO_CLASS_HANDLE): CorInfoType {
    return this.guard('asCorInfoType', () => corInfoTypeOf(this.ts, this.rt.typeOf(cls)));
  }
  getChildType(cls: CORINFO_CLASS_HANDLE): ChildTypeInfo {
    return this.guard('getChildType', () => classQ.getChildType(this, cls));
  }
  getArrayRank(cls: CORINFO_CLASS_HANDLE): number {
    const t = this.rt.typeOf(cls);
    return t.kind === 'array' ? t.rank : 0;
  }
  getBuiltinClass(classId: CorInfoClassId): CORINFO_CLASS_HANDLE {
    return this.guard('getBuiltinClass', () => classQ.getBuiltinClass(this, classId));
  }
  getTypeForBox(cls: CORINFO_CLASS_HANDLE): CORINFO_CLASS_HANDLE {
    return this.guard('getTypeForBox', () => classQ.getTypeForBox(this, cls));
  }
  getBoxHelper(cls: CORINFO_CLASS_HANDLE): CorInfoHelpFunc {
    return this.guard('getBoxHelper', () => classQ.getBoxHelper(this, cls));
  }
  getUnBoxHelper(cls: CORINFO_CLASS_HANDLE): CorInfoHelpFunc {
    return this.guard('getUnBoxHelper', () => classQ.getUnBoxHelper(this, cls));
  }
  getNewHelper(cls: CORINFO_CLASS_HANDLE): NewHelperInfo {
    return this.guard('getNewHelper', () => classQ.getNewHelper(this, cls));
  }
  getNewArrHelper(arrayCls: CORINFO_CLASS_HANDLE): CorInfoHelpFunc {
    return this.guard('getNewArrHelper', () => classQ.getNewArrHelper(this, arrayCls));
  }
  getCastingHelper(resolvedToken: CORINFO_RESOLVED_TOKEN, throwing: boolean): CorInfoHelpFunc {
    return this.guard('getCastingHelper', () => classQ.getCastingHelper(this, resolvedToken, throwing));
  }
  getSharedCCtorHelper(cls: CORINFO_CLASS_HANDLE): CorInfoHelpFunc {
    return this.guard('getSharedCCtorHelper', () => classQ.getSharedCCtorHelper(this, cls));
  }
  getContinuationType(dataSize: number, objRefs: readonly boolean[]): CORINFO_CLASS_HANDLE {
    return this.guard('getContinuationType', () => classQ.getContinuationType(this, dataSize, objRefs));
  }

  // ---- fields ----------------------------------------------------------------------

  getFieldClass(field: CORINFO_FIELD_HANDLE): CORINFO_CLASS_HANDLE {
    return fieldQ.getFieldClass(this, field);
  }
  getFieldName(field: CORINFO_FIELD_HANDLE): string {
    return this.rt.fieldOf(field).name;
  }
  getFieldType(field: CORINFO_FIELD_HANDLE, memberParent?: CORINFO_CLASS_HANDLE): FieldTypeInfo {
    return this.guard('getFieldType', () => fieldQ.getFieldType(this, field, memberParent));
  }
  getFieldOffset(field: CORINFO_FIELD_HANDLE): number {
    return this.guard('getFieldOffset', () => fieldQ.getFieldOffset(this, field));
  }
  getFieldInfo(resolvedToken: CORINFO_RESOLVED_TOKEN, callerHandle: CORINFO_METHOD_HANDLE, flags: CORINFO_ACCESS_FLAGS): CORINFO_FIELD_INFO {
    return this.guard('getFieldInfo', () => fieldQ.getFieldInfo(this, resolvedToken, callerHandle, flags));
  }
  getStaticFieldContent(field: CORINFO_FIELD_HANDLE, offset: number, size: number, _ignoreMovableObjects: boolean): Uint8Array | null {
    return this.guard('getStaticFieldContent', () => fieldQ.getStaticFieldContent(this, field, offset, size));
  }

  // ---- tokens, signatures, strings ---------------------------------------------------

  resolveToken(token: CORINFO_RESOLVED_TOKEN_IN): CORINFO_RESOLVED_TOKEN {
    return this.guard('resolveToken', () => tokenQ.resolveToken(this, token));
  }
  getCallInfo(
    resolvedToken: CORINFO_RESOLVED_TOKEN,
    constrainedResolvedToken: CORINFO_RESOLVED_TOKEN | null,
    callerHandle: CORINFO_METHOD_HANDLE,
    flags: CORINFO_CALLINFO_FLAGS,
  ): CORINFO_CALL_INFO {
    return this.guard('getCallInfo', () => getCallInfo(this, resolvedToken, constrainedResolvedToken, callerHandle, flags));
  }
  getTokenTypeAsHandle(resolvedToken: CORINFO_RESOLVED_TOKEN): CORINFO_CLASS_HANDLE {
    return this.guard('getTokenTypeAsHandle', () => tokenQ.getTokenTypeAsHandle(this, resolvedToken));
  }
  getArgNext(args: CORINFO_ARG_LIST_HANDLE): CORINFO_ARG_LIST_HANDLE {
    return argNext(args);
  }
  getArgType(_sig: CORINFO_SIG_INFO, args: CORINFO_ARG_LIST_HANDLE): ArgTypeInfo {
    return this.guard('getArgType', () => argType(this, args));
  }
  getArgClass(_sig: CORINFO_SIG_INFO, args: CORINFO_ARG_LIST_HANDLE): CORINFO_CLASS_HANDLE {
    return this.guard('getArgClass', () => argClass(this, args));
  }
  getStringLiteral(module: CORINFO_MODULE_HANDLE, token: mdToken): string | null {
    return tokenQ.getStringLiteral(this, module, token);
  }
  constructStringLiteral(module: CORINFO_MODULE_HANDLE, token: mdToken): CORINFO_CONST_LOOKUP {
    return this.guard('constructStringLiteral', () => tokenQ.constructStringLiteral(this, module, token));
  }

  // ---- embedding handles -------------------------------------------------------------

  embedClassHandle(cls: CORINFO_CLASS_HANDLE): CORINFO_CONST_LOOKUP {
    return this.guard('embedClassHandle', () => entryQ.embedClassHandle(this, cls));
  }
  embedMethodHandle(method: CORINFO_METHOD_HANDLE): CORINFO_CONST_LOOKUP {
    return this.guard('embedMethodHandle', () => entryQ.embedMethodHandle(this, method));
  }
  embedFieldHandle(field: CORINFO_FIELD_HANDLE): CORINFO_CONST_LOOKUP {
    return this.guard('embedFieldHandle', () => entryQ.embedFieldHandle(this, field));
  }

  // ---- entry points and helpers ------------------------------------------------------

  getFunctionEntryPoint(ftn: CORINFO_METHOD_HANDLE, accessFlags: CORINFO_ACCESS_FLAGS): CORINFO_CONST_LOOKUP {
    return this.guard('getFunctionEntryPoint', () => entryQ.getFunctionEntryPoint(this, ftn, accessFlags));
  }
  getHelperFtn(helper: CorInfoHelpFunc): HelperFtnInfo {
    return this.guard('getHelperFtn', () => entryQ.getHelperFtn(this, helper));
  }
  getReadyToRunHelper(
    resolvedToken: CORINFO_RESOLVED_TOKEN,
    lookupKind: CORINFO_LOOKUP_KIND | null,
    helper: CorInfoHelpFunc,
    _callerHandle: CORINFO_METHOD_HANDLE,
  ): CORINFO_CONST_LOOKUP | null {
    return this.guard('getReadyToRunHelper', () => entryQ.getReadyToRunHelper(this, resolvedToken, lookupKind, helper));
  }
  updateEntryPointForTailCall(entry: CORINFO_CONST_LOOKUP): CORINFO_CONST_LOOKUP {
    return entryQ.updateEntryPointForTailCall(entry);
  }
  getRelocTypeHint(target: CodeAddress): RelocType {
    return entryQ.getRelocTypeHint(target);
  }

  // ---- runtime -----------------------------------------------------------------------

  getEEInfo(): CORINFO_EE_INFO {
    return this.guard('getEEInfo', () => runtimeQ.getEEInfo(this));
  }
  getAsyncInfo(): CORINFO_ASYNC_INFO {
    return this.guard('getAsyncInfo', () => runtimeQ.getAsyncInfo(this));
  }
  getAsyncResumptionStub(): CORINFO_METHOD_HANDLE {
    return this.guard('getAsyncResumptionStub', () => runtimeQ.getAsyncResumptionStub(this));
  }

  // ---- reports (CorJitResultSink) ----------------------------------------------------

  allocMem(args: AllocMemArgs): AllocMemResult {
    return this.collector.allocMem(args);
  }
  reserveUnwindInfo(isFunclet: boolean, isColdCode: boolean, unwindSize: number): void {
    this.collector.reserveUnwindInfo(isFunclet, isColdCode, unwindSize);
  }
  allocUnwindInfo(info: AllocUnwindInfoArgs): void {
    this.collector.allocUnwindInfo(info);
  }
  setGcInfo(gcInfo: GcInfo): void {
    this.collector.setGcInfo(gcInfo);
  }
  setEHcount(count: number): void {
    this.collector.setEHcount(count);
  }
  setEHinfo(index: number, clause: CORINFO_EH_CLAUSE): void {
    this.collector.setEHinfo(index, clause);
  }
  setBoundaries(ftn: CORINFO_METHOD_HANDLE, mappings: readonly OffsetMapping[]): void {
    this.collector.setBoundaries(ftn, mappings);
  }
  setVars(ftn: CORINFO_METHOD_HANDLE, vars: readonly NativeVarInfo[]): void {
    this.collector.setVars(ftn, vars);
  }
  recordRelocation(location: CodeAddress, target: CodeAddress, relocType: RelocType, addlDelta: number): void {
    this.collector.recordRelocation(location, target, relocType, addlDelta);
  }
  reportFatalError(result: CorJitResult, message: string): void {
    this.collector.reportFatalError(result, message);
  }
}
