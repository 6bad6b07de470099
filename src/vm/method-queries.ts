/** Queries about methods: IL body, signature, names, EH clauses, vtable slots, inlining, tail calls, class init. */

import { type MethodBody, MethodImplAttributes } from '../ecma/index.js';
import {
  BoundaryTypes,
  type BoundariesRequest,
  type CORINFO_CONTEXT_HANDLE,
  type CORINFO_EH_CLAUSE,
  type CORINFO_FIELD_HANDLE,
  type CORINFO_METHOD_HANDLE,
  type CORINFO_METHOD_INFO,
  type CORINFO_VTABLE_OFFSET,
  CORINFO_EH_CLAUSE_FLAGS,
  CorInfoInitClassResult,
  CorInfoInline,
  CorInfoOptions,
  CorInfoRegionKind,
  EEError,
  type MethodNameFromMetadata,
  contextClass,
  contextIsClass,
  contextMethod,
  isNullHandle,
} from '../jitee/index.js';
import type { CompileContext } from './compile-context.js';
import type { MethodDefinition } from './definitions.js';
import { eeGuard } from './errors.js';
import { fnv1a32 } from './identity-hash.js';
import type { MethodDesc } from './member-desc.js';
import { isNonVersionable } from './method-attributes.js';
import { localSigInfo, methodSigInfo } from './signature-info.js';
import { staticLayout } from './static-layout.js';
import type { TypeDesc } from './type-desc.js';

/** Offset of the first vtable chunk pointer in a method table (model: a 64-byte header). */
export const METHOD_TABLE_VTABLE_OFFSET = 0x40;
/** Slots per vtable chunk. */
export const VTABLE_CHUNK_SLOTS = 8;

const bodies = new WeakMap<MethodDefinition, { body: MethodBody; code: Uint8Array }>();

export function methodBody(def: MethodDefinition): { body: MethodBody; code: Uint8Array } | undefined {
  if (!def.hasILBody) return undefined;
  let b = bodies.get(def);
  if (!b) {
    const body = eeGuard(`reading the body of ${def.owner.fullName}::${def.name} in ${def.module.name}`, () => def.module.assembly.methodBody(def.rid));
    if (!body) return undefined;
    b = { body, code: new Uint8Array(body.code) };
    bodies.set(def, b);
  }
  return b;
}

/** The method to read: `ftn`, or the same definition in the instantiation `context` names. */
function methodInContext(c: CompileContext, md: MethodDesc, context: CORINFO_CONTEXT_HANDLE | undefined): MethodDesc {
  if (context === undefined || isNullHandle(context) || !md.def) return md;
  if (!contextIsClass(context)) {
    const other = c.rt.methodOf(contextMethod(context));
    return other.def === md.def ? other : md;
  }
  const type = c.rt.typeOf(contextClass(context));
  const owner = c.ts.ancestorWithDef(type, md.def.owner);
  return owner && md.instantiation.length === 0 ? c.ts.methodDesc(owner, md.def, []) : md;
}

/** Where shared code finds its generic context. */
function genericContextOption(c: CompileContext, md: MethodDesc): number {
  if (!c.rt.isSharedCode(md)) return 0;
  if (md.instantiation.some((a) => c.ts.containsCanon(a))) return CorInfoOptions.CORINFO_GENERICS_CTXT_FROM_METHODDESC;
  if (md.isStatic || c.ts.isValueType(md.owner)) return CorInfoOptions.CORINFO_GENERICS_CTXT_FROM_METHODTABLE;
  return CorInfoOptions.CORINFO_GENERICS_CTXT_FROM_THIS;
}

export function getMethodInfo(c: CompileContext, ftn: CORINFO_METHOD_HANDLE, context?: CORINFO_CONTEXT_HANDLE): CORINFO_METHOD_INFO | null {
  const md = methodInContext(c, c.rt.methodOf(ftn), context);
  if (!md.def) return null;
  const b = methodBody(md.def);
  if (!b) return null;
  return {
    ftn: c.rt.methodHandle(md),
    scope: c.rt.moduleHandle(md.def.module),
    ILCode: b.code,
    maxStack: b.body.maxStack,
    EHcount: b.body.exceptionClauses.length,
    options: (b.body.initLocals ? CorInfoOptions.CORINFO_OPT_INIT_LOCALS : 0) | genericContextOption(c, md),
    regionKind: CorInfoRegionKind.CORINFO_REGION_NONE,
    args: methodSigInfo(c, md),
    locals: localSigInfo(c, md),
  };
}

export function getEHinfo(c: CompileContext, ftn: CORINFO_METHOD_HANDLE, n: number): CORINFO_EH_CLAUSE {
  const md = c.rt.methodOf(ftn);
  const clause = md.def ? methodBody(md.def)?.body.exceptionClauses[n] : undefined;
  if (!clause) throw new EEError('InvalidProgram', `${c.rt.names.methodName(md)} has no EH clause ${n}`);
  const F = CORINFO_EH_CLAUSE_FLAGS;
  const flags = { catch: F.CORINFO_EH_CLAUSE_NONE, filter: F.CORINFO_EH_CLAUSE_FILTER, finally: F.CORINFO_EH_CLAUSE_FINALLY, fault: F.CORINFO_EH_CLAUSE_FAULT }[clause.kind];
  return {
    flags,
    tryOffset: clause.tryOffset,
    tryLength: clause.tryLength,
    handlerOffset: clause.handlerOffset,
    handlerLength: clause.handlerLength,
    classTokenOrFilterOffset: clause.kind === 'filter' ? clause.filterOffset : clause.classToken,
  };
}

export function getMethodNameFromMetadata(c: CompileContext, ftn: CORINFO_METHOD_HANDLE): MethodNameFromMetadata {
  const md = c.rt.methodOf(ftn);
  if (!md.def) return { methodName: md.name, className: '', namespaceName: '', enclosingClassNames: [] };
  const owner = md.def.owner;
  const enclosing: string[] = [];
  let outermost = owner;
  for (let e = owner.enclosing; e; e = e.enclosing) {
    enclosing.push(e.name);
    outermost = e;
  }
  return { methodName: md.def.name, className: owner.name, namespaceName: outermost.namespace, enclosingClassNames: enclosing };
}

export function getMethodHash(c: CompileContext, ftn: CORINFO_METHOD_HANDLE): number {
  return fnv1a32(c.rt.names.methodName(c.rt.methodOf(ftn)));
}

export function getMethodVTableOffset(c: CompileContext, method: CORINFO_METHOD_HANDLE): CORINFO_VTABLE_OFFSET {
  const md = c.rt.methodOf(method);
  if (!md.def || !md.def.isVirtual) throw new EEError('NotSupported', `${c.rt.names.methodName(md)} is not virtual`);
  const slot = c.rt.vtables.slotOf(md.def);
  return {
    offsetOfIndirection: METHOD_TABLE_VTABLE_OFFSET + Math.floor(slot / VTABLE_CHUNK_SLOTS) * 8,
    offsetAfterIndirection: (slot % VTABLE_CHUNK_SLOTS) * 8,
    isRelative: false,
  };
}

/**
 * The EE's part of the inlining decision. It refuses methods it knows cannot
 * be inlined (NoInlining, synchronized, no IL, reported bad); in r2r mode it
 * also refuses callees outside the compiled method's assembly (the version
 * bubble) unless they are NonVersionable. Size and shape are the JIT's call.
 */
export function canInline(c: CompileContext, _caller: CORINFO_METHOD_HANDLE, callee: CORINFO_METHOD_HANDLE): CorInfoInline {
  const md = c.rt.methodOf(callee);
  const def = md.def;
  if (!def) return CorInfoInline.INLINE_NEVER;
  if (def.implFlags & MethodImplAttributes.NoInlining || c.badInlinees.has(md)) return CorInfoInline.INLINE_NEVER;
  if (def.implFlags & MethodImplAttributes.Synchronized) return CorInfoInline.INLINE_NEVER;
  if (!def.hasILBody) return CorInfoInline.INLINE_NEVER;
  if (c.mode === 'r2r' && def.module !== c.root.def?.module && !isNonVersionable(md)) return CorInfoInline.INLINE_FAIL;
  return CorInfoInline.INLINE_PASS;
}

export function reportInliningDecision(
  c: CompileContext,
  inliner: CORINFO_METHOD_HANDLE,
  inlinee: CORINFO_METHOD_HANDLE,
  result: CorInfoInline,
  reason: string,
): void {
  const name = (h: CORINFO_METHOD_HANDLE) => (isNullHandle(h) ? '<null>' : c.rt.names.methodName(c.rt.methodOf(h)));
  c.inliningDecisions.push({ inliner, inlinee, result, reason, inlinerName: name(inliner), inlineeName: name(inlinee) });
  if (result === CorInfoInline.INLINE_NEVER && !isNullHandle(inlinee)) c.badInlinees.add(c.rt.methodOf(inlinee));
}

export function canTailCall(c: CompileContext, caller: CORINFO_METHOD_HANDLE): boolean {
  const md = isNullHandle(caller) ? c.root : c.rt.methodOf(caller);
  return !(md.def && md.def.implFlags & MethodImplAttributes.Synchronized);
}

/**
 * Whether code must make sure a class is initialised before a field access
 * or call. The model never runs code: in jit mode a beforefieldinit class
 * counts as initialised by the EE at JIT time (CoreCLR runs such class
 * constructors eagerly); a class with precise initialisation needs the
 * helper, except from its own methods and for instance calls (an instance
 * exists, so the class constructor ran). In r2r mode a beforefieldinit
 * class is initialised by its static-base fixup.
 */
export function initClass(
  c: CompileContext,
  field: CORINFO_FIELD_HANDLE,
  method: CORINFO_METHOD_HANDLE,
  context: CORINFO_CONTEXT_HANDLE,
): CorInfoInitClassResult {
  const R = CorInfoInitClassResult;
  const { rt, ts } = c;
  let type: TypeDesc;
  const isFieldAccess = !isNullHandle(field);
  const called = isNullHandle(method) ? undefined : rt.methodOf(method);
  if (isFieldAccess) type = rt.fieldOf(field).owner;
  else if (called) type = called.owner;
  else type = c.root.owner;
  if (!isNullHandle(context) && contextIsClass(context) && type.kind === 'def') {
    const exact = ts.ancestorWithDef(rt.typeOf(contextClass(context)), type.def);
    if (exact) type = exact;
  }
  if (type.kind !== 'def') return R.CORINFO_INITCLASS_NOT_REQUIRED;
  const def = type.def;
  const needsInit = def.classConstructor !== undefined || (ts.category(def) !== 'interface' && staticLayout(ts, type).boxed.size > 0);
  if (!needsInit) return R.CORINFO_INITCLASS_NOT_REQUIRED;
  const precise = !def.isBeforeFieldInit;

  if (!isFieldAccess && called) {
    if (!precise) return R.CORINFO_INITCLASS_NOT_REQUIRED;
    if (!called.isStatic && !called.def?.isConstructor) return R.CORINFO_INITCLASS_NOT_REQUIRED;
  }
  if (!isFieldAccess && !called) {
    const sharedEntry = rt.isSharedCode(c.root) && precise && (c.root.isStatic || (c.root.def?.isConstructor ?? false));
    return sharedEntry ? R.CORINFO_INITCLASS_USE_HELPER : R.CORINFO_INITCLASS_NOT_REQUIRED;
  }
  if (precise && c.root.owner.kind === 'def' && c.root.owner.def === def) return R.CORINFO_INITCLASS_NOT_REQUIRED;
  if (ts.containsCanon(type)) return R.CORINFO_INITCLASS_USE_HELPER;
  if (!precise) return c.mode === 'jit' ? R.CORINFO_INITCLASS_INITIALIZED : R.CORINFO_INITCLASS_NOT_REQUIRED;
  return R.CORINFO_INITCLASS_USE_HELPER;
}

export function getBoundaries(): BoundariesRequest {
  return {
    ilOffsets: [],
    implicitBoundaries: BoundaryTypes.STACK_EMPTY_BOUNDARIES | BoundaryTypes.NOP_BOUNDARIES | BoundaryTypes.CALL_SITE_BOUNDARIES,
  };
}
