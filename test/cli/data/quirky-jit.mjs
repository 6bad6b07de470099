// A JIT module loaded by path in the CLI tests: the base JIT, except that a
// fixed, IL-dependent share of methods fails (CORJIT_IMPLLIMITATION), asks a
// question no recording can answer (missing data), or throws. Which methods
// is a pure function of their IL, so every run picks the same ones.
import { baseJit } from '../../../dist/jit/index.js';
import { CorJitResult, compileFailure } from '../../../dist/jitee/index.js';

/** 0..9 from the IL bytes. */
export function quirkOf(il) {
  let sum = il.length;
  for (const b of il) sum = (sum + b) % 9973;
  return sum % 10;
}

export default {
  name: 'quirky',
  interfaceVersion: 'base',
  compileMethod(jitInterface, methodInfo, flags, options) {
    switch (quirkOf(methodInfo.ILCode)) {
      case 0:
        return compileFailure(CorJitResult.CORJIT_IMPLLIMITATION, 'quirky: refuses this method');
      case 1:
        // A method handle nobody ever recorded.
        jitInterface.getMethodAttribs(0x7777_0000n);
        break;
      case 2:
        throw new TypeError('quirky: crashed');
    }
    return baseJit.compileMethod(jitInterface, methodInfo, flags, options);
  },
};
