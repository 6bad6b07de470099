/** CorInfoMethodFlags of a method, from its metadata flags, impl flags and attributes. */

import { MethodAttributes, MethodImplAttributes } from '../ecma/index.js';
import { CorInfoMethodFlags } from '../jitee/index.js';
import type { CompileContext } from './compile-context.js';
import type { MethodDesc } from './member-desc.js';
import { isDelegateType } from './type-classification.js';

export function isIntrinsicMethod(md: MethodDesc): boolean {
  return md.def?.hasAttribute('System.Runtime.CompilerServices', 'IntrinsicAttribute') ?? false;
}

export function isNonVersionable(md: MethodDesc): boolean {
  return md.def?.hasAttribute('System.Runtime.Versioning', 'NonVersionableAttribute') ?? false;
}

export function methodAttribs(c: CompileContext, md: MethodDesc): number {
  md._attribs ??= staticMethodAttribs(c, md);
  return c.badInlinees.has(md) ? md._attribs | CorInfoMethodFlags.CORINFO_FLG_DONT_INLINE : md._attribs;
}

/** The flags that depend only on the method (not on the compile). */
function staticMethodAttribs(c: CompileContext, md: MethodDesc): number {
  const F = CorInfoMethodFlags;
  const def = md.def;
  if (!def) {
    const kind = md.synthetic!.kind;
    if (kind === 'arrayCtor') return F.CORINFO_FLG_CONSTRUCTOR;
    if (kind === 'resumptionStub') return F.CORINFO_FLG_STATIC | F.CORINFO_FLG_DONT_INLINE;
    return 0;
  }
  let flags = 0;
  if (def.isStatic) flags |= F.CORINFO_FLG_STATIC;
  if (def.isVirtual) {
    flags |= F.CORINFO_FLG_VIRTUAL;
    if (def.isFinal || def.owner.isSealed) flags |= F.CORINFO_FLG_FINAL;
  }
  if (def.isAbstract) flags |= F.CORINFO_FLG_ABSTRACT;
  if (def.implFlags & MethodImplAttributes.Synchronized) flags |= F.CORINFO_FLG_SYNCHRONIZED;
  if (def.isPInvoke) flags |= F.CORINFO_FLG_PINVOKE | F.CORINFO_FLG_NATIVE;
  if (def.isInternalCall) flags |= F.CORINFO_FLG_NATIVE;
  const access = def.flags & MethodAttributes.MemberAccessMask;
  if (access === MethodAttributes.Family || access === MethodAttributes.FamORAssem || access === MethodAttributes.FamANDAssem) flags |= F.CORINFO_FLG_PROTECTED;
  if (def.isConstructor) flags |= F.CORINFO_FLG_CONSTRUCTOR;
  if (def.implFlags & MethodImplAttributes.AggressiveInlining) flags |= F.CORINFO_FLG_FORCEINLINE;
  if (def.implFlags & MethodImplAttributes.NoInlining) flags |= F.CORINFO_FLG_DONT_INLINE;
  if (def.implFlags & MethodImplAttributes.AggressiveOptimization) flags |= F.CORINFO_FLG_AGGRESSIVE_OPT;
  if (isIntrinsicMethod(md)) flags |= F.CORINFO_FLG_INTRINSIC;
  if (def.isAsync) flags |= F.CORINFO_FLG_ASYNC;
  if (c.rt.isSharedCode(md)) flags |= F.CORINFO_FLG_SHAREDINST;
  if (def.name === 'Invoke' && isDelegateType(c.ts, md.owner)) flags |= F.CORINFO_FLG_DELEGATE_INVOKE;
  return flags;
}
