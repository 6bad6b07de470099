// A JIT module loaded by path in the asmdiffs CLI tests: the base JIT, with
// a fixed, IL-dependent share of its results changed after the fact, so a
// run against the base JIT finds diffs of known classes. Which methods is a
// pure function of their IL, so every run picks the same ones.
import { baseJit } from '../../../dist/jit/index.js';

/** 0..9 from the IL bytes. */
export function tweakOf(il) {
  let sum = il.length;
  for (const b of il) sum = (sum * 31 + b) % 10007;
  return sum % 10;
}

const RESTORE_CONTEXTS_HELPER = 198;

/** Three int3 after the code: a code diff; GC info, unwind info move with the size. */
function padded(result) {
  const code = new Uint8Array(result.code.length + 3);
  code.set(result.code);
  code.fill(0xcc, result.code.length);
  const unwindInfo = result.unwindInfo.map((u, i) => (i === 0 ? { ...u, endOffset: u.endOffset + 3 } : u));
  return {
    ...result,
    code,
    gcInfo: { ...result.gcInfo, codeSize: result.gcInfo.codeSize + 3 },
    unwindInfo,
    metrics: { ...result.metrics, codeSize: result.metrics.codeSize + 3, allocatedCodeBytes: (result.metrics.allocatedCodeBytes ?? 0) + 3 },
  };
}

/** The first call to a method now goes to a helper's cell: a relocation-target-only diff. */
function retargeted(result) {
  const at = result.relocations.findIndex((r) => r.targetKind === 'method');
  if (at < 0) return result;
  const relocations = result.relocations.map((r, i) => {
    if (i !== at) return r;
    const { targetHandle: _dropped, ...rest } = r;
    return { ...rest, target: r.target + 0x100000n, targetKind: 'helper', helper: RESTORE_CONTEXTS_HELPER, annotation: 'CORINFO_HELP_ASYNC_RESTORE_CONTEXTS' };
  });
  return { ...result, relocations };
}

/** The first call to a method is described as a helper call, same target: identical code, named differently. */
function renamed(result) {
  const at = result.relocations.findIndex((r) => r.targetKind === 'method');
  if (at < 0) return result;
  const relocations = result.relocations.map((r, i) => (i === at ? { ...r, targetKind: 'helper', helper: RESTORE_CONTEXTS_HELPER, annotation: 'CORINFO_HELP_ASYNC_RESTORE_CONTEXTS' } : r));
  return { ...result, relocations };
}

export default {
  name: 'tweaked',
  interfaceVersion: 'base',
  compileMethod(jitInterface, methodInfo, flags, options) {
    const result = baseJit.compileMethod(jitInterface, methodInfo, flags, options);
    if (!result.ok) return result;
    switch (tweakOf(methodInfo.ILCode)) {
      case 0:
        return padded(result);
      case 1:
        return retargeted(result);
      case 2:
        return renamed(result);
      default:
        return result;
    }
  },
};
