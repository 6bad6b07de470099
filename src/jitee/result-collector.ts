/**
 * A ready-made CorJitResultSink: it keeps everything a JIT reports so an EE
 * (live or replay) can implement the reporting half of JitInterface by
 * delegating to one, and a harness can check the reports against the
 * CompileResult the JIT returns. Only allocMem needs the EE: the collector
 * asks the `allocate` function given to it for the addresses.
 */

import type { AllocMemArgs, AllocMemResult, CodeBlockKind } from './compile-result.js';
import type { NativeVarInfo, OffsetMapping } from './debug-info.js';
import type { CorJitResult, RelocType } from './enums.js';
import type { GcInfo } from './gc-info.js';
import type { CORINFO_METHOD_HANDLE, CodeAddress } from './handles.js';
import type { AllocUnwindInfoArgs, CorJitResultSink } from './jit-interface.js';
import type { CORINFO_EH_CLAUSE } from './structs.js';
import type { UnwindInfo } from './unwind-info.js';

export interface ReportedRelocation {
  readonly location: CodeAddress;
  readonly target: CodeAddress;
  readonly relocType: RelocType;
  readonly addlDelta: number;
}

export interface ReportedResults {
  allocMem?: { readonly args: AllocMemArgs; readonly result: AllocMemResult };
  readonly reservedUnwind: { readonly isFunclet: boolean; readonly isColdCode: boolean; readonly unwindSize: number }[];
  readonly unwindInfo: UnwindInfo[];
  gcInfo?: GcInfo;
  ehCount?: number;
  readonly ehClauses: CORINFO_EH_CLAUSE[];
  boundaries?: readonly OffsetMapping[];
  vars?: readonly NativeVarInfo[];
  readonly relocations: ReportedRelocation[];
  fatalError?: { readonly result: CorJitResult; readonly message: string };
}

function emptyReport(): ReportedResults {
  return { reservedUnwind: [], unwindInfo: [], ehClauses: [], relocations: [] };
}

export class CompileReportCollector implements CorJitResultSink {
  private report: ReportedResults = emptyReport();

  constructor(private readonly allocate: (args: AllocMemArgs) => AllocMemResult) {}

  /** What has been reported since construction or the last reset. */
  get reported(): Readonly<ReportedResults> {
    return this.report;
  }

  /** Forgets everything (call before each compile). */
  reset(): void {
    this.report = emptyReport();
  }

  allocMem(args: AllocMemArgs): AllocMemResult {
    if (this.report.allocMem !== undefined) throw new Error('allocMem called twice in one compile');
    const result = this.allocate(args);
    this.report.allocMem = { args, result };
    return result;
  }

  reserveUnwindInfo(isFunclet: boolean, isColdCode: boolean, unwindSize: number): void {
    this.report.reservedUnwind.push({ isFunclet, isColdCode, unwindSize });
  }

  allocUnwindInfo(info: AllocUnwindInfoArgs): void {
    this.report.unwindInfo.push(info);
  }

  setGcInfo(gcInfo: GcInfo): void {
    this.report.gcInfo = gcInfo;
  }

  setEHcount(count: number): void {
    this.report.ehCount = count;
  }

  setEHinfo(index: number, clause: CORINFO_EH_CLAUSE): void {
    if (this.report.ehCount === undefined || index < 0 || index >= this.report.ehCount) {
      throw new RangeError(`setEHinfo(${index}) outside the ${this.report.ehCount ?? 0} clauses announced by setEHcount`);
    }
    this.report.ehClauses[index] = clause;
  }

  setBoundaries(_ftn: CORINFO_METHOD_HANDLE, mappings: readonly OffsetMapping[]): void {
    this.report.boundaries = mappings;
  }

  setVars(_ftn: CORINFO_METHOD_HANDLE, vars: readonly NativeVarInfo[]): void {
    this.report.vars = vars;
  }

  recordRelocation(location: CodeAddress, target: CodeAddress, relocType: RelocType, addlDelta: number): void {
    this.report.relocations.push({ location, target, relocType, addlDelta });
  }

  reportFatalError(result: CorJitResult, message: string): void {
    this.report.fatalError = { result, message };
  }
}

/**
 * The block and offset of an address inside the blocks allocMem handed out,
 * or undefined when it lies in none of them.
 */
export function locateInBlocks(
  blocks: AllocMemResult,
  sizes: Pick<AllocMemArgs, 'hotCodeSize' | 'coldCodeSize' | 'roDataSize'>,
  address: CodeAddress,
): { block: CodeBlockKind; offset: number } | undefined {
  const candidates: [CodeBlockKind, bigint, number][] = [
    ['hot', blocks.hotCodeBlock, sizes.hotCodeSize],
    ['cold', blocks.coldCodeBlock, sizes.coldCodeSize],
    ['rodata', blocks.roDataBlock, sizes.roDataSize],
  ];
  for (const [block, base, size] of candidates) {
    if (size > 0 && address >= base && address < base + BigInt(size)) return { block, offset: Number(address - base) };
  }
  return undefined;
}
