import { describe, expect, it } from 'vitest';
import { failureReason } from '../../../src/jit/index.js';
import { compileAll, fixtures, type Mode } from '../vm-helpers.js';
import { inliningJit, plainJit } from './inline-helpers.js';

/** The fixtures' one known r2r limitation (see test/jit/fixtures-compile.test.ts). */
const KNOWN_R2R_LIMITATION = 'IMPLLIMITATION: String.Empty without an address';

describe.each<Mode>(['jit', 'r2r'])('every fixture method with the inliner, %s mode', (mode) => {
  const results = compileAll(fixtures(), mode, undefined, inliningJit);

  it('compiles', () => {
    expect(results.length).toBeGreaterThan(1300);
    const failures = results
      .filter((r) => !r.result.ok && failureReason(r.result) !== (mode === 'r2r' ? KNOWN_R2R_LIMITATION : ''))
      .map((r) => `${r.name}: ${r.result.ok ? '' : r.result.message}`);
    expect(failures).toEqual([]);
  });

  it('inlines somewhere, and reports it in the result', () => {
    const inlined = results.filter((r) => r.result.ok && (r.result.inlinees?.length ?? 0) > 0);
    expect(inlined.length).toBeGreaterThan(10);
    for (const { result } of inlined) {
      if (!result.ok) continue;
      expect(result.metrics.inlinedCalls).toBe(result.inlinees!.length);
      expect(result.code.length).toBe(result.metrics.codeSize);
      expect(result.gcInfo.codeSize).toBe(result.code.length);
    }
  });

  it('changes nothing where it inlines nothing', () => {
    const plain = new Map(compileAll(fixtures(), mode, '*Exceptions*', plainJit).map((r) => [r.name, r.result]));
    for (const { name, result } of results) {
      const before = plain.get(name);
      if (before === undefined || !result.ok || !before.ok || result.inlinees !== undefined) continue;
      expect(Buffer.from(result.code).equals(Buffer.from(before.code)), name).toBe(true);
    }
  });
});
