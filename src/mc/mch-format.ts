/*
 * The .mch container layout: constants, the collection header and the record
 * meta. Everything multi-byte is little-endian. See README.md in this folder
 * for the byte-level picture.
 */
import { InputError } from '../util/errors.js';
import { crc32 } from './container/crc32.js';
import { decodePlain, encodePlain } from './container/payload-codec.js';

export const MCH_MAGIC: Uint8Array = Uint8Array.from(Buffer.from('TSPMIMCH', 'latin1'));
export const MCH_FORMAT_VERSION = 1;

/** magic(8) version u16, flags u16, headerLength u32, headerCrc u32 */
export const MCH_PREAMBLE_SIZE = 20;
export const MAX_HEADER_BYTES = 1 << 20;

/**
 * Starts every record. 0xC1 is the one byte msgpack never uses and no UTF-8
 * string contains, so the marker can only appear inside a payload as part of
 * a binary blob — which matters only while re-synchronising after damage.
 * The CR LF pair also exposes text-mode line-ending conversions.
 */
export const RECORD_SYNC: Uint8Array = Uint8Array.from([0xc1, 0x4d, 0x43, 0x52, 0x45, 0x43, 0x0d, 0x0a]);

/** sync(8) crc u32, bodyLength u32, metaLength u32 — then meta, then payload. */
export const RECORD_FRAME_SIZE = 20;
/** The CRC covers the record from here (bodyLength) to its end. */
export const RECORD_CRC_START = 12;

/**
 * A record body larger than this is treated as a damaged length field rather
 * than allocated. Real method contexts are kilobytes; 256 MiB leaves room for
 * pathological methods while keeping a flipped high bit from asking for 4 GiB.
 */
export const MAX_RECORD_BODY_BYTES = 256 * 1024 * 1024;

export type CollectionMode = 'jit' | 'r2r';

/** What a collection says about itself; stored once, at the start of the file. */
export interface CollectionHeader {
  /** JIT-EE interface version ids every context in the file was recorded for (e.g. ['base', 'diff']). */
  interfaceVersions: string[];
  mode: CollectionMode;
  /** The tspmi that wrote the file, e.g. "tspmi 0.1.0". */
  toolVersion: string;
  /** ISO 8601 time the file was written. */
  createdAt: string;
  /** The operation that wrote the file: 'record', 'merge', 'strip', … */
  createdBy: string;
  /** Its inputs: assemblies for a recording, .mch files for merge/strip/… */
  createdFrom: string[];
  /**
   * Random id chosen each time a file is written. It is part of the header
   * checksum, which the .mct carries to tell whether it still belongs to this file.
   */
  collectionId: string;
}

/** What a caller supplies when writing; the rest is filled in. */
export interface NewCollectionHeader {
  interfaceVersions: readonly string[];
  mode: CollectionMode;
  createdBy?: string;
  createdFrom?: readonly string[];
  toolVersion?: string;
}

/** The small typed part of each record, readable without decoding the payload. */
export interface ContextMeta {
  /** Hex hash identifying the method (used by removedup and the .mct). */
  methodHash: string;
  methodName?: string;
}

export type CorruptionKind = 'truncated' | 'bad sync marker' | 'bad length' | 'bad checksum' | 'undecodable';

export const CORRUPTION_KINDS: readonly CorruptionKind[] = [
  'truncated',
  'bad sync marker',
  'bad length',
  'bad checksum',
  'undecodable',
];

/** The preamble and the encoded header, ready to be written at offset 0. */
export function encodeCollectionHeader(header: CollectionHeader): { bytes: Buffer; headerCrc: number } {
  const body = encodePlain(header);
  if (body.length > MAX_HEADER_BYTES) throw new Error(`collection header too large (${body.length} bytes)`);
  const bytes = Buffer.alloc(MCH_PREAMBLE_SIZE + body.length);
  bytes.set(MCH_MAGIC, 0);
  bytes.writeUInt16LE(MCH_FORMAT_VERSION, 8);
  bytes.writeUInt16LE(0, 10);
  bytes.writeUInt32LE(body.length, 12);
  const headerCrc = crc32(body);
  bytes.writeUInt32LE(headerCrc, 16);
  bytes.set(body, MCH_PREAMBLE_SIZE);
  return { bytes, headerCrc };
}

export interface Preamble {
  headerLength: number;
  headerCrc: number;
}

/**
 * Checks the fixed start of a file. `bytes` holds the first
 * min(fileSize, MCH_PREAMBLE_SIZE) bytes. Throws InputError naming the file.
 */
export function parsePreamble(bytes: Uint8Array, fileSize: number, fileName: string): Preamble {
  const magicBytes = Math.min(bytes.length, MCH_MAGIC.length);
  for (let i = 0; i < magicBytes; i++) {
    if (bytes[i] !== MCH_MAGIC[i]) throw new InputError(`${fileName}: not a tspmi .mch file (bad magic)`);
  }
  if (fileSize === 0) throw new InputError(`${fileName}: not a tspmi .mch file (empty file)`);
  if (bytes.length < MCH_PREAMBLE_SIZE) throw new InputError(`${fileName}: damaged .mch header (truncated)`);
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.readUInt16LE(8);
  if (version !== MCH_FORMAT_VERSION) {
    throw new InputError(
      `${fileName}: .mch format version ${version} is not supported (this tspmi reads version ${MCH_FORMAT_VERSION})`,
    );
  }
  const headerLength = view.readUInt32LE(12);
  if (headerLength > MAX_HEADER_BYTES) throw new InputError(`${fileName}: damaged .mch header (bad length)`);
  if (MCH_PREAMBLE_SIZE + headerLength > fileSize) throw new InputError(`${fileName}: damaged .mch header (truncated)`);
  return { headerLength, headerCrc: view.readUInt32LE(16) };
}

/** Validates and decodes the header document that follows the preamble. */
export function parseHeaderBody(body: Uint8Array, preamble: Preamble, fileName: string): CollectionHeader {
  if (crc32(body) !== preamble.headerCrc) throw new InputError(`${fileName}: damaged .mch header (bad checksum)`);
  let doc: unknown;
  try {
    doc = decodePlain(body);
  } catch {
    throw new InputError(`${fileName}: damaged .mch header (undecodable)`);
  }
  const problem = headerProblem(doc);
  if (problem !== undefined) throw new InputError(`${fileName}: damaged .mch header (${problem})`);
  return doc as CollectionHeader;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function headerProblem(doc: unknown): string | undefined {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return 'not a header document';
  const h = doc as Record<string, unknown>;
  if (!isStringArray(h['interfaceVersions'])) return 'bad interfaceVersions';
  if (h['mode'] !== 'jit' && h['mode'] !== 'r2r') return 'bad mode';
  for (const key of ['toolVersion', 'createdAt', 'createdBy', 'collectionId']) {
    if (typeof h[key] !== 'string') return `bad ${key}`;
  }
  if (!isStringArray(h['createdFrom'])) return 'bad createdFrom';
  return undefined;
}
