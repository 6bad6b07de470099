/**
 * Recording one method with one or more JITs: each JIT compiles it through
 * its own live JitInterface (serving that JIT's interface version) wrapped in
 * the recorder, into its own MethodContext; the contexts are then merged, so
 * every JIT that took part can replay the result without missing data.
 */

import type { CompileResult } from '../../jitee/compile-result.js';
import type { CORJIT_FLAGS } from '../../jitee/jit-flags.js';
import type { JitModule, JitOptions } from '../../jitee/jit-module.js';
import type { CollectionMode } from '../../mc/mch-format.js';
import { MethodContext } from '../../mc/method-context.js';
import { recordCompile } from '../../shim/record-compile.js';
import type { EnumeratedMethodOk, Runtime } from '../../vm/index.js';

export interface RecordedMethod {
  /** The merged context, or undefined when no JIT produced a result to keep. */
  readonly context: MethodContext | undefined;
  /** Per JIT that returned: its live result. */
  readonly results: readonly { readonly jit: string; readonly result: CompileResult }[];
  /** Things that went wrong in the harness (a JIT that threw, records that conflict), one line each. */
  readonly problems: readonly string[];
  /** Set when getMethodInfo says there is no IL to compile. */
  readonly skipped?: boolean;
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? `${err.name}: ${err.message}` : String(err)).split('\n')[0]!;
}

export function recordMethod(
  rt: Runtime,
  method: EnumeratedMethodOk,
  jits: readonly JitModule[],
  mode: CollectionMode,
  flags: CORJIT_FLAGS,
  jitOptions: JitOptions = {},
): RecordedMethod {
  const results: { jit: string; result: CompileResult }[] = [];
  const problems: string[] = [];
  let merged: MethodContext | undefined;
  for (const jit of jits) {
    const live = rt.createJitInterface({ version: jit.interfaceVersion, mode, method: method.method });
    let methodInfo;
    try {
      methodInfo = live.methodInfo();
    } catch (err) {
      // Nothing can be recorded without the method info: the method fails, as in `tspmi compile`.
      return { context: undefined, results, problems: [...problems, `getMethodInfo: ${firstLine(err)}`] };
    }
    if (methodInfo === null) return { context: undefined, results, problems, skipped: true };

    let recorded;
    try {
      recorded = recordCompile({ live, jit, methodInfo, flags, mode, methodName: method.name, jitOptions });
    } catch (err) {
      problems.push(`JIT '${jit.name}' threw ${firstLine(err)}`);
      continue;
    }
    results.push({ jit: jit.name, result: recorded.result });
    if (merged === undefined) {
      merged = recorded.context;
      continue;
    }
    try {
      merged.merge(recorded.context);
    } catch (err) {
      // Keep what the earlier JITs recorded: it replays for them; this JIT's replay will report missing data.
      problems.push(`records of JIT '${jit.name}' conflict with the earlier ones and were left out: ${firstLine(err)}`);
    }
  }
  return { context: merged, results, problems };
}
