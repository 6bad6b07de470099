/**
 * Where things are in a continuation object: the Continuation fields (from
 * getFieldOffset on getAsyncInfo's field handles, fields 1–5 of both
 * layouts) and the data area the JIT lays out for each suspension point.
 *
 * Data area (offsets from the object start, every entry pointer aligned):
 *
 *     slot 0   exception          ref   the dispatcher stores the callee's exception here
 *     slot 1   continuation ctx   ref   CaptureContinuationContext's first argument
 *     slot 2   execution ctx      ref   CaptureExecutionContext's result
 *     slot 3   keep-alive         ref   only for shared generic code (AllocContinuationMethod/Class fill it)
 *     next     callee's result          when the call returns a value (the dispatcher stores it)
 *     next     saved variables          in variable order, each rounded up to 8 bytes
 *
 * Flags records the exception, continuation-context and result slots in
 * three 4-bit fields (1 + slot index), the encoding corlib's
 * Continuation.*SlotShift constants define; CaptureContinuationContext adds
 * the ContinueOn* bits at run time.
 */

import {
  CorInfoGCType, type CORINFO_ASYNC_INFO, type CORINFO_CLASS_HANDLE, type CORINFO_FIELD_HANDLE, type JitInterface,
} from '../../jitee/index.js';
import type { IrType } from '../ir/types.js';
import { T, sizeOfType } from '../ir/types.js';

const POINTER = 8;

/** corlib's Continuation.ExceptionSlotShift, ContinuationContextSlotShift, ResultSlotShift. */
const EXCEPTION_SLOT_SHIFT = 3;
const CONTINUATION_CONTEXT_SLOT_SHIFT = 7;
const RESULT_SLOT_SHIFT = 11;
const SLOT_FIELD_MAX = 0xf;

export interface ContinuationFields {
  readonly cls: CORINFO_CLASS_HANDLE;
  readonly next: number;
  readonly resumeInfo: number;
  readonly flags: number;
  readonly state: number;
  /** First byte of the data area: the end of the four fields, pointer aligned. */
  readonly dataOffset: number;
}

export function continuationFields(jit: JitInterface, info: CORINFO_ASYNC_INFO): ContinuationFields {
  const offset = (field: CORINFO_FIELD_HANDLE) => jit.getFieldOffset(field);
  const next = offset(info.continuationNextFldHnd);
  const resumeInfo = offset(info.continuationResumeInfoFldHnd);
  const state = offset(info.continuationStateFldHnd);
  const flags = offset(info.continuationFlagsFldHnd);
  const end = Math.max(next + POINTER, resumeInfo + POINTER, state + 4, flags + 4);
  return { cls: info.continuationClsHnd, next, resumeInfo, flags, state, dataOffset: alignUp(end) };
}

/** A variable kept in the continuation across a suspension point. */
export interface SavedVariable {
  readonly var: number;
  /** How it is stored: its own type, except byrefs, which are kept as native ints. */
  readonly type: IrType;
}

export interface PlacedVariable extends SavedVariable {
  readonly offset: number;
}

export interface DataArea {
  readonly exceptionOffset: number;
  readonly continuationContextOffset: number;
  readonly executionContextOffset: number;
  /** Offset of the keep-alive slot, for shared generic code. */
  readonly keepAliveOffset: number | undefined;
  readonly result: { readonly offset: number; readonly type: IrType } | undefined;
  readonly saved: readonly PlacedVariable[];
  /** getContinuationType's arguments. */
  readonly dataSize: number;
  readonly objRefs: readonly boolean[];
  /** The slot fields of Flags. */
  readonly flags: number;
}

function alignUp(n: number): number {
  return Math.ceil(n / POINTER) * POINTER;
}

/** Pointer-sized slots a value occupies and which of them hold object references. */
function refSlotsOf(type: IrType): boolean[] {
  const slots = Math.max(1, alignUp(sizeOfType(type)) / POINTER);
  if (type.kind === 'ref') return [true];
  if (type.kind !== 'struct') return new Array<boolean>(slots).fill(false);
  const gc = type.layout!.gcPtrs;
  return Array.from({ length: slots }, (_, i) => gc[i] === CorInfoGCType.TYPE_GC_REF);
}

export function layoutDataArea(
  fields: ContinuationFields, saved: readonly SavedVariable[], resultType: IrType | undefined, keepAlive: boolean,
): DataArea {
  const objRefs: boolean[] = [];
  const place = (type: IrType): number => {
    const slot = objRefs.length;
    objRefs.push(...refSlotsOf(type));
    return slot;
  };
  const at = (slot: number) => fields.dataOffset + slot * POINTER;
  const exceptionSlot = place(T.ref);
  const contextSlot = place(T.ref);
  const executionSlot = place(T.ref);
  const keepAliveSlot = keepAlive ? place(T.ref) : undefined;
  const resultSlot = resultType === undefined ? undefined : place(resultType);
  const placed = saved.map((v) => ({ ...v, offset: at(place(v.type)) }));
  if (resultSlot !== undefined && resultSlot + 1 > SLOT_FIELD_MAX) throw new Error('result slot beyond the Flags encoding');
  const flags = ((exceptionSlot + 1) << EXCEPTION_SLOT_SHIFT)
    | ((contextSlot + 1) << CONTINUATION_CONTEXT_SLOT_SHIFT)
    | (resultSlot === undefined ? 0 : (resultSlot + 1) << RESULT_SLOT_SHIFT);
  return {
    exceptionOffset: at(exceptionSlot),
    continuationContextOffset: at(contextSlot),
    executionContextOffset: at(executionSlot),
    keepAliveOffset: keepAliveSlot === undefined ? undefined : at(keepAliveSlot),
    result: resultType === undefined ? undefined : { offset: at(resultSlot!), type: resultType },
    saved: placed,
    dataSize: objRefs.length * POINTER,
    objRefs,
    flags,
  };
}
