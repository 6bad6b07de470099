import type { CompileResult, InterfaceVersionId, JitInterface, JitOptions } from '../../src/jitee/index.js';
import { MethodContext } from '../../src/mc/method-context.js';
import { ReplayEE } from '../../src/replay/replay-ee.js';
import { recordCompile } from '../../src/shim/index.js';
import { METHOD_INFO } from '../agnostic/samples.js';
import { createFakeEE } from '../shim/fake-ee.js';
import { miniJit } from '../shim/mini-jit.js';

export function record(version: InterfaceVersionId, jitOptions: JitOptions = {}, context?: MethodContext) {
  return recordCompile({
    live: createFakeEE(version),
    jit: miniJit(version),
    methodInfo: METHOD_INFO,
    flags: 0,
    mode: 'jit',
    jitOptions,
    ...(context === undefined ? {} : { context }),
  });
}

export function replay(context: MethodContext, version: InterfaceVersionId, jitOptions: JitOptions = {}) {
  const ee = new ReplayEE(context, version);
  const result: CompileResult = miniJit(version).compileMethod(ee, context.requireRoot().methodInfo, context.requireRoot().flags, jitOptions);
  return { ee, result };
}

/** A JitInterface that logs every call's name, arguments and answer (or thrown error). */
export function logging(inner: JitInterface): { ee: JitInterface; log: unknown[] } {
  const log: unknown[] = [];
  const ee = new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        try {
          const answer = (value as (...a: unknown[]) => unknown).apply(target, args);
          log.push([prop, args, answer]);
          return answer;
        } catch (err) {
          log.push([prop, args, 'threw', String(err)]);
          throw err;
        }
      };
    },
  });
  return { ee, log };
}
