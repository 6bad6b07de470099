/**
 * What a JIT hands back from compileMethod: on success the code and
 * everything the runtime needs to run it (relocations, EH clauses, GC info,
 * unwind info, debug info) plus metrics; on failure a CorJitResult and a
 * message. Plain data: the recorder stores it, the near differ compares two.
 */

import { CorJitResult } from './enums.js';
import type { EEError, EEErrorData } from './errors.js';
import type { CORINFO_METHOD_HANDLE, CodeAddress } from './handles.js';
import type { CorInfoHelpFunc } from './helpers.js';
import type { CORINFO_EH_CLAUSE } from './structs.js';
import type { RelocType } from './enums.js';
import type { GcInfo } from './gc-info.js';
import type { UnwindInfo } from './unwind-info.js';
import type { NativeVarInfo, OffsetMapping } from './debug-info.js';

/** allocMem's request. */
export interface AllocMemArgs {
  readonly hotCodeSize: number;
  readonly coldCodeSize: number;
  readonly roDataSize: number;
  /** Number of EH clauses the JIT will report. */
  readonly xcptnsCount: number;
  /** CorJitAllocMemFlag bits. */
  readonly flag: number;
}

/** allocMem's answer: where each block will live in the target. */
export interface AllocMemResult {
  readonly hotCodeBlock: CodeAddress;
  /** Null address when coldCodeSize is 0. */
  readonly coldCodeBlock: CodeAddress;
  /** Null address when roDataSize is 0. */
  readonly roDataBlock: CodeAddress;
}

/** The block a relocation's location lies in. */
export type CodeBlockKind = 'hot' | 'cold' | 'rodata';

/** What a relocation points at, for annotating disassembly and explaining diffs. */
export type RelocTargetKind =
  /** A JIT helper's entry or cell; `helper` is set. */
  | 'helper'
  /** A method's entry point or its import cell; `targetHandle` is the method handle. */
  | 'method'
  /** A class handle or its cell; `targetHandle` is the class handle. */
  | 'class'
  /** A field's address or its cell; `targetHandle` is the field handle. */
  | 'field'
  /** A string literal's cell. */
  | 'string'
  /** Static data (static base, RVA field). */
  | 'static'
  /** The method's own read-only data block. */
  | 'rodata'
  /** The method's own code (e.g. a jump table entry, a resume address). */
  | 'code'
  | 'other';

export interface Relocation {
  readonly block: CodeBlockKind;
  /** Offset of the patched field within `block`. */
  readonly offset: number;
  readonly type: RelocType;
  /** The address the field refers to (before addlDelta). */
  readonly target: CodeAddress;
  readonly addlDelta: number;
  readonly targetKind: RelocTargetKind;
  /** Method, class or field handle for those kinds. */
  readonly targetHandle?: bigint;
  /** Helper number when targetKind is 'helper'. */
  readonly helper?: CorInfoHelpFunc;
  /** Whether `target` is the callee/data itself or an indirection cell holding it. */
  readonly indirect?: boolean;
  /** Human-readable target, e.g. `CORINFO_HELP_ASYNC_CAPTURE_CONTEXTS` or `AsyncHelpers:CaptureContexts`. */
  readonly annotation?: string;
}

export interface CompileMetrics {
  /** Bytes of hot + cold code. */
  readonly codeSize: number;
  readonly prologSize: number;
  readonly instructionCount: number;
  /** Estimated cost, when the JIT computes one. */
  readonly perfScore?: number;
  /** Bytes requested from allocMem for code (with alignment padding). */
  readonly allocatedCodeBytes?: number;
  /** Number of call sites inlined. */
  readonly inlinedCalls?: number;
}

/**
 * One call site the JIT replaced by the callee's body: its inlining report,
 * which lets a diff say "inlined in base, called in diff".
 */
export interface InlinedCallSite {
  readonly method: CORINFO_METHOD_HANDLE;
  /** Display name, e.g. `System.Runtime.CompilerServices.AsyncHelpers:CaptureContexts(byref,byref)`. */
  readonly name?: string;
  /** IL offset of the call in the method being compiled; -1 for calls the JIT inserted itself (the async context calls). */
  readonly ilOffset: number;
}

export interface CompileSuccess {
  readonly ok: true;
  readonly result: typeof CorJitResult.CORJIT_OK;
  readonly method: CORINFO_METHOD_HANDLE;
  /** Full name for listings (`Namespace.Class:Method(args)`), when the JIT knows it. */
  readonly methodName?: string;
  /** allocMem's answer: base addresses the code was generated for. */
  readonly blocks: AllocMemResult;
  readonly code: Uint8Array;
  readonly coldCode: Uint8Array;
  readonly roData: Uint8Array;
  readonly relocations: readonly Relocation[];
  /** Native EH clauses (offsets into the code). */
  readonly ehClauses: readonly CORINFO_EH_CLAUSE[];
  readonly boundaries: readonly OffsetMapping[];
  readonly vars: readonly NativeVarInfo[];
  readonly gcInfo: GcInfo;
  /** The method body first, then one per funclet. */
  readonly unwindInfo: readonly UnwindInfo[];
  readonly metrics: CompileMetrics;
  /** Inlined call sites, in the order the JIT inlined them (absent when the JIT does not report them). */
  readonly inlinees?: readonly InlinedCallSite[];
}

export interface CompileFailure {
  readonly ok: false;
  /** Any CorJitResult but CORJIT_OK. */
  readonly result: Exclude<CorJitResult, typeof CorJitResult.CORJIT_OK>;
  readonly message: string;
  /** Set when the failure is an EE error raised while compiling (recorded, so replay fails alike). */
  readonly eeError?: EEErrorData;
}

/** What compileMethod returns. */
export type CompileResult = CompileSuccess | CompileFailure;

export function compileFailure(
  result: Exclude<CorJitResult, typeof CorJitResult.CORJIT_OK>,
  message: string,
  eeError?: EEErrorData,
): CompileFailure {
  return eeError === undefined ? { ok: false, result, message } : { ok: false, result, message, eeError };
}

/** The failure a JIT reports when the EE raised `err` while compiling. */
export function failureFromEEError(err: EEError): CompileFailure {
  return compileFailure(CorJitResult.CORJIT_BADCODE, `${err.kind}: ${err.message}`, err.toData());
}
