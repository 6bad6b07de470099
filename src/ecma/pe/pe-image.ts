import { FileBytes, readAsciiZ } from '../bytes.js';
import { hex } from '../errors.js';

/** A data directory of the optional header: an RVA and a size. */
export interface DataDirectory {
  rva: number;
  size: number;
}

/** One section header, with the part of it that the file actually backs. */
export interface Section {
  name: string;
  virtualAddress: number;
  virtualSize: number;
  sizeOfRawData: number;
  pointerToRawData: number;
  characteristics: number;
  /** Bytes of the section present in the file: min(raw size, virtual size). */
  fileBackedSize: number;
  /** File offset of this section header (for patching and diagnostics). */
  headerOffset: number;
}

export interface CoffHeader {
  machine: number;
  numberOfSections: number;
  timeDateStamp: number;
  sizeOfOptionalHeader: number;
  characteristics: number;
}

export interface OptionalHeader {
  /** 0x10b for PE32, 0x20b for PE32+. */
  magic: number;
  isPe32Plus: boolean;
  addressOfEntryPoint: number;
  imageBase: bigint;
  sectionAlignment: number;
  fileAlignment: number;
  subsystem: number;
  dllCharacteristics: number;
  dataDirectories: DataDirectory[];
}

const PE32_MAGIC = 0x10b;
const PE32_PLUS_MAGIC = 0x20b;
const SECTION_HEADER_SIZE = 40;
const COFF_HEADER_SIZE = 20;
/** Index of the CLI (COM descriptor) entry among the data directories. */
export const CLI_HEADER_DIRECTORY = 14;

/**
 * The PE/COFF container of an assembly: DOS stub pointer, COFF header, optional
 * header (PE32 or PE32+), section table, and RVA → file offset mapping.
 */
export class PeImage {
  readonly peHeaderOffset: number;
  readonly coff: CoffHeader;
  readonly optional: OptionalHeader;
  readonly sections: readonly Section[];

  constructor(readonly file: FileBytes) {
    if (file.size < 2 || file.u8(0) !== 0x4d || file.u8(1) !== 0x5a) {
      file.fail(file.size === 0 ? 'not a PE file (empty file)' : 'not a PE file (no MZ signature)');
    }
    file.need(0, 0x40, 'DOS header');
    const peOffset = file.u32(0x3c);
    file.need(peOffset, 4 + COFF_HEADER_SIZE, 'PE header');
    if (file.u32(peOffset) !== 0x00004550) file.fail(`not a PE file (no PE signature at ${hex(peOffset)})`);
    this.peHeaderOffset = peOffset;

    const coffOffset = peOffset + 4;
    this.coff = {
      machine: file.u16(coffOffset),
      numberOfSections: file.u16(coffOffset + 2),
      timeDateStamp: file.u32(coffOffset + 4),
      sizeOfOptionalHeader: file.u16(coffOffset + 16),
      characteristics: file.u16(coffOffset + 18),
    };
    const optOffset = coffOffset + COFF_HEADER_SIZE;
    this.optional = readOptionalHeader(file, optOffset, this.coff.sizeOfOptionalHeader);
    this.sections = readSections(file, optOffset + this.coff.sizeOfOptionalHeader, this.coff.numberOfSections);
  }

  /** The section holding `rva` in its file-backed part, if any. */
  sectionOf(rva: number): Section | undefined {
    for (const s of this.sections) {
      if (rva >= s.virtualAddress && rva < s.virtualAddress + s.fileBackedSize) return s;
    }
    return undefined;
  }

  /** File offset of `rva`, or -1 when no section backs it. */
  tryRvaToOffset(rva: number): number {
    const s = this.sectionOf(rva);
    return s ? rva - s.virtualAddress + s.pointerToRawData : -1;
  }

  /**
   * File offset of [rva, rva+length), which must lie inside one section's
   * file-backed bytes; `what` names the structure for the error message.
   */
  rvaToOffset(rva: number, length: number, what: string): number {
    const s = this.sectionOf(rva);
    if (!s) this.file.fail(`${what} at RVA ${hex(rva)} is not inside any section`);
    if (rva + length > s.virtualAddress + s.fileBackedSize) {
      this.file.fail(`${what} at RVA ${hex(rva)} runs past the end of its section`);
    }
    return rva - s.virtualAddress + s.pointerToRawData;
  }

  /** Bytes from `rva` to the end of its section's file-backed part. */
  bytesFromRva(rva: number): number {
    const s = this.sectionOf(rva);
    return s ? s.virtualAddress + s.fileBackedSize - rva : 0;
  }

  dataDirectory(index: number): DataDirectory {
    return this.optional.dataDirectories[index] ?? { rva: 0, size: 0 };
  }
}

function readOptionalHeader(file: FileBytes, off: number, size: number): OptionalHeader {
  if (size < 2) file.fail(`optional header is missing (size ${size})`);
  file.need(off, size, 'optional header');
  const magic = file.u16(off);
  if (magic !== PE32_MAGIC && magic !== PE32_PLUS_MAGIC) file.fail(`unknown optional header magic ${hex(magic)}`);
  const isPe32Plus = magic === PE32_PLUS_MAGIC;
  const directoryCountOffset = isPe32Plus ? 108 : 92;
  if (size < directoryCountOffset + 4) file.fail(`optional header too small (${size} bytes)`);
  const declared = file.u32(off + directoryCountOffset);
  // Only as many directories as the declared optional-header size really holds.
  const fits = Math.floor((size - directoryCountOffset - 4) / 8);
  const count = Math.min(declared, fits, 16);
  const dataDirectories: DataDirectory[] = [];
  for (let i = 0; i < count; i++) {
    const d = off + directoryCountOffset + 4 + i * 8;
    dataDirectories.push({ rva: file.u32(d), size: file.u32(d + 4) });
  }
  return {
    magic,
    isPe32Plus,
    addressOfEntryPoint: file.u32(off + 16),
    imageBase: isPe32Plus ? file.u64(off + 24) : BigInt(file.u32(off + 28)),
    sectionAlignment: file.u32(off + 32),
    fileAlignment: file.u32(off + 36),
    subsystem: file.u16(off + 68),
    dllCharacteristics: file.u16(off + 70),
    dataDirectories,
  };
}

function readSections(file: FileBytes, off: number, count: number): Section[] {
  file.need(off, count * SECTION_HEADER_SIZE, `section table (${count} sections)`);
  const sections: Section[] = [];
  for (let i = 0; i < count; i++) {
    const h = off + i * SECTION_HEADER_SIZE;
    const name = readAsciiZ(file.bytes, h, 8);
    const virtualSize = file.u32(h + 8);
    const sizeOfRawData = file.u32(h + 16);
    const pointerToRawData = file.u32(h + 20);
    // A zero virtual size means "as large as the raw data" in object-file style headers.
    const fileBackedSize = virtualSize === 0 ? sizeOfRawData : Math.min(virtualSize, sizeOfRawData);
    // The whole raw extent, padding included, must be present: a shorter file was cut off.
    if (sizeOfRawData > 0) file.need(pointerToRawData, sizeOfRawData, `section ${name || '#' + i} raw data`);
    sections.push({
      name,
      virtualAddress: file.u32(h + 12),
      virtualSize,
      sizeOfRawData,
      pointerToRawData,
      characteristics: file.u32(h + 36),
      fileBackedSize,
      headerOffset: h,
    });
  }
  return sections;
}
