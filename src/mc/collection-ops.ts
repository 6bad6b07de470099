/*
 * Whole-collection operations behind the `mcs` verbs. They never decode
 * payloads: intact records are copied byte for byte (only the small meta is
 * read), so they work whatever a context contains. Output files are written
 * atomically with a fresh TOC, and may be the same path as an input.
 */
import { createHash } from 'node:crypto';
import { InputError } from '../util/errors.js';
import { decodeMeta, decodePayload } from './container/payload-codec.js';
import type { RawRecord } from './container/record-scanner.js';
import type { CollectionHeader, ContextMeta, CorruptionKind } from './mch-format.js';
import { withMchReader, type CorruptEntry } from './mch-reader.js';
import { MchWriter, type MchWriteSummary } from './mch-writer.js';

/** A damaged record found while reading one of several inputs. */
export interface CorruptInInput extends CorruptEntry {
  file: string;
}

export interface CopyResult extends MchWriteSummary {
  /** For each output context (in order), its index in the input. */
  sourceIndices: number[];
  /** Damaged input records that were left out. */
  corrupt: CorruptInInput[];
}

export interface MergeResult extends MchWriteSummary {
  inputs: { file: string; contexts: number; corrupt: number }[];
  corrupt: CorruptInInput[];
}

/**
 * Concatenates collections into one, numbering contexts 1..N in input order.
 * All inputs must share a mode. The merged header lists only the interface
 * versions every input was recorded for: those are the JITs that can replay
 * every context of the result.
 */
export function mergeCollections(inputs: readonly string[], output: string): MergeResult {
  if (inputs.length === 0) throw new InputError('merge: no input collections');
  const headers = inputs.map((file) => withMchReader(file, (reader) => reader.header, { tocPath: false }));
  const first = headers[0]!;
  headers.forEach((header, i) => {
    if (header.mode !== first.mode) {
      throw new InputError(
        `merge: ${inputs[i]} was recorded in ${header.mode} mode but ${inputs[0]} in ${first.mode} mode; collections of different modes cannot be merged`,
      );
    }
  });
  const interfaceVersions = first.interfaceVersions.filter((v) => headers.every((h) => h.interfaceVersions.includes(v)));
  const writer = MchWriter.create(output, { interfaceVersions, mode: first.mode, createdBy: 'merge', createdFrom: [...inputs] });
  try {
    const corrupt: CorruptInInput[] = [];
    const perInput: MergeResult['inputs'] = [];
    for (const file of inputs) {
      const before = corrupt.length;
      let contexts = 0;
      withMchReader(file, (reader) => {
        for (const record of reader.records()) {
          contexts++;
          copyOrReport(writer, record, file, corrupt);
        }
      }, { tocPath: false });
      perInput.push({ file, contexts, corrupt: corrupt.length - before });
    }
    return { ...writer.close(), inputs: perInput, corrupt };
  } catch (err) {
    writer.abort();
    throw err;
  }
}

/** Copies every context except those `drop` selects (the `mcs strip` verb). */
export function stripContexts(input: string, output: string, drop: Iterable<number> | ((index: number) => boolean)): CopyResult {
  const dropped = asPredicate(drop);
  return copySelected(input, output, 'strip', (index) => !dropped(index));
}

/** Copies only the contexts `keep` selects, renumbered from 1 (repro files, `-c` extracts). */
export function keepContexts(input: string, output: string, keep: Iterable<number> | ((index: number) => boolean)): CopyResult {
  return copySelected(input, output, 'keep', asPredicate(keep));
}

export type DuplicateKey = 'methodHash' | 'content';

export interface RemoveDupResult extends CopyResult {
  /** Input indices of the contexts dropped as duplicates. */
  duplicates: number[];
}

/**
 * Keeps the first context of each method (by method hash, or with 'content'
 * by identical payload bytes) and drops the rest (the `mcs removedup` verb).
 */
export function removeDuplicates(input: string, output: string, by: DuplicateKey = 'methodHash'): RemoveDupResult {
  const seen = new Set<string>();
  const duplicates: number[] = [];
  const result = copyFiltered(input, output, 'removedup', (record, meta) => {
    const key = by === 'methodHash' ? meta.methodHash : createHash('sha256').update(record.payload).digest('base64');
    if (seen.has(key)) {
      duplicates.push(record.index);
      return false;
    }
    seen.add(key);
    return true;
  });
  return { ...result, duplicates };
}

export interface IntegrityReport {
  file: string;
  header: CollectionHeader;
  /** Context indices in the file, damaged ones included. */
  contexts: number;
  intact: number;
  corrupt: CorruptEntry[];
}

/**
 * Reads every record and reports each damaged one by index and offset (the
 * `mcs integrity` verb). With decode (the default) payloads are decoded too,
 * which also finds records whose checksum holds but whose content does not parse.
 */
export function checkIntegrity(input: string, options: { decode?: boolean } = {}): IntegrityReport {
  const decode = options.decode !== false;
  return withMchReader(input, (reader) => {
    const corrupt: CorruptEntry[] = [];
    let contexts = 0;
    for (const record of reader.records()) {
      contexts++;
      if (record.kind === 'corrupt') corrupt.push(record);
      else {
        const problem = undecodable(record, decode);
        if (problem) corrupt.push(problem);
      }
    }
    return { file: input, header: reader.header, contexts, intact: contexts - corrupt.length, corrupt };
  }, { tocPath: false });
}

export interface CollectionStats {
  file: string;
  header: CollectionHeader;
  /** Context indices, damaged ones included. */
  contexts: number;
  intact: number;
  corrupt: number;
  fileBytes: number;
  headerBytes: number;
  /** Bytes of intact records (frames included). */
  recordBytes: number;
  /** fileBytes / intact contexts. */
  bytesPerContext: number;
  minRecordBytes: number;
  maxRecordBytes: number;
  avgRecordBytes: number;
  corruptBytes: number;
  corruptByKind: Partial<Record<CorruptionKind, number>>;
}

/** Sizes and counts, from one pass that decodes nothing (the `mcs stat` verb). */
export function collectionStats(input: string): CollectionStats {
  return withMchReader(input, (reader) => {
    let intact = 0;
    let corrupt = 0;
    let recordBytes = 0;
    let corruptBytes = 0;
    let minRecordBytes = Infinity;
    let maxRecordBytes = 0;
    const corruptByKind: Partial<Record<CorruptionKind, number>> = {};
    for (const record of reader.records()) {
      if (record.kind === 'corrupt') {
        corrupt++;
        corruptBytes += record.size;
        corruptByKind[record.error] = (corruptByKind[record.error] ?? 0) + 1;
        continue;
      }
      intact++;
      recordBytes += record.size;
      minRecordBytes = Math.min(minRecordBytes, record.size);
      maxRecordBytes = Math.max(maxRecordBytes, record.size);
    }
    return {
      file: input,
      header: reader.header,
      contexts: intact + corrupt,
      intact,
      corrupt,
      fileBytes: reader.fileSize,
      headerBytes: reader.dataStart,
      recordBytes,
      bytesPerContext: intact ? reader.fileSize / intact : 0,
      minRecordBytes: intact ? minRecordBytes : 0,
      maxRecordBytes,
      avgRecordBytes: intact ? recordBytes / intact : 0,
      corruptBytes,
      corruptByKind,
    };
  }, { tocPath: false });
}

function copySelected(input: string, output: string, operation: string, select: (index: number) => boolean): CopyResult {
  return copyFiltered(input, output, operation, (record) => select(record.index));
}

/** Streams `input` to `output`, copying the intact records `accept` admits. */
function copyFiltered(
  input: string,
  output: string,
  operation: string,
  accept: (record: RawRecord, meta: ContextMeta) => boolean,
): CopyResult {
  return withMchReader(input, (reader) => {
    const writer = MchWriter.create(output, {
      interfaceVersions: reader.header.interfaceVersions,
      mode: reader.header.mode,
      createdBy: operation,
      createdFrom: [input],
    });
    try {
      const sourceIndices: number[] = [];
      const corrupt: CorruptInInput[] = [];
      for (const record of reader.records()) {
        if (record.kind === 'corrupt') {
          corrupt.push({ ...record, file: input });
          continue;
        }
        const meta = readMeta(record, input, corrupt);
        if (!meta || !accept(record, meta)) continue;
        writer.appendRaw(record, meta);
        sourceIndices.push(record.index);
      }
      return { ...writer.close(), sourceIndices, corrupt };
    } catch (err) {
      writer.abort();
      throw err;
    }
  }, { tocPath: false });
}

function copyOrReport(writer: MchWriter, record: RawRecord | CorruptEntry, file: string, corrupt: CorruptInInput[]): void {
  if (record.kind === 'corrupt') {
    corrupt.push({ ...record, file });
    return;
  }
  const meta = readMeta(record, file, corrupt);
  if (meta) writer.appendRaw(record, meta);
}

function readMeta(record: RawRecord, file: string, corrupt: CorruptInInput[]): ContextMeta | undefined {
  try {
    return decodeMeta(record.meta);
  } catch (err) {
    corrupt.push({
      kind: 'corrupt',
      index: record.index,
      offset: record.offset,
      size: record.size,
      error: 'undecodable',
      detail: err instanceof Error ? err.message : String(err),
      file,
    });
    return undefined;
  }
}

function undecodable(record: RawRecord, decodePayloadToo: boolean): CorruptEntry | undefined {
  try {
    decodeMeta(record.meta);
    if (decodePayloadToo) decodePayload(record.payload);
    return undefined;
  } catch (err) {
    const detail = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    return { kind: 'corrupt', index: record.index, offset: record.offset, size: record.size, error: 'undecodable', detail };
  }
}

function asPredicate(selection: Iterable<number> | ((index: number) => boolean)): (index: number) => boolean {
  if (typeof selection === 'function') return selection;
  const set = new Set(selection);
  return (index) => set.has(index);
}

