import { FileBytes } from '../bytes.js';
import { hex } from '../errors.js';
import type { ColumnType, TableSchema } from './schema.js';
import { describeToken, formatToken, makeToken } from './tokens.js';

/** Where a column sits inside a row, and how wide it is in this file. */
export interface ColumnLayout {
  readonly name: string;
  readonly type: ColumnType;
  /** Byte offset of the column within a row. */
  readonly offset: number;
  /** 1, 2 or 4 bytes. */
  readonly size: number;
  readonly tagBits: number;
  readonly codedTables: readonly number[] | undefined;
}

/**
 * One metadata table laid out in the file. Rows are read on demand straight
 * from the file bytes; the stream layout has already checked that every row
 * lies inside the stream.
 */
export class MetadataTable {
  readonly id: number;
  readonly name: string;
  private readonly bytes: Uint8Array;
  private readonly columnByName = new Map<string, number>();

  constructor(
    private readonly file: FileBytes,
    readonly schema: TableSchema,
    readonly rowCount: number,
    /** Bytes per row. */
    readonly rowSize: number,
    /** File offset of row 1. */
    readonly offset: number,
    readonly columns: readonly ColumnLayout[],
  ) {
    this.id = schema.id;
    this.name = schema.name;
    this.bytes = file.bytes;
    columns.forEach((c, i) => this.columnByName.set(c.name, i));
  }

  /** Throws unless 1 ≤ rid ≤ rowCount. */
  checkRid(rid: number): void {
    if (!(rid >= 1 && rid <= this.rowCount)) {
      this.file.fail(`token ${formatToken(makeToken(this.id, rid))} out of range (${this.name} has ${this.rowCount} rows)`);
    }
  }

  /** File offset of row `rid` (1-based). */
  rowOffset(rid: number): number {
    this.checkRid(rid);
    return this.offset + (rid - 1) * this.rowSize;
  }

  /** Index of the named column, or -1. */
  columnIndex(name: string): number {
    return this.columnByName.get(name) ?? -1;
  }

  /** The column's value as stored (coded indexes still encoded). */
  raw(rid: number, column: number): number {
    this.checkRid(rid);
    const c = this.columns[column]!;
    const o = this.offset + (rid - 1) * this.rowSize + c.offset;
    const b = this.bytes;
    if (c.size === 2) return b[o]! | (b[o + 1]! << 8);
    if (c.size === 4) return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
    return b[o]!;
  }

  /** The column's value, coded indexes decoded to tokens (rid 0 = nil of the tag's table). */
  get(rid: number, column: number): number {
    const value = this.raw(rid, column);
    const c = this.columns[column]!;
    if (c.codedTables === undefined) return value;
    const tag = value & ((1 << c.tagBits) - 1);
    const table = c.codedTables[tag];
    if (table === undefined || table < 0) {
      this.file.fail(
        `${describeToken(makeToken(this.id, rid))} column ${c.name} has invalid coded index ${hex(value)} (tag ${tag})`,
      );
    }
    return makeToken(table, value >>> c.tagBits);
  }

  /** Every column of row `rid`, keyed by column name (see RawRow). */
  row(rid: number): Record<string, number> & { rid: number } {
    const r: Record<string, number> = { rid };
    for (let i = 0; i < this.columns.length; i++) r[this.columns[i]!.name] = this.get(rid, i);
    return r as Record<string, number> & { rid: number };
  }
}
