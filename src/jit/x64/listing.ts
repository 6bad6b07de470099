import { OpKind } from 'iced-x86';
import { forEachInstruction, ryuJitFormatter } from './disassemble.js';
import { decodedPerfScore, formatPerfScore } from './perf-score.js';
import { instructionText, type FormatContext, type SymbolResolver } from './ryujit-format.js';

export interface ListingInput {
  /** RyuJIT-style method name, e.g. "Program:Main():int (Tier0)". */
  readonly methodName: string;
  readonly code: Uint8Array;
  /** Where the code sits (absolute targets and rip-relative operands resolve against it). */
  readonly codeAddress: bigint;
  readonly prologSize: number;
  /** 32-bit method hash (printed as MethodHash=xxxxxxxx; its low 16 bits name the groups). */
  readonly methodHash: number;
  /** Extra group starts (labels, epilogs) besides offset 0, the end of the prolog and branch targets. */
  readonly groupStarts?: Iterable<number>;
  /** Comment lines after the first, without "; ". Default: DEFAULT_HEADER_COMMENTS. */
  readonly headerComments?: readonly string[];
  /** Bytes allocated for code (code + read-only data + alignment); default the code size. */
  readonly allocatedBytes?: number;
  readonly symbols?: SymbolResolver;
}

export const DEFAULT_HEADER_COMMENTS: readonly string[] = [
  'Emitting BLENDED_CODE for X64 - Windows',
  'Tier0 code',
  'rbp based frame',
];

export const LISTING_SEPARATOR = '; ============================================================';

const INDENT = '       ';
const GROUP_TRAILER_INDENT = '\t\t\t\t\t\t';
const GROUP_LABEL_WIDTH = 24;

interface DecodedLine {
  readonly offset: number;
  readonly length: number;
  readonly text: string;
  readonly perfScore: number;
}

/**
 * A .dasm listing in the layout RyuJIT writes and jit-analyze reads:
 *
 *     ; Assembly listing for method NAME
 *     ; <header comments>
 *
 *     G_M<hash>_IG01:         ;; offset=0x0000
 *            push     rbp
 *     						;; size=N bbWeight=1 PerfScore P
 *     ...
 *
 *     ; Total bytes of code N, prolog size P, PerfScore S, instruction count I, allocated bytes for code A (MethodHash=xxxxxxxx) for method NAME
 *     ; ============================================================
 *
 * Instruction groups start at offset 0, after the prolog, at every branch
 * target inside the method and at the offsets the caller lists.
 */
export function formatListing(input: ListingInput): string {
  const { code, codeAddress } = input;
  const starts = new Set<number>([0]);
  if (input.prologSize > 0 && input.prologSize < code.length) starts.add(input.prologSize);
  for (const start of input.groupStarts ?? []) if (start >= 0 && start < code.length) starts.add(start);
  forEachInstruction(code, codeAddress, (instruction) => {
    if (instruction.op0Kind === OpKind.NearBranch64) {
      const target = instruction.nearBranch64 - codeAddress;
      if (target >= 0n && target < BigInt(code.length)) starts.add(Number(target));
    }
  });
  const sortedStarts = [...starts].sort((a, b) => a - b);
  const hashTag = String(input.methodHash & 0xffff).padStart(3, '0');
  const groupNames = new Map<number, string>();
  sortedStarts.forEach((start, i) => groupNames.set(start, `G_M${hashTag}_IG${String(i + 1).padStart(2, '0')}`));

  const context: FormatContext = {
    codeAddress,
    codeSize: code.length,
    labelAt: (offset) => groupNames.get(offset),
    symbols: input.symbols,
  };
  const formatter = ryuJitFormatter();
  const lines: DecodedLine[] = [];
  forEachInstruction(code, codeAddress, (instruction, offset, offsets) => {
    lines.push({
      offset,
      length: instruction.length,
      text: instructionText(formatter.format(instruction, offset, offsets, context)),
      perfScore: decodedPerfScore(instruction),
    });
  });

  const out: string[] = [`; Assembly listing for method ${input.methodName}`];
  for (const comment of input.headerComments ?? DEFAULT_HEADER_COMMENTS) out.push(`; ${comment}`);
  out.push('');
  let totalPerfScore = 0;
  let group: { size: number; perfScore: number } | undefined;
  const closeGroup = (): void => {
    if (group === undefined) return;
    out.push(`${GROUP_TRAILER_INDENT};; size=${group.size} bbWeight=1 PerfScore ${formatPerfScore(group.perfScore)}`);
  };
  for (const line of lines) {
    const name = groupNames.get(line.offset);
    if (name !== undefined) {
      closeGroup();
      out.push(`${`${name}:`.padEnd(GROUP_LABEL_WIDTH)};; offset=0x${line.offset.toString(16).toUpperCase().padStart(4, '0')}`);
      group = { size: 0, perfScore: 0 };
    }
    out.push(`${INDENT}${line.text}`.trimEnd());
    group!.size += line.length;
    group!.perfScore += line.perfScore;
    totalPerfScore += line.perfScore;
  }
  closeGroup();
  out.push('');
  const allocated = input.allocatedBytes ?? code.length;
  const hash = (input.methodHash >>> 0).toString(16).padStart(8, '0');
  out.push(
    `; Total bytes of code ${code.length}, prolog size ${input.prologSize}, PerfScore ${formatPerfScore(totalPerfScore)}, `
    + `instruction count ${lines.length}, allocated bytes for code ${allocated} (MethodHash=${hash}) for method ${input.methodName}`,
  );
  out.push(LISTING_SEPARATOR);
  out.push('');
  return out.join('\n');
}
