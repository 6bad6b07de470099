// Builds small PE images and metadata from scratch, so tests can exercise
// layouts no compiler at hand produces (PE32+, #- streams with *Ptr tables,
// 4-byte heap indexes, extra data) and precisely broken inputs.
import { CodedIndex, SCHEMA_BY_ID, TableId, encodeCodedIndex, tokenRid, tokenTable, type TableName } from '../../src/ecma/index.js';

const SECTION_RVA = 0x2000;
const FILE_ALIGNMENT = 0x200;

export interface PeOptions {
  pe32Plus?: boolean;
  /** CLI header directory (index 14), if any. */
  cliHeaderRva?: number;
  cliHeaderSize?: number;
}

/** A PE file with one section `.text` at RVA 0x2000 holding `data`. */
export function buildPe(data: Uint8Array, options: PeOptions = {}): Uint8Array {
  const pe32Plus = options.pe32Plus ?? false;
  const optSize = pe32Plus ? 240 : 224;
  const peOffset = 0x80;
  const sectionTable = peOffset + 4 + 20 + optSize;
  const rawStart = FILE_ALIGNMENT;
  const rawSize = Math.ceil(data.length / FILE_ALIGNMENT) * FILE_ALIGNMENT || FILE_ALIGNMENT;
  const out = new Uint8Array(rawStart + rawSize);
  const v = new DataView(out.buffer);
  out[0] = 0x4d;
  out[1] = 0x5a;
  v.setUint32(0x3c, peOffset, true);
  v.setUint32(peOffset, 0x00004550, true);
  const coff = peOffset + 4;
  v.setUint16(coff, pe32Plus ? 0x8664 : 0x14c, true);
  v.setUint16(coff + 2, 1, true);
  v.setUint16(coff + 16, optSize, true);
  v.setUint16(coff + 18, 0x2102, true);
  const opt = coff + 20;
  v.setUint16(opt, pe32Plus ? 0x20b : 0x10b, true);
  if (pe32Plus) v.setBigUint64(opt + 24, 0x180000000n, true);
  else v.setUint32(opt + 28, 0x400000, true);
  v.setUint32(opt + 32, 0x2000, true);
  v.setUint32(opt + 36, FILE_ALIGNMENT, true);
  const dirCount = opt + (pe32Plus ? 108 : 92);
  v.setUint32(dirCount, 16, true);
  if (options.cliHeaderRva) {
    v.setUint32(dirCount + 4 + 14 * 8, options.cliHeaderRva, true);
    v.setUint32(dirCount + 4 + 14 * 8 + 4, options.cliHeaderSize ?? 72, true);
  }
  out.set([0x2e, 0x74, 0x65, 0x78, 0x74], sectionTable); // ".text"
  v.setUint32(sectionTable + 8, data.length, true);
  v.setUint32(sectionTable + 12, SECTION_RVA, true);
  v.setUint32(sectionTable + 16, rawSize, true);
  v.setUint32(sectionTable + 20, rawStart, true);
  v.setUint32(sectionTable + 36, 0x60000020, true);
  out.set(data, rawStart);
  return out;
}

/** Heap contents under construction; each add returns the heap index. */
export class Heaps {
  private strings: number[] = [0];
  private blobs: number[] = [0];
  private userStrings: number[] = [0];
  private guids: number[] = [];
  private stringIndex = new Map<string, number>();

  string(s: string): number {
    const known = this.stringIndex.get(s);
    if (known !== undefined) return known;
    const at = this.strings.length;
    this.strings.push(...new TextEncoder().encode(s), 0);
    this.stringIndex.set(s, at);
    return at;
  }

  blob(bytes: ArrayLike<number>): number {
    const at = this.blobs.length;
    this.blobs.push(...compressed(bytes.length), ...Array.from(bytes));
    return at;
  }

  userString(s: string): number {
    const at = this.userStrings.length;
    const units: number[] = [];
    let high = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      units.push(c & 0xff, c >>> 8);
      if (c >= 0x80) high = 1;
    }
    this.userStrings.push(...compressed(units.length + 1), ...units, high);
    return at;
  }

  guid(bytes: ArrayLike<number>): number {
    this.guids.push(...Array.from(bytes));
    return this.guids.length / 16;
  }

  build(): Record<'#Strings' | '#Blob' | '#US' | '#GUID', Uint8Array> {
    return {
      '#Strings': pad4(this.strings),
      '#Blob': pad4(this.blobs),
      '#US': pad4(this.userStrings),
      '#GUID': pad4(this.guids),
    };
  }
}

export function compressed(n: number): number[] {
  if (n < 0x80) return [n];
  if (n < 0x4000) return [0x80 | (n >>> 8), n & 0xff];
  return [0xc0 | (n >>> 24), (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
}

function pad4(bytes: number[]): Uint8Array {
  const out = new Uint8Array(Math.ceil(bytes.length / 4) * 4);
  out.set(bytes);
  return out;
}

/** Rows per table: column name → value (tokens for coded indexes, row ids for table indexes). */
export type SyntheticRows = Partial<Record<TableName, Record<string, number>[]>>;

export interface MetadataOptions {
  streamName?: '#~' | '#-';
  heapSizes?: number;
  /** Tables to mark present even when empty. */
  rowCountOverrides?: Partial<Record<TableName, number>>;
  extraData?: boolean;
  /** Add an empty #JTD stream (minimal delta: every index 4 bytes). */
  jtd?: boolean;
}

/** The tables stream, with column widths chosen as ECMA-335 II.24.2.6 says. */
export function buildTablesStream(rows: SyntheticRows, options: MetadataOptions = {}): Uint8Array {
  const counts: number[] = SCHEMA_BY_ID.map((s) => rows[s.name]?.length ?? 0);
  for (const [name, n] of Object.entries(options.rowCountOverrides ?? {})) counts[TableId[name as TableName]] = n!;
  const heapSizes = (options.heapSizes ?? 0) | (options.extraData ? 0x40 : 0);
  const large = options.jtd === true;
  const width = (type: (typeof SCHEMA_BY_ID)[number]['columns'][number]['type']): number => {
    switch (type.kind) {
      case 'u8':
        return 1;
      case 'u16':
        return 2;
      case 'u32':
        return 4;
      case 'string':
        return large || heapSizes & 1 ? 4 : 2;
      case 'guid':
        return large || heapSizes & 2 ? 4 : 2;
      case 'blob':
        return large || heapSizes & 4 ? 4 : 2;
      case 'index':
        return large || counts[type.table]! >= 0x10000 ? 4 : 2;
      case 'coded': {
        const k = CodedIndex[type.coded];
        const max = Math.max(...k.tables.map((t) => (t < 0 ? 0 : counts[t]!)));
        return large || max >= 1 << (16 - k.tagBits) ? 4 : 2;
      }
    }
  };
  const bytes: number[] = [0, 0, 0, 0, 2, 0, heapSizes, 1];
  let valid = 0n;
  for (let i = 0; i < counts.length; i++) if (counts[i]) valid |= 1n << BigInt(i);
  pushU64(bytes, valid);
  pushU64(bytes, 0n);
  for (const n of counts) if (n) pushU32(bytes, n);
  if (options.extraData) pushU32(bytes, 0xdeadbeef);
  for (const schema of SCHEMA_BY_ID) {
    for (const row of rows[schema.name] ?? []) {
      for (const c of schema.columns) {
        let value = row[c.name] ?? 0;
        if (c.type.kind === 'coded' && value !== 0) value = encodeCodedIndex(CodedIndex[c.type.coded], tokenTable(value), tokenRid(value));
        const w = width(c.type);
        for (let i = 0; i < w; i++) bytes.push((value >>> (8 * i)) & 0xff);
      }
    }
  }
  return pad4(bytes);
}

/** Metadata root with the tables stream and the four heaps. */
export function buildMetadata(rows: SyntheticRows, heaps: Heaps, options: MetadataOptions = {}): Uint8Array {
  const streams: [string, Uint8Array][] = [[options.streamName ?? '#~', buildTablesStream(rows, options)], ...Object.entries(heaps.build())];
  if (options.jtd) streams.push(['#JTD', new Uint8Array(0)]);
  const version = new TextEncoder().encode('v4.0.30319');
  const versionLength = Math.ceil((version.length + 1) / 4) * 4;
  let headerSize = 16 + versionLength + 4;
  for (const [name] of streams) headerSize += 8 + Math.ceil((name.length + 1) / 4) * 4;
  const total = headerSize + streams.reduce((n, [, s]) => n + s.length, 0);
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0x424a5342, true);
  v.setUint16(4, 1, true);
  v.setUint16(6, 1, true);
  v.setUint32(12, versionLength, true);
  out.set(version, 16);
  let p = 16 + versionLength;
  v.setUint16(p + 2, streams.length, true);
  p += 4;
  let dataAt = headerSize;
  for (const [name, data] of streams) {
    v.setUint32(p, dataAt, true);
    v.setUint32(p + 4, data.length, true);
    out.set(new TextEncoder().encode(name), p + 8);
    p += 8 + Math.ceil((name.length + 1) / 4) * 4;
    out.set(data, dataAt);
    dataAt += data.length;
  }
  return out;
}

export interface SyntheticAssembly {
  bytes: Uint8Array;
  /** RVA where `code` was placed. */
  codeRva: number;
}

/** A complete assembly image: CLI header, optional method bodies, metadata. */
export function buildAssemblyImage(rows: SyntheticRows, heaps: Heaps, options: MetadataOptions & PeOptions & { code?: Uint8Array } = {}): SyntheticAssembly {
  const code = options.code ?? new Uint8Array(0);
  const cliSize = 72;
  const codeOffset = cliSize;
  const metadataOffset = Math.ceil((codeOffset + code.length) / 4) * 4;
  const metadata = buildMetadata(rows, heaps, options);
  const section = new Uint8Array(metadataOffset + metadata.length);
  const v = new DataView(section.buffer);
  v.setUint32(0, cliSize, true);
  v.setUint16(4, 2, true);
  v.setUint16(6, 5, true);
  v.setUint32(8, SECTION_RVA + metadataOffset, true);
  v.setUint32(12, metadata.length, true);
  v.setUint32(16, 1, true);
  section.set(code, codeOffset);
  section.set(metadata, metadataOffset);
  const bytes = buildPe(section, { ...options, cliHeaderRva: SECTION_RVA, cliHeaderSize: cliSize });
  return { bytes, codeRva: SECTION_RVA + codeOffset };
}

export const SYNTHETIC_SECTION_RVA = SECTION_RVA;

function pushU32(out: number[], v: number): void {
  out.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
}

function pushU64(out: number[], v: bigint): void {
  pushU32(out, Number(v & 0xffffffffn));
  pushU32(out, Number(v >> 32n));
}
