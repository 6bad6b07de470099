import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { AtomicOutput } from './container/atomic-output.js';
import { encodeMeta, encodePayload } from './container/payload-codec.js';
import { recordSize, writeRecord } from './container/record-frame.js';
import type { RawRecord } from './container/record-scanner.js';
import { TocWriter } from './container/toc-format.js';
import { toolVersion } from './container/tool-version.js';
import {
  encodeCollectionHeader,
  type CollectionHeader,
  type ContextMeta,
  type NewCollectionHeader,
} from './mch-format.js';
import { tocPathFor } from './container/toc-path.js';

export interface MchWriterOptions {
  /** Also write PATH.mct (default true). Single-context repro files usually skip it. */
  toc?: boolean;
}

export interface MchWriteSummary {
  path: string;
  tocPath: string | undefined;
  contexts: number;
  bytes: number;
  header: CollectionHeader;
}

const WRITE_BUFFER_BYTES = 1 << 20;

/**
 * Appends method contexts to a new .mch one at a time. Memory stays bounded
 * (one write buffer; TOC entries are streamed too). Nothing appears at `path`
 * until close(): a process killed earlier leaves no file or the previous one.
 */
export class MchWriter {
  readonly header: CollectionHeader;
  private readonly output: AtomicOutput;
  private readonly toc: TocWriter | undefined;
  private readonly headerCrc: number;
  private buffer = Buffer.allocUnsafe(WRITE_BUFFER_BYTES);
  private used = 0;
  private written = 0;
  private contexts = 0;
  private state: 'open' | 'closed' | 'aborted' = 'open';

  private constructor(
    readonly path: string,
    header: NewCollectionHeader,
    options: MchWriterOptions,
  ) {
    this.header = completeHeader(header);
    const encoded = encodeCollectionHeader(this.header);
    this.headerCrc = encoded.headerCrc;
    this.output = new AtomicOutput(path);
    try {
      this.toc = options.toc === false ? undefined : new TocWriter(tocPathFor(path));
      this.put(encoded.bytes);
    } catch (err) {
      this.output.abort();
      throw err;
    }
  }

  static create(path: string, header: NewCollectionHeader, options: MchWriterOptions = {}): MchWriter {
    return new MchWriter(path, header, options);
  }

  /** Number of contexts appended so far (also the index of the last one). */
  get count(): number {
    return this.contexts;
  }

  /**
   * Encodes and appends one context; returns its 1-based index. If encoding
   * throws, nothing was written and the writer is still usable.
   */
  append(context: unknown, meta: ContextMeta): number {
    this.assertOpen();
    // msgpackr never overwrites bytes it has handed out (it moves on or takes a
    // new buffer), so the payload view survives encoding the meta.
    const payload = encodePayload(context);
    const metaBytes = encodeMeta(meta);
    const size = recordSize(metaBytes.length, payload.length);
    const at = this.reserve(size);
    const crc = writeRecord(this.buffer, at, metaBytes, payload);
    return this.recordWritten(at, size, crc, meta.methodHash);
  }

  /** Copies an intact record from another collection verbatim (no re-encoding). */
  appendRaw(record: RawRecord, meta: ContextMeta): number {
    this.assertOpen();
    const at = this.reserve(record.size);
    this.buffer.set(record.bytes, at);
    return this.recordWritten(at, record.size, record.crc, meta.methodHash);
  }

  /** Finishes both files and renames them into place. */
  close(): MchWriteSummary {
    this.assertOpen();
    try {
      this.flush();
      const stat = this.output.finish();
      this.toc?.finish(stat.size, this.headerCrc);
      this.output.commit();
      if (this.toc) this.toc.commit();
      else removeStaleToc(this.path);
      this.state = 'closed';
      return {
        path: this.path,
        tocPath: this.toc ? tocPathFor(this.path) : undefined,
        contexts: this.contexts,
        bytes: stat.size,
        header: this.header,
      };
    } catch (err) {
      this.abort();
      throw err;
    }
  }

  /** Discards everything written; `path` keeps whatever it held before. Safe to call at any time. */
  abort(): void {
    if (this.state !== 'open') return;
    this.state = 'aborted';
    this.output.abort();
    this.toc?.abort();
  }

  private recordWritten(at: number, size: number, crc: number, methodHash: string): number {
    const offset = this.written + at;
    this.used = at + size;
    this.contexts++;
    this.toc?.add({ index: this.contexts, offset, length: size, crc, status: 'ok', methodHash });
    return this.contexts;
  }

  /** Returns the buffer position where `size` bytes can go. */
  private reserve(size: number): number {
    if (this.used + size > this.buffer.length) {
      this.flush();
      if (size > this.buffer.length) this.buffer = Buffer.allocUnsafe(size);
    }
    return this.used;
  }

  private put(bytes: Uint8Array): void {
    const at = this.reserve(bytes.length);
    this.buffer.set(bytes, at);
    this.used = at + bytes.length;
  }

  private flush(): void {
    if (this.used === 0) return;
    this.output.write(this.buffer.subarray(0, this.used));
    this.written += this.used;
    this.used = 0;
    // A one-off oversized buffer (one huge record) is not kept around.
    if (this.buffer.length > WRITE_BUFFER_BYTES) this.buffer = Buffer.allocUnsafe(WRITE_BUFFER_BYTES);
  }

  private assertOpen(): void {
    if (this.state !== 'open') throw new Error(`${this.path}: writer is ${this.state}`);
  }
}

/**
 * Runs `fill` with a fresh writer: closes it when `fill` returns, aborts it
 * (leaving `path` untouched) when `fill` throws.
 */
export function withMchWriter(
  path: string,
  header: NewCollectionHeader,
  fill: (writer: MchWriter) => void,
  options: MchWriterOptions = {},
): MchWriteSummary {
  const writer = MchWriter.create(path, header, options);
  try {
    fill(writer);
  } catch (err) {
    writer.abort();
    throw err;
  }
  return writer.close();
}

/** Writes one context as its own collection (a repro file), without a TOC. */
export function writeSingleContextFile(
  path: string,
  header: NewCollectionHeader,
  context: unknown,
  meta: ContextMeta,
): MchWriteSummary {
  return withMchWriter(path, header, (writer) => writer.append(context, meta), { toc: false });
}

/** A TOC left beside a file we just replaced describes the old file; drop it. */
function removeStaleToc(mchPath: string): void {
  try {
    fs.unlinkSync(tocPathFor(mchPath));
  } catch {
    // None there.
  }
}

function completeHeader(header: NewCollectionHeader): CollectionHeader {
  return {
    interfaceVersions: [...header.interfaceVersions],
    mode: header.mode,
    toolVersion: header.toolVersion ?? toolVersion(),
    createdAt: new Date().toISOString(),
    createdBy: header.createdBy ?? 'record',
    createdFrom: [...(header.createdFrom ?? [])],
    collectionId: randomBytes(8).toString('hex'),
  };
}
