import { Packr, Unpackr } from 'msgpackr';
import type { ContextMeta } from '../mch-format.js';

/*
 * Context payloads are msgpack as written by msgpackr with these settings:
 *
 * - records on (msgpackr's default): a plain object is written as a record whose
 *   key list is defined once per payload, so the many small same-shaped objects
 *   of a method context cost little; every payload stays self-contained (no
 *   shared structures), which is what lets merge/strip copy records verbatim.
 * - maps come back as Map (records take care of plain objects), so Map keys of
 *   any type — bigint handles above all — survive.
 * - bigints are always written as 64-bit (int64 below 2^63, uint64 up to
 *   2^64-1) and read back as bigint, so 0n stays 0n and handles ≥ 2^63 stay
 *   unsigned. Numbers stay numbers.
 * - moreTypes: typed arrays keep their type, Set stays Set.
 * - copyBuffers: decoded binaries are copies, not views into the reader's
 *   buffer (which is reused for the next chunk of the file).
 */
const payloadOptions = { moreTypes: true, copyBuffers: true, int64AsType: 'bigint' } as const;

const payloadPackr = new Packr({ ...payloadOptions });
const payloadUnpackr = new Unpackr({ ...payloadOptions });

/** The returned bytes are only valid until the next call (they live in the packer's buffer). */
export function encodePayload(value: unknown): Uint8Array {
  return payloadPackr.pack(value);
}

export function decodePayload(bytes: Uint8Array): unknown {
  // A plain Uint8Array view makes msgpackr hand back binaries as Uint8Array, not Buffer.
  return payloadUnpackr.unpack(asPlainView(bytes));
}

function asPlainView(bytes: Uint8Array): Uint8Array {
  return Object.getPrototypeOf(bytes) === Uint8Array.prototype
    ? bytes
    : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/*
 * Small documents (file header, record meta) are plain msgpack maps with
 * string keys, readable by any msgpack library.
 */
const plainOptions = { useRecords: false, mapsAsObjects: true, int64AsType: 'bigint' } as const;
const plainPackr = new Packr({ ...plainOptions });
const plainUnpackr = new Unpackr({ ...plainOptions });

/** The returned bytes are only valid until the next call. */
export function encodePlain(value: unknown): Uint8Array {
  return plainPackr.pack(value);
}

export function decodePlain(bytes: Uint8Array): unknown {
  return plainUnpackr.unpack(bytes);
}

export function encodeMeta(meta: ContextMeta): Uint8Array {
  const doc: { methodHash: string; methodName?: string } = { methodHash: meta.methodHash };
  if (meta.methodName !== undefined) doc.methodName = meta.methodName;
  return encodePlain(doc);
}

/** Throws (a plain Error) when the bytes are not a valid meta document. */
export function decodeMeta(bytes: Uint8Array): ContextMeta {
  const doc = decodePlain(bytes) as { methodHash?: unknown; methodName?: unknown } | null;
  if (doc === null || typeof doc !== 'object' || typeof doc.methodHash !== 'string') {
    throw new Error('record meta has no methodHash');
  }
  if (doc.methodName !== undefined && typeof doc.methodName !== 'string') {
    throw new Error('record meta has a non-string methodName');
  }
  return doc.methodName === undefined
    ? { methodHash: doc.methodHash }
    : { methodHash: doc.methodHash, methodName: doc.methodName };
}
