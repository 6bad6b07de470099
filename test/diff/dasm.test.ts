import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../golden.js';
import { formatDasm, methodHash32 } from '../../src/diff/dasm.js';
import { placeBoth } from '../../src/diff/placement.js';
import { call, makeResult } from './make-result.js';

function expectGoldenFile(actual: string, name: string): void {
  expectGolden(actual, fileURLToPath(new URL(`golden/${name}`, import.meta.url)));
}

function listings() {
  const base = makeResult({ steps: [call('captureMethod'), call('newObj'), call('consoleWrite'), { op: 'own-address', offset: 4 }, call('restoreMethod')] });
  const diff = makeResult({ steps: [call('captureHelper'), call('newObj'), call('consoleWrite'), { op: 'own-address', offset: 4 }, call('restoreHelper')] });
  const placed = placeBoth(base, diff);
  const dasm = (side: 'base' | 'diff') => formatDasm({
    placed: placed[side], methodName: 'Fixtures.Async.Catalog:Restore():this', methodHash: 0x9c41_5a3e,
    jitName: side, interfaceVersion: side, mode: 'r2r', source: 'context 9 of recordings/async-r2r.mch',
  });
  return { base: dasm('base'), diff: dasm('diff') };
}

describe('.dasm listings', () => {
  it('write the RyuJIT layout, name the JIT build, and mark calls through import cells with their fixup kind', () => {
    const { base, diff } = listings();
    expectGoldenFile(base, 'relocation-only.base.dasm');
    expectGoldenFile(diff, 'relocation-only.diff.dasm');
  });

  it('start and end as jit-analyze expects, with the same method line on both sides', () => {
    const { base, diff } = listings();
    for (const text of [base, diff]) {
      const lines = text.trimEnd().split('\n');
      expect(lines[0]).toBe('; Assembly listing for method Fixtures.Async.Catalog:Restore():this (Tier0)');
      expect(lines.at(-2)).toMatch(/^; Total bytes of code \d+, prolog size \d+, PerfScore [\d.]+, instruction count \d+, allocated bytes for code \d+ \(MethodHash=9c415a3e\) for method Fixtures\.Async\.Catalog:Restore\(\):this \(Tier0\)$/);
      expect(lines.at(-1)).toMatch(/^; =+$/);
    }
    expect(base).toContain('; JIT build base (JIT-EE interface base), ReadyToRun compilation');
    expect(diff).toContain('       call     [CORINFO_HELP_ASYNC_RESTORE_CONTEXTS]      ; Helper import cell');
    expect(base).toContain('       call     CORINFO_HELP_NEWSFAST\n');
  });

  it('takes the group hash from a context method hash', () => {
    expect(methodHash32('9c415a3e0011')).toBe(0x9c415a3e);
    expect(methodHash32('')).toBe(0);
  });
});
