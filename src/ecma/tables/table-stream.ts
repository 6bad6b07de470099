import { FileBytes } from '../bytes.js';
import { hex } from '../errors.js';
import type { StreamHeader } from '../metadata/metadata-root.js';
import { CodedIndex } from './coded-index.js';
import { MetadataTable, type ColumnLayout } from './metadata-table.js';
import { SCHEMA_BY_ID, type ColumnType } from './schema.js';
import { TABLE_COUNT, tableName } from './table-ids.js';

/** HeapSizes bits of the tables stream header. */
export const HeapSizeFlags = {
  LargeStrings: 0x01,
  LargeGuid: 0x02,
  LargeBlob: 0x04,
  /** Four bytes of extra data follow the row counts (written by some EnC tools). */
  ExtraData: 0x40,
} as const;

/** The #~ (or uncompressed #-) stream: header, row counts and table layout. */
export interface TableStream {
  streamName: string;
  /** File offset of the stream. */
  offset: number;
  majorVersion: number;
  minorVersion: number;
  heapSizes: number;
  /** Tables present, bit per table id. */
  valid: bigint;
  /** Tables declared sorted, bit per table id. */
  sorted: bigint;
  /** True for #- streams, whose list columns may go through the *Ptr tables. */
  uncompressed: boolean;
  /** Every table 0x00 … 0x2C (empty ones with rowCount 0). */
  tables: MetadataTable[];
}

const MAX_RID = 0x00ffffff;

/**
 * Parses the tables stream header and lays out every table. `minimalDelta`
 * (a #JTD stream is present) makes every heap and table index 4 bytes wide.
 */
export function readTableStream(file: FileBytes, stream: StreamHeader, minimalDelta: boolean): TableStream {
  const where = `the ${stream.name} stream`;
  const start = stream.offset;
  const end = stream.offset + stream.size;
  if (stream.size < 24) file.fail(`${stream.name} stream is too small (${stream.size} bytes)`);
  const heapSizes = file.u8(start + 6);
  const valid = file.u64(start + 8);
  const sorted = file.u64(start + 16);

  const rowCounts = new Array<number>(TABLE_COUNT).fill(0);
  let p = start + 24;
  for (let id = 0; id < 64; id++) {
    if ((valid & (1n << BigInt(id))) === 0n) continue;
    if (id >= TABLE_COUNT) file.fail(`metadata table ${hex(id)} is present in ${where} but unknown`);
    if (p + 4 > end) file.fail(`row counts run past the end of ${where}`);
    rowCounts[id] = file.u32(p);
    p += 4;
  }
  if (heapSizes & HeapSizeFlags.ExtraData) p += 4;
  if (p > end) file.fail(`header of ${where} runs past its end`);

  const widths = new IndexWidths(rowCounts, heapSizes, minimalDelta);
  const tables: MetadataTable[] = [];
  let tableOffset = p;
  for (let id = 0; id < TABLE_COUNT; id++) {
    const schema = SCHEMA_BY_ID[id]!;
    const columns: ColumnLayout[] = [];
    let rowSize = 0;
    for (const c of schema.columns) {
      const size = widths.of(c.type);
      columns.push(layoutColumn(c.name, c.type, rowSize, size));
      rowSize += size;
    }
    const rowCount = rowCounts[id]!;
    // Plain float arithmetic is exact here: rowCount < 2^32, rowSize < 2^7.
    if (rowCount * rowSize > end - tableOffset) {
      file.fail(`metadata table ${tableName(id)} has ${rowCount} rows, which cannot fit in the ${stream.name} stream`);
    }
    if (rowCount > MAX_RID) file.fail(`metadata table ${tableName(id)} has ${rowCount} rows, more than a token can address`);
    tables.push(new MetadataTable(file, schema, rowCount, rowSize, tableOffset, columns));
    tableOffset += rowCount * rowSize;
  }

  return {
    streamName: stream.name,
    offset: start,
    majorVersion: file.u8(start + 4),
    minorVersion: file.u8(start + 5),
    heapSizes,
    valid,
    sorted,
    uncompressed: stream.name === '#-',
    tables,
  };
}

function layoutColumn(name: string, type: ColumnType, offset: number, size: number): ColumnLayout {
  if (type.kind === 'coded') {
    const kind = CodedIndex[type.coded];
    return { name, type, offset, size, tagBits: kind.tagBits, codedTables: kind.tables };
  }
  return { name, type, offset, size, tagBits: 0, codedTables: undefined };
}

/** Column widths: 2 bytes while the indexed heap or tables are small enough, else 4. */
class IndexWidths {
  constructor(
    private readonly rowCounts: readonly number[],
    private readonly heapSizes: number,
    private readonly allLarge: boolean,
  ) {}

  of(type: ColumnType): number {
    switch (type.kind) {
      case 'u8':
        return 1;
      case 'u16':
        return 2;
      case 'u32':
        return 4;
      case 'string':
        return this.heap(HeapSizeFlags.LargeStrings);
      case 'guid':
        return this.heap(HeapSizeFlags.LargeGuid);
      case 'blob':
        return this.heap(HeapSizeFlags.LargeBlob);
      case 'index':
        return this.allLarge || this.rowCounts[type.table]! > 0xffff ? 4 : 2;
      case 'coded': {
        if (this.allLarge) return 4;
        const kind = CodedIndex[type.coded];
        const limit = 1 << (16 - kind.tagBits);
        const largest = Math.max(...kind.tables.map((t) => (t < 0 ? 0 : this.rowCounts[t]!)));
        return largest < limit ? 2 : 4;
      }
    }
  }

  private heap(flag: number): number {
    return this.allLarge || this.heapSizes & flag ? 4 : 2;
  }
}
