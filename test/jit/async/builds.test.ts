/**
 * Acceptance of the two builds over every runtime-async fixture method:
 * base (getAsyncInfo method handles) and diff (CORINFO_HELP_ASYNC_*
 * helpers) differ only in how the six context operations are bound.
 */

import { describe, expect, it } from 'vitest';
import { ASYNC_CONTEXT_CALLS, CorInfoHelpFunc, type CompileSuccess } from '../../../src/jitee/index.js';
import { fixtures } from '../vm-helpers.js';
import { asyncSampleMethods, compileWith, hex, maskedCode, relocationTargets } from './async-compile.js';

const NO_INLINE = { JitNoInline: '1' };
const CONTEXT_METHODS = new Set(ASYNC_CONTEXT_CALLS.map((c) => `System.Runtime.CompilerServices.AsyncHelpers:${c.managedName}`));
const CONTEXT_HELPERS = new Set<number>(ASYNC_CONTEXT_CALLS.map((c) => CorInfoHelpFunc[c.helper]));

const { async: asyncMethods, plain: plainMethods } = asyncSampleMethods(fixtures());

function contextCallCount(result: CompileSuccess, build: 'base' | 'diff'): number {
  return result.relocations.filter((r) => build === 'diff'
    ? r.helper !== undefined && CONTEXT_HELPERS.has(r.helper)
    : r.targetKind === 'method' && [...CONTEXT_METHODS].some((name) => r.annotation?.startsWith(name))).length;
}

describe('runtime-async methods of the fixtures', () => {
  it('are found through CORINFO_FLG_ASYNC', () => {
    expect(asyncMethods.length).toBeGreaterThanOrEqual(40);
    expect(asyncMethods.map((m) => m.name)).toContain('Fixtures.Async.Shapes:OneAwait(int):int');
    expect(plainMethods.map((m) => m.name)).toContain('Fixtures.Async.Source:Twice(int):int');
  });
});

describe('jit mode, JitNoInline=1', () => {
  it.each(asyncMethods.map((m) => [m.name, m] as const))('%s: base and diff give the same code and relocation targets', (_, m) => {
    const base = compileWith(fixtures(), m, 'jit', 'base', NO_INLINE).result;
    const diff = compileWith(fixtures(), m, 'jit', 'diff', NO_INLINE).result;
    expect(hex(diff.code)).toBe(hex(base.code));
    expect(relocationTargets(diff)).toEqual(relocationTargets(base));
    expect(contextCallCount(base, 'base')).toBeGreaterThanOrEqual(3);
    expect(contextCallCount(diff, 'diff')).toBe(contextCallCount(base, 'base'));
  });
});

describe('jit mode, inlining on', () => {
  it.each(asyncMethods.map((m) => [m.name, m] as const))('%s: base differs from diff only where it inlined CaptureContexts', (_, m) => {
    const base = compileWith(fixtures(), m, 'jit', 'base');
    const diff = compileWith(fixtures(), m, 'jit', 'diff');
    const capture = 'System.Runtime.CompilerServices.AsyncHelpers:CaptureContexts';
    const baseInlinedCapture = base.inlinees.some((n) => n.startsWith(capture));
    expect(diff.inlinees.some((n) => n.includes('AsyncHelpers'))).toBe(false);
    // Everything base inlined other than CaptureContexts, diff inlined as well.
    expect(base.inlinees.filter((n) => !n.startsWith(capture))).toEqual(diff.inlinees);
    if (!baseInlinedCapture) {
      expect(hex(base.result.code)).toBe(hex(diff.result.code));
      return;
    }
    expect(hex(base.result.code)).not.toBe(hex(diff.result.code));
    // The other five context operations are still calls, at the same addresses.
    expect(contextCallCount(base.result, 'base')).toBe(contextCallCount(diff.result, 'diff') - 1);
  });
});

describe('r2r mode', () => {
  it.each(asyncMethods.map((m) => [m.name, m] as const))('%s: same instructions; only import cells and fixups differ', (_, m) => {
    const base = compileWith(fixtures(), m, 'r2r', 'base');
    const diff = compileWith(fixtures(), m, 'r2r', 'diff');
    expect(hex(maskedCode(diff.result))).toBe(hex(maskedCode(base.result)));
    expect(base.inlinees.some((n) => n.includes('AsyncHelpers'))).toBe(false);

    const isContextEntry = (f: { kindName: string; target: string }) => f.kindName.startsWith('READYTORUN_FIXUP_MethodEntry') && [...CONTEXT_METHODS].some((n) => f.target.includes(n));
    const isContextHelper = (f: { kindName: string; helper?: number }) => f.kindName === 'READYTORUN_FIXUP_Helper' && f.helper !== undefined && CONTEXT_HELPERS.has(f.helper);
    const baseContext = base.fixups.filter(isContextEntry);
    const diffContext = diff.fixups.filter(isContextHelper);
    expect(baseContext.length).toBeGreaterThanOrEqual(2);
    expect(diffContext).toHaveLength(baseContext.length);
    expect(base.fixups.filter(isContextHelper)).toEqual([]);
    expect(diff.fixups.filter(isContextEntry)).toEqual([]);
    const rest = (fixups: typeof base.fixups, drop: (f: (typeof fixups)[number]) => boolean) =>
      fixups.filter((f) => !drop(f)).map((f) => `${f.kindName} ${f.target}`);
    expect(rest(diff.fixups, isContextHelper)).toEqual(rest(base.fixups, isContextEntry));
  });
});

describe('methods that are not runtime-async', () => {
  it.each(plainMethods.map((m) => [m.name, m] as const))('%s: same code in both builds and both modes', (_, m) => {
    for (const mode of ['jit', 'r2r'] as const) {
      const base = compileWith(fixtures(), m, mode, 'base');
      const diff = compileWith(fixtures(), m, mode, 'diff');
      expect(hex(diff.result.code)).toBe(hex(base.result.code));
      expect(diff.fixups).toEqual(base.fixups);
    }
  });
});
