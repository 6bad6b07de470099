/**
 * The runtime-async transformation (README.md): for a method whose
 * attributes carry CORINFO_FLG_ASYNC, add the continuation cell argument,
 * capture the contexts at entry, wrap the body in a try/fault that restores
 * them, restore them on the merged return, and give every suspension point a
 * suspend block and a resume block.
 */

import {
  CORINFO_ACCESS_FLAGS, CorInfoHelpFunc, type CORINFO_CLASS_HANDLE, CorInfoMethodFlags, CorInfoOptions, InfoAccessType, sigHasThis,
} from '../../jitee/index.js';
import type { IrPass, PassContext } from '../compile/compile-method.js';
import { NULL_REF, i4, insertBlockAfter, newBlock, newVar, varOperand, type IrBlock, type IrMethod } from '../ir/method.js';
import type { CallArg, HandleOperand, IrOp, Operand } from '../ir/ops.js';
import { T } from '../ir/types.js';
import { addEntryBlock, wrapBodyInTry } from '../ir/wrap-body.js';
import type { ContextCallBinder, ContextCallBinding, ContextOperation } from './context-calls.js';
import { continuationFields, layoutDataArea, type ContinuationFields, type SavedVariable } from './continuation-layout.js';
import { branchToSuspend, rewriteSuspensionPoints, type SuspensionPoint } from './suspension-points.js';

/** The pass of one build: `binder` decides how the context operations are called. */
export function runtimeAsyncPass(binder: ContextCallBinder): IrPass {
  return (context) => {
    if ((context.jit.getMethodAttribs(context.info.ftn) & CorInfoMethodFlags.CORINFO_FLG_ASYNC) === 0) return;
    transformAsyncMethod(context, binder);
  };
}

/** Variables the transformation adds. */
interface AsyncVars {
  /** Hidden argument: the address of the caller's continuation cell. */
  readonly cell: number;
  /** The continuation this method was resumed with (null on a fresh call). */
  readonly continuation: number;
  /** 1 when entered with a continuation. */
  readonly resumed: number;
  readonly executionContext: number;
  readonly synchronizationContext: number;
  readonly calleeContinuation: number;
  readonly calleeCellAddress: number;
  readonly newContinuation: number;
  readonly firstAddress: number;
  readonly secondAddress: number;
  readonly pointer: number;
  readonly state: number;
  readonly object: number;
}

type KeepAlive = 'none' | 'method' | 'class';

interface Transformation {
  readonly context: PassContext;
  readonly method: IrMethod;
  readonly calls: ContextCallBinding;
  readonly vars: AsyncVars;
  readonly fields: ContinuationFields;
  readonly saved: readonly SavedVariable[];
  readonly keepAlive: KeepAlive;
}

function transformAsyncMethod(context: PassContext, binder: ContextCallBinder): void {
  const { jit, ee, method, info } = context;
  const saved = savedVariables(method);
  const asyncInfo = jit.getAsyncInfo();
  const fields = continuationFields(jit, asyncInfo);
  const calls = binder(context, asyncInfo);
  const vars = addVariables(method, sigHasThis(info.args));
  const keepAlive = keepAliveKind(info.options);
  const t: Transformation = { context, method, calls, vars, fields, saved, keepAlive };

  const points = rewriteSuspensionPoints(method, ee, vars);
  const firstBodyBlock = method.layout[0]!;
  const wrapped = wrapBodyInTry(method, 'fault');
  wrapped.handler.ops.push(restoreContexts(t), { op: 'endFinally', clause: wrapped.clause });
  wrapped.returnBlock.ops.unshift(
    // A normal return leaves no continuation for the caller.
    { op: 'store', addr: varOperand(method, vars.cell), offset: 0, src: NULL_REF, type: T.ref, barrier: 'none' },
    restoreContexts(t),
  );

  const entry = addEntryBlock(method);
  entry.ops.pop();
  entry.ops.push(
    { op: 'load', dst: vars.continuation, addr: varOperand(method, vars.cell), offset: 0, type: T.ref },
    { op: 'compare', cond: 'ne', type: 'ref', dst: vars.resumed, a: varOperand(method, vars.continuation), b: NULL_REF },
    { op: 'addressOf', dst: vars.firstAddress, var: vars.executionContext },
    { op: 'addressOf', dst: vars.secondAddress, var: vars.synchronizationContext },
    contextCall(t, 'captureContextsMethHnd', [byref(method, vars.firstAddress), byref(method, vars.secondAddress)]),
  );
  if (points.length === 0) {
    entry.ops.push({ op: 'jump', target: firstBodyBlock });
    return;
  }

  const returnValue = wrapped.result >= 0 ? varOperand(method, wrapped.result) : undefined;
  const suspendReturn = appendBlock(method);
  suspendReturn.ops.push({ op: 'return', value: returnValue, type: method.returnType });
  const resumeInfo = resumeInfoOperand(t);
  const resumeBlocks = points.map((point) => {
    const suspend = appendBlock(method);
    buildSuspend(t, point, suspend, suspendReturn.id, resumeInfo);
    branchToSuspend(method, point, suspend.id);
    return point;
  }).map((point) => buildResume(t, point));
  const rethrow = appendBlock(method);
  rethrow.ops.push({ op: 'throw', call: helperCall(t, CorInfoHelpFunc.CORINFO_HELP_THROWEXACT, [ref(method, vars.object)]) });
  for (const resume of resumeBlocks) resume.exceptionBranch.ifTrue = rethrow.id;

  const dispatch = appendBlock(method);
  dispatchOnState(t, dispatch, resumeBlocks.map((r) => r.first));
  entry.ops.push({ op: 'branch', cond: 'true', type: 'i4', a: varOperand(method, vars.resumed), b: undefined, ifTrue: dispatch.id, ifFalse: firstBodyBlock });
}

/** Tier0 keeps every IL argument and local, every evaluation-stack slot and the generic context across a suspension. */
function savedVariables(method: IrMethod): SavedVariable[] {
  const saved: SavedVariable[] = [];
  for (const v of method.vars) {
    const keep = v.role === 'arg' || v.role === 'local' || (v.role === 'temp' && v.stackDepth >= 0) || v.hidden === 'genericContext';
    if (!keep) continue;
    // A byref cannot live in the heap; the model keeps its bits (README.md, limitations).
    saved.push({ var: v.id, type: v.type.kind === 'byref' ? T.i : v.type });
  }
  return saved;
}

function keepAliveKind(options: number): KeepAlive {
  switch (options & CorInfoOptions.CORINFO_GENERICS_CTXT_MASK) {
    case CorInfoOptions.CORINFO_GENERICS_CTXT_FROM_METHODDESC: return 'method';
    case CorInfoOptions.CORINFO_GENERICS_CTXT_FROM_METHODTABLE: case CorInfoOptions.CORINFO_GENERICS_CTXT_FROM_THIS: return 'class';
    default: return 'none';
  }
}

function addVariables(method: IrMethod, hasThis: boolean): AsyncVars {
  const cell = newVar(method, 'hidden', T.byref).id;
  // ABI: this, return buffer, generic context, continuation cell, IL arguments.
  const position = (hasThis ? 1 : 0) + (method.returnBuffer >= 0 ? 1 : 0) + (method.genericContext >= 0 ? 1 : 0);
  method.abiArgs.splice(position, 0, cell);
  method.abiArgs.forEach((id, i) => { method.vars[id]!.abiIndex = i; });
  const addressTaken = (type: typeof T.ref) => {
    const v = newVar(method, 'temp', type);
    v.addressTaken = true;
    return v.id;
  };
  return {
    cell,
    continuation: newVar(method, 'temp', T.ref).id,
    resumed: newVar(method, 'temp', T.i4).id,
    executionContext: addressTaken(T.ref),
    synchronizationContext: addressTaken(T.ref),
    calleeContinuation: addressTaken(T.ref),
    calleeCellAddress: newVar(method, 'temp', T.byref).id,
    newContinuation: newVar(method, 'temp', T.ref).id,
    firstAddress: newVar(method, 'temp', T.byref).id,
    secondAddress: newVar(method, 'temp', T.byref).id,
    pointer: newVar(method, 'temp', T.i).id,
    state: newVar(method, 'temp', T.i4).id,
    object: newVar(method, 'temp', T.ref).id,
  };
}

function appendBlock(method: IrMethod): IrBlock {
  const block = newBlock(method, -1);
  insertBlockAfter(method, method.layout[method.layout.length - 1]!, block.id);
  return block;
}

const byref = (method: IrMethod, id: number): CallArg => ({ value: varOperand(method, id), type: T.byref });
const ref = (method: IrMethod, id: number): CallArg => ({ value: varOperand(method, id), type: T.ref });

function contextCall(t: Transformation, operation: ContextOperation, args: readonly CallArg[], result?: number): IrOp {
  const { target, site } = t.calls.bind(operation);
  return { op: 'call', call: { target, args, result: result === undefined ? undefined : { dst: result, type: T.ref }, site } };
}

function helperCall(t: Transformation, helper: CorInfoHelpFunc, args: readonly CallArg[], result?: number) {
  return { target: t.context.ee.helper(helper), args, result: result === undefined ? undefined : { dst: result, type: T.ref }, site: { ilOffset: -1, helper } };
}

/** RestoreContexts(resumed, exec, sync) / RestoreContextsOnSuspension(resumed, exec, sync). */
function restoreContexts(t: Transformation, operation: ContextOperation = 'restoreContextsMethHnd'): IrOp {
  const { method, vars } = t;
  return contextCall(t, operation, [
    { value: varOperand(method, vars.resumed), type: T.i4 },
    ref(method, vars.executionContext),
    ref(method, vars.synchronizationContext),
  ]);
}

/** ResumeInfo: the resumption stub's entry (its address, or the cell holding it), the same for every suspension point. */
function resumeInfoOperand(t: Transformation): HandleOperand {
  const { jit, ee } = t.context;
  const stub = jit.getAsyncResumptionStub();
  const lookup = jit.getFunctionEntryPoint(stub, CORINFO_ACCESS_FLAGS.CORINFO_ACCESS_ANY);
  return ee.handleOperand(lookup.handle, { kind: 'method', handle: stub, name: ee.methodName(stub), indirect: lookup.accessType !== InfoAccessType.IAT_VALUE });
}

/** The class handle of a continuation type as an operand (loaded from its cell when the EE gives one). */
function classHandleOperand(t: Transformation, block: IrBlock, cls: CORINFO_CLASS_HANDLE): Operand {
  const { jit, ee } = t.context;
  const lookup = jit.embedClassHandle(cls);
  const handle = ee.handleOperand(lookup.handle, { kind: 'class', handle: cls, name: ee.className(cls), indirect: lookup.accessType !== InfoAccessType.IAT_VALUE });
  if (lookup.accessType === InfoAccessType.IAT_VALUE) return handle;
  block.ops.push({ op: 'load', dst: t.vars.pointer, addr: handle, offset: 0, type: T.i });
  return varOperand(t.method, t.vars.pointer);
}

function dataArea(t: Transformation, point: SuspensionPoint) {
  return layoutDataArea(t.fields, t.saved, point.result?.type, t.keepAlive !== 'none');
}

function buildSuspend(t: Transformation, point: SuspensionPoint, block: IrBlock, exit: number, resumeInfo: HandleOperand): void {
  const { method, vars, fields } = t;
  const area = dataArea(t, point);
  const cls = t.context.jit.getContinuationType(area.dataSize, area.objRefs);
  const contMT: CallArg = { value: classHandleOperand(t, block, cls), type: T.i };
  const prev = ref(method, vars.calleeContinuation);
  const cont = varOperand(method, vars.newContinuation);
  if (t.keepAlive === 'none') {
    block.ops.push({ op: 'call', call: helperCall(t, CorInfoHelpFunc.CORINFO_HELP_ALLOC_CONTINUATION, [prev, contMT], vars.newContinuation) });
  } else {
    const helper = t.keepAlive === 'method' ? CorInfoHelpFunc.CORINFO_HELP_ALLOC_CONTINUATION_METHOD : CorInfoHelpFunc.CORINFO_HELP_ALLOC_CONTINUATION_CLASS;
    const keepAliveOffset: CallArg = { value: i4(area.keepAliveOffset!), type: T.i4 };
    block.ops.push({ op: 'call', call: helperCall(t, helper, [prev, contMT, keepAliveOffset, { value: genericContextOperand(t, block), type: T.i }], vars.newContinuation) });
  }
  block.ops.push(
    { op: 'store', addr: cont, offset: fields.resumeInfo, src: resumeInfo, type: T.i, barrier: 'none' },
    { op: 'store', addr: cont, offset: fields.state, src: i4(point.state), type: T.i4, barrier: 'none' },
    { op: 'store', addr: cont, offset: fields.flags, src: i4(area.flags), type: T.i4, barrier: 'none' },
  );
  for (const s of area.saved) {
    block.ops.push({ op: 'store', addr: cont, offset: s.offset, src: savedValue(t, s.var, s.type), type: s.type, barrier: needsBarrier(s.type) ? 'unchecked' : 'none' });
  }
  block.ops.push(
    { op: 'offsetAddress', dst: vars.firstAddress, base: cont, offset: area.continuationContextOffset },
    { op: 'offsetAddress', dst: vars.secondAddress, base: cont, offset: fields.flags },
    contextCall(t, 'captureContinuationContextMethHnd', [byref(method, vars.firstAddress), byref(method, vars.secondAddress)]),
    contextCall(t, 'captureExecutionContextMethHnd', [], vars.object),
    { op: 'store', addr: cont, offset: area.executionContextOffset, src: varOperand(method, vars.object), type: T.ref, barrier: 'unchecked' },
    restoreContexts(t, 'restoreContextsOnSuspensionMethHnd'),
    { op: 'store', addr: varOperand(method, vars.cell), offset: 0, src: cont, type: T.ref, barrier: 'checked' },
    { op: 'jump', target: exit },
  );
}

/** The generic context the keep-alive helper gets: the hidden argument, or the method table of `this`. */
function genericContextOperand(t: Transformation, block: IrBlock): Operand {
  const { method, vars } = t;
  if (method.genericContext >= 0) return varOperand(method, method.genericContext);
  block.ops.push({ op: 'load', dst: vars.pointer, addr: varOperand(method, method.abiArgs[0]!), offset: 0, type: T.i });
  return varOperand(method, vars.pointer);
}

function needsBarrier(type: typeof T.ref): boolean {
  return type.kind === 'ref' || (type.kind === 'struct' && type.layout!.hasGcPointers);
}

/** A saved variable as stored: byrefs are reinterpreted as native ints. */
function savedValue(t: Transformation, id: number, type: typeof T.ref): Operand {
  const operand = varOperand(t.method, id);
  return type.kind === t.method.vars[id]!.type.kind ? operand : { ...operand, type };
}

interface ResumeBlocks {
  readonly first: number;
  readonly exceptionBranch: { ifTrue: number };
}

function buildResume(t: Transformation, point: SuspensionPoint): ResumeBlocks {
  const { method, vars } = t;
  const area = dataArea(t, point);
  const cont = varOperand(method, vars.continuation);
  const restore = appendBlock(method);
  restore.ops.push(
    { op: 'load', dst: vars.object, addr: cont, offset: area.executionContextOffset, type: T.ref },
    contextCall(t, 'restoreExecutionContextMethHnd', [ref(method, vars.object)]),
  );
  for (const s of area.saved) {
    const dst = method.vars[s.var]!;
    if (dst.type.kind === s.type.kind) {
      restore.ops.push({ op: 'load', dst: s.var, addr: cont, offset: s.offset, type: s.type });
    } else {
      restore.ops.push({ op: 'load', dst: vars.pointer, addr: cont, offset: s.offset, type: T.i }, { op: 'copy', dst: s.var, src: varOperand(method, vars.pointer), type: dst.type });
    }
  }
  restore.ops.push({ op: 'load', dst: vars.object, addr: cont, offset: area.exceptionOffset, type: T.ref });
  const resultBlock = appendBlock(method);
  const exceptionBranch = {
    op: 'branch' as const, cond: 'ne' as const, type: 'ref' as const, a: varOperand(method, vars.object), b: NULL_REF,
    ifTrue: -1, ifFalse: resultBlock.id,
  };
  restore.ops.push(exceptionBranch);
  if (point.result !== undefined && area.result !== undefined) {
    resultBlock.ops.push({ op: 'load', dst: point.result.var, addr: cont, offset: area.result.offset, type: area.result.type });
  }
  resultBlock.ops.push({ op: 'jump', target: point.continueBlock });
  return { first: restore.id, exceptionBranch };
}

/** switch (continuation.State): the last suspension point is the default. */
function dispatchOnState(t: Transformation, block: IrBlock, resumeBlocks: readonly number[]): void {
  const { method, vars, fields } = t;
  if (resumeBlocks.length === 1) {
    block.ops.push({ op: 'jump', target: resumeBlocks[0]! });
    return;
  }
  block.ops.push(
    { op: 'load', dst: vars.state, addr: varOperand(method, vars.continuation), offset: fields.state, type: T.i4 },
    { op: 'switch', value: varOperand(method, vars.state), targets: resumeBlocks.slice(0, -1), otherwise: resumeBlocks[resumeBlocks.length - 1]! },
  );
}
