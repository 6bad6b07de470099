/**
 * Recording one compile: root description, the JIT run through the
 * recorder, the result stored. With an existing context the second JIT's
 * records join the first's (conflicts are errors, getAsyncInfo merges field
 * by field).
 */

import type { ContextRoot, RecordingMode } from '../agnostic/context-root.js';
import type { CompileResult } from '../jitee/compile-result.js';
import { formatHandle } from '../jitee/handles.js';
import type { CORJIT_FLAGS } from '../jitee/jit-flags.js';
import type { JitInterface } from '../jitee/jit-interface.js';
import type { JitModule, JitOptions } from '../jitee/jit-module.js';
import type { CORINFO_METHOD_INFO } from '../jitee/structs.js';
import { MethodContext } from '../mc/method-context.js';
import { RecordingJitInterface } from './recorder.js';

export interface RecordCompileRequest {
  /** The live EE; it must serve the JIT's interface version. */
  readonly live: JitInterface;
  readonly jit: JitModule;
  readonly methodInfo: CORINFO_METHOD_INFO;
  readonly flags: CORJIT_FLAGS;
  readonly mode: RecordingMode;
  /** For display; defaults to the JIT's name for the method, else the handle. */
  readonly methodName?: string;
  readonly jitOptions?: JitOptions;
  /** Record into this context (e.g. the one the other JIT was recorded into). */
  readonly context?: MethodContext;
}

export interface RecordedCompile {
  readonly context: MethodContext;
  readonly result: CompileResult;
}

export function recordCompile(request: RecordCompileRequest): RecordedCompile {
  const { live, jit, flags, mode } = request;
  if (jit.interfaceVersion !== live.interfaceVersion) {
    throw new Error(
      `JIT '${jit.name}' needs interface version ${jit.interfaceVersion}, the EE serves ${live.interfaceVersion}`,
    );
  }
  const context = request.context ?? new MethodContext();
  const root: ContextRoot = {
    method: request.methodInfo.ftn,
    methodName: request.methodName ?? context.root?.methodName ?? formatHandle(request.methodInfo.ftn),
    flags,
    methodInfo: request.methodInfo,
    mode,
    interfaceVersions: [],
  };
  // Merging checks that an existing root describes the same compile.
  context.merge(new MethodContext(root));
  const recorder = new RecordingJitInterface(live, context);
  // The JIT gets the method info as replay will give it (normalised through its schema).
  const methodInfo = context.requireRoot().methodInfo;
  const result = jit.compileMethod(recorder, methodInfo, flags, request.jitOptions ?? {});
  recorder.recordResult(result);
  if (request.methodName === undefined && result.ok && result.methodName !== undefined && context.root !== undefined) {
    context.setRoot({ ...context.root, methodName: result.methodName });
  }
  return { context, result };
}
