import {
  CorInfoMethodFlags, RelocType, type CompileResult, type CompileSuccess, type JitModule, type JitOptions,
} from '../../../src/jitee/index.js';
import { baseJit, diffJit, jitFlagsForMode } from '../../../src/jit/index.js';
import type { EnumeratedMethodOk, Runtime } from '../../../src/vm/index.js';
import type { Mode } from '../vm-helpers.js';

export const BUILDS: Readonly<Record<'base' | 'diff', JitModule>> = { base: baseJit, diff: diffJit };

export interface AsyncCompile {
  readonly name: string;
  readonly result: CompileSuccess;
  readonly methodHash: number;
  readonly fixups: readonly { readonly cell: bigint; readonly kind: number; readonly kindName: string; readonly target: string; readonly helper?: number }[];
  readonly inlinees: readonly string[];
}

function succeeded(name: string, result: CompileResult): CompileSuccess {
  if (!result.ok) throw new Error(`${name}: ${result.message}`);
  return result;
}

/** Methods of AsyncSamples, split by whether the EE reports them runtime-async (CORINFO_FLG_ASYNC). */
export function asyncSampleMethods(rt: Runtime): { readonly async: EnumeratedMethodOk[]; readonly plain: EnumeratedMethodOk[] } {
  const async: EnumeratedMethodOk[] = [];
  const plain: EnumeratedMethodOk[] = [];
  for (const m of rt.enumerateMethods({})) {
    if (!m.ok || m.module !== 'AsyncSamples') continue;
    const ji = rt.createJitInterface({ version: 'base', mode: 'jit', method: m.method });
    const info = ji.methodInfo();
    if (info === null) continue;
    ((ji.getMethodAttribs(info.ftn) & CorInfoMethodFlags.CORINFO_FLG_ASYNC) !== 0 ? async : plain).push(m);
  }
  return { async, plain };
}

export function compileWith(rt: Runtime, m: EnumeratedMethodOk, mode: Mode, build: 'base' | 'diff', options: JitOptions = {}): AsyncCompile {
  const jit = BUILDS[build];
  const ji = rt.createJitInterface({ version: jit.interfaceVersion, mode, method: m.method });
  const info = ji.methodInfo();
  if (info === null) throw new Error(`${m.name} has no IL`);
  const result = succeeded(m.name, jit.compileMethod(ji, info, jitFlagsForMode(mode), options));
  return {
    name: m.name,
    result,
    methodHash: ji.getMethodHash(info.ftn),
    fixups: ji.r2rFixups.map((f) => ({ cell: f.cell as bigint, kind: f.kind, kindName: f.kindName, target: f.target, helper: f.helper })),
    inlinees: ji.inliningDecisions.filter((d) => d.result === 0).map((d) => d.inlineeName),
  };
}

/** The code with every relocated field zeroed (what stays when addresses and cells are ignored). */
export function maskedCode(result: CompileSuccess): Uint8Array {
  const code = Uint8Array.from(result.code);
  for (const r of result.relocations) {
    if (r.block !== 'hot') continue;
    const size = r.type === RelocType.IMAGE_REL_BASED_DIR64 ? 8 : 4;
    code.fill(0, r.offset, r.offset + size);
  }
  return code;
}

/** Absolute relocation targets in code order. */
export function relocationTargets(result: CompileSuccess): bigint[] {
  return result.relocations.map((r) => r.target as bigint);
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
