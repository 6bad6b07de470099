/**
 * The model JIT's builds. `base` and `diff` share every pass today; they will
 * differ once the runtime-async transformation lands (base calls the async
 * context helpers through getAsyncInfo's method handles, diff through the
 * CORINFO_HELP_ASYNC_* helpers). Each declares the interface version it needs.
 */

import type { InterfaceVersionId, JitModule } from '../jitee/index.js';
import { compileWithPasses, type IrPass } from './compile/compile-method.js';

export function createModelJit(name: string, interfaceVersion: InterfaceVersionId, passes: readonly IrPass[] = []): JitModule {
  const jit: JitModule = {
    name,
    interfaceVersion,
    compileMethod: (jitInterface, methodInfo, flags, options) => compileWithPasses(passes, jitInterface, methodInfo, flags, options),
  };
  return Object.freeze(jit);
}

export const baseJit: JitModule = createModelJit('base', 'base');
export const diffJit: JitModule = createModelJit('diff', 'diff');
