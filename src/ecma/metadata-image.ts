import { readFileSync } from 'node:fs';
import { InputError } from '../util/errors.js';
import { FileBytes } from './bytes.js';
import { BlobHeap, GuidHeap, StringHeap, UserStringHeap } from './metadata/heaps.js';
import { findStream, readMetadataRoot, type MetadataRoot } from './metadata/metadata-root.js';
import { readCliHeader, type CliHeader } from './pe/cli-header.js';
import { PeImage } from './pe/pe-image.js';
import type { MetadataTable } from './tables/metadata-table.js';
import type { ColumnName, RawRow } from './tables/schema.js';
import { TableId, type TableName } from './tables/table-ids.js';
import { readTableStream, type TableStream } from './tables/table-stream.js';

/**
 * The structure of an assembly file: PE headers, CLI header, metadata root,
 * heaps and table layout. Everything beyond the headers is decoded on demand.
 */
export class MetadataImage {
  readonly file: FileBytes;
  readonly pe: PeImage;
  readonly cliHeader: CliHeader;
  readonly metadataRoot: MetadataRoot;
  readonly tableStream: TableStream;
  readonly strings: StringHeap;
  readonly userStrings: UserStringHeap;
  readonly blobs: BlobHeap;
  readonly guids: GuidHeap;

  constructor(bytes: Uint8Array, displayPath: string) {
    const file: FileBytes = new FileBytes(bytes, displayPath);
    this.file = file;
    this.pe = new PeImage(file);
    this.cliHeader = readCliHeader(this.pe);
    const md = this.cliHeader.metadata;
    if (md.rva === 0 || md.size === 0) file.fail('CLI header has no metadata');
    const mdOffset = this.pe.rvaToOffset(md.rva, md.size, 'metadata');
    this.metadataRoot = readMetadataRoot(file, mdOffset, md.size);
    const root = this.metadataRoot;
    const tables = findStream(root, '#~') ?? findStream(root, '#-');
    if (!tables) file.fail('metadata has no #~ or #- tables stream');
    this.tableStream = readTableStream(file, tables, findStream(root, '#JTD') !== undefined);
    this.strings = new StringHeap(file, findStream(root, '#Strings'));
    this.userStrings = new UserStringHeap(file, findStream(root, '#US'));
    this.blobs = new BlobHeap(file, findStream(root, '#Blob'));
    this.guids = new GuidHeap(file, findStream(root, '#GUID'));
  }

  /** Reads a file; a missing or unreadable file is an InputError naming it. */
  static readFile(path: string): Uint8Array {
    try {
      return readFileSync(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const reason =
        code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : String(code ?? err);
      throw new InputError(`${path}: cannot read file (${reason})`);
    }
  }

  /** The path (or display name) the bytes came from. */
  get path(): string {
    return this.file.file;
  }

  get bytes(): Uint8Array {
    return this.file.bytes;
  }

  table(id: number): MetadataTable {
    const t = this.tableStream.tables[id];
    if (!t) throw new RangeError(`no metadata table ${id}`);
    return t;
  }

  rowCount(id: number): number {
    return this.tableStream.tables[id]?.rowCount ?? 0;
  }

  /** Every column of a row as numbers (heap indexes, row ids, tokens); see RawRow. */
  row<N extends TableName>(table: N, rid: number): RawRow<N> {
    return this.table(TableId[table]).row(rid) as unknown as RawRow<N>;
  }

  /** File offset of row `rid` of a table. */
  rowOffset(table: number, rid: number): number {
    return this.table(table).rowOffset(rid);
  }

  /** Offset of a column within its table's rows, and its width in this file. */
  columnLayout<N extends TableName>(table: N, column: ColumnName<N>): { offset: number; size: number } {
    const t = this.table(TableId[table]);
    const c = t.columns[t.columnIndex(column)]!;
    return { offset: c.offset, size: c.size };
  }

  /** True if the tables stream marks the table as sorted. */
  isSorted(table: number): boolean {
    return (this.tableStream.sorted & (1n << BigInt(table))) !== 0n;
  }
}
