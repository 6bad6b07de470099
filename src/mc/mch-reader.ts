import * as fs from 'node:fs';
import { InputError } from '../util/errors.js';
import { ChunkedFile } from './container/chunked-file.js';
import { decodeMeta, decodePayload } from './container/payload-codec.js';
import { RecordScanner, type CorruptRecord, type RawRecord } from './container/record-scanner.js';
import { readTocFile, Toc, TocBuilder } from './container/toc-format.js';
import {
  MCH_PREAMBLE_SIZE,
  parseHeaderBody,
  parsePreamble,
  type CollectionHeader,
  type ContextMeta,
} from './mch-format.js';
import { tocPathFor } from './container/toc-path.js';

export type { RawRecord, CorruptRecord } from './container/record-scanner.js';

/** A decoded context. */
export interface ContextEntry<T = unknown> {
  kind: 'context';
  /** 1-based, as SuperPMI numbers contexts; damaged records count too. */
  index: number;
  offset: number;
  /** Bytes the record occupies on disk. */
  size: number;
  meta: ContextMeta;
  context: T;
}

/** What a reader yields for a damaged record: its index and where it was. */
export type CorruptEntry = CorruptRecord;

export type McEntry<T = unknown> = ContextEntry<T> | CorruptEntry;

export interface MchReaderOptions {
  /** Where to look for the TOC (default PATH.mct); false never uses one. */
  tocPath?: string | false;
  /** Initial size of the read window (default 1 MiB); it grows to fit the largest record. */
  windowBytes?: number;
}

export interface RecordCounts {
  /** Context indices in the file, damaged ones included. */
  contexts: number;
  intact: number;
  corrupt: number;
}

/**
 * Reads a .mch: streams records in order with memory bounded by the largest
 * record, or fetches single contexts by index through the TOC. Damaged
 * records are reported (never thrown) and reading carries on after them;
 * only an unusable file header is an InputError.
 */
export class MchReader {
  readonly header: CollectionHeader;
  readonly headerCrc: number;
  /** Offset of the first record. */
  readonly dataStart: number;
  private readonly file: ChunkedFile;
  private randomAccessScanner: RecordScanner | undefined;
  private currentToc: Toc | undefined;
  private currentTocSource: 'file' | 'scan' | undefined;
  private useTocFile: boolean;

  private constructor(
    readonly path: string,
    file: ChunkedFile,
    private readonly options: MchReaderOptions,
  ) {
    this.file = file;
    this.useTocFile = options.tocPath !== false;
    const preamble = parsePreamble(file.view(0, Math.min(file.size, MCH_PREAMBLE_SIZE)), file.size, path);
    this.header = parseHeaderBody(file.view(MCH_PREAMBLE_SIZE, preamble.headerLength), preamble, path);
    this.headerCrc = preamble.headerCrc;
    this.dataStart = MCH_PREAMBLE_SIZE + preamble.headerLength;
  }

  /** Throws InputError with a one-line message naming the file when it cannot be read as a .mch. */
  static open(path: string, options: MchReaderOptions = {}): MchReader {
    const file = ChunkedFile.open(path, path, { windowBytes: options.windowBytes });
    try {
      return new MchReader(path, file, options);
    } catch (err) {
      file.close();
      throw err;
    }
  }

  get fileSize(): number {
    return this.file.size;
  }

  /** Every record in file order, undecoded; byte views are valid until the next step. */
  *records(): Generator<RawRecord | CorruptEntry> {
    const scanner = new RecordScanner(this.file, this.dataStart);
    for (let record = scanner.next(); record; record = scanner.next()) yield record;
  }

  /**
   * Every context in file order, decoded. With `select`, other indices are
   * skipped without decoding (their checksums are still verified, which keeps
   * the numbering right across damage).
   */
  *contexts<T = unknown>(options: { select?: (index: number) => boolean } = {}): Generator<McEntry<T>> {
    const select = options.select;
    for (const record of this.records()) {
      if (select && !select(record.index)) continue;
      yield record.kind === 'record' ? decodeRecord<T>(record) : record;
    }
  }

  /** Walks the whole file without decoding payloads. */
  countRecords(): RecordCounts {
    let contexts = 0;
    let corrupt = 0;
    for (const record of this.records()) {
      contexts++;
      if (record.kind === 'corrupt') corrupt++;
    }
    return { contexts, intact: contexts - corrupt, corrupt };
  }

  /** Number of context indices, from the TOC (read or rebuilt by a scan). */
  contextCount(): number {
    return this.toc().count;
  }

  /** The context with this 1-based index. InputError when there is no such index. */
  readContext<T = unknown>(index: number): McEntry<T> {
    const record = this.recordAt(index);
    return record.kind === 'record' ? decodeRecord<T>(record) : record;
  }

  /** The contexts with these indices, in the order given. */
  *contextsAt<T = unknown>(indices: Iterable<number>): Generator<McEntry<T>> {
    for (const index of indices) yield this.readContext<T>(index);
  }

  /** The undecoded record with this index; its views are valid until the next read. */
  recordAt(index: number): RawRecord | CorruptEntry {
    const toc = this.toc();
    const entry = toc.entry(index);
    if (!entry) {
      throw new InputError(`${this.path}: no context #${index} (the file has ${toc.count})`);
    }
    if (entry.status !== 'ok') {
      return { kind: 'corrupt', index, offset: entry.offset, size: entry.length, error: entry.status, detail: 'listed as damaged in the TOC' };
    }
    const record = this.randomAccess().readAt(entry.offset, index);
    if (record.kind === 'record' && record.crc === entry.crc) return record;
    if (this.currentTocSource === 'file') {
      // The .mct matched the header and size but not this record: it is stale.
      this.forgetToc();
      return this.recordAt(index);
    }
    return record.kind === 'corrupt' ? { ...record, size: entry.length } : record;
  }

  /**
   * The TOC in use: the .mct beside the file when it belongs to this exact
   * file (same header checksum — which covers the random collection id — and
   * same size), otherwise one built by scanning.
   */
  toc(): Toc {
    if (this.currentToc) return this.currentToc;
    const fromFile = this.loadTocFile();
    if (fromFile) {
      this.currentToc = fromFile;
      this.currentTocSource = 'file';
    } else {
      this.currentToc = this.scanToc();
      this.currentTocSource = 'scan';
    }
    return this.currentToc;
  }

  /** Where toc() came from, once it has been asked for. */
  get tocSource(): 'file' | 'scan' | undefined {
    return this.currentTocSource;
  }

  /** Builds the TOC by walking the records, decoding only their small meta. */
  scanToc(): Toc {
    const builder = new TocBuilder();
    for (const record of this.records()) {
      if (record.kind === 'corrupt') {
        builder.add({ index: record.index, offset: record.offset, length: record.size, crc: 0, status: record.error, methodHash: '' });
        continue;
      }
      let methodHash = '';
      let status: 'ok' | 'undecodable' = 'ok';
      try {
        methodHash = decodeMeta(record.meta).methodHash;
      } catch {
        status = 'undecodable';
      }
      builder.add({ index: record.index, offset: record.offset, length: record.size, crc: record.crc, status, methodHash });
    }
    return builder.build(this.file.size, this.headerCrc);
  }

  close(): void {
    this.file.close();
  }

  /**
   * Random reads get their own window with a small read-ahead, so they
   * neither read a whole window per context nor disturb a sequential scan.
   */
  private randomAccess(): RecordScanner {
    if (!this.randomAccessScanner) {
      const window = this.file.sibling({ windowBytes: 64 * 1024, readAheadBytes: 16 * 1024 });
      this.randomAccessScanner = new RecordScanner(window, this.dataStart);
    }
    return this.randomAccessScanner;
  }

  private loadTocFile(): Toc | undefined {
    if (!this.useTocFile) return undefined;
    const tocPath = this.options.tocPath || tocPathFor(this.path);
    if (!fs.existsSync(tocPath)) return undefined;
    try {
      const toc = readTocFile(tocPath);
      return this.tocMatches(toc) ? toc : undefined;
    } catch (err) {
      // A damaged TOC is only a lost shortcut: fall back to scanning.
      if (err instanceof InputError) return undefined;
      throw err;
    }
  }

  /** Whether a TOC describes this very file (not an older or different one). */
  tocMatches(toc: Toc): boolean {
    return toc.mchFileSize === this.file.size && toc.mchHeaderCrc === this.headerCrc;
  }

  private forgetToc(): void {
    this.currentToc = undefined;
    this.currentTocSource = undefined;
    this.useTocFile = false;
  }
}

/** Decodes an intact record; a payload msgpack cannot read becomes an 'undecodable' entry. */
export function decodeRecord<T = unknown>(record: RawRecord): McEntry<T> {
  try {
    const meta = decodeMeta(record.meta);
    const context = decodePayload(record.payload) as T;
    return { kind: 'context', index: record.index, offset: record.offset, size: record.size, meta, context };
  } catch (err) {
    const detail = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    return { kind: 'corrupt', index: record.index, offset: record.offset, size: record.size, error: 'undecodable', detail };
  }
}

/** Opens, runs `use`, and closes the reader whatever happens. */
export function withMchReader<R>(path: string, use: (reader: MchReader) => R, options: MchReaderOptions = {}): R {
  const reader = MchReader.open(path, options);
  try {
    return use(reader);
  } finally {
    reader.close();
  }
}
