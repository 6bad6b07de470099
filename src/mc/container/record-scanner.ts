import {
  MAX_RECORD_BODY_BYTES,
  RECORD_CRC_START,
  RECORD_FRAME_SIZE,
  RECORD_SYNC,
  type CorruptionKind,
} from '../mch-format.js';
import type { ChunkedFile } from './chunked-file.js';
import { crc32 } from './crc32.js';
import { hasSyncAt, readFrameFields } from './record-frame.js';

/** An intact record, not decoded. The byte views are valid until the scanner moves on. */
export interface RawRecord {
  kind: 'record';
  /** 1-based position of the record in the file, counting damaged ones. */
  index: number;
  offset: number;
  /** Whole record on disk, frame included. */
  size: number;
  crc: number;
  /** The whole record (frame, meta, payload), ready to be copied verbatim. */
  bytes: Uint8Array;
  meta: Uint8Array;
  payload: Uint8Array;
}

/** A damaged stretch of the file, counted as one context. */
export interface CorruptRecord {
  kind: 'corrupt';
  index: number;
  offset: number;
  /** Bytes skipped before the next intact-looking record (or the end of the file). */
  size: number;
  error: CorruptionKind;
  detail: string;
}

type Probe = RawRecord | { kind: 'corrupt'; error: CorruptionKind; detail: string };

/**
 * Walks the records of a .mch file. A damaged record becomes one CorruptRecord
 * and the walk resumes at the next sync marker after its start, so every
 * intact record is still found and keeps its index as long as damage stays
 * within one record.
 */
export class RecordScanner {
  private position: number;
  private nextIndex: number;

  constructor(
    private readonly file: ChunkedFile,
    dataStart: number,
    firstIndex = 1,
  ) {
    this.position = dataStart;
    this.nextIndex = firstIndex;
  }

  next(): RawRecord | CorruptRecord | undefined {
    const offset = this.position;
    if (offset >= this.file.size) return undefined;
    const index = this.nextIndex++;
    const probe = this.probe(offset, index);
    if (probe.kind === 'record') {
      this.position = offset + probe.size;
      return probe;
    }
    const resume = this.file.indexOf(RECORD_SYNC, offset + 1);
    this.position = resume < 0 ? this.file.size : resume;
    return { kind: 'corrupt', index, offset, size: this.position - offset, error: probe.error, detail: probe.detail };
  }

  /** Validates the one record expected at `offset` (random access), without re-synchronising. */
  readAt(offset: number, index: number): RawRecord | CorruptRecord {
    const probe = this.probe(offset, index);
    if (probe.kind === 'record') return probe;
    return { kind: 'corrupt', index, offset, size: 0, error: probe.error, detail: probe.detail };
  }

  private probe(offset: number, index: number): Probe {
    const remaining = this.file.size - offset;
    if (remaining < RECORD_FRAME_SIZE) {
      return { kind: 'corrupt', error: 'truncated', detail: `only ${remaining} bytes left for a record frame` };
    }
    const frame = this.file.view(offset, RECORD_FRAME_SIZE);
    if (!hasSyncAt(frame, 0)) return { kind: 'corrupt', error: 'bad sync marker', detail: 'no record starts here' };
    const fields = readFrameFields(frame);
    if (fields.bodyLength > MAX_RECORD_BODY_BYTES) {
      return { kind: 'corrupt', error: 'bad length', detail: `record length ${fields.bodyLength} exceeds the limit` };
    }
    const size = RECORD_FRAME_SIZE + fields.bodyLength;
    if (size > remaining) {
      // Either the file ends early or the length field is damaged; another
      // record further on means the file went on, so the length is wrong.
      const laterRecord = this.file.indexOf(RECORD_SYNC, offset + RECORD_FRAME_SIZE);
      return laterRecord < 0
        ? { kind: 'corrupt', error: 'truncated', detail: `record needs ${size} bytes, ${remaining} left` }
        : { kind: 'corrupt', error: 'bad length', detail: `record length ${fields.bodyLength} runs past the next record` };
    }
    const bytes = this.file.view(offset, size);
    const actual = crc32(bytes.subarray(RECORD_CRC_START));
    if (actual !== fields.crc) {
      return { kind: 'corrupt', error: 'bad checksum', detail: `crc ${hex(actual)} != stored ${hex(fields.crc)}` };
    }
    if (fields.metaLength === 0 || fields.metaLength >= fields.bodyLength) {
      return { kind: 'corrupt', error: 'undecodable', detail: `meta length ${fields.metaLength} does not fit the record` };
    }
    const metaEnd = RECORD_FRAME_SIZE + fields.metaLength;
    return {
      kind: 'record',
      index,
      offset,
      size,
      crc: fields.crc,
      bytes,
      meta: bytes.subarray(RECORD_FRAME_SIZE, metaEnd),
      payload: bytes.subarray(metaEnd),
    };
  }
}

function hex(n: number): string {
  return n.toString(16).padStart(8, '0');
}
