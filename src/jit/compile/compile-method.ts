/**
 * compileMethod of the model JIT: import → IR passes → code generation →
 * placement at allocMem's address → reports to the EE → CompileResult.
 *
 * Failures: an EEError from the interface becomes failureFromEEError; IL the
 * JIT cannot accept becomes CORJIT_BADCODE; something it does not implement
 * becomes CORJIT_IMPLLIMITATION with a stable reason; an inconsistency in
 * its own code generation becomes CORJIT_INTERNALERROR. Any other exception
 * (for instance a replay EE's missing-data error) propagates untouched.
 */

import {
  CorJitFlag, CorJitResult, compileFailure, failureFromEEError, hasJitFlag, isEEError,
  type CORINFO_METHOD_INFO, type CORJIT_FLAGS, type CompileFailure, type CompileResult, type CompileSuccess,
  type JitInterface, type JitOptions,
} from '../../jitee/index.js';
import { CodegenError } from '../codegen/values.js';
import { generateCode } from '../codegen/generate.js';
import { ILFormatError, JitLimitation } from '../il/il-error.js';
import { importMethod } from '../importer/import-method.js';
import type { EECache } from '../importer/ee-cache.js';
import { dumpMethod } from '../ir/dump.js';
import type { IrMethod } from '../ir/method.js';
import { formatCompileListing } from '../listing.js';
import { parseJitOptions, writeJitOutput, type ParsedJitOptions } from '../options.js';
import { synchronizedMethods } from '../passes/synchronized.js';
import { X64EncodingError, buildUnwindInfo } from '../x64/index.js';
import { codeAt, encodeProvisionally } from './place-code.js';
import { boundariesOf, gcInfoOf, nativeClauses, relocationsOf, unwindInfoOf, varsOf } from './result-parts.js';

/** What a pass between import and code generation gets. */
export interface PassContext {
  readonly jit: JitInterface;
  readonly ee: EECache;
  readonly method: IrMethod;
  readonly info: CORINFO_METHOD_INFO;
  readonly flags: CORJIT_FLAGS;
  readonly options: ParsedJitOptions;
}

/** A transformation of the IR (the inliner, the runtime-async transformation). */
export type IrPass = (context: PassContext) => void;

/** Passes every build runs, before its own. */
const STANDARD_PASSES: readonly IrPass[] = [synchronizedMethods];

let compiledCount = 0;

export function compileWithPasses(
  passes: readonly IrPass[], jit: JitInterface, info: CORINFO_METHOD_INFO, flags: CORJIT_FLAGS, rawOptions: JitOptions,
): CompileResult {
  const options = parseJitOptions(rawOptions);
  try {
    const { method, ee } = importMethod(jit, info, flags);
    const context: PassContext = { jit, ee, method, info, flags, options };
    for (const pass of STANDARD_PASSES) pass(context);
    for (const pass of passes) pass(context);
    if (options.dumpIR?.matches(method.name)) writeJitOutput(options, dumpMethod(method));
    const result = emitMethod(jit, info, flags, method, ee);
    report(jit, info, result, options);
    return result;
  } catch (err) {
    const failure = failureOf(err);
    if (failure === undefined) throw err;
    jit.reportFatalError(failure.result, failure.message);
    return failure;
  }
}

function failureOf(err: unknown): CompileFailure | undefined {
  if (isEEError(err)) return failureFromEEError(err);
  if (err instanceof JitLimitation) return compileFailure(CorJitResult.CORJIT_IMPLLIMITATION, err.message);
  if (err instanceof ILFormatError) return compileFailure(CorJitResult.CORJIT_BADCODE, err.message);
  if (err instanceof CodegenError || err instanceof X64EncodingError) {
    return compileFailure(CorJitResult.CORJIT_INTERNALERROR, `${err.name}: ${err.message}`);
  }
  return undefined;
}

function emitMethod(jit: JitInterface, info: CORINFO_METHOD_INFO, flags: CORJIT_FLAGS, method: IrMethod, ee: EECache): CompileSuccess {
  const generated = generateCode(method, ee);
  const encoded = encodeProvisionally(generated.g.e);
  const unwind = buildUnwindInfo(generated.prolog, encoded.instructionOffsets);
  const clauses = nativeClauses(method, generated, encoded);

  jit.reserveUnwindInfo(false, false, unwind.bytes.length);
  const blocks = jit.allocMem({ hotCodeSize: encoded.codeSize, coldCodeSize: 0, roDataSize: 0, xcptnsCount: clauses.length, flag: 0 });
  const code = codeAt(encoded, blocks.hotCodeBlock);
  const unwindInfo = unwindInfoOf(unwind, encoded.codeSize);
  jit.allocUnwindInfo(unwindInfo);

  const relocations = relocationsOf(encoded);
  for (const r of relocations) jit.recordRelocation((blocks.hotCodeBlock + BigInt(r.offset)) as never, r.target, r.type, r.addlDelta);
  jit.setEHcount(clauses.length);
  clauses.forEach((c, i) => jit.setEHinfo(i, c));

  const requested = hasJitFlag(flags, CorJitFlag.CORJIT_FLAG_DEBUG_INFO) ? new Set(jit.getBoundaries(info.ftn).ilOffsets) : undefined;
  const boundaries = boundariesOf(generated, encoded, requested);
  jit.setBoundaries(info.ftn, boundaries);
  const vars = varsOf(method, generated, unwind.sizeOfProlog, encoded.codeSize);
  jit.setVars(info.ftn, vars);
  const gcInfo = gcInfoOf(method, generated, encoded);
  jit.setGcInfo(gcInfo);

  return {
    ok: true,
    result: CorJitResult.CORJIT_OK,
    method: info.ftn,
    methodName: method.name,
    blocks,
    code,
    coldCode: new Uint8Array(0),
    roData: new Uint8Array(0),
    relocations,
    ehClauses: clauses,
    boundaries,
    vars,
    gcInfo,
    unwindInfo: [unwindInfo],
    metrics: {
      codeSize: encoded.codeSize,
      prologSize: unwind.sizeOfProlog,
      instructionCount: encoded.instructionCount,
      perfScore: encoded.perfScore,
      allocatedCodeBytes: encoded.codeSize,
      inlinedCalls: method.inlinees.length,
    },
    ...(method.inlinees.length > 0 ? { inlinees: [...method.inlinees] } : {}),
  };
}

/** JitDisasm and JitDisasmSummary output. */
function report(jit: JitInterface, info: CORINFO_METHOD_INFO, result: CompileSuccess, options: ParsedJitOptions): void {
  const name = result.methodName ?? '';
  if (options.disasmSummary) {
    compiledCount++;
    writeJitOutput(options, `${String(compiledCount).padStart(4)}: JIT compiled ${name} [Tier0, IL size=${info.ILCode.length}, code size=${result.metrics.codeSize}]\n`);
  }
  if (options.disasm?.matches(name)) writeJitOutput(options, formatCompileListing(result, jit.getMethodHash(info.ftn)) + '\n');
}
