import { EcmaFormatError, hex } from './errors.js';

// Little-endian reads straight from the byte array. Out-of-range typed-array
// reads yield undefined rather than throwing, so every caller checks ranges
// first (with `FileBytes.need` or a pre-validated layout); these stay branch-free
// because table and signature decoding calls them millions of times.

export function readU8(b: Uint8Array, off: number): number {
  return b[off]!;
}

export function readU16(b: Uint8Array, off: number): number {
  return b[off]! | (b[off + 1]! << 8);
}

export function readU32(b: Uint8Array, off: number): number {
  return (b[off]! | (b[off + 1]! << 8) | (b[off + 2]! << 16) | (b[off + 3]! << 24)) >>> 0;
}

export function readI32(b: Uint8Array, off: number): number {
  return b[off]! | (b[off + 1]! << 8) | (b[off + 2]! << 16) | (b[off + 3]! << 24);
}

export function readU64(b: Uint8Array, off: number): bigint {
  return (BigInt(readU32(b, off + 4)) << 32n) | BigInt(readU32(b, off));
}

export function readI64(b: Uint8Array, off: number): bigint {
  return BigInt.asIntN(64, readU64(b, off));
}

export function writeU16(b: Uint8Array, off: number, value: number): void {
  b[off] = value & 0xff;
  b[off + 1] = (value >>> 8) & 0xff;
}

/** Reads `length` bytes as Latin-1 up to the first NUL (section and stream names). */
export function readAsciiZ(b: Uint8Array, off: number, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) {
    const c = b[off + i]!;
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  return s;
}

/**
 * The whole file with its display name: every range check that can fail on a
 * user's file goes through here so the error names the file.
 */
export class FileBytes {
  constructor(
    readonly bytes: Uint8Array,
    readonly file: string,
  ) {}

  get size(): number {
    return this.bytes.length;
  }

  /** Throws the one-line format error for this file. */
  fail(problem: string): never {
    throw new EcmaFormatError(this.file, problem);
  }

  /** Ensures [offset, offset+length) lies inside the file; `what` names the structure. */
  need(offset: number, length: number, what: string): void {
    if (!(offset >= 0 && length >= 0 && offset + length <= this.bytes.length)) {
      this.fail(`truncated file: ${what} at ${hex(offset)} runs past end (size ${this.bytes.length})`);
    }
  }

  u8(off: number): number {
    return readU8(this.bytes, off);
  }
  u16(off: number): number {
    return readU16(this.bytes, off);
  }
  u32(off: number): number {
    return readU32(this.bytes, off);
  }
  u64(off: number): bigint {
    return readU64(this.bytes, off);
  }
}
