/**
 * allocMem during replay of a JIT that asks for sizes no recorded JIT asked
 * for (any codegen change does). Reporting that as missing data would make
 * every changed method unreplayable, so replay places the blocks itself,
 * deterministically: the hot block where the first recorded compile had
 * its hot block (so calls keep the same distances to helpers and callees),
 * then cold code and read-only data right after it, aligned as requested.
 */

import type { AllocMemArgs, AllocMemResult } from '../jitee/compile-result.js';
import { CorJitAllocMemFlag } from '../jitee/enums.js';
import type { CodeAddress } from '../jitee/handles.js';

function alignUp(value: bigint, alignment: number): bigint {
  const a = BigInt(alignment);
  return ((value + a - 1n) / a) * a;
}

function roDataAlignment(flag: number): number {
  if (flag & CorJitAllocMemFlag.CORJIT_ALLOCMEM_FLG_RODATA_64BYTE_ALIGN) return 64;
  if (flag & CorJitAllocMemFlag.CORJIT_ALLOCMEM_FLG_RODATA_32BYTE_ALIGN) return 32;
  if (flag & CorJitAllocMemFlag.CORJIT_ALLOCMEM_FLG_RODATA_16BYTE_ALIGN) return 16;
  return 8;
}

export function allocMemFallback(
  [args]: [AllocMemArgs],
  recorded: readonly AllocMemResult[],
): AllocMemResult | undefined {
  const first = recorded[0];
  if (first === undefined) return undefined;
  const hot = first.hotCodeBlock;
  let end = hot + BigInt(args.hotCodeSize);
  let cold = 0n;
  if (args.coldCodeSize > 0) {
    cold = alignUp(end, 16);
    end = cold + BigInt(args.coldCodeSize);
  }
  let roData = 0n;
  if (args.roDataSize > 0) roData = alignUp(end, roDataAlignment(args.flag));
  return {
    hotCodeBlock: hot,
    coldCodeBlock: cold as CodeAddress,
    roDataBlock: roData as CodeAddress,
  };
}
