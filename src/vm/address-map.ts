/**
 * The address map of the live EE: where every handle and address it hands
 * out lives. README.md has the table; this file is its single source.
 *
 * Handles (opaque to the JIT, never dereferenced) live in their own 2^40
 * ranges, 16-byte aligned so method and class handles are even. Everything
 * code refers to (helper stubs, method entry points, static blocks, string
 * literal cells, image data, import cells, the code heap) lives in one
 * 1 GiB code region, so rel32 displacements reach all of it from code.
 */

import { type CodeAddress } from '../jitee/index.js';
import { fnv1a64 } from './identity-hash.js';
import { HandleSpace, SlotArea } from './placement.js';

export const CODE_REGION_BASE = 0x0000_7ff6_0000_0000n;
export const CODE_REGION_SIZE = 0x4000_0000n;

export const HANDLE_RANGES = {
  module: 0x0000_0100_0000_0000n,
  class: 0x0000_0200_0000_0000n,
  method: 0x0000_0300_0000_0000n,
  field: 0x0000_0400_0000_0000n,
  argList: 0x0000_0500_0000_0000n,
} as const;
const HANDLE_RANGE_BITS = 40;
const HANDLE_ALIGN_SHIFT = 4;
/** An argument list handle is a signature base plus 8 bytes per argument. */
export const ARG_LIST_SIG_ALIGN_SHIFT = 16;
export const ARG_LIST_STRIDE = 8n;

/** Offsets and sizes (bytes) of the areas of the code region. */
export const CODE_AREAS = {
  helperStubs: { offset: 0x0000_0000, size: 0x0010_0000 },
  methodEntries: { offset: 0x0100_0000, size: 0x0700_0000 },
  staticsNonGC: { offset: 0x0800_0000, size: 0x0400_0000 },
  staticsGC: { offset: 0x0c00_0000, size: 0x0400_0000 },
  stringLiterals: { offset: 0x1000_0000, size: 0x0200_0000 },
  images: { offset: 0x1200_0000, size: 0x0600_0000 },
  importCells: { offset: 0x1800_0000, size: 0x0800_0000 },
  codeHeap: { offset: 0x2000_0000, size: 0x2000_0000 },
} as const;

/** Bytes between two helper stubs (helper n's stub is at helperStubs + n * this). */
export const HELPER_STUB_STRIDE = 0x40;
export const METHOD_ENTRY_SLOT = 16;
export const STATIC_BLOCK_SLOT = 128;
export const STRING_CELL_SLOT = 8;
export const IMAGE_SLOT = 0x1_0000;
export const IMPORT_CELL_SLOT = 8;
/** Code blocks start on this granularity; the position within the heap is the method's hash. */
export const CODE_BLOCK_GRANULE = 0x1_0000;

/** The families of ReadyToRun import cells; each has its own sub-area of importCells. */
export const IMPORT_CELL_FAMILIES = {
  helper: { offset: 0x0000_0000, size: 0x0001_0000 },
  methodEntry: { offset: 0x0010_0000, size: 0x0100_0000 },
  typeHandle: { offset: 0x0110_0000, size: 0x0080_0000 },
  staticBaseNonGC: { offset: 0x0190_0000, size: 0x0040_0000 },
  staticBaseGC: { offset: 0x01d0_0000, size: 0x0040_0000 },
  threadStaticBaseNonGC: { offset: 0x0210_0000, size: 0x0040_0000 },
  threadStaticBaseGC: { offset: 0x0250_0000, size: 0x0040_0000 },
  other: { offset: 0x0400_0000, size: 0x0400_0000 },
} as const;
export type ImportCellFamily = keyof typeof IMPORT_CELL_FAMILIES;

function areaBase(area: { offset: number }): bigint {
  return CODE_REGION_BASE + BigInt(area.offset);
}

/** Every placement space of one Runtime (placement state is per Runtime, so two Runtimes agree). */
export class AddressMap {
  readonly moduleHandles = new HandleSpace<unknown>('module handles', HANDLE_RANGES.module, HANDLE_RANGE_BITS, HANDLE_ALIGN_SHIFT);
  readonly classHandles = new HandleSpace<unknown>('class handles', HANDLE_RANGES.class, HANDLE_RANGE_BITS, HANDLE_ALIGN_SHIFT);
  readonly methodHandles = new HandleSpace<unknown>('method handles', HANDLE_RANGES.method, HANDLE_RANGE_BITS, HANDLE_ALIGN_SHIFT);
  readonly fieldHandles = new HandleSpace<unknown>('field handles', HANDLE_RANGES.field, HANDLE_RANGE_BITS, HANDLE_ALIGN_SHIFT);
  readonly argListSignatures = new HandleSpace<unknown>('argument lists', HANDLE_RANGES.argList, HANDLE_RANGE_BITS, ARG_LIST_SIG_ALIGN_SHIFT);

  readonly methodEntries = new SlotArea('method entry points', areaBase(CODE_AREAS.methodEntries), CODE_AREAS.methodEntries.size, METHOD_ENTRY_SLOT, 0.5);
  readonly staticsNonGC = new SlotArea('non-GC static blocks', areaBase(CODE_AREAS.staticsNonGC), CODE_AREAS.staticsNonGC.size, STATIC_BLOCK_SLOT, 0.5);
  readonly staticsGC = new SlotArea('GC static blocks', areaBase(CODE_AREAS.staticsGC), CODE_AREAS.staticsGC.size, STATIC_BLOCK_SLOT, 0.5);
  readonly stringLiterals = new SlotArea('string literal cells', areaBase(CODE_AREAS.stringLiterals), CODE_AREAS.stringLiterals.size, STRING_CELL_SLOT, 0.75);
  readonly images = new SlotArea('module images', areaBase(CODE_AREAS.images), CODE_AREAS.images.size, IMAGE_SLOT, 0.75);
  readonly importCells: Readonly<Record<ImportCellFamily, SlotArea>>;

  /** What each handed-out address is, for reports and disassembly annotations. */
  private readonly descriptions = new Map<bigint, string>();

  constructor() {
    const cells = {} as Record<ImportCellFamily, SlotArea>;
    const cellsBase = areaBase(CODE_AREAS.importCells);
    for (const [family, spec] of Object.entries(IMPORT_CELL_FAMILIES) as [ImportCellFamily, { offset: number; size: number }][]) {
      // The helper family is indexed by ReadyToRun helper id only; "other" is hashed only.
      const structured = family === 'helper' ? 1 : family === 'other' ? 0 : 0.5;
      cells[family] = new SlotArea(`${family} import cells`, cellsBase + BigInt(spec.offset), spec.size, IMPORT_CELL_SLOT, structured);
    }
    this.importCells = cells;
  }

  helperStub(helper: number): CodeAddress {
    return (areaBase(CODE_AREAS.helperStubs) + BigInt(helper * HELPER_STUB_STRIDE)) as CodeAddress;
  }

  /**
   * Where allocMem puts a method's blocks: a granule chosen by the hash of
   * the method's identity. Each compile is its own world, so blocks of
   * different methods may overlap; only determinism matters.
   */
  codeBlock(identity: string, totalBytes: number): CodeAddress {
    const granules = Math.floor(CODE_AREAS.codeHeap.size / CODE_BLOCK_GRANULE);
    const needed = Math.max(1, Math.ceil(totalBytes / CODE_BLOCK_GRANULE));
    if (needed > granules) throw new RangeError(`a code block of ${totalBytes} bytes does not fit the code heap`);
    const position = Number(fnv1a64(`code:${identity}`) % BigInt(granules - needed + 1));
    return (areaBase(CODE_AREAS.codeHeap) + BigInt(position * CODE_BLOCK_GRANULE)) as CodeAddress;
  }

  describe(address: bigint, what: string): void {
    if (!this.descriptions.has(address)) this.descriptions.set(address, what);
  }

  /** What `address` was handed out for, if this Runtime handed it out. */
  description(address: bigint): string | undefined {
    return this.descriptions.get(address);
  }

  static inCodeRegion(address: bigint): boolean {
    return address >= CODE_REGION_BASE && address < CODE_REGION_BASE + CODE_REGION_SIZE;
  }
}
