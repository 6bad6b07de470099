// Test JITs that ask the runtime-async questions of the two interface
// versions before compiling like the built-in JIT of that version: the base
// one reads getAsyncInfo (whose base layout carries the six helper method
// handles), the diff one reads getAsyncInfo and the six
// CORINFO_HELP_ASYNC_* helpers. They stand in for the model JIT's
// runtime-async transformation in the record/replay tests, asking for every
// method so the questions appear in every context.
import { baseJit, diffJit } from '../../../dist/jit/index.js';
import { ASYNC_HELPER_NAMES, CorInfoHelpFunc } from '../../../dist/jitee/index.js';

export function asyncAsker(name, inner) {
  return {
    name,
    interfaceVersion: inner.interfaceVersion,
    compileMethod(jitInterface, methodInfo, flags, options) {
      jitInterface.getAsyncInfo();
      if (inner.interfaceVersion === 'diff') {
        for (const helper of ASYNC_HELPER_NAMES) jitInterface.getHelperFtn(CorInfoHelpFunc[helper]);
      }
      return inner.compileMethod(jitInterface, methodInfo, flags, options);
    },
  };
}

export const baseAsker = asyncAsker('async-asker-base', baseJit);
export const diffAsker = asyncAsker('async-asker-diff', diffJit);
