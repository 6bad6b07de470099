/**
 * The model JIT's builds. `base` and `diff` run the same passes except for
 * how the runtime-async transformation calls the async context operations
 * (base: getAsyncInfo's method handles, diff: CORINFO_HELP_ASYNC_* helpers).
 * The async pass runs before the inliner, so base's CaptureContexts call is
 * there to be inlined. Each declares the interface version it needs.
 */

import type { InterfaceVersionId, JitModule } from '../jitee/index.js';
import { asyncPassWithHelpers, asyncPassWithMethodHandles } from './async/index.js';
import { compileWithPasses, type IrPass } from './compile/compile-method.js';
import { inlinePass } from './inline/index.js';

export function createModelJit(name: string, interfaceVersion: InterfaceVersionId, passes: readonly IrPass[] = []): JitModule {
  const jit: JitModule = {
    name,
    interfaceVersion,
    compileMethod: (jitInterface, methodInfo, flags, options) => compileWithPasses(passes, jitInterface, methodInfo, flags, options),
  };
  return Object.freeze(jit);
}

export const baseJit: JitModule = createModelJit('base', 'base', [asyncPassWithMethodHandles, inlinePass]);
export const diffJit: JitModule = createModelJit('diff', 'diff', [asyncPassWithHelpers, inlinePass]);
