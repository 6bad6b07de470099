import {
  MAX_RECORD_BODY_BYTES,
  RECORD_CRC_START,
  RECORD_FRAME_SIZE,
  RECORD_SYNC,
} from '../mch-format.js';
import { crc32 } from './crc32.js';

/** Bytes a record with this meta and payload occupies on disk; RangeError beyond the format's limit. */
export function recordSize(metaLength: number, payloadLength: number): number {
  const bodyLength = metaLength + payloadLength;
  if (bodyLength > MAX_RECORD_BODY_BYTES) {
    throw new RangeError(`context record of ${bodyLength} bytes exceeds the ${MAX_RECORD_BODY_BYTES}-byte limit`);
  }
  return RECORD_FRAME_SIZE + bodyLength;
}

/**
 * Writes a complete record (frame, meta, payload) into `target` at `at` and
 * returns its CRC. `target` must have recordSize(...) bytes free there.
 */
export function writeRecord(target: Buffer, at: number, meta: Uint8Array, payload: Uint8Array): number {
  const bodyLength = recordSize(meta.length, payload.length) - RECORD_FRAME_SIZE;
  target.set(RECORD_SYNC, at);
  target.writeUInt32LE(bodyLength, at + 12);
  target.writeUInt32LE(meta.length, at + 16);
  target.set(meta, at + RECORD_FRAME_SIZE);
  target.set(payload, at + RECORD_FRAME_SIZE + meta.length);
  const crc = crc32(target.subarray(at + RECORD_CRC_START, at + RECORD_FRAME_SIZE + bodyLength));
  target.writeUInt32LE(crc, at + 8);
  return crc;
}

export function hasSyncAt(bytes: Uint8Array, at: number): boolean {
  for (let i = 0; i < RECORD_SYNC.length; i++) if (bytes[at + i] !== RECORD_SYNC[i]) return false;
  return true;
}

export interface FrameFields {
  crc: number;
  bodyLength: number;
  metaLength: number;
}

/** Reads the fixed fields of a frame whose sync marker was already checked. */
export function readFrameFields(frame: Buffer): FrameFields {
  return { crc: frame.readUInt32LE(8), bodyLength: frame.readUInt32LE(12), metaLength: frame.readUInt32LE(16) };
}
