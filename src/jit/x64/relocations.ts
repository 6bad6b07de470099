/**
 * REL32: a signed 32-bit field holding target - (codeAddress + relativeTo).
 * DIR64: a 64-bit field holding the target address itself.
 * These are CoreCLR's IMAGE_REL_BASED_REL32 and IMAGE_REL_BASED_DIR64.
 */
export type RelocationKind = 'REL32' | 'DIR64';

export interface Relocation<Tag> {
  /** Native offset of the 4- or 8-byte field the relocation describes. */
  readonly offset: number;
  readonly kind: RelocationKind;
  /** Field size in bytes: 4 for REL32, 8 for DIR64. */
  readonly size: 4 | 8;
  /** The absolute address the field refers to. */
  readonly target: bigint;
  /** Caller data saying what the target is (which helper, handle or cell). */
  readonly tag: Tag;
  /** Native offset of the instruction holding the field. */
  readonly instructionOffset: number;
  /**
   * REL32: the native offset the displacement is relative to, i.e. the end of
   * the instruction. It is not always offset + 4: in `cmp dword ptr [rip+x], 5`
   * an immediate follows the displacement. DIR64: -1.
   */
  readonly relativeTo: number;
}

const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;

/** The value a relocation's field holds when the code sits at `codeAddress`. */
export function relocationFieldValue(reloc: Relocation<unknown>, codeAddress: bigint): bigint {
  if (reloc.kind === 'DIR64') return reloc.target;
  const delta = reloc.target - (codeAddress + BigInt(reloc.relativeTo));
  if (delta < INT32_MIN || delta > INT32_MAX) {
    throw new RangeError(`REL32 target 0x${reloc.target.toString(16)} is out of reach of code at 0x${codeAddress.toString(16)}`);
  }
  return delta;
}

/**
 * Rewrites every relocated field of `code` (in place) as if the code were
 * placed at `codeAddress`. This is what a loader does when it moves code; the
 * near differ uses it to put two compilations at the same address.
 */
export function applyRelocations(code: Uint8Array, codeAddress: bigint, relocations: readonly Relocation<unknown>[]): void {
  const view = new DataView(code.buffer, code.byteOffset, code.byteLength);
  for (const reloc of relocations) {
    if (reloc.offset < 0 || reloc.offset + reloc.size > code.length) {
      throw new RangeError(`relocation at offset ${reloc.offset} lies outside ${code.length} bytes of code`);
    }
    const value = relocationFieldValue(reloc, codeAddress);
    if (reloc.size === 8) view.setBigUint64(reloc.offset, BigInt.asUintN(64, value), true);
    else view.setInt32(reloc.offset, Number(value), true);
  }
}

/** Reads the value currently stored in a relocation's field. */
export function readRelocationField(code: Uint8Array, reloc: Relocation<unknown>): bigint {
  const view = new DataView(code.buffer, code.byteOffset, code.byteLength);
  return reloc.size === 8 ? view.getBigUint64(reloc.offset, true) : BigInt(view.getInt32(reloc.offset, true));
}

/**
 * True if a rel32 field anywhere in [codeAddress, codeAddress + codeSize) can
 * reach `target`. A JIT asks this before choosing `call rel32` over
 * `mov rax, imm64; call rax`, the way RyuJIT asks the EE for a relocation hint.
 */
export function isRel32Reachable(codeAddress: bigint, codeSize: number, target: bigint): boolean {
  const low = target - codeAddress;
  const high = target - (codeAddress + BigInt(codeSize));
  return low >= INT32_MIN && low <= INT32_MAX && high >= INT32_MIN && high <= INT32_MAX;
}
