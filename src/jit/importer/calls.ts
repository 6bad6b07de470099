/**
 * call, callvirt, newobj, calli, jmp, ldftn, ldvirtftn.
 *
 * getCallInfo decides how a call is made: directly (through the entry point
 * getFunctionEntryPoint gives), through the vtable slot getMethodVTableOffset
 * names, through an interface dispatch stub cell, through a code pointer
 * looked up at run time, or through CORINFO_HELP_VIRTUAL_FUNC_PTR. Arguments
 * follow the Windows x64 rules (signature.ts) in the order this, return
 * buffer, generic context, IL arguments.
 */

import {
  CORINFO_ACCESS_FLAGS, CORINFO_CALLINFO_FLAGS, CORINFO_CALL_KIND, CORINFO_THIS_TRANSFORM, CorInfoHelpFunc,
  CorInfoMethodFlags, CorInfoClassFlags, CorInfoTokenKind, InfoAccessType, contextClass, contextIsClass, contextMethod,
  sigHasExplicitThis, sigHasThis, sigHasTypeArg, sigIsAsyncCall, sigIsVarArg,
  type CORINFO_CALL_INFO, type CORINFO_RESOLVED_TOKEN,
} from '../../jitee/index.js';
import { Prefix, hex4, type ILInstruction } from '../il/decode.js';
import { ILFormatError, JitLimitation } from '../il/il-error.js';
import { newVar, varOperand } from '../ir/method.js';
import type { CallArg, CallSiteInfo, CallTarget, Operand } from '../ir/ops.js';
import { T, stackTypeOf, structType, type IrType } from '../ir/types.js';
import { addressOfValue, callHelper, callReadyToRunHelper } from './helper-calls.js';
import { classHandleOperand, genericContextOperand, genericLookupKind, isSharedCode, lookupOperand, methodHandleOperand, runtimeLookupOperand } from './lookups.js';
import { boxValue } from './objects.js';
import { fullMethodName, passesByReference, returnsThroughBuffer, sigParams, sigReturnType, type SigParam } from './signature.js';
import type { ImportState, StackEntry } from './state.js';

const ALLOW_INST_PARAM = CORINFO_CALLINFO_FLAGS.CORINFO_CALLINFO_ALLOWINSTPARAM;

export function importCall(s: ImportState, ins: ILInstruction, isCallvirt: boolean): void {
  const token = s.resolveToken(ins.operand, CorInfoTokenKind.CORINFO_TOKENKIND_Method);
  const constrained = (ins.prefixes & Prefix.Constrained) !== 0
    ? s.resolveToken(ins.constrainedToken, CorInfoTokenKind.CORINFO_TOKENKIND_Constrained)
    : null;
  const flags = ALLOW_INST_PARAM | (isCallvirt ? CORINFO_CALLINFO_FLAGS.CORINFO_CALLINFO_CALLVIRT : 0);
  const ci = s.jit.getCallInfo(token, constrained, s.method.handle, flags);
  const params = checkedParams(s, ci);
  const args = s.popN(params.length);
  let thisEntry = hasImplicitThis(ci) ? s.pop() : undefined;
  if (thisEntry !== undefined && constrained !== null) thisEntry = transformThis(s, ci, constrained, thisEntry);
  emitMethodCall(s, token, ci, params, thisEntry, args, (ins.prefixes & Prefix.Tail) !== 0);
}

function hasImplicitThis(ci: CORINFO_CALL_INFO): boolean {
  return sigHasThis(ci.sig) && !sigHasExplicitThis(ci.sig);
}

function checkedParams(s: ImportState, ci: CORINFO_CALL_INFO): SigParam[] {
  if (sigIsVarArg(ci.sig)) throw new JitLimitation('vararg call');
  return sigParams(s.jit, s.ee, ci.sig);
}

/** constrained. calls: box the value, dereference the byref, or call the value type's own method with the byref. */
function transformThis(s: ImportState, ci: CORINFO_CALL_INFO, constrained: CORINFO_RESOLVED_TOKEN, entry: StackEntry): StackEntry {
  switch (ci.thisTransform) {
    case CORINFO_THIS_TRANSFORM.CORINFO_NO_THIS_TRANSFORM:
      return entry;
    case CORINFO_THIS_TRANSFORM.CORINFO_DEREF_THIS: {
      const dst = s.scratch(T.ref);
      s.emit({ op: 'load', dst, addr: entry.operand, offset: 0, type: T.ref });
      return { type: T.ref, operand: varOperand(s.method, dst) };
    }
    case CORINFO_THIS_TRANSFORM.CORINFO_BOX_THIS: {
      const type = s.ee.typeOfClass(constrained.hClass);
      const value = s.scratch(type);
      s.emit({ op: 'load', dst: value, addr: entry.operand, offset: 0, type });
      const boxed = boxValue(s, constrained, { type: stackTypeOf(type), operand: varOperand(s.method, value) });
      return { type: T.ref, operand: boxed };
    }
  }
}

/**
 * Emits a call of the method getCallInfo described, with `thisEntry`
 * (already transformed) and `args` (IL order), pushing its result.
 */
function emitMethodCall(
  s: ImportState, token: CORINFO_RESOLVED_TOKEN, ci: CORINFO_CALL_INFO, params: readonly SigParam[],
  thisEntry: StackEntry | undefined, args: readonly StackEntry[], tailPrefix: boolean,
): void {
  const isDelegateInvoke = (ci.methodFlags & CorInfoMethodFlags.CORINFO_FLG_DELEGATE_INVOKE) !== 0 && ci.kind === CORINFO_CALL_KIND.CORINFO_CALL;
  let thisOperand = thisEntry?.operand;
  let target: CallTarget;
  const name = fullMethodName(s.jit, s.ee, ci.hMethod, ci.sig, params);
  const info = { kind: 'method' as const, handle: ci.hMethod, name };
  if (isDelegateInvoke && thisOperand !== undefined) {
    // Delegate.Invoke: call the delegate's method pointer with its target object as `this`.
    const eeInfo = s.eeInfo;
    const fn = s.scratch(T.i);
    s.emit({ op: 'load', dst: fn, addr: thisOperand, offset: eeInfo.offsetOfDelegateFirstTarget, type: T.i });
    const instance = s.scratch(T.ref);
    s.emit({ op: 'load', dst: instance, addr: thisOperand, offset: eeInfo.offsetOfDelegateInstance, type: T.ref });
    thisOperand = varOperand(s.method, instance);
    target = { kind: 'pointer', pointer: varOperand(s.method, fn), info };
  } else {
    target = callTarget(s, token, ci, thisOperand, info);
  }
  // A delegate's loads fault on a null delegate by themselves; its target object may be null (static methods).
  if (ci.nullInstanceCheck && thisOperand !== undefined && target.kind !== 'vtable' && !isDelegateInvoke) s.emit({ op: 'nullCheck', src: thisOperand });

  const returnType = sigReturnType(s.ee, ci.sig);
  const abiArgs: CallArg[] = [];
  if (thisOperand !== undefined) abiArgs.push({ value: thisOperand, type: thisEntry!.type.kind === 'struct' ? T.byref : stackTypeOf(thisEntry!.type) });
  const site: CallSiteInfo = {
    method: ci.hMethod, sig: ci.sig, ilOffset: s.ins.offset, isAsyncCall: sigIsAsyncCall(ci.sig),
    inlineCandidate: ci.kind === CORINFO_CALL_KIND.CORINFO_CALL && !isDelegateInvoke
      && (ci.methodFlags & CorInfoMethodFlags.CORINFO_FLG_DONT_INLINE) === 0,
    tailPrefix: tailPrefix || undefined,
  };
  finishCall(s, target, abiArgs, instParamArg(s, token, ci), params, args, returnType, site);
}

/** Builds the remaining arguments (return buffer, generic context, IL arguments), emits the call and pushes its result. */
function finishCall(
  s: ImportState, target: CallTarget, abiArgs: CallArg[], instParam: CallArg | undefined, params: readonly SigParam[],
  args: readonly StackEntry[], returnType: IrType | undefined, site: CallSiteInfo,
): void {
  const resultDepth = s.stack.length;
  let bufferVar = -1;
  let bufferIsScratch = false;
  if (returnsThroughBuffer(returnType)) {
    bufferVar = s.stackTemp(resultDepth, returnType!);
    // The callee must not write its result over an argument it is still reading.
    if (args.some((a) => a.operand.k === 'var' && a.operand.id === bufferVar)) {
      bufferVar = s.scratch(returnType!);
      bufferIsScratch = true;
    }
    const addr = s.scratch(T.byref);
    s.emit({ op: 'addressOf', dst: addr, var: bufferVar });
    abiArgs.push({ value: varOperand(s.method, addr), type: T.byref });
  }
  if (instParam !== undefined) abiArgs.push(instParam);
  params.forEach((param, i) => abiArgs.push(argumentFor(s, param, args[i]!)));
  const call = { target, args: abiArgs, site };
  if (bufferVar >= 0) {
    s.emit({ op: 'call', call: { ...call, result: undefined } });
    if (bufferIsScratch) s.pushValue(returnType!, varOperand(s.method, bufferVar));
    else s.push(returnType!, varOperand(s.method, bufferVar));
    return;
  }
  if (returnType === undefined) s.emitCall(call, undefined);
  else s.emitCall(call, stackTypeOf(returnType), returnType);
}

/** One IL argument in ABI form: large structs by the address of a copy. */
function argumentFor(s: ImportState, param: SigParam, entry: StackEntry): CallArg {
  if (param.type.kind === 'struct') {
    if (entry.type.kind !== 'struct') throw new ILFormatError(`IL_${hex4(s.ins.offset)}: ${entry.type.kind} passed for a value type`);
    if (!passesByReference(param.type)) return { value: entry.operand, type: param.type };
    // The callee owns its copy: a stack temporary is dead after the call and can be passed as is; locals are copied.
    let copy = entry.operand;
    if (entry.operand.k !== 'var' || s.method.vars[entry.operand.id]!.role !== 'temp') {
      const tmp = s.scratch(param.type);
      s.emit({ op: 'copy', dst: tmp, src: entry.operand, type: param.type });
      copy = varOperand(s.method, tmp);
    }
    return { value: addressOfValue(s, copy, param.type, T.byref), type: T.byref };
  }
  return { value: entry.operand, type: stackTypeOf(param.type) };
}

/** The call target getCallInfo's kind asks for. */
function callTarget(
  s: ImportState, token: CORINFO_RESOLVED_TOKEN, ci: CORINFO_CALL_INFO, thisOperand: Operand | undefined,
  info: { kind: 'method'; handle: bigint; name: string },
): CallTarget {
  switch (ci.kind) {
    case CORINFO_CALL_KIND.CORINFO_CALL: {
      const lookup = s.jit.getFunctionEntryPoint(ci.hMethod, CORINFO_ACCESS_FLAGS.CORINFO_ACCESS_ANY);
      return { kind: 'lookup', lookup, info: { ...info, indirect: lookup.accessType !== InfoAccessType.IAT_VALUE } };
    }
    case CORINFO_CALL_KIND.CORINFO_VIRTUALCALL_VTABLE: {
      if (thisOperand === undefined) throw new ILFormatError(`IL_${hex4(s.ins.offset)}: virtual call without this`);
      const slot = s.jit.getMethodVTableOffset(ci.hMethod);
      if (slot.isRelative) throw new JitLimitation('relative vtable slots');
      return { kind: 'vtable', offsetOfIndirection: slot.offsetOfIndirection, offsetAfterIndirection: slot.offsetAfterIndirection, isRelative: false, info };
    }
    case CORINFO_CALL_KIND.CORINFO_VIRTUALCALL_STUB: {
      const lookup = ci.codePointerOrStubLookup;
      const cell = lookup.needsRuntimeLookup
        ? runtimeLookupOperand(s, lookup, 'stub cell')
        : s.ee.handleOperand(lookup.constLookup.handle, { ...info, indirect: true });
      return { kind: 'stub', cell, info: { ...info, indirect: true } };
    }
    case CORINFO_CALL_KIND.CORINFO_CALL_CODE_POINTER: {
      const lookup = ci.codePointerOrStubLookup;
      const pointer = lookup.needsRuntimeLookup ? runtimeLookupOperand(s, lookup, 'code pointer') : lookupOperand(s, lookup.constLookup, info);
      return { kind: 'pointer', pointer, info };
    }
    case CORINFO_CALL_KIND.CORINFO_VIRTUALCALL_LDVIRTFTN: {
      if (thisOperand === undefined) throw new ILFormatError(`IL_${hex4(s.ins.offset)}: virtual call without this`);
      const pointer = virtualFunctionPointer(s, token, ci, thisOperand);
      return { kind: 'pointer', pointer, info };
    }
  }
}

/** CORINFO_HELP_VIRTUAL_FUNC_PTR(object, class, method) — or its ReadyToRun cell — for ldvirtftn and generic virtual calls. */
function virtualFunctionPointer(s: ImportState, token: CORINFO_RESOLVED_TOKEN, ci: CORINFO_CALL_INFO, object: Operand): Operand {
  if (s.readyToRun) {
    const lookupKind = isSharedCode(s) ? { needsRuntimeLookup: true, runtimeLookupKind: genericLookupKind(s), runtimeLookupFlags: 0 } : null;
    const cell = s.jit.getReadyToRunHelper(token, lookupKind, CorInfoHelpFunc.CORINFO_HELP_READYTORUN_VIRTUAL_FUNC_PTR, s.method.handle);
    if (cell !== null) {
      return callReadyToRunHelper(s, cell, CorInfoHelpFunc.CORINFO_HELP_READYTORUN_VIRTUAL_FUNC_PTR, s.ee.methodName(ci.hMethod), [{ value: object, type: T.ref }], T.i);
    }
  }
  const cls = classHandleOperand(s, token.hClass, token);
  const method = methodHandleOperand(s, ci.hMethod, token, ci.exactContextNeedsRuntimeLookup);
  return callHelper(s, CorInfoHelpFunc.CORINFO_HELP_VIRTUAL_FUNC_PTR, [
    { value: object, type: T.ref }, { value: cls, type: T.i }, { value: method, type: T.i },
  ], T.i);
}

/** The generic context argument a shared callee needs (its exact class or method handle). */
function instParamArg(s: ImportState, token: CORINFO_RESOLVED_TOKEN, ci: CORINFO_CALL_INFO): CallArg | undefined {
  if (!sigHasTypeArg(ci.sig)) return undefined;
  if (ci.instParamLookup.handle !== 0n) {
    const name = `${s.ee.methodName(ci.hMethod)} instantiation`;
    return { value: lookupOperand(s, ci.instParamLookup, { kind: 'other', name }), type: T.i };
  }
  const ctx = ci.contextHandle;
  if (contextIsClass(ctx)) {
    const cls = contextClass(ctx);
    const value = ci.exactContextNeedsRuntimeLookup
      ? classHandleOperand(s, cls, { ...token, hClass: cls })
      : lookupOperand(s, s.jit.embedClassHandle(cls), { kind: 'class', handle: cls, name: s.ee.className(cls) });
    return { value, type: T.i };
  }
  const method = contextMethod(ctx);
  return { value: methodHandleOperand(s, method, token, ci.exactContextNeedsRuntimeLookup), type: T.i };
}

export function importNewobj(s: ImportState, ins: ILInstruction): void {
  const token = s.resolveToken(ins.operand, CorInfoTokenKind.CORINFO_TOKENKIND_NewObj);
  const ci = s.jit.getCallInfo(token, null, s.method.handle, ALLOW_INST_PARAM);
  const params = checkedParams(s, ci);
  const args = s.popN(params.length);
  const cls = token.hClass;
  const attribs = s.ee.classAttributes(cls);

  if ((attribs & CorInfoClassFlags.CORINFO_FLG_ARRAY) !== 0) {
    newMultiDimensionalArray(s, token, args);
    return;
  }
  if ((attribs & CorInfoClassFlags.CORINFO_FLG_VAROBJSIZE) !== 0) {
    // Strings: the constructor allocates and returns the object itself.
    const target = callTarget(s, token, ci, undefined, { kind: 'method', handle: ci.hMethod, name: s.ee.methodName(ci.hMethod) });
    const site: CallSiteInfo = { method: ci.hMethod, sig: ci.sig, ilOffset: ins.offset };
    finishCall(s, target, [], instParamArg(s, token, ci), params, args, T.ref, site);
    return;
  }
  const depth = s.stack.length;
  if ((attribs & CorInfoClassFlags.CORINFO_FLG_VALUECLASS) !== 0) {
    const type = s.ee.typeOfClass(cls);
    const stackType = stackTypeOf(type);
    let instance = s.stackTemp(depth, stackType);
    const aliased = args.some((a) => a.operand.k === 'var' && a.operand.id === instance);
    if (aliased) instance = s.scratch(stackType);
    s.emit({ op: 'zeroVar', var: instance });
    const addr = s.scratch(T.byref);
    s.emit({ op: 'addressOf', dst: addr, var: instance });
    emitMethodCall(s, token, ci, params, { type: T.byref, operand: varOperand(s.method, addr) }, args, false);
    if (aliased) s.pushValue(stackType, varOperand(s.method, instance));
    else s.push(stackType, varOperand(s.method, instance));
    return;
  }
  const object = allocate(s, token);
  emitMethodCall(s, token, ci, params, { type: T.ref, operand: object }, args, false);
  s.pushValue(T.ref, object);
}

/** Allocates an instance of the token's class (getNewHelper, or the ReadyToRun allocator cell). */
function allocate(s: ImportState, token: CORINFO_RESOLVED_TOKEN): Operand {
  if (s.readyToRun) {
    const lookupKind = isSharedCode(s) ? { needsRuntimeLookup: true, runtimeLookupKind: genericLookupKind(s), runtimeLookupFlags: 0 } : null;
    const cell = s.jit.getReadyToRunHelper(token, lookupKind, CorInfoHelpFunc.CORINFO_HELP_READYTORUN_NEW, s.method.handle);
    if (cell !== null) {
      const args = lookupKind !== null ? [{ value: genericContextOperand(s), type: T.i }] : [];
      return callReadyToRunHelper(s, cell, CorInfoHelpFunc.CORINFO_HELP_READYTORUN_NEW, s.ee.className(token.hClass), args, T.ref);
    }
  }
  const { helper } = s.jit.getNewHelper(token.hClass);
  const cls = classHandleOperand(s, token.hClass, token);
  return callHelper(s, helper, [{ value: cls, type: T.i }], T.ref);
}

/** newobj of a multi-dimensional array: CORINFO_HELP_NEW_MDARR(class, rank, dimensions as an int32 array). */
function newMultiDimensionalArray(s: ImportState, token: CORINFO_RESOLVED_TOKEN, args: readonly StackEntry[]): void {
  const block = newVar(s.method, 'temp', structType({ cls: 0n as never, size: 4 * args.length, gcPtrs: new Uint8Array(Math.ceil(args.length / 2)), hasGcPointers: false }));
  const addr = s.scratch(T.byref);
  s.emit({ op: 'addressOf', dst: addr, var: block.id });
  args.forEach((arg, i) => {
    s.emit({ op: 'store', addr: varOperand(s.method, addr), offset: 4 * i, src: arg.operand, type: T.i4, barrier: 'none' });
  });
  const cls = classHandleOperand(s, token.hClass, token);
  const result = callHelper(s, CorInfoHelpFunc.CORINFO_HELP_NEW_MDARR, [
    { value: cls, type: T.i }, { value: { k: 'int', value: BigInt(args.length), type: T.i4 }, type: T.i4 },
    { value: varOperand(s.method, addr), type: T.byref },
  ], T.ref);
  s.pushValue(T.ref, result);
}

export function importCalli(ins: ILInstruction): never {
  // The interface has no query that reads a stand-alone call-site signature (findSig).
  throw new JitLimitation('calli', `IL_${hex4(ins.offset)}: no interface query describes a stand-alone signature`);
}

export function importJmp(s: ImportState, ins: ILInstruction): void {
  if (s.stack.length !== 0) throw new ILFormatError(`IL_${hex4(ins.offset)}: jmp with a non-empty stack`);
  if (s.ilClauses.length > 0) throw new ILFormatError(`IL_${hex4(ins.offset)}: jmp in a method with EH clauses`);
  const token = s.resolveToken(ins.operand, CorInfoTokenKind.CORINFO_TOKENKIND_Method);
  const lookup = s.jit.getFunctionEntryPoint(token.hMethod, CORINFO_ACCESS_FLAGS.CORINFO_ACCESS_ANY);
  const name = s.ee.methodName(token.hMethod);
  s.emit({
    op: 'tailJump',
    target: { kind: 'lookup', lookup, info: { kind: 'method', handle: token.hMethod, name, indirect: lookup.accessType !== InfoAccessType.IAT_VALUE } },
  });
}

export function importLdftn(s: ImportState, ins: ILInstruction): void {
  const token = s.resolveToken(ins.operand, CorInfoTokenKind.CORINFO_TOKENKIND_Method);
  const ci = s.jit.getCallInfo(token, null, s.method.handle, ALLOW_INST_PARAM | CORINFO_CALLINFO_FLAGS.CORINFO_CALLINFO_LDFTN);
  s.pushValue(T.i, functionPointer(s, ci));
}

function functionPointer(s: ImportState, ci: CORINFO_CALL_INFO): Operand {
  const name = s.ee.methodName(ci.hMethod);
  if (ci.kind === CORINFO_CALL_KIND.CORINFO_CALL_CODE_POINTER && ci.codePointerOrStubLookup.needsRuntimeLookup) {
    return runtimeLookupOperand(s, ci.codePointerOrStubLookup, 'function pointer');
  }
  const lookup = s.jit.getFunctionEntryPoint(ci.hMethod, CORINFO_ACCESS_FLAGS.CORINFO_ACCESS_LDFTN);
  return lookupOperand(s, lookup, { kind: 'method', handle: ci.hMethod, name });
}

export function importLdvirtftn(s: ImportState, ins: ILInstruction): void {
  const object = s.pop();
  const token = s.resolveToken(ins.operand, CorInfoTokenKind.CORINFO_TOKENKIND_Ldvirtftn);
  const ci = s.jit.getCallInfo(token, null, s.method.handle,
    ALLOW_INST_PARAM | CORINFO_CALLINFO_FLAGS.CORINFO_CALLINFO_LDFTN | CORINFO_CALLINFO_FLAGS.CORINFO_CALLINFO_CALLVIRT);
  const virtual = (ci.methodFlags & CorInfoMethodFlags.CORINFO_FLG_VIRTUAL) !== 0
    && (ci.methodFlags & CorInfoMethodFlags.CORINFO_FLG_FINAL) === 0;
  if (!virtual) {
    s.emit({ op: 'nullCheck', src: object.operand });
    s.pushValue(T.i, functionPointer(s, ci));
    return;
  }
  s.pushValue(T.i, virtualFunctionPointer(s, token, ci, object.operand));
}
