/**
 * The msgpackr settings agnostic records are written with, for the
 * container (and tests) to share:
 *
 * - int64AsType 'bigint': bigints are always written as 64-bit integers and
 *   read back as bigints, so 0n stays 0n and handles ≥ 2^63 stay unsigned.
 *   Numbers stay numbers (msgpackr writes integers beyond 32 bits as
 *   float64, exact up to 2^53).
 * - moreTypes: typed arrays keep their type.
 * - copyBuffers: decoded binaries are copies, never views into the input.
 * - records (msgpackr's default): repeated object shapes are written once;
 *   method contexts store structs positionally anyway, so this only helps
 *   the CompileResult.
 *
 * Decoding is robust to other settings too: schemas turn numbers back into
 * bigints where a handle is expected and Buffers into plain Uint8Arrays.
 */

import { Packr, Unpackr } from 'msgpackr';

export const AGNOSTIC_MSGPACK_OPTIONS = Object.freeze({
  moreTypes: true,
  copyBuffers: true,
  int64AsType: 'bigint',
} as const);

export const agnosticPackr = new Packr({ ...AGNOSTIC_MSGPACK_OPTIONS });
export const agnosticUnpackr = new Unpackr({ ...AGNOSTIC_MSGPACK_OPTIONS });

/** Packs `value`; the bytes are the caller's (a copy, not a view into the packer's buffer). */
export function packAgnostic(value: unknown): Uint8Array {
  return new Uint8Array(agnosticPackr.pack(value));
}

export function unpackAgnostic(bytes: Uint8Array): unknown {
  // A plain Uint8Array view makes msgpackr hand back binaries as Uint8Array, not Buffer.
  const plain =
    Object.getPrototypeOf(bytes) === Uint8Array.prototype
      ? bytes
      : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return agnosticUnpackr.unpack(plain);
}
