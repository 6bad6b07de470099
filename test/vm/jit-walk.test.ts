import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Runtime } from '../../src/vm/index.js';
import { loadFixtures, monoDir, monoPresent, walkMethod } from './helpers.js';

/**
 * Asks, for every method, what a JIT importer asks (resolveToken,
 * getCallInfo, getFieldInfo, class and signature queries, one level of
 * inlinees): nothing may throw anything but EEError.
 */
describe('answering a JIT for every method', () => {
  for (const version of ['base', 'diff'] as const) {
    for (const mode of ['jit', 'r2r'] as const) {
      it(`answers every query of every fixture method without an error (${version}, ${mode})`, () => {
        const rt = loadFixtures();
        let queries = 0;
        for (const m of rt.enumerateMethods()) {
          if (!m.ok) continue;
          const ji = rt.createJitInterface({ version, mode, method: m.method });
          const stats = walkMethod(ji, ji.method, undefined, 1);
          expect(stats.eeErrors.map((e) => e.message), m.name).toEqual([]);
          queries += stats.queries;
        }
        expect(queries).toBeGreaterThan(10_000);
      });
    }
  }

  it.skipIf(!monoPresent)(`answers every query of every mscorlib method with nothing worse than EEErrors${monoPresent ? '' : ' (skipped: /usr/lib/mono/4.5 absent)'}`, () => {
    const rt = Runtime.load({ assemblies: [join(monoDir, 'mscorlib.dll')] });
    let methods = 0;
    for (const m of rt.enumerateMethods()) {
      if (!m.ok) continue;
      walkMethod(rt.createJitInterface({ version: 'base', mode: 'jit', method: m.method }));
      methods++;
    }
    expect(methods).toBeGreaterThan(20_000);
  });
});
