/**
 * Compiling the inliner fixture (fixture/Inlining.cs) and the shared test
 * fixtures with a JIT that runs the inliner, through the live EE.
 */

import { join } from 'node:path';
import { createModelJit, jitFlagsForMode } from '../../../src/jit/index.js';
import { inlinePass } from '../../../src/jit/inline/index.js';
import type { CompileResult, JitModule, JitOptions } from '../../../src/jitee/index.js';
import { Runtime, type InliningDecision } from '../../../src/vm/index.js';
import { fixturesBin, repoRoot, type Mode } from '../vm-helpers.js';

export const inliningJit: JitModule = createModelJit('inline-test', 'base', [inlinePass]);
export const plainJit: JitModule = createModelJit('plain-test', 'base', []);

const INLINING_DLL = join(repoRoot, 'test/jit/inline/fixture/Inlining.dll');
const CORLIB_DLL = join(fixturesBin, 'System.Private.CoreLib.dll');

let runtime: Runtime | undefined;

export function inliningFixture(): Runtime {
  runtime ??= Runtime.load({ assemblies: [INLINING_DLL, CORLIB_DLL] });
  return runtime;
}

export interface InlineCompile {
  readonly result: CompileResult;
  readonly decisions: readonly InliningDecision[];
  /** Names of the interface methods the JIT called, in order. */
  readonly asked: readonly string[];
}

function methodNamed(rt: Runtime, filter: string) {
  const found = rt.enumerateMethods({ filter });
  if (found.length !== 1 || !found[0]!.ok) throw new Error(`${filter}: ${found.length} methods`);
  return found[0]!;
}

/** Compiles the one method matching `filter` (e.g. `Fixtures.Inlining.Callers:CallTwice`). */
export function compileNamed(filter: string, options: { mode?: Mode; jit?: JitModule; jitOptions?: JitOptions } = {}): InlineCompile {
  const rt = inliningFixture();
  const m = methodNamed(rt, filter);
  if (!m.ok) throw new Error(filter);
  const mode = options.mode ?? 'jit';
  const jit = options.jit ?? inliningJit;
  const ji = rt.createJitInterface({ version: jit.interfaceVersion, mode, method: m.method });
  const asked: string[] = [];
  const counted = new Proxy(ji, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        asked.push(String(key));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  const info = ji.methodInfo()!;
  const result = jit.compileMethod(counted, info, jitFlagsForMode(mode), options.jitOptions ?? {});
  return { result, decisions: [...ji.inliningDecisions], asked };
}
