/**
 * Range checks for immediates. iced's createXxxI32 factories take a signed
 * 32-bit number and accept either signed or unsigned spellings for fields as
 * wide as the operand, so values are normalised to the signed spelling here.
 */

const LIMIT = 2n ** 32n;

/** `value` as a signed `bits`-bit number; accepts the unsigned spelling too unless `signedOnly`. */
export function signedImmediate(value: number | bigint, bits: 8 | 16 | 32, signedOnly: boolean): number {
  // Doubles are exact up to 2^53, far beyond 32 bits, so no bigint is needed.
  const v = typeof value === 'bigint' ? (value >= -LIMIT && value <= LIMIT ? Number(value) : NaN) : value;
  const half = 2 ** (bits - 1);
  const max = signedOnly ? half - 1 : 2 * half - 1;
  if (!Number.isInteger(v) || v < -half || v > max) {
    throw new RangeError(`immediate ${value} does not fit in a ${signedOnly ? 'signed ' : ''}${bits}-bit field`);
  }
  return v >= half ? v - 2 * half : v;
}

/** True if a sign-extended imm8 encodes `value` (already in signed form). */
export function fitsInSignedByte(value: number): boolean {
  return value >= -128 && value <= 127;
}

export function toBigInt(value: number | bigint): bigint {
  return typeof value === 'bigint' ? value : BigInt(value);
}
