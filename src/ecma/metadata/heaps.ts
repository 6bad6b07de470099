import { FileBytes } from '../bytes.js';
import { hex } from '../errors.js';
import { compressedLength, compressedValue } from './compressed.js';
import { decodeUtf16, decodeUtf8 } from './heap-text.js';
import type { StreamHeader } from './metadata-root.js';

/** Common part of the four heaps: a file range and a name for messages. */
abstract class Heap {
  readonly start: number;
  readonly size: number;
  readonly bytes: Uint8Array;

  constructor(
    protected readonly file: FileBytes,
    readonly name: string,
    stream: StreamHeader | undefined,
  ) {
    this.start = stream?.offset ?? 0;
    this.size = stream?.size ?? 0;
    this.bytes = file.bytes;
  }

  protected outOfRange(index: number): never {
    this.file.fail(`${this.name} index ${hex(index)} out of range (heap size ${hex(this.size)})`);
  }

  /**
   * Reads the compressed length prefix at heap index `index` and returns the
   * file offset just after it; the length goes to `this.lastLength`.
   */
  protected lengthPrefixed(index: number): number {
    if (index >= this.size) this.outOfRange(index);
    const off = this.start + index;
    const n = compressedLength(this.bytes[off]!);
    if (n === 0) this.file.fail(`${this.name} entry at ${hex(index)} has an invalid length prefix`);
    if (index + n > this.size) this.file.fail(`${this.name} entry at ${hex(index)} runs past the end of the heap`);
    const length = compressedValue(this.bytes, off, n);
    if (length > this.size - index - n) {
      this.file.fail(`${this.name} entry at ${hex(index)} (length ${length}) runs past the end of the heap`);
    }
    this.lastLength = length;
    return off + n;
  }
  protected lastLength = 0;
}

/** #Strings: NUL-terminated UTF-8 identifiers. Decoded strings are cached. */
export class StringHeap extends Heap {
  private readonly cache = new Map<number, string>();

  constructor(file: FileBytes, stream: StreamHeader | undefined) {
    super(file, '#Strings', stream);
  }

  get(index: number): string {
    if (index === 0) return '';
    const cached = this.cache.get(index);
    if (cached !== undefined) return cached;
    if (index >= this.size) this.outOfRange(index);
    const b = this.bytes;
    const start = this.start + index;
    const limit = this.start + this.size;
    let end = start;
    while (end < limit && b[end] !== 0) end++;
    if (end === limit) this.file.fail(`#Strings entry at ${hex(index)} is not NUL-terminated`);
    const s = decodeUtf8(b, start, end);
    this.cache.set(index, s);
    return s;
  }
}

/** #Blob: length-prefixed byte strings (signatures, constants, attribute values). */
export class BlobHeap extends Heap {
  constructor(file: FileBytes, stream: StreamHeader | undefined) {
    super(file, '#Blob', stream);
  }

  /** The blob at `index` as a view on the file bytes (no copy). Index 0 is the empty blob. */
  get(index: number): Uint8Array {
    if (index === 0 && this.size === 0) return this.bytes.subarray(0, 0);
    const data = this.lengthPrefixed(index);
    return this.bytes.subarray(data, data + this.lastLength);
  }

  /** File offset of the blob's first data byte (after the length prefix). */
  dataOffset(index: number): number {
    if (index === 0 && this.size === 0) return 0;
    return this.lengthPrefixed(index);
  }

  /** Data length of the blob at `index`. */
  length(index: number): number {
    if (index === 0 && this.size === 0) return 0;
    this.lengthPrefixed(index);
    return this.lastLength;
  }
}

/** #GUID: 16-byte GUIDs, 1-based. */
export class GuidHeap extends Heap {
  constructor(file: FileBytes, stream: StreamHeader | undefined) {
    super(file, '#GUID', stream);
  }

  /** The GUID at 1-based `index` in registry format, or null for index 0. */
  get(index: number): string | null {
    if (index === 0) return null;
    if (index * 16 > this.size) this.outOfRange(index);
    const b = this.bytes;
    const o = this.start + (index - 1) * 16;
    const h = (i: number) => b[o + i]!.toString(16).padStart(2, '0');
    const group = (...idx: number[]) => idx.map(h).join('');
    return `${group(3, 2, 1, 0)}-${group(5, 4)}-${group(7, 6)}-${group(8, 9)}-${group(10, 11, 12, 13, 14, 15)}`;
  }
}

/** #US: length-prefixed UTF-16LE strings that ldstr loads, with a trailing flag byte. */
export class UserStringHeap extends Heap {
  private readonly cache = new Map<number, string>();

  constructor(file: FileBytes, stream: StreamHeader | undefined) {
    super(file, '#US', stream);
  }

  get(index: number): string {
    const cached = this.cache.get(index);
    if (cached !== undefined) return cached;
    if (index === 0 && this.size === 0) return '';
    const data = this.lengthPrefixed(index);
    // The length counts the UTF-16 bytes plus one trailing flag byte.
    const s = decodeUtf16(this.bytes, data, this.lastLength >>> 1);
    this.cache.set(index, s);
    return s;
  }
}
