/**
 * Placing the generated code at the address allocMem hands out.
 *
 * Code size does not depend on where the code goes (branches inside the
 * method are relative, rip-relative fields and calls are always rel32), but
 * allocMem wants the size before the address is known. So the code is
 * encoded once at a provisional address near its rel32 targets, then
 * re-patched (applyRelocations) for the real address.
 */

import { JitLimitation } from '../il/il-error.js';
import { RelocField } from '../x64/instruction-record.js';
import { Rel32OutOfRangeError, applyRelocations, type EmitResult, type X64Emitter } from '../x64/index.js';
import type { TargetInfo } from '../ir/ops.js';

/** Any address when the code has no rel32 field. */
const DEFAULT_PROVISIONAL_ADDRESS = 0x7ff0_0000_0000n;

/** Encodes at an address from which every rel32 target is reachable (if the targets allow one). */
export function encodeProvisionally(e: X64Emitter<TargetInfo>): EmitResult<TargetInfo> {
  let min: bigint | undefined;
  let max: bigint | undefined;
  for (const record of e.instructions) {
    const reloc = record.reloc;
    if (reloc === undefined || reloc.field === RelocField.Immediate64) continue;
    if (min === undefined || reloc.target < min) min = reloc.target;
    if (max === undefined || reloc.target > max) max = reloc.target;
  }
  const address = min === undefined ? DEFAULT_PROVISIONAL_ADDRESS : ((min + max!) / 2n) & ~0xfn;
  try {
    return e.finalize(address);
  } catch (err) {
    if (err instanceof Rel32OutOfRangeError) throw new JitLimitation('rel32 out of range', err.message);
    throw err;
  }
}

/** The code as it must sit at `address` (a copy, re-patched when the provisional address differs). */
export function codeAt(result: EmitResult<TargetInfo>, address: bigint): Uint8Array {
  const code = result.code.slice();
  if (address === result.codeAddress) return code;
  try {
    applyRelocations(code, address, result.relocations);
  } catch (err) {
    if (err instanceof RangeError) throw new JitLimitation('rel32 out of range', err.message);
    throw err;
  }
  return code;
}
