/**
 * Unwind information of a compiled function (the method body or a funclet):
 * the prolog's stack operations in the Windows x64 UNWIND_CODE vocabulary.
 * The near differ does not compare unwind info; it is kept for dumps and for
 * checking a prolog against its description.
 */

import type { CorJitFuncKind } from './enums.js';
import type { X64Register } from './registers.js';

/** x64 unwind operation codes (UNWIND_CODE.UnwindOp). */
export const UnwindOp = {
  UWOP_PUSH_NONVOL: 0,
  UWOP_ALLOC_LARGE: 1,
  UWOP_ALLOC_SMALL: 2,
  UWOP_SET_FPREG: 3,
  UWOP_SAVE_NONVOL: 4,
  UWOP_SAVE_NONVOL_FAR: 5,
  UWOP_SAVE_XMM128: 8,
  UWOP_SAVE_XMM128_FAR: 9,
  UWOP_PUSH_MACHFRAME: 10,
} as const;
export type UnwindOp = (typeof UnwindOp)[keyof typeof UnwindOp];

export interface UnwindCode {
  /** Offset in the prolog just after the instruction this code describes. */
  readonly codeOffset: number;
  readonly op: UnwindOp;
  /** Register pushed/saved/set (PUSH_NONVOL, SAVE_NONVOL, SET_FPREG). */
  readonly register?: X64Register;
  /** XMM register number (SAVE_XMM128). */
  readonly xmm?: number;
  /** Bytes allocated (ALLOC_*), or the save offset (SAVE_*). */
  readonly size?: number;
}

export interface UnwindInfo {
  readonly funcKind: CorJitFuncKind;
  /** Native range covered, relative to the start of the hot code. */
  readonly startOffset: number;
  readonly endOffset: number;
  readonly prologSize: number;
  /** Frame register established by UWOP_SET_FPREG, and its offset from rsp. */
  readonly frameRegister?: X64Register;
  readonly frameOffset?: number;
  /** In prolog order (the Windows format stores them reversed; this model does not). */
  readonly codes: readonly UnwindCode[];
}
