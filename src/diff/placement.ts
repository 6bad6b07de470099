/**
 * Putting the two compile results of one context at the same address, the
 * way a loader would place them, so that the bytes can be compared.
 *
 * A relocated field holds an address (DIR64) or a distance from the code to
 * the target (REL32), so its bytes depend both on the target and on where
 * the code sits. Both results are re-patched at one set of block addresses
 * (the base result's); targets inside a result's own blocks (jump tables,
 * resume addresses) move with the blocks. After that, equal bytes mean equal
 * code and a differing field means a differing target.
 */

import type { CodeBlockKind, CompileSuccess, Relocation } from '../jitee/compile-result.js';
import { RelocType } from '../jitee/enums.js';

export const CODE_BLOCKS: readonly CodeBlockKind[] = ['hot', 'cold', 'rodata'];

export type BlockAddresses = Readonly<Record<CodeBlockKind, bigint>>;
export type BlockBytes = Readonly<Record<CodeBlockKind, Uint8Array>>;

export interface PlacedRelocation {
  readonly relocation: Relocation;
  /** The target after moving targets inside the result's own blocks to the common addresses. */
  readonly target: bigint;
  /** Bytes of the patched field (0 for IMAGE_REL_BASED_ABSOLUTE, which patches nothing). */
  readonly size: number;
  /** The field could not hold the value at the common address (a REL32 out of reach); it is left zeroed. */
  readonly unpatched: boolean;
}

export interface PlacedResult {
  readonly result: CompileSuccess;
  readonly addresses: BlockAddresses;
  /** Copies of the blocks with every relocation applied at `addresses`. */
  readonly blocks: BlockBytes;
  readonly relocations: readonly PlacedRelocation[];
}

const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;

export function blockBytes(result: CompileSuccess): BlockBytes {
  return { hot: result.code, cold: result.coldCode, rodata: result.roData };
}

export function ownAddresses(result: CompileSuccess): BlockAddresses {
  return { hot: result.blocks.hotCodeBlock, cold: result.blocks.coldCodeBlock, rodata: result.blocks.roDataBlock };
}

/**
 * One address per block for both results: the base result's, or the diff
 * result's where base has no such block (its address is then null).
 */
export function commonAddresses(base: CompileSuccess, diff: CompileSuccess): BlockAddresses {
  const b = ownAddresses(base);
  const d = ownAddresses(diff);
  const baseBytes = blockBytes(base);
  const pick = (kind: CodeBlockKind): bigint => (baseBytes[kind].length > 0 || b[kind] !== 0n ? b[kind] : d[kind]);
  return { hot: pick('hot'), cold: pick('cold'), rodata: pick('rodata') };
}

export function relocationFieldSize(type: number): number {
  switch (type) {
    case RelocType.IMAGE_REL_BASED_DIR64:
      return 8;
    case RelocType.IMAGE_REL_BASED_ABSOLUTE:
      return 0;
    default:
      return 4;
  }
}

/** Moves a target that lies inside one of the result's own blocks to the same place in the block at `to`. */
function rebaseOwnTarget(target: bigint, from: BlockAddresses, to: BlockAddresses, bytes: BlockBytes): bigint {
  for (const kind of CODE_BLOCKS) {
    const size = BigInt(bytes[kind].length);
    if (size === 0n || from[kind] === 0n) continue;
    // The end is included: a label bound after the last instruction points there.
    if (target >= from[kind] && target <= from[kind] + size) return to[kind] + (target - from[kind]);
  }
  return target;
}

/** The value a field holds for `target`, or undefined when it cannot hold it. */
function fieldValue(type: number, target: bigint, addlDelta: number, fieldAddress: bigint): bigint | undefined {
  const value = target + BigInt(addlDelta);
  switch (type) {
    case RelocType.IMAGE_REL_BASED_DIR64:
      return BigInt.asUintN(64, value);
    case RelocType.IMAGE_REL_BASED_HIGHLOW:
      return BigInt.asUintN(32, value);
    case RelocType.IMAGE_REL_BASED_RELPTR32: {
      const delta = value - fieldAddress;
      return delta < INT32_MIN || delta > INT32_MAX ? undefined : delta;
    }
    default: {
      // REL32 counts from the end of the 4-byte field; addlDelta corrects for bytes that follow it in the instruction.
      const delta = value - (fieldAddress + 4n);
      return delta < INT32_MIN || delta > INT32_MAX ? undefined : delta;
    }
  }
}

function writeField(bytes: Uint8Array, offset: number, size: number, value: bigint | undefined): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (size === 8) view.setBigUint64(offset, value ?? 0n, true);
  else if (size === 4) view.setUint32(offset, Number(BigInt.asUintN(32, value ?? 0n)), true);
}

/** `result` as it would be at `addresses`. Relocations outside their block are ignored (a JIT bug the code diff will show). */
export function placeAt(result: CompileSuccess, addresses: BlockAddresses): PlacedResult {
  const own = ownAddresses(result);
  const original = blockBytes(result);
  const blocks = { hot: original.hot.slice(), cold: original.cold.slice(), rodata: original.rodata.slice() };
  const relocations: PlacedRelocation[] = [];
  for (const relocation of result.relocations) {
    const size = relocationFieldSize(relocation.type);
    const target = rebaseOwnTarget(relocation.target, own, addresses, original);
    const block = blocks[relocation.block];
    if (relocation.offset < 0 || relocation.offset + size > block.length) {
      relocations.push({ relocation, target, size: 0, unpatched: true });
      continue;
    }
    const value = fieldValue(relocation.type, target, relocation.addlDelta, addresses[relocation.block] + BigInt(relocation.offset));
    writeField(block, relocation.offset, size, value);
    relocations.push({ relocation, target, size, unpatched: size > 0 && value === undefined });
  }
  return { result, addresses, blocks, relocations };
}

/** Both results at the common addresses. */
export function placeBoth(base: CompileSuccess, diff: CompileSuccess): { base: PlacedResult; diff: PlacedResult } {
  const addresses = commonAddresses(base, diff);
  return { base: placeAt(base, addresses), diff: placeAt(diff, addresses) };
}

/** Copies of the placed blocks with every relocated field zeroed: what is left is the instructions' shape. */
export function maskRelocationFields(placed: PlacedResult): BlockBytes {
  const masked = { hot: placed.blocks.hot.slice(), cold: placed.blocks.cold.slice(), rodata: placed.blocks.rodata.slice() };
  for (const r of placed.relocations) {
    if (r.size > 0) writeField(masked[r.relocation.block], r.relocation.offset, r.size, 0n);
  }
  return masked;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Offset of the first differing byte (the shorter length when one is a prefix of the other), or -1. */
export function firstDifferingByte(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}
