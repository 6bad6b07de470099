/**
 * CORINFO_SIG_INFO for method and local signatures, and the argument-list
 * walk (getArgNext/getArgType/getArgClass) over the lists they register.
 */

import {
  type ArgTypeInfo,
  type CORINFO_ARG_LIST_HANDLE,
  type CORINFO_CLASS_HANDLE,
  type CORINFO_SIG_INFO,
  CORINFO_SIGFLAGS,
  CorInfoCallConv,
  CorInfoType,
  CorInfoTypeWithMod,
  NULL_CLASS_HANDLE,
} from '../jitee/index.js';
import type { CompileContext } from './compile-context.js';
import type { MethodDesc } from './member-desc.js';
import type { Runtime } from './runtime.js';
import { corInfoTypeOf } from './type-classification.js';
import type { TypeDesc } from './type-desc.js';

export interface SigOptions {
  /** Add CORINFO_CALLCONV_PARAMTYPE: the call passes a hidden instantiation argument. */
  readonly paramType: boolean;
}

/** The class handle the JIT wants next to a CorInfoType: value classes and references; none for primitives. */
export function classForCorInfoType(rt: Runtime, t: TypeDesc, type: CorInfoType): CORINFO_CLASS_HANDLE {
  if (type === CorInfoType.CORINFO_TYPE_VALUECLASS || type === CorInfoType.CORINFO_TYPE_CLASS || type === CorInfoType.CORINFO_TYPE_REFANY) return rt.classHandle(t);
  return NULL_CLASS_HANDLE;
}

/** A method's signature; `paramType` defaults to whether the method itself is shared code needing an instantiation argument. */
export function methodSigInfo(c: CompileContext, md: MethodDesc, options?: SigOptions): CORINFO_SIG_INFO {
  const paramType = options?.paramType ?? c.rt.requiresInstArg(md);
  const slot = paramType ? 1 : 0;
  return (md._sigInfo[slot] ??= buildMethodSigInfo(c, md, paramType)) as CORINFO_SIG_INFO;
}

function buildMethodSigInfo(c: CompileContext, md: MethodDesc, paramType: boolean): CORINFO_SIG_INFO {
  const { rt, ts } = c;
  const sig = ts.methodSignature(md);
  let callConv = sig.callingConvention;
  if (sig.genericParamCount > 0) callConv |= CorInfoCallConv.CORINFO_CALLCONV_GENERIC;
  if (sig.hasThis) callConv |= CorInfoCallConv.CORINFO_CALLCONV_HASTHIS;
  if (sig.explicitThis) callConv |= CorInfoCallConv.CORINFO_CALLCONV_EXPLICITTHIS;
  if (paramType) callConv |= CorInfoCallConv.CORINFO_CALLCONV_PARAMTYPE;
  if (md.def?.isAsync) callConv |= CorInfoCallConv.CORINFO_CALLCONV_ASYNCCALL;
  const retType = corInfoTypeOf(ts, sig.returnType);
  const ret = sig.returnType;
  const owner = md.owner;
  return {
    callConv,
    retTypeClass: retType === CorInfoType.CORINFO_TYPE_VALUECLASS || retType === CorInfoType.CORINFO_TYPE_REFANY ? rt.classHandle(ret) : NULL_CLASS_HANDLE,
    retTypeSigClass: ret.kind === 'def' && ts.isValueType(ret) && ts.category(ret.def) !== 'primitive' ? rt.classHandle(ret) : NULL_CLASS_HANDLE,
    retType,
    flags: 0,
    numArgs: sig.params.length,
    sigInst: {
      classInst: owner.kind === 'def' ? owner.instantiation.map((a) => rt.classHandle(a)) : [],
      methInst: md.instantiation.map((a) => rt.classHandle(a)),
    },
    args: rt.argLists.first(`args:${md.key}`, sig.params),
    pSig: sig.blob,
    scope: rt.moduleHandle(sig.module),
    token: sig.token,
  };
}

/** The locals of a method body as a CORINFO_SIG_INFO (CORINFO_SIGFLAG_IS_LOCAL_SIG). */
export function localSigInfo(c: CompileContext, md: MethodDesc): CORINFO_SIG_INFO {
  const { rt, ts } = c;
  const locals = ts.localSignature(md);
  const owner = md.owner;
  return {
    callConv: CorInfoCallConv.CORINFO_CALLCONV_LOCAL_SIG,
    retTypeClass: NULL_CLASS_HANDLE,
    retTypeSigClass: NULL_CLASS_HANDLE,
    retType: CorInfoType.CORINFO_TYPE_VOID,
    flags: CORINFO_SIGFLAGS.CORINFO_SIGFLAG_IS_LOCAL_SIG,
    numArgs: locals.types.length,
    sigInst: {
      classInst: owner.kind === 'def' ? owner.instantiation.map((a) => rt.classHandle(a)) : [],
      methInst: md.instantiation.map((a) => rt.classHandle(a)),
    },
    args: rt.argLists.first(`locals:${md.key}`, locals.types, locals.pinned),
    pSig: locals.blob,
    scope: rt.moduleHandle(locals.module),
    token: locals.token,
  };
}

/** The next position; positions are only checked when read, so stepping past the end is harmless. */
export function argNext(args: CORINFO_ARG_LIST_HANDLE): CORINFO_ARG_LIST_HANDLE {
  return (args + 8n) as CORINFO_ARG_LIST_HANDLE;
}

export function argType(c: CompileContext, args: CORINFO_ARG_LIST_HANDLE): ArgTypeInfo {
  const { list, index } = c.rt.argLists.lookup(args);
  const t = list.types[index]!;
  const type = corInfoTypeOf(c.ts, t);
  const pinned = list.pinned[index] ? CorInfoTypeWithMod.CORINFO_TYPE_MOD_PINNED : 0;
  return { type: type | pinned, argClass: classForCorInfoType(c.rt, t, type) };
}

/** The argument's class; for a byref or pointer, the class it points to. */
export function argClass(c: CompileContext, args: CORINFO_ARG_LIST_HANDLE): CORINFO_CLASS_HANDLE {
  const { list, index } = c.rt.argLists.lookup(args);
  const t = list.types[index]!;
  if (t.kind === 'byref' || t.kind === 'ptr') return t.element.kind === 'fnptr' ? NULL_CLASS_HANDLE : c.rt.classHandle(t.element);
  if (t.kind === 'fnptr') return NULL_CLASS_HANDLE;
  return c.rt.classHandle(t);
}
