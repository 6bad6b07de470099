/**
 * Replays one context: rebuild the MethodContext, serve it through a ReplayEE
 * of the JIT's interface version, compile, classify. Never throws for
 * anything a context or a JIT can do wrong; that is what keeps one bad
 * context from stopping a run.
 */

import type { JitModule, JitOptions } from '../../jitee/jit-module.js';
import { CorJitResult } from '../../jitee/enums.js';
import { enumName } from '../../jitee/enum-util.js';
import type { CompileResult } from '../../jitee/compile-result.js';
import type { McEntry } from '../../mc/mch-reader.js';
import { MethodContext } from '../../mc/method-context.js';
import { ReplayEE } from '../replay-ee.js';
import { isMissingDataError } from '../missing.js';
import { compileResultDifferences } from './compare-results.js';
import type { ContextOutcome } from './outcome.js';

export interface ReplayContextOptions {
  readonly jitOptions: JitOptions;
  /** Check a successful compile against the result recorded live for the JIT's version. */
  readonly compareRecorded: boolean;
  /** Attach the decoded record to outcomes that are not successes (for --repro-dir). */
  readonly keepRepro: boolean;
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.split('\n')[0]!;
}

function describeFailure(result: Exclude<CompileResult, { ok: true }>): string {
  const code = enumName(CorJitResult, result.result) ?? `0x${(result.result >>> 0).toString(16)}`;
  return `${code}: ${result.message}`;
}

/**
 * Compiles a context's method with `jit` over a ReplayEE. MissingDataError
 * and anything else the JIT throws propagate.
 */
export function compileFromContext(mc: MethodContext, jit: JitModule, jitOptions: JitOptions = {}): CompileResult {
  const root = mc.requireRoot();
  const ee = new ReplayEE(mc, jit.interfaceVersion);
  return jit.compileMethod(ee, root.methodInfo, root.flags, jitOptions);
}

export function replayContext(entry: McEntry, jit: JitModule, options: ReplayContextOptions): ContextOutcome {
  if (entry.kind === 'corrupt') {
    return {
      index: entry.index,
      kind: 'corrupt',
      message: `damaged record at offset ${entry.offset} (${entry.size} bytes): ${entry.error}: ${entry.detail}`,
      corrupt: { error: entry.error, detail: entry.detail, offset: entry.offset, size: entry.size },
    };
  }
  const { index } = entry;
  const methodName = entry.meta.methodName;
  let mc: MethodContext;
  try {
    mc = MethodContext.fromData(entry.context);
    mc.requireRoot();
  } catch (err) {
    const detail = firstLine(err);
    return {
      index,
      kind: 'corrupt',
      ...(methodName === undefined ? {} : { methodName }),
      message: `record at offset ${entry.offset} is not a method context: ${detail}`,
      corrupt: { error: 'not a method context', detail, offset: entry.offset, size: entry.size },
    };
  }
  const named = { index, methodName: mc.requireRoot().methodName };
  const repro = options.keepRepro ? { repro: { context: entry.context, meta: entry.meta } } : {};

  let result: CompileResult;
  try {
    result = compileFromContext(mc, jit, options.jitOptions);
  } catch (err) {
    if (isMissingDataError(err)) {
      const missing = { call: err.call, key: err.key, absentFields: [...err.absentFields] };
      return { ...named, kind: 'missing', message: err.message, missing, ...repro };
    }
    return { ...named, kind: 'failure', message: `the JIT threw ${firstLine(err)}`, ...repro };
  }
  if (!result.ok) return { ...named, kind: 'failure', message: describeFailure(result), ...repro };

  const recorded = options.compareRecorded ? mc.result(jit.interfaceVersion) : undefined;
  if (recorded === undefined) return { index, kind: 'success' };
  const differences = compileResultDifferences(recorded, result);
  if (differences.length === 0) return { index, kind: 'success', compared: true };
  return {
    ...named,
    kind: 'mismatch',
    compared: true,
    differences,
    message: `differs from the recorded ${jit.interfaceVersion} compile in ${differences.join(', ')}`,
    ...repro,
  };
}
