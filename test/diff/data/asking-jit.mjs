// A JIT module loaded by path in the asmdiffs CLI tests: the base JIT, except
// that for a fixed, IL-dependent share of methods it first asks a question no
// recording can answer, so a replay reports missing data and nothing else.
import { baseJit } from '../../../dist/jit/index.js';
import { tweakOf } from './tweaked-jit.mjs';

export default {
  name: 'asking',
  interfaceVersion: 'base',
  compileMethod(jitInterface, methodInfo, flags, options) {
    // A method handle nobody ever recorded.
    if (tweakOf(methodInfo.ILCode) === 3) jitInterface.getMethodAttribs(0x7777_0000n);
    return baseJit.compileMethod(jitInterface, methodInfo, flags, options);
  },
};
