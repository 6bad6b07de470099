import { describe, expect, it } from 'vitest';
import { failureReason } from '../../src/jit/index.js';
import { compileAll, fixtures, type CompiledMethod, type Mode } from './vm-helpers.js';

function failures(results: readonly CompiledMethod[]): Map<string, string[]> {
  const byReason = new Map<string, string[]>();
  for (const { name, result } of results) {
    if (result.ok) continue;
    const reason = failureReason(result);
    byReason.set(reason, [...(byReason.get(reason) ?? []), `${name}: ${result.message}`]);
  }
  return byReason;
}

/**
 * The JIT names methods like RyuJIT (and like the EE's enumeration), except
 * that a reference-type return prints as `ref`: the EE leaves
 * CORINFO_SIG_INFO.retTypeSigClass null for classes.
 */
function sameMethodName(jitName: string, eeName: string): boolean {
  if (jitName === eeName) return true;
  const ref = /\):ref(:this)?$/.exec(jitName);
  if (ref === null) return false;
  const head = jitName.slice(0, ref.index + 1);
  return eeName.startsWith(head) && eeName.endsWith(ref[1] ?? '') && !eeName.slice(head.length).includes('(');
}

describe.each<Mode>(['jit', 'r2r'])('every fixture method in %s mode', (mode) => {
  const results = compileAll(fixtures(), mode);

  it('compiles', () => {
    expect(results.length).toBeGreaterThan(1300);
    const byReason = failures(results);
    expect(Object.fromEntries(byReason)).toEqual({});
  });

  it('gives results that hold together', () => {
    for (const { name, result } of results) {
      if (!result.ok) continue;
      expect(result.code.length, name).toBe(result.metrics.codeSize);
      expect(result.gcInfo.codeSize, name).toBe(result.code.length);
      expect(result.unwindInfo[0]!.endOffset, name).toBe(result.code.length);
      expect(sameMethodName(result.methodName!, name), `${result.methodName} vs ${name}`).toBe(true);
      for (const c of result.ehClauses) {
        expect(c.tryLength, name).toBeGreaterThan(0);
        expect(c.handlerOffset + c.handlerLength, name).toBeLessThanOrEqual(result.code.length);
      }
    }
  });

  it('compiles deterministically', () => {
    const again = compileAll(fixtures(), mode, '*Exceptions*');
    const first = new Map(results.map((r) => [r.name, r.result]));
    for (const { name, result } of again) {
      const before = first.get(name)!;
      expect(before.ok && result.ok && Buffer.from(before.code).equals(Buffer.from(result.code)), name).toBe(true);
    }
  });
});
