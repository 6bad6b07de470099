/**
 * Debug information a JIT reports: the IL-to-native offset map
 * (setBoundaries) and where variables live (setVars).
 */

import type { X64Register } from './registers.js';

/** Special IL offsets of an OffsetMapping. */
export const MappingTypes = {
  NO_MAPPING: -1,
  PROLOG: -2,
  EPILOG: -3,
} as const;

/** OffsetMapping.source bits. */
export const SourceTypes = {
  SOURCE_TYPE_INVALID: 0x00,
  SEQUENCE_POINT: 0x01,
  STACK_EMPTY: 0x02,
  CALL_SITE: 0x04,
  NATIVE_END_OFFSET_UNKNOWN: 0x08,
  CALL_INSTRUCTION: 0x10,
} as const;

/** Which IL offsets the EE wants mapped (getBoundaries' implicitBoundaries bits). */
export const BoundaryTypes = {
  NO_BOUNDARIES: 0x00,
  STACK_EMPTY_BOUNDARIES: 0x01,
  NOP_BOUNDARIES: 0x02,
  CALL_SITE_BOUNDARIES: 0x04,
} as const;

/** One IL-to-native mapping entry. */
export interface OffsetMapping {
  readonly nativeOffset: number;
  /** An IL offset, or one of MappingTypes. */
  readonly ilOffset: number;
  /** SourceTypes bits. */
  readonly source: number;
}

/** Special variable numbers of NativeVarInfo (IL arguments and locals use their own numbers). */
export const VarNumbers = {
  VARARGS_HND_ILNUM: -1,
  RETBUF_ILNUM: -2,
  TYPECTXT_ILNUM: -3,
  UNKNOWN_ILNUM: -4,
} as const;

/** Where a variable lives over a range of native code. */
export type VarLoc =
  | { readonly kind: 'register'; readonly register: X64Register }
  | { readonly kind: 'stack'; readonly base: X64Register; readonly offset: number }
  /** A struct split across two registers. */
  | { readonly kind: 'register-pair'; readonly low: X64Register; readonly high: X64Register };

export interface NativeVarInfo {
  /** IL variable number: arguments first (including `this`), then locals; or a VarNumbers value. */
  readonly varNumber: number;
  readonly startOffset: number;
  readonly endOffset: number;
  readonly loc: VarLoc;
}
