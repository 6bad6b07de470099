// Compressed unsigned integers (ECMA-335 II.23.2): the top bits of the first
// byte give the length — 0xxxxxxx (1 byte), 10xxxxxx (2), 110xxxxx (4).

/** Length in bytes of the compressed integer starting with `first`, or 0 if invalid. */
export function compressedLength(first: number): number {
  if ((first & 0x80) === 0) return 1;
  if ((first & 0xc0) === 0x80) return 2;
  if ((first & 0xe0) === 0xc0) return 4;
  return 0;
}

/** Value of the compressed integer at `off`; the caller has checked its length fits. */
export function compressedValue(b: Uint8Array, off: number, length: number): number {
  if (length === 1) return b[off]!;
  if (length === 2) return ((b[off]! & 0x3f) << 8) | b[off + 1]!;
  return (((b[off]! & 0x1f) << 24) | (b[off + 1]! << 16) | (b[off + 2]! << 8) | b[off + 3]!) >>> 0;
}
