import { describe, expect, it } from 'vitest';
import { failureFromEEError } from '../../src/jitee/index.js';
import { baseJit, failureReason, jitFlagsForMode } from '../../src/jit/index.js';
import { Runtime } from '../../src/vm/index.js';
import { MONO_ASSEMBLIES, MONO_DIR, monoPresent, type Mode } from './vm-helpers.js';

/**
 * Scale test over Debian's mono assemblies (package libmono-corlib4.5-cil):
 * at least 95% of the methods with bodies compile in each assembly and mode,
 * and every failure has a named reason. Skipped when the files are absent.
 */
describe.skipIf(!monoPresent)(`compiling ${MONO_DIR}/{mscorlib,System,System.Core}.dll`, () => {
  it.each<Mode>(['jit', 'r2r'])('compiles at least 95 percent of the methods of each assembly in %s mode', (mode) => {
    const rt = Runtime.load({ assemblies: MONO_ASSEMBLIES, referenceDirectories: [MONO_DIR] });
    const totals = new Map<string, { methods: number; compiled: number }>();
    const reasons = new Map<string, number>();
    for (const m of rt.enumerateMethods()) {
      const t = totals.get(m.module) ?? { methods: 0, compiled: 0 };
      totals.set(m.module, t);
      t.methods++;
      let reason: string | undefined;
      if (!m.ok) {
        reason = failureReason(failureFromEEError(m.error));
      } else {
        const ji = rt.createJitInterface({ version: 'base', mode, method: m.method });
        const info = ji.methodInfo();
        if (info === null) continue;
        const result = baseJit.compileMethod(ji, info, jitFlagsForMode(mode), {});
        if (result.ok) t.compiled++;
        else reason = failureReason(result);
      }
      if (reason !== undefined) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    expect([...totals.keys()].sort()).toEqual(['System', 'System.Core', 'mscorlib']);
    for (const [name, t] of totals) expect(t.compiled / t.methods, `${name}: ${t.compiled} of ${t.methods}`).toBeGreaterThanOrEqual(0.95);
    for (const reason of reasons.keys()) expect(reason).toMatch(/^(IMPLLIMITATION|BADCODE|EE \w+): \S|^EE \w+$/);
  }, 600_000);
});
