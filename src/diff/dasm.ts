/**
 * The .dasm listing of one placed compile result, in the RyuJIT layout the
 * x64 backend writes (jit/x64/listing.ts): calls and handles named by their
 * relocations, and calls or loads through an import or indirection cell
 * marked with the cell's kind (`; MethodEntry import cell`), which is where
 * base and diff differ when the instructions do not. The header names the
 * JIT build; the method name line stays the same for both builds, so tools
 * matching methods by name (jit-analyze) pair them up.
 */

import { CORINFO_EH_CLAUSE_FLAGS } from '../jitee/enums.js';
import { MappingTypes } from '../jitee/debug-info.js';
import type { CompileSuccess } from '../jitee/compile-result.js';
import type { CollectionMode } from '../mc/mch-format.js';
import { forEachInstruction } from '../jit/x64/disassemble.js';
import { formatListing } from '../jit/x64/listing.js';
import type { SymbolResolver } from '../jit/x64/ryujit-format.js';
import type { PlacedResult } from './placement.js';
import { describeTarget } from './relocation-target.js';

export interface DasmInput {
  readonly placed: PlacedResult;
  /** Method name as the collection knows it (without the tier suffix). */
  readonly methodName: string;
  /** 32-bit method hash; its low 16 bits name the instruction groups. */
  readonly methodHash: number;
  /** The JIT build, e.g. `base`, and the interface version it serves. */
  readonly jitName: string;
  readonly interfaceVersion: string;
  readonly mode?: CollectionMode;
  /** e.g. `context 12 of recordings/async-jit.mch`. */
  readonly source?: string;
}

/** The first 32 bits of a context's hex method hash. */
export function methodHash32(hexHash: string): number {
  const n = Number.parseInt(hexHash.slice(0, 8), 16);
  return Number.isFinite(n) ? n >>> 0 : 0;
}

export function listingMethodName(methodName: string): string {
  return `${methodName} (Tier0)`;
}

function symbolsOf(placed: PlacedResult, mode: CollectionMode | undefined): SymbolResolver {
  const names = new Map<number, string>();
  for (const r of placed.relocations) {
    if (r.relocation.block === 'hot') names.set(r.relocation.offset, describeTarget(r.relocation, r.target, mode).name);
  }
  return (site) => (site.fieldOffset === undefined ? undefined : names.get(site.fieldOffset));
}

/** Group starts besides branch targets: epilogs and EH region boundaries. */
function groupStarts(result: CompileSuccess): number[] {
  const starts = result.boundaries.filter((b) => b.ilOffset === MappingTypes.EPILOG).map((b) => b.nativeOffset);
  for (const c of result.ehClauses) {
    starts.push(c.tryOffset, c.tryOffset + c.tryLength, c.handlerOffset, c.handlerOffset + c.handlerLength);
    if ((c.flags & CORINFO_EH_CLAUSE_FLAGS.CORINFO_EH_CLAUSE_FILTER) !== 0) starts.push(c.classTokenOrFilterOffset);
  }
  return starts;
}

/** Per instruction (in order), the kind of cell it goes through, if any. */
function cellComments(placed: PlacedResult, mode: CollectionMode | undefined): (string | undefined)[] {
  const cells = placed.relocations
    .filter((r) => r.relocation.block === 'hot' && r.relocation.indirect === true)
    .map((r) => ({ offset: r.relocation.offset, binding: describeTarget(r.relocation, r.target, mode).binding }));
  const comments: (string | undefined)[] = [];
  forEachInstruction(placed.blocks.hot, placed.addresses.hot, (instruction, offset) => {
    const end = offset + instruction.length;
    comments.push(cells.find((c) => c.offset >= offset && c.offset < end)?.binding);
  });
  return comments;
}

const INSTRUCTION_INDENT = '       ';

function isInstructionLine(line: string): boolean {
  return line.startsWith(INSTRUCTION_INDENT) && line.length > INSTRUCTION_INDENT.length && line[INSTRUCTION_INDENT.length] !== ' ';
}

function addComments(listing: string, comments: readonly (string | undefined)[]): string {
  if (comments.every((c) => c === undefined)) return listing;
  let index = 0;
  return listing
    .split('\n')
    .map((line) => {
      if (!isInstructionLine(line)) return line;
      const comment = comments[index++];
      if (comment === undefined) return line;
      return line.includes('      ; ') ? `${line}, ${comment}` : `${line}      ; ${comment}`;
    })
    .join('\n');
}

export function formatDasm(input: DasmInput): string {
  const { placed, mode } = input;
  const result = placed.result;
  const compilation = mode === 'r2r' ? 'ReadyToRun compilation' : 'JIT compilation';
  const headerComments = [
    'Emitting BLENDED_CODE for X64 - Windows',
    `JIT build ${input.jitName} (JIT-EE interface ${input.interfaceVersion}), ${compilation}`,
    'Tier0 code',
    'rbp based frame',
    result.gcInfo.fullyInterruptible ? 'fully interruptible' : 'partially interruptible',
    ...(input.source === undefined ? [] : [input.source]),
  ];
  const listing = formatListing({
    methodName: listingMethodName(input.methodName),
    code: placed.blocks.hot,
    codeAddress: placed.addresses.hot,
    prologSize: result.metrics.prologSize,
    methodHash: input.methodHash,
    groupStarts: groupStarts(result),
    headerComments,
    allocatedBytes: result.metrics.allocatedCodeBytes,
    symbols: symbolsOf(placed, mode),
  });
  return addComments(listing, cellComments(placed, mode));
}
