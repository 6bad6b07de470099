import { CorJitFlag, jitFlags, type CORJIT_FLAGS } from '../jitee/index.js';

/**
 * The CORJIT_FLAGS a compile in each mode asks for: a Tier0 compile at run
 * time (`jit`), or a ReadyToRun compile with relocations (`r2r`, like
 * crossgen2).
 */
export function jitFlagsForMode(mode: 'jit' | 'r2r'): CORJIT_FLAGS {
  return mode === 'r2r'
    ? jitFlags(CorJitFlag.CORJIT_FLAG_READYTORUN, CorJitFlag.CORJIT_FLAG_RELOC, CorJitFlag.CORJIT_FLAG_TIER0)
    : jitFlags(CorJitFlag.CORJIT_FLAG_TIER0);
}
