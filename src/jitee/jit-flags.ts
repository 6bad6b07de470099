/**
 * CorJitFlag: what kind of compilation is asked for. CORJIT_FLAGS is the set
 * of them as a bit mask (bit n = flag n), small enough for a 32-bit number.
 * Only the flags this project uses are listed; their numbers follow the real
 * enumeration's order as far as known (unverified).
 */

import { formatFlags } from './enum-util.js';

export const CorJitFlag = {
  CORJIT_FLAG_SPEED_OPT: 0,
  CORJIT_FLAG_SIZE_OPT: 1,
  /** Generate debuggable code (no optimisation, locals kept alive). */
  CORJIT_FLAG_DEBUG_CODE: 2,
  CORJIT_FLAG_DEBUG_EnC: 3,
  /** Generate IL-to-native mapping and variable info. */
  CORJIT_FLAG_DEBUG_INFO: 4,
  CORJIT_FLAG_MIN_OPT: 5,
  CORJIT_FLAG_ENABLE_CFG: 6,
  CORJIT_FLAG_OSR: 7,
  CORJIT_FLAG_ALT_JIT: 8,
  CORJIT_FLAG_FROZEN_ALLOC_ALLOWED: 9,
  CORJIT_FLAG_MAKEFINALCODE: 10,
  /** Compiling for a ReadyToRun image (crossgen2): bind through import cells. */
  CORJIT_FLAG_READYTORUN: 11,
  CORJIT_FLAG_PROF_ENTERLEAVE: 12,
  CORJIT_FLAG_PROF_NO_PINVOKE_INLINE: 13,
  CORJIT_FLAG_PREJIT: 14,
  /** Code will be relocated: record relocations for every absolute address. */
  CORJIT_FLAG_RELOC: 15,
  CORJIT_FLAG_IL_STUB: 16,
  CORJIT_FLAG_PROCSPLIT: 17,
  CORJIT_FLAG_BBINSTR: 18,
  CORJIT_FLAG_BBINSTR_IF_LOOPS: 19,
  CORJIT_FLAG_BBOPT: 20,
  CORJIT_FLAG_FRAMED: 21,
  CORJIT_FLAG_PUBLISH_SECRET_PARAM: 22,
  CORJIT_FLAG_USE_PINVOKE_HELPERS: 23,
  CORJIT_FLAG_REVERSE_PINVOKE: 24,
  CORJIT_FLAG_TRACK_TRANSITIONS: 25,
  CORJIT_FLAG_TIER0: 26,
  CORJIT_FLAG_TIER1: 27,
  CORJIT_FLAG_NO_INLINING: 28,
} as const;
export type CorJitFlag = (typeof CorJitFlag)[keyof typeof CorJitFlag];

/** A set of CorJitFlag as a bit mask. */
export type CORJIT_FLAGS = number;

export const NO_JIT_FLAGS: CORJIT_FLAGS = 0;

export function jitFlags(...flags: CorJitFlag[]): CORJIT_FLAGS {
  let mask = 0;
  for (const f of flags) mask |= 1 << f;
  return mask >>> 0;
}

export function hasJitFlag(flags: CORJIT_FLAGS, flag: CorJitFlag): boolean {
  return (flags & (1 << flag)) !== 0;
}

export function withJitFlag(flags: CORJIT_FLAGS, flag: CorJitFlag): CORJIT_FLAGS {
  return (flags | (1 << flag)) >>> 0;
}

export function withoutJitFlag(flags: CORJIT_FLAGS, flag: CorJitFlag): CORJIT_FLAGS {
  return (flags & ~(1 << flag)) >>> 0;
}

const JIT_FLAG_BITS: Readonly<Record<string, number>> = Object.freeze(
  Object.fromEntries(Object.entries(CorJitFlag).map(([name, n]) => [name, (1 << n) >>> 0])),
);

/** e.g. `CORJIT_FLAG_READYTORUN|CORJIT_FLAG_RELOC`, or `0`. */
export function formatJitFlags(flags: CORJIT_FLAGS): string {
  return formatFlags(JIT_FLAG_BITS, flags);
}
