/**
 * Walking signatures through the interface (getArgType / getArgNext) into IR
 * types, and the Windows x64 rules for passing and returning value types.
 */

import {
  PRIMITIVE_TYPE_NAMES,
  CorInfoType, isTypePinned, sigHasThis, stripTypeMods, type CORINFO_CLASS_HANDLE, type CORINFO_METHOD_HANDLE,
  type CORINFO_SIG_INFO, type JitInterface,
} from '../../jitee/index.js';
import type { IrType } from '../ir/types.js';
import type { EECache } from './ee-cache.js';

export interface SigParam {
  readonly type: IrType;
  readonly corType: CorInfoType;
  readonly cls: CORINFO_CLASS_HANDLE;
  readonly pinned: boolean;
}

/** The parameters (or locals, for a local signature) of `sig`, in order. */
export function sigParams(jit: JitInterface, ee: EECache, sig: CORINFO_SIG_INFO): SigParam[] {
  const params: SigParam[] = [];
  let arg = sig.args;
  for (let i = 0; i < sig.numArgs; i++) {
    if (i > 0) arg = jit.getArgNext(arg);
    const { type: withMods, argClass } = jit.getArgType(sig, arg);
    const corType = stripTypeMods(withMods);
    params.push({ type: ee.typeOf(corType, argClass), corType, cls: argClass, pinned: isTypePinned(withMods) });
  }
  return params;
}

/** The return type of `sig`, or undefined for void. */
export function sigReturnType(ee: EECache, sig: CORINFO_SIG_INFO): IrType | undefined {
  if (sig.retType === CorInfoType.CORINFO_TYPE_VOID) return undefined;
  return ee.typeOf(sig.retType, sig.retTypeClass);
}

/**
 * Windows x64: a value type of 1, 2, 4 or 8 bytes travels in a register (or
 * stack slot) like an integer; any other size is passed as a pointer to a
 * copy the caller makes, and returned through a hidden buffer the caller
 * passes.
 */
export function isRegisterSizedStruct(type: IrType): boolean {
  if (type.kind !== 'struct') return false;
  const size = type.layout!.size;
  return size === 1 || size === 2 || size === 4 || size === 8;
}

export function passesByReference(type: IrType): boolean {
  return type.kind === 'struct' && !isRegisterSizedStruct(type);
}

export function returnsThroughBuffer(type: IrType | undefined): boolean {
  return type !== undefined && type.kind === 'struct' && !isRegisterSizedStruct(type);
}

/** RyuJIT's type names in method signatures: the shared primitive names plus the non-primitive kinds. */
const TYPE_NAMES: Partial<Record<CorInfoType, string>> = {
  ...PRIMITIVE_TYPE_NAMES,
  [CorInfoType.CORINFO_TYPE_STRING]: 'System.String',
  [CorInfoType.CORINFO_TYPE_PTR]: 'long',
  [CorInfoType.CORINFO_TYPE_BYREF]: 'byref',
  [CorInfoType.CORINFO_TYPE_CLASS]: 'ref',
  [CorInfoType.CORINFO_TYPE_REFANY]: 'System.TypedReference',
  [CorInfoType.CORINFO_TYPE_VAR]: 'var',
};

/** RyuJIT-style type name in method signatures (`int`, `ubyte`, `byref`, a class's full name). */
export function corTypeName(ee: EECache, corType: CorInfoType, cls: CORINFO_CLASS_HANDLE): string {
  if (corType === CorInfoType.CORINFO_TYPE_VALUECLASS || corType === CorInfoType.CORINFO_TYPE_CLASS) {
    return cls === 0n ? (corType === CorInfoType.CORINFO_TYPE_CLASS ? 'ref' : 'struct') : ee.className(cls);
  }
  return TYPE_NAMES[corType] ?? `type${corType}`;
}

/** Names of primitive generic arguments inside brackets (`[int]`, `[nint]`). */
const ARGUMENT_NAMES: Partial<Record<CorInfoType, string>> = {
  ...TYPE_NAMES,
  [CorInfoType.CORINFO_TYPE_NATIVEINT]: 'nint',
  [CorInfoType.CORINFO_TYPE_NATIVEUINT]: 'nuint',
};

function genericArgumentName(jit: JitInterface, ee: EECache, cls: CORINFO_CLASS_HANDLE): string {
  if (ee.isValueClass(cls)) {
    const primitive = ARGUMENT_NAMES[jit.asCorInfoType(cls)];
    if (primitive !== undefined && primitive !== 'ref' && primitive !== 'byref') return primitive;
  }
  return ee.className(cls);
}

/**
 * RyuJIT's full method name: `Namespace.Class[args]:Method[margs](argtypes):ret`,
 * `:this` for instance methods, the return type left out for void.
 */
export function fullMethodName(jit: JitInterface, ee: EECache, ftn: CORINFO_METHOD_HANDLE, sig: CORINFO_SIG_INFO, params: readonly SigParam[]): string {
  const owner = ee.className(ee.methodClass(ftn));
  const inst = sig.sigInst.methInst.length === 0 ? '' : `[${sig.sigInst.methInst.map((c) => genericArgumentName(jit, ee, c)).join(',')}]`;
  const args = params.map((p) => corTypeName(ee, p.corType, p.cls)).join(',');
  const ret = sig.retType === CorInfoType.CORINFO_TYPE_VOID ? ''
    : `:${corTypeName(ee, sig.retType, sig.retType === CorInfoType.CORINFO_TYPE_CLASS ? sig.retTypeSigClass : sig.retTypeClass)}`;
  return `${owner}:${ee.metadataName(ftn).methodName}${inst}(${args})${ret}${sigHasThis(sig) ? ':this' : ''}`;
}
