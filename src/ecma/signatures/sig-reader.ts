import { compressedLength, compressedValue } from '../metadata/compressed.js';
import { TableId } from '../tables/table-ids.js';
import { makeToken } from '../tables/tokens.js';

/** Receives a problem description and throws (the error names file and blob). */
export type SigFail = (problem: string) => never;

const TYPE_DEF_OR_REF_TABLES = [TableId.TypeDef, TableId.TypeRef, TableId.TypeSpec];

/** A cursor over one blob; every read checks the blob's end. */
export class SigReader {
  pos = 0;

  constructor(
    readonly bytes: Uint8Array,
    readonly fail: SigFail,
  ) {}

  get atEnd(): boolean {
    return this.pos >= this.bytes.length;
  }

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  private need(n: number): void {
    if (this.pos + n > this.bytes.length) this.fail(`truncated at byte ${this.pos} (length ${this.bytes.length})`);
  }

  u8(): number {
    this.need(1);
    return this.bytes[this.pos++]!;
  }

  peek(): number {
    this.need(1);
    return this.bytes[this.pos]!;
  }

  u16(): number {
    this.need(2);
    const b = this.bytes;
    const v = b[this.pos]! | (b[this.pos + 1]! << 8);
    this.pos += 2;
    return v;
  }

  u32(): number {
    this.need(4);
    const b = this.bytes;
    const p = this.pos;
    this.pos += 4;
    return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
  }

  u64(): bigint {
    const lo = this.u32();
    const hi = this.u32();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  /** `n` raw bytes as a view. */
  take(n: number): Uint8Array {
    this.need(n);
    const v = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }

  /** A compressed unsigned integer (II.23.2). */
  compressed(): number {
    this.need(1);
    const n = compressedLength(this.bytes[this.pos]!);
    if (n === 0) this.fail(`invalid compressed integer 0x${this.bytes[this.pos]!.toString(16)} at byte ${this.pos}`);
    this.need(n);
    const v = compressedValue(this.bytes, this.pos, n);
    this.pos += n;
    return v;
  }

  /** A compressed signed integer: the sign is rotated into bit 0 (II.23.2). */
  compressedSigned(): number {
    this.need(1);
    const n = compressedLength(this.bytes[this.pos]!);
    const raw = this.compressed();
    const magnitude = raw >>> 1;
    if ((raw & 1) === 0) return magnitude;
    const bias = n === 1 ? 0x40 : n === 2 ? 0x2000 : 0x10000000;
    return magnitude - bias;
  }

  /** TypeDefOrRefOrSpecEncoded (II.23.2.8) as a token. */
  typeDefOrRefToken(): number {
    const at = this.pos;
    const v = this.compressed();
    const table = TYPE_DEF_OR_REF_TABLES[v & 3];
    if (table === undefined) this.fail(`invalid TypeDefOrRef encoding 0x${v.toString(16)} at byte ${at}`);
    return makeToken(table, v >>> 2);
  }
}
