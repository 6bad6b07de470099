import * as fs from 'node:fs';
import { InputError } from '../../util/errors.js';
import { CORRUPTION_KINDS, type CorruptionKind } from '../mch-format.js';
import { AtomicOutput } from './atomic-output.js';
import { describeFsError } from './chunked-file.js';
import { crc32 } from './crc32.js';

/*
 * .mct layout (little-endian):
 *   magic "TSPMIMCT"(8)  version u16  reserved u16
 *   entries, one per context index, in index order:
 *     index u32, offset low u32, offset high u32, length u32, crc u32,
 *     status u8 (0 intact, else 1 + position in CORRUPTION_KINDS), reserved u8,
 *     hashLength u16, methodHash (UTF-8, hashLength bytes)
 *   trailer: entryCount u32, mchHeaderCrc u32, mchFileSize low u32, high u32,
 *            crc u32 (of everything from the first entry to here), "TEND"
 * The summary sits in a trailer so the file can be streamed out while the
 * .mch is being written, with a CRC computed on the way.
 */
export const MCT_MAGIC: Uint8Array = Uint8Array.from(Buffer.from('TSPMIMCT', 'latin1'));
export const MCT_FORMAT_VERSION = 1;
const MCT_PREAMBLE_SIZE = 12;
const ENTRY_FIXED_SIZE = 24;
const TRAILER_SIZE = 24;
const TRAILER_MAGIC = Buffer.from('TEND', 'latin1');
const MAX_HASH_BYTES = 0xffff;

export type TocStatus = 'ok' | CorruptionKind;

export interface TocEntry {
  /** 1-based context index. */
  index: number;
  /** Byte offset of the record (or of the damaged stretch) in the .mch. */
  offset: number;
  /** Bytes the record occupies, frame included (for damage: bytes skipped). */
  length: number;
  /** The record's stored CRC; random access checks it to catch a stale TOC. */
  crc: number;
  status: TocStatus;
  /** Empty for damaged records. */
  methodHash: string;
}

/** Index → location of every context of one .mch, held in compact columns. */
export class Toc {
  constructor(
    readonly mchFileSize: number,
    readonly mchHeaderCrc: number,
    private readonly offsets: Float64Array,
    private readonly lengths: Uint32Array,
    private readonly crcs: Uint32Array,
    private readonly statuses: Uint8Array,
    private readonly hashes: readonly string[],
  ) {}

  /** Number of context indices, damaged ones included. */
  get count(): number {
    return this.offsets.length;
  }

  entry(index: number): TocEntry | undefined {
    const i = index - 1;
    if (!Number.isInteger(index) || i < 0 || i >= this.offsets.length) return undefined;
    return {
      index,
      offset: this.offsets[i]!,
      length: this.lengths[i]!,
      crc: this.crcs[i]!,
      status: statusName(this.statuses[i]!),
      methodHash: this.hashes[i]!,
    };
  }

  *entries(): Generator<TocEntry> {
    for (let index = 1; index <= this.count; index++) yield this.entry(index)!;
  }
}

/** Collects entries in index order and produces a Toc. */
export class TocBuilder {
  private readonly offsets: number[] = [];
  private readonly lengths: number[] = [];
  private readonly crcs: number[] = [];
  private readonly statuses: number[] = [];
  private readonly hashes: string[] = [];

  add(entry: TocEntry): void {
    if (entry.index !== this.offsets.length + 1) {
      throw new Error(`TOC entries must come in index order (got ${entry.index}, expected ${this.offsets.length + 1})`);
    }
    this.offsets.push(entry.offset);
    this.lengths.push(entry.length);
    this.crcs.push(entry.crc);
    this.statuses.push(statusCode(entry.status));
    this.hashes.push(entry.methodHash);
  }

  build(mchFileSize: number, mchHeaderCrc: number): Toc {
    return new Toc(
      mchFileSize,
      mchHeaderCrc,
      Float64Array.from(this.offsets),
      Uint32Array.from(this.lengths),
      Uint32Array.from(this.crcs),
      Uint8Array.from(this.statuses),
      this.hashes,
    );
  }
}

/** Streams a .mct to disk entry by entry (bounded memory), atomically. */
export class TocWriter {
  private readonly output: AtomicOutput;
  private buffer = Buffer.allocUnsafe(64 * 1024);
  private used = 0;
  private crc = 0;
  private count = 0;

  constructor(finalPath: string) {
    this.output = new AtomicOutput(finalPath);
    const preamble = Buffer.alloc(MCT_PREAMBLE_SIZE);
    preamble.set(MCT_MAGIC, 0);
    preamble.writeUInt16LE(MCT_FORMAT_VERSION, 8);
    this.output.write(preamble);
  }

  add(entry: TocEntry): void {
    if (entry.index !== this.count + 1) {
      throw new Error(`TOC entries must come in index order (got ${entry.index}, expected ${this.count + 1})`);
    }
    const hash = Buffer.from(entry.methodHash, 'utf8');
    if (hash.length > MAX_HASH_BYTES) throw new Error(`method hash of ${hash.length} bytes is too long for the TOC`);
    const size = ENTRY_FIXED_SIZE + hash.length;
    this.reserve(size);
    const b = this.buffer;
    const at = this.used;
    b.writeUInt32LE(entry.index, at);
    b.writeUInt32LE(entry.offset % 0x1_0000_0000, at + 4);
    b.writeUInt32LE(Math.floor(entry.offset / 0x1_0000_0000), at + 8);
    b.writeUInt32LE(entry.length, at + 12);
    b.writeUInt32LE(entry.crc >>> 0, at + 16);
    b.writeUInt8(statusCode(entry.status), at + 20);
    b.writeUInt8(0, at + 21);
    b.writeUInt16LE(hash.length, at + 22);
    b.set(hash, at + ENTRY_FIXED_SIZE);
    this.used += size;
    this.count++;
  }

  /** Writes the trailer and closes the temporary file; commit() renames it into place. */
  finish(mchFileSize: number, mchHeaderCrc: number): void {
    this.reserve(TRAILER_SIZE);
    const b = this.buffer;
    const at = this.used;
    b.writeUInt32LE(this.count, at);
    b.writeUInt32LE(mchHeaderCrc >>> 0, at + 4);
    b.writeUInt32LE(mchFileSize % 0x1_0000_0000, at + 8);
    b.writeUInt32LE(Math.floor(mchFileSize / 0x1_0000_0000), at + 12);
    this.used += 16;
    this.flush();
    const tail = Buffer.alloc(8);
    tail.writeUInt32LE(this.crc, 0);
    tail.set(TRAILER_MAGIC, 4);
    this.output.write(tail);
    this.output.finish();
  }

  commit(): void {
    this.output.commit();
  }

  abort(): void {
    this.output.abort();
  }

  private reserve(size: number): void {
    if (this.used + size <= this.buffer.length) return;
    this.flush();
    if (size > this.buffer.length) this.buffer = Buffer.allocUnsafe(size);
  }

  private flush(): void {
    if (this.used === 0) return;
    const chunk = this.buffer.subarray(0, this.used);
    this.crc = crc32(chunk, this.crc);
    this.output.write(chunk);
    this.used = 0;
  }
}

/** Reads and validates a .mct; InputError (naming the file) when it is not one or is damaged. */
export function readTocFile(path: string, displayName = path): Toc {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(path);
  } catch (err) {
    throw new InputError(`${displayName}: cannot open (${describeFsError(err)})`);
  }
  return parseToc(bytes, displayName);
}

export function parseToc(bytes: Buffer, displayName: string): Toc {
  const damaged = (why: string) => new InputError(`${displayName}: damaged .mct (${why})`);
  for (let i = 0; i < Math.min(bytes.length, MCT_MAGIC.length); i++) {
    if (bytes[i] !== MCT_MAGIC[i]) throw new InputError(`${displayName}: not a tspmi .mct file (bad magic)`);
  }
  if (bytes.length < MCT_PREAMBLE_SIZE + TRAILER_SIZE) throw damaged('truncated');
  const version = bytes.readUInt16LE(8);
  if (version !== MCT_FORMAT_VERSION) {
    throw new InputError(
      `${displayName}: .mct format version ${version} is not supported (this tspmi reads version ${MCT_FORMAT_VERSION})`,
    );
  }
  const trailer = bytes.length - TRAILER_SIZE;
  if (!bytes.subarray(trailer + 20).equals(TRAILER_MAGIC)) throw damaged('truncated');
  if (crc32(bytes.subarray(MCT_PREAMBLE_SIZE, trailer + 16)) !== bytes.readUInt32LE(trailer + 16)) {
    throw damaged('bad checksum');
  }
  const count = bytes.readUInt32LE(trailer);
  const mchHeaderCrc = bytes.readUInt32LE(trailer + 4);
  const mchFileSize = bytes.readUInt32LE(trailer + 8) + bytes.readUInt32LE(trailer + 12) * 0x1_0000_0000;
  if (count > (trailer - MCT_PREAMBLE_SIZE) / ENTRY_FIXED_SIZE) throw damaged('bad entry count');

  const offsets = new Float64Array(count);
  const lengths = new Uint32Array(count);
  const crcs = new Uint32Array(count);
  const statuses = new Uint8Array(count);
  const hashes = new Array<string>(count);
  let at = MCT_PREAMBLE_SIZE;
  for (let i = 0; i < count; i++) {
    if (at + ENTRY_FIXED_SIZE > trailer) throw damaged('bad entry count');
    if (bytes.readUInt32LE(at) !== i + 1) throw damaged(`entry ${i + 1} has index ${bytes.readUInt32LE(at)}`);
    offsets[i] = bytes.readUInt32LE(at + 4) + bytes.readUInt32LE(at + 8) * 0x1_0000_0000;
    lengths[i] = bytes.readUInt32LE(at + 12);
    crcs[i] = bytes.readUInt32LE(at + 16);
    const status = bytes.readUInt8(at + 20);
    if (status > CORRUPTION_KINDS.length) throw damaged(`entry ${i + 1} has status ${status}`);
    statuses[i] = status;
    const hashLength = bytes.readUInt16LE(at + 22);
    at += ENTRY_FIXED_SIZE;
    if (at + hashLength > trailer) throw damaged('bad entry length');
    hashes[i] = bytes.toString('utf8', at, at + hashLength);
    at += hashLength;
  }
  if (at !== trailer) throw damaged('bad entry count');
  return new Toc(mchFileSize, mchHeaderCrc, offsets, lengths, crcs, statuses, hashes);
}

function statusCode(status: TocStatus): number {
  return status === 'ok' ? 0 : CORRUPTION_KINDS.indexOf(status) + 1;
}

function statusName(code: number): TocStatus {
  return code === 0 ? 'ok' : CORRUPTION_KINDS[code - 1]!;
}
