/**
 * GC information of a compiled method: which registers and stack slots hold
 * object references, and where. Slots are listed once in `slots`; everything
 * else refers to them by index, so two results compare entry by entry.
 * Only call sites are safe points (the model JITs do not produce fully
 * interruptible code, but the shape allows it).
 */

import type { X64Register } from './registers.js';

/** Base of a stack slot's offset. */
export type GcStackBase =
  /** The stack pointer after the prolog. */
  | 'sp'
  /** The frame register (rbp when the method has a frame pointer). */
  | 'frame'
  /** The caller's stack pointer (incoming argument area). */
  | 'caller-sp';

export type GcSlotLocation =
  | { readonly kind: 'register'; readonly register: X64Register }
  | { readonly kind: 'stack'; readonly base: GcStackBase; readonly offset: number };

export interface GcSlot {
  readonly location: GcSlotLocation;
  /** 'ref': an object reference; 'byref': an interior pointer (managed pointer). */
  readonly gcType: 'ref' | 'byref';
  /** The object must not move while the slot is live. */
  readonly pinned?: boolean;
}

/** A safe point: the return-address offset of a call and the tracked slots live across it. */
export interface GcSafePoint {
  /** Native offset just after the call instruction. */
  readonly codeOffset: number;
  /** Indexes into GcInfo.slots. */
  readonly liveSlots: readonly number[];
}

export interface GcInfo {
  /** Size of the hot code the info describes. */
  readonly codeSize: number;
  /** Register stack slots are addressed from: rbp with a frame pointer, rsp otherwise. */
  readonly frameRegister: 'rsp' | 'rbp';
  readonly fullyInterruptible: boolean;
  readonly slots: readonly GcSlot[];
  /** Indexes of stack slots live for the whole method body (reported at every safe point). */
  readonly untrackedSlots: readonly number[];
  /** In ascending codeOffset order. */
  readonly safePoints: readonly GcSafePoint[];
  /** Stack slot holding the generic context, when it must be kept alive. */
  readonly genericsContextSlot?: GcSlotLocation;
}

export const EMPTY_GC_INFO: GcInfo = Object.freeze({
  codeSize: 0,
  frameRegister: 'rsp',
  fullyInterruptible: false,
  slots: Object.freeze([]),
  untrackedSlots: Object.freeze([]),
  safePoints: Object.freeze([]),
});
