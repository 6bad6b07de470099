/**
 * Turning EE lookups into operands: constant lookups (a value, or one or two
 * cells to load it from), generic dictionary lookups in shared code, and
 * the class and method handles helpers take as arguments.
 *
 * Shared generic code: a class handle needs a run-time lookup when the
 * method's code is shared (its generic context comes from `this`, a method
 * desc or a method table) and the class is the canonical form of a shared
 * instantiation or a type variable (CORINFO_FLG_SHAREDINST /
 * CORINFO_FLG_GENERIC_TYPE_VARIABLE). The JIT-EE interface of this project
 * has no embedGenericHandle, so such a handle comes from the ReadyToRun
 * generic-handle helper when the EE offers one (getReadyToRunHelper with
 * CORINFO_HELP_READYTORUN_GENERIC_HANDLE), and otherwise from
 * CORINFO_HELP_RUNTIMEHANDLE_CLASS/_METHOD called with the generic context
 * and the canonical handle standing in for the dictionary signature.
 */

import {
  CORINFO_RUNTIME_LOOKUP_KIND, CORINFO_USEHELPER, CorInfoClassFlags, CorInfoHelpFunc, CorInfoOptions, InfoAccessType,
  type CORINFO_CLASS_HANDLE, type CORINFO_CONST_LOOKUP, type CORINFO_LOOKUP, type CORINFO_METHOD_HANDLE,
  type CORINFO_RESOLVED_TOKEN,
} from '../../jitee/index.js';
import { JitLimitation } from '../il/il-error.js';
import { varOperand } from '../ir/method.js';
import type { Operand, TargetInfo } from '../ir/ops.js';
import { T, type IrType } from '../ir/types.js';
import type { ImportState } from './state.js';

/** The value a constant lookup stands for, as an operand of `type`. */
export function lookupOperand(s: ImportState, lookup: CORINFO_CONST_LOOKUP, info: TargetInfo, type: IrType = T.i): Operand {
  const cellInfo: TargetInfo = { ...info, indirect: lookup.accessType !== InfoAccessType.IAT_VALUE };
  switch (lookup.accessType) {
    case InfoAccessType.IAT_VALUE:
      return s.ee.handleOperand(lookup.handle, cellInfo, type);
    case InfoAccessType.IAT_PVALUE:
      return loadFrom(s, s.ee.handleOperand(lookup.handle, cellInfo), type);
    case InfoAccessType.IAT_PPVALUE:
      return loadFrom(s, loadFrom(s, s.ee.handleOperand(lookup.handle, cellInfo), T.i), type);
    case InfoAccessType.IAT_RELPVALUE: {
      const cell = s.ee.handleOperand(lookup.handle, cellInfo);
      const delta = loadFrom(s, cell, T.i);
      const dst = s.scratch(type);
      s.emit({ op: 'binary', oper: 'add', type: 'i', dst, a: delta, b: cell });
      return varOperand(s.method, dst);
    }
  }
}

function loadFrom(s: ImportState, addr: Operand, type: IrType): Operand {
  const dst = s.scratch(type);
  s.emit({ op: 'load', dst, addr, offset: 0, type });
  return varOperand(s.method, dst);
}

export function isSharedCode(s: ImportState): boolean {
  return (s.info.options & CorInfoOptions.CORINFO_GENERICS_CTXT_MASK) !== 0;
}

/** Where this method's generic context comes from, as a runtime lookup kind. */
export function genericLookupKind(s: ImportState): CORINFO_RUNTIME_LOOKUP_KIND {
  const options = s.info.options;
  if ((options & CorInfoOptions.CORINFO_GENERICS_CTXT_FROM_THIS) !== 0) return CORINFO_RUNTIME_LOOKUP_KIND.CORINFO_LOOKUP_THISOBJ;
  if ((options & CorInfoOptions.CORINFO_GENERICS_CTXT_FROM_METHODDESC) !== 0) return CORINFO_RUNTIME_LOOKUP_KIND.CORINFO_LOOKUP_METHODPARAM;
  if ((options & CorInfoOptions.CORINFO_GENERICS_CTXT_FROM_METHODTABLE) !== 0) return CORINFO_RUNTIME_LOOKUP_KIND.CORINFO_LOOKUP_CLASSPARAM;
  throw new JitLimitation('runtime lookup outside shared generic code');
}

/** The generic context (method table of `this`, or the hidden argument) as an i operand. */
export function genericContextOperand(s: ImportState, kind: CORINFO_RUNTIME_LOOKUP_KIND = genericLookupKind(s)): Operand {
  if (kind === CORINFO_RUNTIME_LOOKUP_KIND.CORINFO_LOOKUP_THISOBJ) {
    const thisVar = s.argVars[0];
    if (thisVar === undefined) throw new JitLimitation('runtime lookup outside shared generic code', 'no this');
    const dst = s.scratch(T.i);
    s.emit({ op: 'load', dst, addr: varOperand(s.method, thisVar), offset: 0, type: T.i });
    return varOperand(s.method, dst);
  }
  if (s.method.genericContext < 0) throw new JitLimitation('runtime lookup outside shared generic code', 'no generic context argument');
  return varOperand(s.method, s.method.genericContext);
}

/** A generic dictionary lookup the EE described (getCallInfo's codePointerOrStubLookup). */
export function runtimeLookupOperand(s: ImportState, lookup: Extract<CORINFO_LOOKUP, { needsRuntimeLookup: true }>, what: string): Operand {
  const rt = lookup.runtimeLookup;
  if (lookup.runtimeLookupKind === CORINFO_RUNTIME_LOOKUP_KIND.CORINFO_LOOKUP_NOT_SUPPORTED) {
    throw new JitLimitation('runtime lookup not supported', what);
  }
  if (rt.indirectFirstOffset || rt.indirectSecondOffset) throw new JitLimitation('indirect runtime lookup offsets', what);
  const context = genericContextOperand(s, lookup.runtimeLookupKind);
  const offsets = rt.indirections === CORINFO_USEHELPER ? [] : rt.offsets.slice(0, rt.indirections);
  const dst = s.scratch(T.i);
  s.emit({
    op: 'runtimeLookup', dst, context, offsets, testForNull: rt.testForNull || offsets.length === 0,
    helper: s.ee.helper(rt.helper), signature: s.ee.handleOperand(rt.signature, { kind: 'other', name: `${what} signature` }),
  });
  return varOperand(s.method, dst);
}

/** True when `cls` must be looked up at run time from this method's generic context. */
export function classNeedsRuntimeLookup(s: ImportState, cls: CORINFO_CLASS_HANDLE): boolean {
  if (!isSharedCode(s)) return false;
  const attribs = s.ee.classAttributes(cls);
  return (attribs & (CorInfoClassFlags.CORINFO_FLG_SHAREDINST | CorInfoClassFlags.CORINFO_FLG_GENERIC_TYPE_VARIABLE)) !== 0;
}

/** The class handle (method table) of `cls` as an i operand, looked up at run time in shared code. */
export function classHandleOperand(s: ImportState, cls: CORINFO_CLASS_HANDLE, token: CORINFO_RESOLVED_TOKEN | undefined): Operand {
  if (token !== undefined && classNeedsRuntimeLookup(s, cls)) {
    return genericHandleLookup(s, token, CorInfoHelpFunc.CORINFO_HELP_RUNTIMEHANDLE_CLASS, s.jit.embedClassHandle(cls), s.ee.className(cls));
  }
  return lookupOperand(s, s.jit.embedClassHandle(cls), { kind: 'class', handle: cls, name: s.ee.className(cls) });
}

/** The method handle of `method` as an i operand (a run-time lookup when the exact context needs one). */
export function methodHandleOperand(
  s: ImportState, method: CORINFO_METHOD_HANDLE, token: CORINFO_RESOLVED_TOKEN | undefined, needsRuntimeLookup: boolean,
): Operand {
  const embedded = s.jit.embedMethodHandle(method);
  if (token !== undefined && needsRuntimeLookup && isSharedCode(s)) {
    return genericHandleLookup(s, token, CorInfoHelpFunc.CORINFO_HELP_RUNTIMEHANDLE_METHOD, embedded, s.ee.methodName(method));
  }
  return lookupOperand(s, embedded, { kind: 'method', handle: method, name: s.ee.methodName(method) });
}

function genericHandleLookup(
  s: ImportState, token: CORINFO_RESOLVED_TOKEN, fallbackHelper: CorInfoHelpFunc, canonical: CORINFO_CONST_LOOKUP, name: string,
): Operand {
  const kind = genericLookupKind(s);
  const r2r = s.jit.getReadyToRunHelper(
    token, { needsRuntimeLookup: true, runtimeLookupKind: kind, runtimeLookupFlags: 0 },
    CorInfoHelpFunc.CORINFO_HELP_READYTORUN_GENERIC_HANDLE, s.method.handle,
  );
  const context = genericContextOperand(s, kind);
  const dst = s.scratch(T.i);
  if (r2r !== null) {
    const info: TargetInfo = {
      kind: 'helper', helper: CorInfoHelpFunc.CORINFO_HELP_READYTORUN_GENERIC_HANDLE, name: `CORINFO_HELP_READYTORUN_GENERIC_HANDLE (${name})`,
      indirect: r2r.accessType !== InfoAccessType.IAT_VALUE,
    };
    s.emit({
      op: 'call',
      call: {
        target: { kind: 'lookup', lookup: r2r, info }, args: [{ value: context, type: T.i }],
        result: { dst, type: T.i }, site: { ilOffset: s.ins.offset, helper: CorInfoHelpFunc.CORINFO_HELP_READYTORUN_GENERIC_HANDLE },
      },
    });
    return varOperand(s.method, dst);
  }
  const signature = lookupOperand(s, canonical, { kind: fallbackHelper === CorInfoHelpFunc.CORINFO_HELP_RUNTIMEHANDLE_CLASS ? 'class' : 'method', name });
  s.emit({ op: 'runtimeLookup', dst, context, offsets: [], testForNull: true, helper: s.ee.helper(fallbackHelper), signature });
  return varOperand(s.method, dst);
}
