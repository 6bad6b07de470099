import * as fs from 'node:fs';
import { InputError } from '../../util/errors.js';

const DEFAULT_WINDOW_BYTES = 1 << 20;

export interface ChunkedFileOptions {
  /** Initial window size (it grows to fit the largest view asked for). Default 1 MiB. */
  windowBytes?: number;
  /**
   * How much to read when the window must move: a whole window suits a
   * sequential scan; a few KiB suits random access, where the rest of the
   * window would be thrown away. Default: the whole window.
   */
  readAheadBytes?: number;
}

/**
 * Reads a file through one reusable window buffer, so scanning a collection
 * of any size needs memory proportional to its largest record, not to the
 * file. Views handed out are only valid until the next call.
 */
export class ChunkedFile {
  private window: Buffer;
  private windowStart = 0;
  private windowLength = 0;
  private closed = false;

  private constructor(
    private readonly fd: number,
    readonly size: number,
    readonly displayName: string,
    windowBytes: number,
    private readonly readAheadBytes: number,
    private readonly ownsDescriptor = true,
  ) {
    this.window = Buffer.allocUnsafe(Math.max(64, Math.min(windowBytes, Math.max(size, 64))));
  }

  /** Throws InputError (naming the file) when it cannot be opened. */
  static open(path: string, displayName = path, options: ChunkedFileOptions = {}): ChunkedFile {
    const windowBytes = options.windowBytes ?? DEFAULT_WINDOW_BYTES;
    const readAheadBytes = options.readAheadBytes ?? Infinity;
    let fd: number;
    try {
      fd = fs.openSync(path, 'r');
    } catch (err) {
      throw new InputError(`${displayName}: cannot open (${describeFsError(err)})`);
    }
    try {
      const stat = fs.fstatSync(fd);
      if (!stat.isFile()) throw new InputError(`${displayName}: not a regular file`);
      return new ChunkedFile(fd, stat.size, displayName, windowBytes, readAheadBytes);
    } catch (err) {
      fs.closeSync(fd);
      throw err;
    }
  }

  /** Bytes [offset, offset+length) of the file; the caller guarantees they exist. */
  view(offset: number, length: number): Buffer {
    if (offset < 0 || length < 0 || offset + length > this.size) {
      throw new RangeError(`view ${offset}+${length} outside file of ${this.size} bytes`);
    }
    if (offset >= this.windowStart && offset + length <= this.windowStart + this.windowLength) {
      const at = offset - this.windowStart;
      return this.window.subarray(at, at + length);
    }
    this.load(offset, length);
    return this.window.subarray(0, length);
  }

  /**
   * File offset of the first occurrence of `pattern` at or after `from`, or -1.
   * Walks the file window by window, overlapping by pattern.length-1 bytes so a
   * match straddling two windows is still found.
   */
  indexOf(pattern: Uint8Array, from: number): number {
    let position = from;
    while (position + pattern.length <= this.size) {
      const length = Math.min(this.window.length, this.size - position);
      const chunk = this.view(position, length);
      const found = chunk.indexOf(pattern);
      if (found >= 0) return position + found;
      if (position + length >= this.size) return -1;
      position += length - (pattern.length - 1);
    }
    return -1;
  }

  /**
   * A second window over the same open file (reads are positional, so the two
   * never disturb each other). It is only usable while this one is open.
   */
  sibling(options: ChunkedFileOptions): ChunkedFile {
    return new ChunkedFile(
      this.fd,
      this.size,
      this.displayName,
      options.windowBytes ?? DEFAULT_WINDOW_BYTES,
      options.readAheadBytes ?? Infinity,
      false,
    );
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.ownsDescriptor) fs.closeSync(this.fd);
  }

  /** Makes the window start at `offset` and hold at least `length` bytes. */
  private load(offset: number, length: number): void {
    if (length > this.window.length) {
      // Grow to fit one large record; this is what bounds memory: the largest record.
      this.window = Buffer.allocUnsafe(Math.max(length, Math.min(this.window.length * 2, this.size)));
      this.windowLength = 0;
    }
    let have = 0;
    const windowEnd = this.windowStart + this.windowLength;
    if (offset >= this.windowStart && offset < windowEnd) {
      // Keep the bytes we already have (a record that straddles the window end).
      have = windowEnd - offset;
      this.window.copyWithin(0, offset - this.windowStart, this.windowLength);
    }
    const want = Math.min(this.window.length, this.size - offset, Math.max(length, this.readAheadBytes));
    while (have < want) {
      const n = fs.readSync(this.fd, this.window, have, want - have, offset + have);
      if (n === 0) throw new InputError(`${this.displayName}: file shrank while being read`);
      have += n;
    }
    this.windowStart = offset;
    this.windowLength = have;
  }
}

export function describeFsError(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err) {
    const code = String((err as { code: unknown }).code);
    const text: Record<string, string> = {
      ENOENT: 'no such file',
      EACCES: 'permission denied',
      EISDIR: 'is a directory',
      ENOTDIR: 'not a directory',
      EMFILE: 'too many open files',
    };
    return text[code] ? `${code}: ${text[code]}` : code;
  }
  return err instanceof Error ? err.message : String(err);
}
