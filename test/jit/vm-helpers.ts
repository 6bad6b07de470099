import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CompileResult, JitModule } from '../../src/jitee/index.js';
import { baseJit, jitFlagsForMode } from '../../src/jit/index.js';
import { Runtime, type EnumeratedMethodOk } from '../../src/vm/index.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const fixturesBin = join(repoRoot, 'test/fixtures/bin');
export const FIXTURE_ASSEMBLIES = ['System.Private.CoreLib', 'Basics', 'Objects', 'Exceptions', 'Generics', 'AsyncSamples']
  .map((name) => join(fixturesBin, `${name}.dll`));
export const MONO_DIR = '/usr/lib/mono/4.5';
export const MONO_ASSEMBLIES = ['mscorlib.dll', 'System.dll', 'System.Core.dll'].map((f) => join(MONO_DIR, f));
export const monoPresent = MONO_ASSEMBLIES.every((f) => existsSync(f));

export type Mode = 'jit' | 'r2r';

export interface CompiledMethod {
  readonly name: string;
  readonly module: string;
  readonly result: CompileResult;
  readonly methodHash: number;
}

let fixtureRuntime: Runtime | undefined;

/** One Runtime over every fixture assembly, shared by the tests of a file. */
export function fixtures(): Runtime {
  fixtureRuntime ??= Runtime.load({ assemblies: FIXTURE_ASSEMBLIES });
  return fixtureRuntime;
}

/** Compiles the enumerated methods matching `filter` (all by default) with `jit` in `mode`. */
export function compileAll(rt: Runtime, mode: Mode, filter?: string, jit: JitModule = baseJit): CompiledMethod[] {
  const out: CompiledMethod[] = [];
  for (const m of rt.enumerateMethods(filter === undefined ? {} : { filter })) {
    if (!m.ok) throw new Error(`${m.name}: ${m.error.message}`);
    out.push(compileOne(rt, m, mode, jit));
  }
  return out;
}

export function compileOne(rt: Runtime, m: EnumeratedMethodOk, mode: Mode, jit: JitModule = baseJit): CompiledMethod {
  const ji = rt.createJitInterface({ version: jit.interfaceVersion, mode, method: m.method });
  const info = ji.methodInfo();
  if (info === null) throw new Error(`${m.name} has no IL`);
  const result = jit.compileMethod(ji, info, jitFlagsForMode(mode), {});
  return { name: m.name, module: m.module, result, methodHash: ji.getMethodHash(info.ftn) };
}
