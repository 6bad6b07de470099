// A JIT module loaded by path in the robustness tests: the base JIT, except
// on three methods of recordings/async-jit.mch, chosen by name so every run
// and every -p picks the same contexts:
//   Shapes.AwaitInLoop   loops forever (only a per-context time limit stops it)
//   Leaf.Yield           calls process.exit (kills the worker thread it runs in)
//   Shapes.Switch        throws a plain exception (an ordinary failure)
//   Shapes.Math3         compiles, but leaves an exception thrown from a timer; a
//                        share is replayed synchronously, so it fires only once the
//                        worker has delivered its share, and must not spoil the run
import { baseJit } from '../../../dist/jit/index.js';

export const HANGS = 'Shapes.AwaitInLoop';
export const EXITS = 'Leaf.Yield';
export const THROWS = 'Shapes.Switch';
export const THROWS_LATER = 'Shapes.Math3';

export default {
  name: 'hanging',
  interfaceVersion: 'base',
  compileMethod(jitInterface, methodInfo, flags, options) {
    const { className, methodName } = jitInterface.getMethodNameFromMetadata(methodInfo.ftn);
    switch (`${className}.${methodName}`) {
      case HANGS:
        for (;;) {
          // never returns
        }
      case EXITS:
        process.exit(7);
        break;
      case THROWS:
        throw new RangeError('hanging: threw');
      case THROWS_LATER:
        setTimeout(() => {
          throw new Error('hanging: threw from a timer');
        }, 0);
        break;
    }
    return baseJit.compileMethod(jitInterface, methodInfo, flags, options);
  },
};
