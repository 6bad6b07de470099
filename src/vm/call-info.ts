/**
 * getCallInfo: how to call the method a resolved token names.
 *
 * - static and non-virtual instance methods, and virtual methods called
 *   with `call`: a direct call (CORINFO_CALL); callvirt on a non-virtual
 *   method asks the JIT for the null check;
 * - virtual methods that cannot be overridden (final, or of a sealed class
 *   or a value type) are devirtualised to a direct call with a null check;
 * - other virtual class methods: through the vtable
 *   (CORINFO_VIRTUALCALL_VTABLE, slot from getMethodVTableOffset); in r2r
 *   mode only when the method's class is in the version bubble, otherwise
 *   through a VirtualEntry import cell (CORINFO_VIRTUALCALL_STUB);
 * - interface methods: a dispatch stub cell (CORINFO_VIRTUALCALL_STUB);
 * - generic virtual methods and ldvirtftn: CORINFO_VIRTUALCALL_LDVIRTFTN;
 * - constrained. calls: on a value type that implements the method itself,
 *   a direct call to that implementation (`this` stays a byref); on a value
 *   type that inherits it, box `this`; on a reference type, dereference
 *   `this`.
 * The signature carries CORINFO_CALLCONV_PARAMTYPE when the code that runs
 * (the canonical form) needs a hidden instantiation argument; the exact
 * context goes in contextHandle (and instParamLookup). In shared code whose
 * callee context mentions __Canon, the exact context must be looked up at
 * run time (exactContextNeedsRuntimeLookup; stub cells then come from a
 * runtime lookup through CORINFO_HELP_RUNTIMEHANDLE_*).
 */

import {
  CORINFO_CALLINFO_FLAGS,
  CORINFO_CALL_KIND,
  CORINFO_RUNTIME_LOOKUP_KIND,
  CORINFO_THIS_TRANSFORM,
  CORINFO_USEHELPER,
  type CORINFO_CALL_INFO,
  type CORINFO_CONTEXT_HANDLE,
  type CORINFO_LOOKUP,
  type CORINFO_METHOD_HANDLE,
  type CORINFO_RESOLVED_TOKEN,
  type CodeAddress,
  CorInfoHelpFunc,
  CorInfoIsAccessAllowedResult,
  NULL_CONST_LOOKUP,
  ReadyToRunFixupKind,
  classContext,
  directLookup,
  indirectLookup,
  isNullHandle,
  methodContext,
} from '../jitee/index.js';
import type { CompileContext } from './compile-context.js';
import type { MethodDesc } from './member-desc.js';
import { methodAttribs } from './method-attributes.js';
import { methodSigInfo } from './signature-info.js';
import { classAttribs } from './type-classification.js';

const NO_LOOKUP: CORINFO_LOOKUP = Object.freeze({ needsRuntimeLookup: false, constLookup: NULL_CONST_LOOKUP });

/** Where the compiled method's shared code finds its generic context. */
export function runtimeLookupKind(c: CompileContext): CORINFO_RUNTIME_LOOKUP_KIND {
  const root = c.root;
  if (root.instantiation.some((a) => c.ts.containsCanon(a))) return CORINFO_RUNTIME_LOOKUP_KIND.CORINFO_LOOKUP_METHODPARAM;
  if (root.isStatic || c.ts.isValueType(root.owner)) return CORINFO_RUNTIME_LOOKUP_KIND.CORINFO_LOOKUP_CLASSPARAM;
  return CORINFO_RUNTIME_LOOKUP_KIND.CORINFO_LOOKUP_THISOBJ;
}

function runtimeLookup(c: CompileContext, md: MethodDesc): CORINFO_LOOKUP {
  const kind = runtimeLookupKind(c);
  return {
    needsRuntimeLookup: true,
    runtimeLookupKind: kind,
    runtimeLookupFlags: 0,
    runtimeLookup: {
      signature: c.rt.methodHandle(md),
      helper: kind === CORINFO_RUNTIME_LOOKUP_KIND.CORINFO_LOOKUP_METHODPARAM ? CorInfoHelpFunc.CORINFO_HELP_RUNTIMEHANDLE_METHOD : CorInfoHelpFunc.CORINFO_HELP_RUNTIMEHANDLE_CLASS,
      indirections: CORINFO_USEHELPER,
      testForNull: false,
      sizeOffset: 0,
      offsets: [],
      indirectFirstOffset: false,
      indirectSecondOffset: false,
    },
  };
}

export function getCallInfo(
  c: CompileContext,
  token: CORINFO_RESOLVED_TOKEN,
  constrained: CORINFO_RESOLVED_TOKEN | null,
  _callerHandle: CORINFO_METHOD_HANDLE,
  flags: number,
): CORINFO_CALL_INFO {
  const { rt, ts } = c;
  let md = rt.methodOf(token.hMethod);
  const callvirt = (flags & CORINFO_CALLINFO_FLAGS.CORINFO_CALLINFO_CALLVIRT) !== 0;
  const ldftn = (flags & CORINFO_CALLINFO_FLAGS.CORINFO_CALLINFO_LDFTN) !== 0;

  let thisTransform: CORINFO_THIS_TRANSFORM = CORINFO_THIS_TRANSFORM.CORINFO_NO_THIS_TRANSFORM;
  let constrainedToValueType = false;
  if (constrained && !isNullHandle(constrained.hClass)) {
    const ct = rt.typeOf(constrained.hClass);
    if (ts.isValueType(ct)) {
      const impl = md.def?.isVirtual ? rt.vtables.resolve(ct, md) : undefined;
      if (impl && impl.owner === ct) {
        md = impl;
        constrainedToValueType = true;
      } else {
        thisTransform = CORINFO_THIS_TRANSFORM.CORINFO_BOX_THIS;
      }
    } else {
      thisTransform = CORINFO_THIS_TRANSFORM.CORINFO_DEREF_THIS;
    }
  }

  const def = md.def;
  const isVirtual = def !== undefined && def.isVirtual && !def.isStatic;
  let kind: CORINFO_CALL_KIND = CORINFO_CALL_KIND.CORINFO_CALL;
  let nullInstanceCheck = false;
  if (!md.isStatic && !constrainedToValueType && callvirt) nullInstanceCheck = true;
  if (isVirtual && callvirt && !constrainedToValueType) {
    const owner = md.owner;
    const cannotOverride = def.isFinal || (owner.kind === 'def' && (owner.def.isSealed || ts.isValueType(owner)));
    const isInterface = owner.kind === 'def' && ts.category(owner.def) === 'interface';
    if (cannotOverride && !isInterface) kind = CORINFO_CALL_KIND.CORINFO_CALL;
    else if (md.instantiation.length > 0 || ldftn) kind = CORINFO_CALL_KIND.CORINFO_VIRTUALCALL_LDVIRTFTN;
    else if (isInterface) kind = CORINFO_CALL_KIND.CORINFO_VIRTUALCALL_STUB;
    else if (c.mode === 'r2r' && def.module !== c.root.def?.module) kind = CORINFO_CALL_KIND.CORINFO_VIRTUALCALL_STUB;
    else kind = CORINFO_CALL_KIND.CORINFO_VIRTUALCALL_VTABLE;
  }

  const code = rt.canonicalMethod(md);
  // ldftn of shared code hands out an instantiating entry, so only direct calls pass the argument.
  const paramType = rt.requiresInstArg(code) && kind === CORINFO_CALL_KIND.CORINFO_CALL && !ldftn;
  const sig = methodSigInfo(c, md, { paramType });
  const exactContextNeedsRuntimeLookup = rt.isSharedCode(c.root) && (ts.containsCanon(md.owner) || md.instantiation.some((a) => ts.containsCanon(a)));
  const contextHandle: CORINFO_CONTEXT_HANDLE = md.instantiation.length > 0 ? methodContext(rt.methodHandle(md)) : classContext(rt.classHandle(md.owner));

  let codePointerOrStubLookup = NO_LOOKUP;
  if (kind === CORINFO_CALL_KIND.CORINFO_VIRTUALCALL_STUB) {
    if (exactContextNeedsRuntimeLookup) codePointerOrStubLookup = runtimeLookup(c, md);
    else {
      const cell =
        c.mode === 'r2r'
          ? c.imports.virtualEntry(md)
          : rt.importCell('other', `dispatch:${c.root.key}->${md.key}`, undefined, `dispatch cell of ${rt.names.methodName(md)} in ${rt.names.methodName(c.root)}`);
      codePointerOrStubLookup = { needsRuntimeLookup: false, constLookup: indirectLookup(cell) };
    }
  }

  let instParamLookup = NULL_CONST_LOOKUP;
  if (paramType && !exactContextNeedsRuntimeLookup) {
    const byMethod = md.instantiation.length > 0;
    if (c.mode === 'r2r') {
      const fixup = byMethod ? ReadyToRunFixupKind.READYTORUN_FIXUP_MethodDictionary : ReadyToRunFixupKind.READYTORUN_FIXUP_TypeDictionary;
      instParamLookup = indirectLookup(c.imports.specialised(fixup, 'DictionaryLookup', byMethod ? md : md.owner));
    } else {
      instParamLookup = directLookup((byMethod ? rt.methodHandle(md) : rt.classHandle(md.owner)) as bigint as CodeAddress);
    }
  }

  return {
    hMethod: rt.methodHandle(md),
    methodFlags: methodAttribs(c, md),
    classFlags: classAttribs(c, md.owner),
    sig,
    accessAllowed: CorInfoIsAccessAllowedResult.CORINFO_ACCESS_ALLOWED,
    thisTransform,
    kind,
    nullInstanceCheck,
    contextHandle,
    exactContextNeedsRuntimeLookup,
    codePointerOrStubLookup,
    instParamLookup,
    wrapperDelegateInvoke: false,
  };
}
