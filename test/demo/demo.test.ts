import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = new URL('../../bin/tspmi.js', import.meta.url).pathname;

function runDemoJson(): any {
  const out = execFileSync(process.execPath, [cli, 'demo', '--json', '--out', mkdtempSync(join(tmpdir(), 'tspmi-demo-test-'))], { encoding: 'utf8' });
  const lines = out.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!);
}

describe('tspmi demo', () => {
  const summary = runDemoJson();

  it('finds the runtime-async methods of the bundled sample', () => {
    expect(summary.asyncMethods).toBeGreaterThan(0);
    expect(summary.asyncMethods).toBeLessThanOrEqual(summary.methods);
  });

  it('jit mode: every helper resolves to the very address of its AsyncHelpers method', () => {
    const jit = summary.modes.jit;
    expect(jit.operations).toBe(6);
    expect(jit.sameTarget).toBe(6);
    for (const b of jit.bindings) {
      expect(b.baseEntry).toBe(b.diffEntry);
      expect(b.baseMethod).toContain(`AsyncHelpers:${b.operation}(`);
    }
  });

  it('r2r mode: MethodEntry import cells in base, Helper import cells in diff', () => {
    const r2r = summary.modes.r2r;
    expect(r2r.sameTarget).toBe(0);
    for (const b of r2r.bindings) {
      expect(b.baseFixup).toMatch(/^READYTORUN_FIXUP_MethodEntry/);
      expect(b.diffFixup).toBe('READYTORUN_FIXUP_Helper');
      expect(b.baseEntry).not.toBe(b.diffEntry);
    }
  });

  const run = (mode: string, inlining: boolean) => summary.asmdiffs.find((r: any) => r.mode === mode && r.inlining === inlining);

  it('records each setting with both JITs, so no replay misses data or fails', () => {
    expect(summary.asmdiffs).toHaveLength(4);
    for (const r of summary.asmdiffs) {
      expect(r.contexts).toBe(summary.methods);
      expect(r.missing).toBe(0);
      expect(r.failed).toBe(0);
    }
  });

  it('jit mode with JitNoInline=1: no diffs', () => {
    const r = run('jit', false);
    expect(r.diffs).toBe(0);
    expect(r.diffBytes).toBe(r.baseBytes);
  });

  it('jit mode with inlining: diffs only in runtime-async methods, each explained by an inlined context operation', () => {
    const r = run('jit', true);
    expect(r.diffs).toBeGreaterThan(0);
    expect(r.diffs).toBeLessThanOrEqual(summary.asyncMethods);
    for (const m of r.methods) {
      expect(m.explanations.some((e: string) => /inlined in base, called as helper CORINFO_HELP_ASYNC_/.test(e)), m.method).toBe(true);
    }
  });

  it('r2r mode: every diff is a relocation target only (MethodEntry cell vs Helper cell), sizes equal', () => {
    for (const inlining of [false, true]) {
      const r = run('r2r', inlining);
      expect(r.diffs).toBeGreaterThan(0);
      expect(r.diffBytes).toBe(r.baseBytes);
      expect(Object.keys(r.classes)).toEqual(['relocation target only']);
      for (const m of r.methods) {
        expect(m.explanations.some((e: string) => /MethodEntry import cell.*Helper import cell/.test(e)), m.method).toBe(true);
      }
    }
  });
});
